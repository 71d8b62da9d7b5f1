// Everything a message about a document shows, read from the database (the workflow's
// projection and audit log): fields, file, duplicates, coding, and for a step who was asked,
// who decided, on whose behalf and when.
import type { CodingLine, DocumentKind, DocumentStatus, StageDef, StageMode, StageType, VatRateShare } from '../domain';
import { decimalString, documentFields, type DocumentFields } from '../data/mappers';
import { documentReference } from '../client/engine';
import type { BotContext } from './context';

export interface DocInfo extends DocumentFields {
  id: string;
  reference: string;
  kind: DocumentKind;
  status: DocumentStatus;
  round: number;
  submitterId: string;
  fileName: string | null;
  permalink: string | null;
  duplicateOf: string | null;
  extractionError: string | null;
  warnings: string[];
  /** How the fields were read: 'einvoice', 'text' or 'ocr' (null: typed in, or not read yet). */
  readBy: string | null;
  /** Extracted fields below CHECK_BELOW confidence that nobody has changed since: shown as "check". */
  toCheck: string[];
  /** An e-invoice's VAT breakdown per rate ([] otherwise): the coding form offers a line per rate. */
  vatBreakdown: VatRateShare[];
  coding: CodingLine[];
  rejectReason: string | null;
  chainName: string | null;
  stages: StageDef[];
}

export interface Decision {
  actorId: string;
  onBehalfOfId: string | null;
  action: string;
  reason: string | null;
  at: Date;
}

export interface StepInfo {
  round: number;
  stageIndex: number;
  type: StageType;
  mode: StageMode;
  assignees: string[];
  offeredTo: string[];
  status: string;
  openedAt: Date;
  closedAt: Date | null;
  decisions: Decision[];
  /** Open in the database but already complete by its decisions (the workflow closes it a moment later). */
  settled: boolean;
}

/** Below this confidence an extracted field is marked for checking (OCR of a clean scan stays above). */
export const CHECK_BELOW = 0.7;

/** Low-confidence fields a person has not touched yet; only while the fields are being confirmed. */
function fieldsToCheck(status: DocumentStatus, confidence: unknown, changed: { details: unknown }[]): string[] {
  if (status !== 'confirming' || !confidence || typeof confidence !== 'object') return [];
  const touched = new Set(changed.flatMap((e) => Object.keys(((e.details as { changes?: object } | null)?.changes ?? {}) as object)));
  return Object.entries(confidence as Record<string, unknown>)
    .filter(([k, v]) => typeof v === 'number' && v < CHECK_BELOW && !touched.has(k))
    .map(([k]) => k);
}

export async function loadDoc(ctx: BotContext, documentId: string): Promise<DocInfo | null> {
  const d = await ctx.db.document.findUnique({ where: { id: documentId }, include: { codingLines: { orderBy: { position: 'asc' } } } });
  if (!d) return null;
  const [upload, dup, failed, changed] = await Promise.all([
    ctx.db.slackUpload.findUnique({ where: { documentId } }),
    d.duplicateOf ? ctx.db.document.findUnique({ where: { id: d.duplicateOf }, select: { number: true } }) : null,
    ctx.db.auditEvent.findFirst({ where: { documentId, action: 'extraction_failed' }, orderBy: { id: 'desc' } }),
    d.status === 'confirming' ? ctx.db.auditEvent.findMany({ where: { documentId, action: 'fields_changed' }, select: { details: true } }) : [],
  ]);
  const extraction = (d.extraction ?? {}) as { warnings?: unknown; source?: unknown; confidence?: unknown; vatBreakdown?: unknown };
  const snapshot = (d.chainSnapshot ?? null) as { stages?: StageDef[] } | StageDef[] | null;
  const stages = Array.isArray(snapshot) ? snapshot : Array.isArray(snapshot?.stages) ? snapshot.stages : [];
  return {
    id: d.id,
    reference: documentReference(d),
    kind: d.kind,
    status: d.status,
    round: d.round,
    submitterId: d.submitterId,
    ...documentFields(d),
    // Shown as a rate ("24 %", "5.5 %"), not as an amount.
    vatRate: d.vatRate == null ? null : d.vatRate.toString(),
    fileName: upload?.fileName ?? d.fileName,
    permalink: upload?.permalink ?? null,
    duplicateOf: dup ? documentReference(dup) : null,
    extractionError: failed ? String((failed.details as { error?: unknown } | null)?.error ?? 'the file could not be read') : null,
    warnings: Array.isArray(extraction.warnings) ? extraction.warnings.map(String) : [],
    readBy: typeof extraction.source === 'string' ? extraction.source : null,
    toCheck: fieldsToCheck(d.status, extraction.confidence, changed),
    vatBreakdown: Array.isArray(extraction.vatBreakdown) ? (extraction.vatBreakdown as VatRateShare[]) : [],
    coding: d.codingLines.map((l) => ({
      account: l.account,
      vatCode: l.vatCode,
      costCentre: l.costCentre,
      project: l.project,
      amount: decimalString(l.amount) ?? '0.00',
      description: l.description,
    })),
    rejectReason: d.rejectReason,
    chainName: d.chainName,
    stages,
  };
}

const DECISION_ACTIONS = ['approved', 'agreed', 'coded', 'rejected'];

export async function loadStep(ctx: BotContext, documentId: string, round: number, stageIndex: number): Promise<StepInfo | null> {
  const s = await ctx.db.step.findUnique({ where: { documentId_round_stageIndex: { documentId, round, stageIndex } } });
  if (!s) return null;
  const events = await ctx.db.auditEvent.findMany({
    where: { documentId, action: { in: DECISION_ACTIONS }, actorId: { not: null }, at: { gte: s.openedAt, ...(s.closedAt ? { lte: s.closedAt } : {}) } },
    orderBy: { id: 'asc' },
  });
  const decisions: Decision[] = events
    .filter((e) => (e.details as { stageIndex?: unknown } | null)?.stageIndex === stageIndex)
    .map((e) => ({
      actorId: e.actorId!,
      onBehalfOfId: e.onBehalfOfId,
      action: e.action,
      reason: ((e.details as { reason?: unknown } | null)?.reason as string | undefined) ?? null,
      at: e.at,
    }));
  const type = s.type as StageType;
  const mode = s.mode as StageMode;
  const approvals = decisions.filter((d) => d.action !== 'rejected');
  const principals = new Set(approvals.map((d) => d.onBehalfOfId ?? d.actorId));
  const settled =
    decisions.some((d) => d.action === 'rejected') ||
    (approvals.length > 0 && (type === 'coding' || mode === 'any' || s.assignees.every((a) => principals.has(a))));
  return {
    round,
    stageIndex,
    type,
    mode,
    assignees: s.assignees,
    offeredTo: s.offeredTo,
    status: s.status,
    openedAt: s.openedAt,
    closedAt: s.closedAt,
    decisions,
    settled,
  };
}

/** The assignee a substitute is offered the step for (null when the recipient is an assignee). */
export async function principalFor(ctx: BotContext, step: StepInfo, recipientId: string): Promise<string | null> {
  if (step.assignees.includes(recipientId) || !step.offeredTo.includes(recipientId)) return null;
  const now = new Date();
  const sub = await ctx.db.substitution.findFirst({
    where: { workspaceId: ctx.workspaceId, substituteId: recipientId, forUserId: { in: step.assignees }, removedAt: null, startsAt: { lte: now }, endsAt: { gt: now } },
    orderBy: { startsAt: 'asc' },
  });
  return sub?.forUserId ?? null;
}
