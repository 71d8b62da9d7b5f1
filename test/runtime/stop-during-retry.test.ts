// Issue 13 #17: the crash on stop after an outage came from a Temporal client call retrying an
// unreachable server: closing its connection while the retry timer was pending made the retry
// throw "Channel has been shut down" as an uncaught exception. Engine.close cancels such calls
// at once; main.ts then leaves the client connection to the process exit (see there).
import { Client, Connection } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { Engine, EngineUnavailableError } from '../../client/engine';
import type { Db } from '../../data/db';

describe('stopping while an engine call retries an unreachable Temporal', () => {
  it('close() ends the call at once with EngineUnavailableError', async () => {
    // Nothing listens on port 1: the gRPC client retries "connection refused" with backoff.
    const connection = Connection.lazy({ address: '127.0.0.1:1' });
    const engine = new Engine({} as Db, new Client({ connection, namespace: 'default' }), 'q', '/tmp', { timeoutMs: 60_000 });
    const call = engine.state('doc_x');
    call.catch(() => undefined);
    // The first attempt has failed and a retry is waiting when the stop comes.
    await new Promise((r) => setTimeout(r, 300));
    const t = Date.now();
    engine.close();
    await expect(call).rejects.toBeInstanceOf(EngineUnavailableError);
    expect(Date.now() - t).toBeLessThan(500);
  });
});
