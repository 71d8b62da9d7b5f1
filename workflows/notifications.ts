// "Who must be told what": the events the document workflow emits through the notify
// activity. The engine records every one; the Slack bot turns them into DMs and in-place
// message updates.
import type { DocumentStatus, StageMode, StageType } from '../domain';

export type NotificationKind =
  /** Fields extracted: the submitter (expense) or bookkeepers (invoice) confirm or correct them. */
  | 'confirm_request'
  /** A step is open and waits for this person (assignee, or their substitute: see onBehalfOf). */
  | 'step_assigned'
  /** A pending step is now also offered to a substitute whose absence period started. */
  | 'step_offered'
  /** An absence period ended: the step is withdrawn from the substitute. */
  | 'step_withdrawn'
  /** A step was decided or closed: messages about it should lose their buttons. */
  | 'step_closed'
  | 'reminder'
  | 'escalation'
  /** To the submitter (and bookkeeper for invoices): the document moved. */
  | 'status_changed'
  /** Nobody can route the document: no chain matches and there is no default chain. */
  | 'no_chain'
  /** A resubmission chose a different chain from the corrected fields (message: 'old → new'). */
  | 'chain_changed'
  /** To administrators, from the delivery loop (not the workflow): someone could not be told about a document. */
  | 'delivery_failed';

export interface NotificationEvent {
  kind: NotificationKind;
  key: string;
  workspaceId: string;
  documentId: string;
  recipientId: string;
  status: DocumentStatus;
  round: number;
  step?: { stageIndex: number; type: StageType; mode: StageMode; assignees: string[]; decided: string[] };
  /** For substitutes: the assignee they are offered the step for. */
  onBehalfOf?: string | null;
  /** Who caused it, and for whom they acted. */
  actorId?: string | null;
  actorOnBehalfOf?: string | null;
  action?: string;
  reason?: string | null;
  message?: string;
  /** delivery_failed: who could not be told, and Slack's reason. */
  failedRecipientId?: string;
  error?: string;
}
