// One expense document through a live app (live-app.ts) the way people do it in Slack: upload
// in the DM, Submit, the first approver approves, the second approves. Each click is repeated
// when the app answers "try again" (an outage) or nothing changes, as a person would; every
// click's answer is recorded so unanswered clicks can be counted.
import type { FakeMessage } from '../../slack-fake';
import { shareFileAsUser } from '../../slack-fake';
import { buttonsOf, findMessage, press, SLACK, type LiveApp } from './live-app';
import { receiptPdf } from './receipt-pdf';

export interface ClickRecord {
  who: string;
  status: number;
  ms: number;
  /** Something visible came back: the message changed, a modal, or an ephemeral answer. */
  answered: boolean;
  outage: boolean;
}

export interface FlowOptions {
  /** Per attempt: how long to wait for the expected change before clicking again. */
  attemptMs?: number;
  /** Overall: give up on the document after this long. */
  deadlineMs?: number;
  clicks?: ClickRecord[];
  /** Waits before each click (bursts in chaos). */
  beforeClick?: () => Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(check: () => T | undefined, ms: number): Promise<T | undefined> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) return undefined;
    await sleep(50);
  }
}

/** Clicks `actionId` on the message until `done` holds; records each click's answer. */
async function clickUntil(live: LiveApp, who: string, message: () => FakeMessage | undefined, actionId: string, done: () => boolean, o: FlowOptions): Promise<void> {
  const deadline = Date.now() + (o.deadlineMs ?? 120_000);
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`gave up clicking ${actionId} for ${who}`);
    const m = message();
    if (!m || !buttonsOf(m).some((b) => b.actionId === actionId)) {
      await sleep(100);
      continue;
    }
    await o.beforeClick?.();
    const ephemeralsBefore = live.fake.ephemerals(who).length;
    const t = Date.now();
    let status = 0;
    try {
      status = (await press(live, who, m, actionId)).status;
    } catch {
      status = 0; // the app did not answer at all
    }
    const answer = await until(() => {
      if (done()) return 'done';
      const e = live.fake.ephemerals(who).slice(ephemeralsBefore);
      return e.length > 0 ? e.map((x) => x.text).join(' ') : undefined;
    }, o.attemptMs ?? 6_000);
    const outage = typeof answer === 'string' && answer !== 'done' && /not reachable|not answering|try again/i.test(answer);
    o.clicks?.push({ who, status, ms: Date.now() - t, answered: answer !== undefined, outage });
    if (answer !== 'done' && !done()) await sleep(500);
  }
}

export interface DocumentRun {
  reference: string | null;
  documentId: string | null;
  final: boolean;
  error?: string;
}

/** Uploads receipt `n` as the employee and takes it to approved. */
export async function runExpense(live: LiveApp, n: number, o: FlowOptions = {}): Promise<DocumentRun> {
  const emp = SLACK.emp;
  const run: DocumentRun = { reference: null, documentId: null, final: false };
  try {
    const content = await receiptPdf({ supplier: `Chaos Cafe ${n} OU`, number: `C-${n}-${Date.now()}`, total: (10 + (n % 50)).toFixed(2) });
    const { message } = await shareFileAsUser(live.slack, { userId: emp, name: `receipt-${n}.pdf`, content, mimetype: 'application/pdf' });
    // Slack retries an event the app did not acknowledge; the app dedupes on the file id.
    const deadline = Date.now() + (o.deadlineMs ?? 120_000);
    const reply = await until(() => live.fake.messages(emp).find((m) => m.thread_ts === message.ts && /DOC-\d+/.test(m.text)), o.deadlineMs ?? 120_000);
    if (!reply) throw new Error('no reply naming a reference in the upload thread');
    const reference = /DOC-\d+/.exec(reply.text)![0];
    run.reference = reference;
    const isConfirm = (m: FakeMessage) => m.text.startsWith(`${reference}:`) && buttonsOf(m).some((b) => b.actionId === 'doc_confirm');
    const confirm = await until(() => findMessage(live, emp, isConfirm), Math.max(0, deadline - Date.now()));
    if (!confirm) throw new Error(`no confirmation request for ${reference}`);
    const current = (who: string, ts: string) => () => live.fake.message(live.fake.dmChannel(who), ts);
    await clickUntil(live, emp, current(emp, confirm.ts), 'doc_confirm', () => buttonsOf(current(emp, confirm.ts)()).length === 0, o);
    for (const approver of [SLACK.appr1, SLACK.appr2]) {
      const isAsk = (m: FakeMessage) => m.text.startsWith(`${reference}:`) && buttonsOf(m).some((b) => b.actionId === 'step_approve');
      const ask = await until(() => findMessage(live, approver, isAsk), Math.max(0, deadline - Date.now()));
      if (!ask) throw new Error(`no approval request for ${reference} to ${approver}`);
      await clickUntil(live, approver, current(approver, ask.ts), 'step_approve', () => buttonsOf(current(approver, ask.ts)()).length === 0, o);
    }
    const told = await until(() => findMessage(live, emp, (m) => m.text.includes(`${reference} is now approved`)), Math.max(0, deadline - Date.now()));
    run.final = told !== undefined;
    if (!told) run.error = 'the employee was not told of the approval';
  } catch (err) {
    run.error = err instanceof Error ? err.message : String(err);
  }
  return run;
}
