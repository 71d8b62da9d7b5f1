// Shared steps for the engine tests: submit and confirm a document, code it, wait for the
// step that waits on someone, and read the audit log. Every wait is on a notification (the
// workflow's own events), never on a clock.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { CodingLine, DocumentKind, StageType } from '../../domain';
import type { CommandResult, EditableFields } from '../../workflows/contract';
import type { NotificationEvent, NotificationKind } from '../../workflows/notifications';
import type { Harness } from '../support/engine-harness';
import { setChain, type Seeded } from '../../scripts/lib/seed';

/** The invoice chain several engine tests share: any bookkeeper codes, coord1 agrees, appr1 approves. */
export async function setInvoiceChain(h: Harness, s: Seeded): Promise<void> {
  await setChain(
    h.db,
    s.workspaceId,
    'invoices',
    [
      { type: 'coding', mode: 'any', assignees: [] },
      { type: 'coordinate', mode: 'any', assignees: [s.id.coord1] },
      { type: 'approve', mode: 'any', assignees: [s.id.appr1] },
    ],
    { kind: 'invoice' },
  );
}

/** A fresh idempotency key (a click). */
export const k = (label = 'k'): string => `${label}-${randomUUID()}`;

export interface Doc {
  documentId: string;
  reference: string;
}

/** Waits for the n-th…: the first notification of `kind` for the document that matches. */
export function waitNote(
  h: Harness,
  documentId: string,
  kind: NotificationKind,
  match: Partial<{ recipientId: string; stageIndex: number; type: StageType; round: number; message: string }> = {},
  timeoutMs?: number,
): Promise<NotificationEvent> {
  return h.notifier.waitFor(
    (e) =>
      e.documentId === documentId &&
      e.kind === kind &&
      (match.recipientId === undefined || e.recipientId === match.recipientId) &&
      (match.stageIndex === undefined || e.step?.stageIndex === match.stageIndex) &&
      (match.type === undefined || e.step?.type === match.type) &&
      (match.round === undefined || e.round === match.round) &&
      (match.message === undefined || e.message === match.message),
    timeoutMs,
  );
}

export function notes(h: Harness, documentId: string, kind?: NotificationKind): NotificationEvent[] {
  return h.notifier.find((e) => e.documentId === documentId && (kind === undefined || e.kind === kind));
}

/** Submits a document with fields (no file) and confirms it as its owner. */
export async function submitConfirmed(
  h: Harness,
  s: Seeded,
  opts: { kind?: DocumentKind; submitterId?: string; total?: string; fields?: EditableFields; confirmerId?: string } = {},
): Promise<Doc> {
  const kind = opts.kind ?? 'expense';
  const submitterId = opts.submitterId ?? (kind === 'expense' ? s.id.emp : s.id.book);
  const doc = await h.engine.submit({
    workspaceId: s.workspaceId,
    submitterId,
    kind,
    fields: { totalAmount: opts.total ?? '120.00', currency: 'EUR', supplierName: 'Acme OÜ', ...(opts.fields ?? {}) },
  });
  await waitNote(h, doc.documentId, 'confirm_request');
  const confirmerId = opts.confirmerId ?? (kind === 'expense' ? submitterId : s.id.book);
  const r = await h.engine.confirm(doc.documentId, { actorId: confirmerId, key: k('confirm') });
  expect(r, 'confirm').toMatchObject({ ok: true });
  return { documentId: doc.documentId, reference: doc.reference };
}

export function oneLine(total: string, extra: Partial<CodingLine> = {}): CodingLine[] {
  return [{ account: '6010', vatCode: 'VAT22', costCentre: 'CC1', project: null, amount: total, ...extra }];
}

/** The bookkeeper codes the document and sends it on (the coding step must be open). */
export async function codeAndSend(h: Harness, documentId: string, bookkeeperId: string, total: string): Promise<void> {
  const saved = await h.engine.saveCoding(documentId, { actorId: bookkeeperId, key: k('coding'), lines: oneLine(total) });
  expect(saved, 'save coding').toMatchObject({ ok: true });
  const sent = await h.engine.decide(documentId, { actorId: bookkeeperId, action: 'approve', key: k('send') });
  expect(sent, 'send to approval').toMatchObject({ ok: true });
}

export async function decideOk(h: Harness, documentId: string, actorId: string, action: 'approve' | 'reject' = 'approve', reason?: string): Promise<CommandResult> {
  const r = await h.engine.decide(documentId, { actorId, action, key: k(action), ...(reason ? { reason } : {}) });
  expect(r, `${action} by ${actorId}`).toMatchObject({ ok: true });
  return r;
}

export async function decideRefused(h: Harness, documentId: string, actorId: string, action: 'approve' | 'reject' = 'approve', reason?: string): Promise<string> {
  const r = await h.engine.decide(documentId, { actorId, action, key: k(action), ...(reason ? { reason } : {}) });
  expect(r, `${action} by ${actorId} should be refused`).toMatchObject({ ok: false });
  return (r as { ok: false; reason: string }).reason;
}

export async function audit(h: Harness, documentId: string) {
  return h.db.auditEvent.findMany({ where: { documentId }, orderBy: { id: 'asc' } });
}

export async function actionCounts(h: Harness, documentId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const a of await audit(h, documentId)) counts[a.action] = (counts[a.action] ?? 0) + 1;
  return counts;
}

export async function state(h: Harness, documentId: string) {
  const st = await h.engine.state(documentId);
  expect(st, 'workflow state').not.toBeNull();
  return st!;
}
