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
  /** The ephemeral answer, if that was the answer. */
  said?: string;
}

export interface FlowOptions {
  /** Per attempt: how long to wait for the expected change before clicking again. */
  attemptMs?: number;
  /** Overall: give up on the document after this long. */
  deadlineMs?: number;
  clicks?: ClickRecord[];
  /** Counts uploads a person had to repeat (told to try again, or no answer). */
  uploadsRepeated?: number;
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
    o.clicks?.push({ who, status, ms: Date.now() - t, answered: answer !== undefined, outage, ...(typeof answer === 'string' && answer !== 'done' ? { said: answer } : {}) });
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
export async function runExpense(live: LiveApp, n: number, o: FlowOptions = {}, emp: string = SLACK.emp): Promise<DocumentRun> {
  const run: DocumentRun = { reference: null, documentId: null, final: false };
  try {
    const content = await receiptPdf({ supplier: `Chaos Cafe ${n} OU`, number: `C-${n}-${Date.now()}`, total: (10 + (n % 50)).toFixed(2) });
    const deadline = Date.now() + (o.deadlineMs ?? 120_000);
    // A person told "try again" (or answered nothing) uploads the file again.
    let reply: FakeMessage | undefined;
    while (!reply) {
      if (Date.now() > deadline) throw new Error('no reply naming a reference in the upload thread');
      const ephemeralsBefore = live.fake.ephemerals(emp).length;
      const { message } = await shareFileAsUser(live.slack, { userId: emp, name: `receipt-${n}.pdf`, content, mimetype: 'application/pdf' }).catch(() => ({ message: null }));
      if (!message) {
        await sleep(1_000);
        continue;
      }
      const seen = await until(() => {
        const r = live.fake.messages(emp).find((m) => m.thread_ts === message.ts && /DOC-\d+/.test(m.text));
        if (r) return r;
        const told = live.fake.ephemerals(emp).slice(ephemeralsBefore).length > 0 || live.fake.messages(emp).some((m) => m.thread_ts === message.ts && /⚠️/.test(m.text));
        return told ? ('again' as const) : undefined;
      }, 30_000);
      if (seen && seen !== 'again') reply = seen;
      else {
        o.uploadsRepeated = (o.uploadsRepeated ?? 0) + 1;
        await sleep(1_000);
      }
    }
    const reference = /DOC-\d+/.exec(reply.text)![0];
    run.reference = reference;
    const isConfirm = (m: FakeMessage) => m.text.startsWith(`${reference}:`) && buttonsOf(m).some((b) => b.actionId === 'doc_confirm');
    const confirm = await until(() => findMessage(live, emp, isConfirm), Math.max(0, deadline - Date.now()));
    if (!confirm) throw new Error(`no confirmation request for ${reference}`);
    const current = (who: string, ts: string) => () => live.fake.message(live.fake.dmChannel(who), ts);
    const isAsk = (m: FakeMessage) => m.text.startsWith(`${reference}:`) && buttonsOf(m).some((b) => b.actionId === 'step_approve');
    const asked = (who: string) => () => findMessage(live, who, isAsk) !== undefined;
    const approved = () => findMessage(live, emp, (m) => m.text.includes(`${reference} is now approved`)) !== undefined;
    // Done when the message lost its buttons, or when the document visibly moved on (a person
    // who sees the next step does not click again, even if this message was not refreshed).
    const gone = (who: string, ts: string) => buttonsOf(current(who, ts)()).every((b) => b.actionId !== 'doc_confirm' && b.actionId !== 'step_approve');
    await clickUntil(live, emp, current(emp, confirm.ts), 'doc_confirm', () => gone(emp, confirm.ts) || asked(SLACK.appr1)() || approved(), o);
    for (const [i, approver] of [SLACK.appr1, SLACK.appr2].entries()) {
      const ask = await until(() => findMessage(live, approver, isAsk) ?? (approved() ? null : undefined), Math.max(0, deadline - Date.now()));
      if (ask === undefined) throw new Error(`no approval request for ${reference} to ${approver}`);
      if (ask === null) break;
      const next = i === 0 ? asked(SLACK.appr2) : approved;
      await clickUntil(live, approver, current(approver, ask.ts), 'step_approve', () => gone(approver, ask.ts) || next() || approved(), o);
    }
    const told = await until(() => findMessage(live, emp, (m) => m.text.includes(`${reference} is now approved`)), Math.max(0, deadline - Date.now()));
    run.final = told !== undefined;
    if (!told) run.error = 'the employee was not told of the approval';
  } catch (err) {
    run.error = err instanceof Error ? err.message : String(err);
  }
  return run;
}
