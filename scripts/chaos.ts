// Fault run from outside: N expense documents through a two-stage chain, driven as people do in
// Slack (signed requests to the app, fake Slack), with clicks in bursts and double clicks,
// while the worker process, the embedded Temporal server and the embedded PostgreSQL are each
// killed with SIGKILL at random moments. Reports documents lost (not approved in the end),
// decided twice, duplicate notifications, time to recover per fault kind, whether it recovered
// by itself, and clicks left unanswered.
// Usage: npm run chaos -- [documents=200] [--lanes 8] [--faults 9] [--seed 1]
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isAlive } from '../runtime/orphans';
import { startLiveApp, type LiveApp } from './lib/live-app';
import { runExpense, type ClickRecord, type DocumentRun, type FlowOptions } from './lib/live-flow';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const N = Number(args.find((a) => /^\d+$/.test(a)) ?? process.env.CHAOS_DOCS ?? 200);
const LANES = flag('lanes', 8);
const FAULTS = flag('faults', 9);
let seed = flag('seed', Date.now() % 100_000);
const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Kind = 'worker' | 'temporal' | 'postgres';
interface Fault {
  kind: Kind;
  atDoc: number;
  recoveredMs: number | null;
  byItself: boolean;
}

const ROOT = path.resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'countersign-chaos-'));

/** A second process running only the worker, on the first one's PostgreSQL and Temporal. */
function startWorkerProcess(live: LiveApp): { child: ChildProcess; ready: Promise<void> } {
  const env = {
    ...process.env,
    ...live.env,
    COUNTERSIGN_PROCESS: 'worker',
    DATABASE_URL: `postgresql://postgres:countersign@127.0.0.1:${live.env.POSTGRES_PORT}/countersign`,
    TEMPORAL_ADDRESS: `127.0.0.1:${live.env.TEMPORAL_PORT}`,
    PORT: '0',
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'info',
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'runtime/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const ready = new Promise<void>((resolve) => {
    const check = (d: Buffer) => {
      out += d;
      if (out.includes('Countersign ready')) resolve();
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
  });
  return { child, ready };
}

async function waitLog(live: LiveApp, text: string, since: number, ms: number): Promise<number | null> {
  const t = Date.now();
  while (Date.now() - t < ms) {
    if (live.app.output().slice(since).includes(text)) return Date.now() - t;
    await sleep(50);
  }
  return null;
}

async function inject(live: LiveApp, f: Fault, worker: { current: ReturnType<typeof startWorkerProcess> }): Promise<void> {
  const t = Date.now();
  const since = live.app.output().length;
  if (f.kind === 'worker') {
    worker.current.child.kill('SIGKILL');
    // What a process manager (systemd, Docker's restart policy) does; the app's own worker
    // keeps working meanwhile.
    worker.current = startWorkerProcess(live);
    await worker.current.ready;
    f.recoveredMs = Date.now() - t;
    f.byItself = false;
    return;
  }
  const pid = f.kind === 'temporal' ? live.temporalPid() : live.pgPid();
  if (!pid) throw new Error(`no pid for ${f.kind}`);
  process.kill(pid, 'SIGKILL');
  while (isAlive(pid)) await sleep(10);
  const restarted = await waitLog(live, f.kind === 'temporal' ? 'embedded Temporal server restarted' : 'embedded PostgreSQL restarted', since, 60_000);
  f.recoveredMs = restarted === null ? null : Date.now() - t;
  f.byItself = restarted !== null;
}

async function main(): Promise<void> {
  console.log(`chaos: ${N} documents, ${LANES} lanes, ${FAULTS} faults, seed ${seed}, data in ${dataDir}`);
  const live = await startLiveApp(dataDir, {}, LANES);
  const worker = { current: startWorkerProcess(live) };
  await worker.current.ready;
  const kinds: Kind[] = ['worker', 'temporal', 'postgres'];
  const faults: Fault[] = Array.from({ length: FAULTS }, (_, i) => ({ kind: kinds[i % 3]!, atDoc: 0, recoveredMs: null, byItself: false }));
  faults.sort(() => random() - 0.5);
  // Random moments spread over the run: the fault fires when that many documents have begun.
  const moments = faults.map(() => Math.floor(random() * N * 0.9) + 1).sort((a, b) => a - b);
  faults.forEach((f, i) => (f.atDoc = moments[i]!));

  const clicks: ClickRecord[] = [];
  const runs: DocumentRun[] = [];
  let begun = 0;
  let faultChain = Promise.resolve();
  const t0 = Date.now();
  const onBegin = () => {
    begun++;
    for (const f of faults) if (f.atDoc === begun) faultChain = faultChain.then(() => inject(live, f, worker)).catch((err) => console.error('fault failed', err));
  };
  // Clicks in bursts: most clicks go at once, some wait, as a team clearing its queue does.
  const beforeClick = async () => {
    if (random() < 0.3) await sleep(Math.floor(random() * 1500));
  };
  const flow: FlowOptions = { clicks, beforeClick, deadlineMs: 240_000 };
  const lane = async (employee: string) => {
    for (;;) {
      const n = begun + 1;
      if (n > N) return;
      onBegin();
      runs.push(await runExpense(live, n, flow, employee));
    }
  };
  const progress = setInterval(() => {
    const injected = faults.filter((f) => f.atDoc <= begun).map((f) => `${f.kind}${f.recoveredMs === null ? '…' : `:${(f.recoveredMs / 1000).toFixed(1)}s`}`);
    console.log(`  ${((Date.now() - t0) / 1000).toFixed(0)} s: ${begun} begun, ${runs.length} ended (${runs.filter((r) => r.final).length} approved), ${clicks.length} clicks; faults ${injected.join(' ') || 'none yet'}`);
  }, 15_000);
  await Promise.all(live.employees.map(lane));
  await faultChain;
  clearInterval(progress);
  // The app's log, for a look at what happened around the faults.
  writeFileSync(path.join(os.tmpdir(), 'countersign-chaos-app.log'), live.app.output());
  const elapsed = (Date.now() - t0) / 1000;

  // Ground truth from the database: every document of the run, its end state and decisions.
  const docs = await live.db.document.findMany({ where: { workspaceId: live.seed.workspaceId }, select: { id: true, seq: true, status: true } });
  const notApproved = docs.filter((d) => d.status !== 'approved');
  const decisions = await live.db.auditEvent.groupBy({ by: ['documentId', 'actorId', 'action'], where: { workspaceId: live.seed.workspaceId, action: 'approved', actorId: { not: null } }, _count: true });
  const decidedTwice = decisions.filter((d) => d._count > 1);
  const posts = live.fake.calls.filter((c) => c.method === 'chat.postMessage');
  const seen = new Map<string, number>();
  for (const c of posts) {
    const p = c.args as { channel?: string; text?: string; thread_ts?: string; blocks?: unknown };
    if (p.thread_ts) continue; // thread replies (upload answers) are not notifications
    // Text and blocks: "moved to approval" is sent once per stage with the stage in its blocks.
    const key = `${p.channel}\u0000${p.text}\u0000${JSON.stringify(p.blocks ?? null)}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const duplicates = [...seen.values()].filter((v) => v > 1).reduce((a, v) => a + v - 1, 0);
  const dupTexts = [...seen].filter(([, v]) => v > 1).map(([k, v]) => `${v}× ${k.split('\u0000')[1]?.slice(0, 80)}`);
  const unanswered = clicks.filter((c) => !c.answered);

  console.log(`\n${runs.length} documents driven in ${elapsed.toFixed(0)} s (${docs.length} in the database)`);
  console.log(`lost (not approved in the end):   ${notApproved.length}${notApproved.length ? `  ${notApproved.map((d) => `DOC-${d.seq}:${d.status}`).join(' ')}` : ''}`);
  console.log(`flows that failed:                ${runs.filter((r) => !r.final).length}${runs.filter((r) => !r.final).map((r) => `\n  ${r.reference ?? '?'}: ${r.error}`).join('')}`);
  console.log(`uploads repeated after "try again": ${flow.uploadsRepeated ?? 0}`);
  console.log(`decided twice:                    ${decidedTwice.length}`);
  console.log(`duplicate notifications:          ${duplicates}${dupTexts.slice(0, 8).map((t) => `\n  ${t}`).join('')}`);
  console.log(`clicks: ${clicks.length}, during an outage told "try again": ${clicks.filter((c) => c.outage).length}, unanswered: ${unanswered.length}`);
  const said = new Map<string, number>();
  for (const c of clicks) if (c.said) said.set(c.said.slice(0, 90), (said.get(c.said.slice(0, 90)) ?? 0) + 1);
  for (const [text, count] of [...said].sort((a, b) => b[1] - a[1]).slice(0, 6)) console.log(`  ${count}× "${text}"`);
  for (const k of kinds) {
    const fs = faults.filter((f) => f.kind === k);
    const ms = fs.map((f) => f.recoveredMs).filter((x): x is number => x !== null);
    console.log(
      `${k.padEnd(9)} kills ${fs.length}: recovered ${ms.length}/${fs.length}${fs.every((f) => f.byItself) ? ' by itself' : k === 'worker' ? ' (worker process restarted as a process manager would)' : ''}, time to recover ${ms.length ? `${(Math.min(...ms) / 1000).toFixed(1)}–${(Math.max(...ms) / 1000).toFixed(1)} s` : 'never'}`,
    );
  }
  worker.current.child.kill('SIGKILL');
  await live.close();
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 }));
