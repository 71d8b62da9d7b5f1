// The small typed API through which the bot, the CLI and tests drive documents. Every call
// is a request: the workflow re-checks who asks. Each command carries an idempotency key,
// used as the Temporal update id, so a double click or a Slack retry counts once.
import { createHash, randomUUID } from 'node:crypto';
import {
  Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type WorkflowHandle,
} from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { fieldProblems, firstProblem, isDocumentStatus, normaliseFields, statusOwner, type DocumentKind } from '../domain';
import type { Db } from '../data/db';
import { isUniqueViolation } from '../data/db';
import {
  confirmUpdate,
  decideUpdate,
  documentWorkflowId,
  DOCUMENT_WORKFLOW,
  editFieldsUpdate,
  reassignUpdate,
  rerouteUpdate,
  resubmitUpdate,
  saveCodingUpdate,
  stateQuery,
  withdrawUpdate,
  type CommandResult,
  type ConfirmRequest,
  type DecisionRequest,
  type DocumentInput,
  type DocumentState,
  type EditableFields,
  type EditFieldsRequest,
  type CodingRequest,
  type ReassignRequest,
  type ResubmitRequest,
  type WithdrawRequest,
} from '../workflows/contract';
import { DEFAULT_FANOUT, documentsConcerned, signalInBatches, type ConfigChange, type FanOut, type FanOutOptions, type FanOutReport } from './config-fanout';
import { EngineCalls, EngineUnavailableError, FieldsRejectedError } from './engine-calls';
import { storeFile } from './files';

export { EngineTimeoutError, EngineUnavailableError, FieldsRejectedError } from './engine-calls';

export interface SubmitRequest {
  workspaceId: string;
  submitterId: string;
  kind: DocumentKind;
  /** Where the document came from (e.g. a Slack file id): the same source twice is one document. */
  sourceKey?: string;
  file?: { bytes: Buffer; name: string; mime: string };
  fields?: EditableFields;
}

export interface Submitted {
  documentId: string;
  reference: string;
  created: boolean;
  /**
   * False when the document is stored but Temporal could not be reached to start its workflow:
   * startMissing (run at start and periodically, runtime/reconciler.ts) starts it once the
   * engine is back, so the document is received, not lost.
   */
  started: boolean;
}

export interface EngineOptions {
  /**
   * Bound on every call to Temporal. People wait for the answer in Slack, and without a bound
   * an update waits for a worker for ever and gRPC retries an unreachable server for a long time.
   */
  timeoutMs?: number;
  /** How configuration changes are signalled to open documents (client/config-fanout.ts). */
  fanOut?: FanOutOptions;
  /** History events after which a waiting document continues as new (workflows/contract.ts). */
  historyLimit?: number;
}

/** DOC-<number>: the workspace's gap-free document number (not the global seq). */
export function documentReference(d: { number: number }): string {
  return `DOC-${d.number}`;
}


export class Engine {
  private readonly calls: EngineCalls;

  constructor(
    private readonly db: Db,
    private readonly temporal: Client,
    private readonly taskQueue: string,
    private readonly filesDir: string,
    private readonly opts: EngineOptions = {},
  ) {
    this.calls = new EngineCalls(temporal.connection, opts.timeoutMs ?? 15_000);
  }

  /** Cancels every call under way (shutdown); they end as EngineUnavailableError. */
  close(): void {
    this.calls.cancelAll();
  }

  private get fanOut(): FanOutOptions {
    return this.opts.fanOut ?? DEFAULT_FANOUT;
  }

  /** Stores the document and starts its workflow; throws FieldsRejectedError (nothing stored) for fields that break a rule. */
  async submit(req: SubmitRequest): Promise<Submitted> {
    const fields = checkedFields(req.fields);
    const documentId = req.sourceKey
      ? `doc_${createHash('sha256').update(`${req.workspaceId}\0${req.sourceKey}`).digest('hex').slice(0, 20)}`
      : `doc_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
    const existing = await this.db.document.findUnique({ where: { id: documentId }, select: { number: true } });
    let created = false;
    let number = existing?.number;
    if (!existing) {
      const stored = req.file ? await storeFile(this.filesDir, req.file.bytes) : null;
      try {
        const doc = await this.db.document.create({
          data: {
            id: documentId,
            workspaceId: req.workspaceId,
            kind: req.kind,
            submitterId: req.submitterId,
            createdById: req.submitterId,
            fileName: req.file?.name ?? null,
            fileMime: req.file?.mime ?? null,
            fileSize: stored?.size ?? null,
            fileSha256: stored?.sha256 ?? null,
            fileRef: stored?.ref ?? null,
            ...fields,
          },
        });
        number = doc.number;
        created = true;
        await this.db.auditEvent.create({
          data: {
            idempotencyKey: `${documentId}:created`,
            workspaceId: req.workspaceId,
            documentId,
            actorId: req.submitterId,
            action: 'created',
            toState: 'extracting',
            details: { kind: req.kind, fileName: req.file?.name ?? null },
          },
        });
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        number = (await this.db.document.findUniqueOrThrow({ where: { id: documentId }, select: { number: true } })).number;
      }
    }
    const input: DocumentInput = {
      documentId,
      workspaceId: req.workspaceId,
      kind: req.kind,
      submitterId: req.submitterId,
      skipExtraction: !req.file,
      ...(this.opts.historyLimit ? { historyLimit: this.opts.historyLimit } : {}),
    };
    try {
      await this.startWorkflow(input);
    } catch (err) {
      if (!(err instanceof EngineUnavailableError)) throw err;
      return { documentId, reference: documentReference({ number: number! }), created, started: false };
    }
    return { documentId, reference: documentReference({ number: number! }), created, started: true };
  }

  /**
   * Starts the workflow of every stored document that may not have one (still `extracting`,
   * older than `minAgeMs`): a submit whose start failed during an outage, or an app killed
   * between the row and the start. Starting is idempotent; returns how many were started.
   */
  async startMissing(minAgeMs = 10_000): Promise<number> {
    const rows = await this.db.document.findMany({
      where: { status: 'extracting', createdAt: { lt: new Date(Date.now() - minAgeMs) } },
      select: { id: true, workspaceId: true, kind: true, submitterId: true, fileRef: true },
      take: 500,
    });
    let started = 0;
    for (const r of rows) {
      const kind = r.kind as DocumentKind;
      if (await this.startWorkflow({ documentId: r.id, workspaceId: r.workspaceId, kind, submitterId: r.submitterId, skipExtraction: !r.fileRef })) started++;
    }
    return started;
  }

  /** True when this call started it, false when it existed already (running or closed). */
  private startWorkflow(input: DocumentInput): Promise<boolean> {
    // Starting twice is harmless: the workflow id is derived from the document id.
    return this.calls.run(async () => {
      try {
        // REJECT_DUPLICATE: a decided document's workflow is closed, and the default policy
        // (ALLOW_DUPLICATE) would start it over from extraction on a repeated submit.
        await this.temporal.workflow.start(DOCUMENT_WORKFLOW, {
          taskQueue: this.taskQueue,
          workflowId: documentWorkflowId(input.documentId),
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          args: [input],
        });
        return true;
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        return false;
      }
    });
  }

  decide(documentId: string, req: DecisionRequest): Promise<CommandResult> {
    return this.update(documentId, decideUpdate, req);
  }
  confirm(documentId: string, req: ConfirmRequest): Promise<CommandResult> {
    return this.update(documentId, confirmUpdate, req);
  }
  editFields(documentId: string, req: EditFieldsRequest): Promise<CommandResult> {
    return this.update(documentId, editFieldsUpdate, req);
  }
  saveCoding(documentId: string, req: CodingRequest): Promise<CommandResult> {
    return this.update(documentId, saveCodingUpdate, req);
  }
  withdraw(documentId: string, req: WithdrawRequest): Promise<CommandResult> {
    return this.update(documentId, withdrawUpdate, req);
  }
  resubmit(documentId: string, req: ResubmitRequest): Promise<CommandResult> {
    return this.update(documentId, resubmitUpdate, req);
  }
  reassign(documentId: string, req: ReassignRequest): Promise<CommandResult> {
    return this.update(documentId, reassignUpdate, req);
  }
  reroute(documentId: string, req: { actorId: string; key: string }): Promise<CommandResult> {
    return this.update(documentId, rerouteUpdate, req);
  }

  /**
   * The workflow's view of the document (its final state once it has finished); null when it
   * never ran. A status the workflow does not own (paid: see statusOwner) comes from the
   * database, so this agrees with it.
   */
  async state(documentId: string): Promise<DocumentState | null> {
    const state = await this.calls.run(async () => {
      try {
        return await this.handle(documentId).query(stateQuery);
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return null;
        throw err;
      }
    });
    if (state?.status !== 'approved') return state;
    const row = await this.db.document.findUnique({ where: { id: documentId }, select: { status: true } });
    return row && isDocumentStatus(row.status) && statusOwner(row.status) === 'payments' ? { ...state, status: row.status } : state;
  }

  /** Resolves when the document's workflow completes, with its final status. */
  result(documentId: string): Promise<string> {
    return this.calls.run(() => this.handle(documentId).result(), false);
  }

  /**
   * The configuration changed: the open documents it concerns are told, in bounded batches
   * (client/config-fanout.ts). Resolves once every batch has gone out; never rejects: an
   * unreachable engine shows as `failed` (those documents catch up when they next wake).
   */
  async configChanged(workspaceId: string, change: ConfigChange = { kind: 'all' }): Promise<FanOutReport> {
    return (await this.startConfigFanOut(workspaceId, change)).done;
  }

  /** As configChanged, but returns once the documents are chosen; `done` resolves when all are told. */
  async startConfigFanOut(workspaceId: string, change: ConfigChange): Promise<FanOut> {
    const ids = await documentsConcerned(this.db, workspaceId, change);
    return { documents: ids.length, done: signalInBatches(this.temporal, ids, this.fanOut) };
  }

  private handle(documentId: string): WorkflowHandle {
    return this.temporal.workflow.getHandle(documentWorkflowId(documentId));
  }

  private async update<Req extends { key: string }>(documentId: string, def: UpdateDefinition<CommandResult, [Req]>, req: Req): Promise<CommandResult> {
    return this.calls.run(async () => {
      try {
        return await this.handle(documentId).executeUpdate(def, { args: [req], updateId: req.key });
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return { ok: false, reason: 'This document is closed; nothing more can be done with it.' };
        if (err instanceof WorkflowUpdateFailedError) return { ok: false, reason: err.cause?.message ?? err.message };
        throw err;
      }
    });
  }

}

/** A submission is a draft: each field readable and the fields consistent, none required yet. */
function checkedFields(given: EditableFields | undefined): EditableFields {
  const { fields, problems } = normaliseFields(given ?? {});
  const problem = firstProblem(fieldProblems(fields, problems, { complete: false }));
  if (problem) throw new FieldsRejectedError(problem);
  return fields;
}
