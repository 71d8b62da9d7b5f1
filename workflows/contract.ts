// The document workflow's public surface: input, updates (decisions and edits, each with an
// idempotency key used as the Temporal update id), signals and queries. Shared by the
// workflow, the engine client, the bot and tests.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CodingLine, DocumentKind, DocumentStatus, EngineSettings, StageDef, Substitution } from '../domain';
import type { EditableFields } from '../domain/fields';

export const DOCUMENT_WORKFLOW = 'documentWorkflow';

export function documentWorkflowId(documentId: string): string {
  return `document-${documentId}`;
}

export interface DocumentInput {
  documentId: string;
  workspaceId: string;
  kind: DocumentKind;
  submitterId: string;
  /** Skip extraction (no file, or fields given by the caller). */
  skipExtraction?: boolean;
  /** History events after which a waiting step continues as new (default DEFAULT_HISTORY_LIMIT). */
  historyLimit?: number;
  /** Set by continue-as-new: the waiting step this run takes over. */
  resume?: ResumeState;
}

/** A document's history stays bounded: a step that has waited this long continues as a new run. */
export const DEFAULT_HISTORY_LIMIT = 2_000;

/** What a run carries into the next when a waiting step continues as new. */
export interface ResumeState {
  status: DocumentStatus;
  round: number;
  chainName: string | null;
  stages: StageDef[];
  openStep: OpenStepView;
  rejectReason: string | null;
  codingLines: CodingLine[];
  totalAmount: string | null;
  involved: string[];
  eventSeq: number;
  /** Answers already given, so a repeated key is answered the same in the new run. */
  answered: [string, CommandResult][];
  policy: { settings: EngineSettings; substitutions: Substitution[]; admins: string[]; bookkeepers: string[] };
  /** A configuration signal arrived that the run before had not acted on yet. */
  configDirty: boolean;
  /** The waiting step's own progress. */
  openedAt: number;
  reminded: boolean;
  escalated: boolean;
  /** Runs so far (for the figures of a long wait). */
  runs: number;
}

/** Fields a person may confirm or correct: defined with their rules in domain/fields.ts. */
export type { EditableFields } from '../domain/fields';

interface Keyed {
  /** Who asks (internal user id); re-checked in the workflow against roles and assignees. */
  actorId: string;
  /** Idempotency key: the same key twice gives one effect and the same answer. */
  key: string;
}

export interface DecisionRequest extends Keyed {
  action: 'approve' | 'reject';
  reason?: string;
  /** The step the person saw (round and stage): a click on an old message is refused. */
  round?: number;
  stageIndex?: number;
}
export interface ConfirmRequest extends Keyed {
  fields?: EditableFields;
  kind?: DocumentKind;
}
export interface EditFieldsRequest extends Keyed {
  fields: EditableFields;
}
export interface CodingRequest extends Keyed {
  lines: CodingLine[];
}
export interface WithdrawRequest extends Keyed {
  reason?: string;
}
export interface ResubmitRequest extends Keyed {
  fields?: EditableFields;
}
export interface ReassignRequest extends Keyed {
  stageIndex: number;
  fromUserId: string;
  toUserId: string;
}

export type CommandResult =
  | { ok: true; status: DocumentStatus; message: string; onBehalfOf?: string | null }
  | { ok: false; reason: string };

export const decideUpdate = defineUpdate<CommandResult, [DecisionRequest]>('decide');
export const confirmUpdate = defineUpdate<CommandResult, [ConfirmRequest]>('confirm');
export const editFieldsUpdate = defineUpdate<CommandResult, [EditFieldsRequest]>('editFields');
export const saveCodingUpdate = defineUpdate<CommandResult, [CodingRequest]>('saveCoding');
export const withdrawUpdate = defineUpdate<CommandResult, [WithdrawRequest]>('withdraw');
export const resubmitUpdate = defineUpdate<CommandResult, [ResubmitRequest]>('resubmit');
export const reassignUpdate = defineUpdate<CommandResult, [ReassignRequest]>('reassign');
export const rerouteUpdate = defineUpdate<CommandResult, [Keyed]>('reroute');

/**
 * Substitutions, roles or settings changed: the workflow reloads them and re-offers open
 * steps. An optimisation only: decisions read the substitutions themselves, and a waiting
 * step reads the configuration when it wakes, at the latest every CONFIG_POLL_MS.
 */
export const configChangedSignal = defineSignal('configChanged');

/** How long a waiting step sleeps at most before it reads the configuration again. */
export const CONFIG_POLL_MS = 12 * 60 * 60 * 1000;

export interface OpenStepView {
  round: number;
  stageIndex: number;
  type: StageDef['type'];
  mode: StageDef['mode'];
  assignees: string[];
  decided: string[];
  /** Assignees' active substitutes, who are offered the step too. */
  offeredTo: string[];
  openedAt: number;
}

export interface DocumentState {
  documentId: string;
  status: DocumentStatus;
  kind: DocumentKind;
  submitterId: string;
  round: number;
  chainName: string | null;
  stages: StageDef[];
  openStep: OpenStepView | null;
  rejectReason: string | null;
}

export const stateQuery = defineQuery<DocumentState>('state');
