// After a `kill -9` of the parent, children (postgres, temporal) keep running and hold their
// ports and files. A pid file per child lets the next start find and stop such an orphan.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readPid(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').split('\n')[0] ?? '', 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export function writePid(file: string, pid: number): void {
  writeFileSync(file, `${pid}\n`);
}

/** Stops a leftover process named in `file` (signal, then SIGKILL after `graceMs`). */
export async function stopOrphan(file: string, signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<boolean> {
  const pid = readPid(file);
  const stopped = pid !== null && pid !== process.pid && (await stopProcess(pid, signal, graceMs));
  rmSync(file, { force: true });
  return stopped;
}

/**
 * Stops `pid` (signal, then SIGKILL after `graceMs`) and waits until it is gone; false when it
 * was gone already. Polls the pid rather than waiting for an exit event, which has already
 * fired when the process got the terminal's Ctrl-C itself.
 */
export async function stopProcess(pid: number, signal: NodeJS.Signals, graceMs = 10_000): Promise<boolean> {
  if (!isAlive(pid)) return false;
  process.kill(pid, signal);
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  return true;
}
