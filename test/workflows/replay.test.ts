// Workflow versioning: the recorded histories of representative documents (see
// scripts/record-histories.ts) must replay against the current workflow code. A change that
// would break documents already in flight (a new, removed or reordered activity, timer or
// search-attribute upsert outside a `patched()` branch) fails here as nondeterminism.
//
// Re-record only on purpose (the old histories are what running documents look like). A
// `patched()` change keeps the old histories and adds the new code's own in a folder named
// after the patch:
//   npx tsx scripts/record-histories.ts test/fixtures/histories/<patch-id>
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Runtime, Worker } from '@temporalio/worker';
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { PROJECT_ROOT } from '../../runtime/paths';

const DIR = path.join(PROJECT_ROOT, 'test', 'fixtures', 'histories');
type History = temporal.api.history.v1.IHistory;

/** Histories are saved with JSON.stringify of the proto message; fromObject reads them back. */
function load(file: string): History {
  return temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(path.join(DIR, file), 'utf8')));
}

/** The patch ids recorded as markers in a history (what `patched()` saw when it ran). */
function patchMarkers(file: string): string {
  return load(file)
    .events!.flatMap((e) => {
      const m = e.markerRecordedEventAttributes;
      return m ? Object.values(m.details ?? {}).flatMap((p) => (p.payloads ?? []).map((x) => Buffer.from(x.data ?? []).toString('utf8'))) : [];
    })
    .join();
}

function workflowIdOf(h: History): string {
  // The first event starts the workflow; its id is not in the history, so name it by file.
  const type = h.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name;
  expect(type).toBe('documentWorkflow');
  return 'replayed';
}

async function replay(histories: { name: string; history: History }[]) {
  const results: { name: string; error?: Error }[] = [];
  const options = { workflowBundle: { codePath: inject('workflowBundlePath') } };
  const byId = new Map(histories.map((h, i) => [`${h.name}#${i}`, h.name]));
  const iterable = histories.map((h, i) => ({ workflowId: `${h.name}#${i}`, history: h.history }));
  for await (const r of Worker.runReplayHistories(options, iterable)) results.push({ name: byId.get(r.workflowId)!, error: r.error });
  return results;
}

const SCENARIOS = ['full-approve.json', 'reassign-timers.json', 'reject-resubmit-approve.json', 'substitute.json', 'withdraw.json'];
/** Histories recorded after a patch, one folder per patch id, each with every scenario. */
const PATCHES = ['confirm-checks-fields', 'one-person-one-vote', 'current-config', 'one-commit-per-transition'];
/** Patches a folder's histories went through in some scenarios only (a resubmission chooses the chain again). */
const PARTIAL_PATCHES: Record<string, Record<string, string[]>> = {
  'one-person-one-vote': { 'resubmit-rechooses-chain': ['reject-resubmit-approve.json'] },
};
const files = readdirSync(DIR, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.json'))
  .sort();

beforeAll(() => {
  try {
    Runtime.install({ logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} } as never });
  } catch {
    // already installed in this process
  }
});

describe('replay of recorded document histories', () => {
  it('has the representative scenarios recorded', () => {
    expect(files).toEqual([...PATCHES.flatMap((p) => SCENARIOS.map((f) => path.join(p, f))), ...SCENARIOS].sort());
    for (const f of files) {
      const h = load(f);
      workflowIdOf(h);
      const last = h.events!.at(-1)!;
      expect(last.eventType, f).toBe(temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    }
    // The reassign scenario went through the patched branch: its marker is in the history.
    expect(patchMarkers('reassign-timers.json')).toContain('reassign-checks-target');
    // Each patch's histories went through its branch; the older ones did not.
    for (const p of PATCHES) {
      for (const f of SCENARIOS) {
        expect(patchMarkers(path.join(p, f)), `${p}/${f}`).toContain(p);
        expect(patchMarkers(f), f).not.toContain(p);
      }
    }
    for (const [folder, patches] of Object.entries(PARTIAL_PATCHES)) {
      for (const [p, through] of Object.entries(patches)) {
        for (const f of SCENARIOS) {
          expect(patchMarkers(path.join(folder, f)).includes(p), `${folder}/${f}: ${p}`).toBe(through.includes(f));
          expect(patchMarkers(f), f).not.toContain(p);
        }
      }
    }
  });

  it('every recorded history replays against the current workflow code', async () => {
    const results = await replay(files.map((f) => ({ name: f, history: load(f) })));
    expect(results.map((r) => r.name)).toEqual(files);
    for (const r of results) expect(r.error, `${r.name}: ${r.error?.message}`).toBeUndefined();
  });

  it('detects nondeterminism (control: a history whose recorded commands differ from the code)', async () => {
    const history = load('withdraw.json');
    // Pretend an older version scheduled a different activity first.
    const scheduled = history.events!.find((e) => e.activityTaskScheduledEventAttributes)!;
    expect(scheduled.activityTaskScheduledEventAttributes!.activityType!.name).toBe('loadPolicy');
    scheduled.activityTaskScheduledEventAttributes!.activityType!.name = 'loadPolicyFromAnOlderVersion';
    const [result] = await replay([{ name: 'doctored', history }]);
    expect(result?.error).toBeInstanceOf(DeterminismViolationError);
  });
});
