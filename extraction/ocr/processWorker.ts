import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The child script beside this file (sources: extraction/ocr/) or, in the bundle
 * (dist/runtime/main.js), the copy scripts/build.ts puts in dist/extraction/ocr/.
 */
function childScript(): string {
  for (const rel of ['./ocr-child.mjs', '../extraction/ocr/ocr-child.mjs']) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(p)) return p;
  }
  throw new Error('extraction/ocr/ocr-child.mjs is missing.');
}

interface Reply {
  id: number;
  result?: unknown;
  error?: string;
  rss: number;
}

/**
 * A tesseract.js worker in a child process. The pool (pool.ts) sees the same three calls as for
 * an in-process worker; `terminate()` kills the process, so everything the OCR engine ever
 * allocated (wasm heap, page copies, malloc arenas) goes back to the system, which ending a
 * worker thread does not guarantee. `residentBytes()` is the child's RSS after its last reply,
 * so the pool can also recycle on memory, not only on a page count.
 */
export class ProcessOcrWorker {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private rss = 0;
  private exited: Promise<void>;
  private stderrTail = '';
  private dead: Error | null = null;

  constructor() {
    this.child = fork(childScript(), [], {
      // Plain node: the child is JavaScript and must not inherit a test runner's or tsx's flags.
      execArgv: [],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.child.stderr?.on('data', (c: Buffer) => (this.stderrTail = (this.stderrTail + c.toString()).slice(-2000)));
    this.child.on('message', (m: Reply) => {
      this.rss = m.rss;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.error !== undefined) p.reject(new Error(m.error));
      else p.resolve(m.result);
    });
    this.exited = new Promise((resolve) => {
      const gone = (why: string) => {
        this.dead ??= new Error(`The OCR process ${why}.${this.stderrTail ? ` ${this.stderrTail.trim().split('\n').pop()}` : ''}`);
        for (const p of this.pending.values()) p.reject(this.dead);
        this.pending.clear();
        resolve();
      };
      this.child.on('exit', (code, sig) => gone(sig ? `was stopped (${sig})` : `exited with code ${code}`));
      this.child.on('error', (err) => gone(`failed: ${err.message}`));
    });
    // An idle child must not keep a CLI or test process alive.
    this.child.unref();
    this.child.channel?.unref();
    (this.child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
  }

  private call<T>(msg: Record<string, unknown>): Promise<T> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      // While a request is outstanding the channel must keep the process alive to get the answer.
      this.child.channel?.ref();
      this.child.send({ ...msg, id }, (err) => {
        if (err) {
          this.pending.delete(id);
          reject(err);
        }
      });
    }).finally(() => {
      if (this.pending.size === 0) this.child.channel?.unref();
    });
  }

  start(langs: string, langPath: string): Promise<void> {
    return this.call({ type: 'start', langs, langPath, oem: 1 /* LSTM only: best_int models */ });
  }

  setParameters(params: Record<string, string>): Promise<never> {
    return this.call({ type: 'setParameters', params });
  }

  recognize(image: Buffer): Promise<never> {
    return this.call<{ text: string; blocks: unknown[] }>({ type: 'recognize', image }).then((data) => ({ data }) as never);
  }

  residentBytes(): number {
    return this.rss;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  async terminate(): Promise<never> {
    // Keep this process alive until the child is really gone (it is unref'd while idle).
    this.child.ref();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
    return undefined as never;
  }
}

/** Matches pool.ts's StartWorker (not imported: pool.ts imports this file). */
export const startProcessWorker = async (langs: string, langPath: string): Promise<ProcessOcrWorker> => {
  const w = new ProcessOcrWorker();
  try {
    await w.start(langs, langPath);
  } catch (err) {
    await w.terminate();
    throw err;
  }
  return w;
};
