// The bare-Temporal baseline of `npm run bench`: a workflow of the same shape as a document's
// (started, six updates that each run one activity, then it completes) with no database and
// no project code, so the bench can say how close the engine comes to Temporal itself.
import { condition, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';

export const bareStep = defineUpdate<number, [number]>('bareStep');
export const BARE_STEPS = 6;

const { bareTouch } = proxyActivities<{ bareTouch(n: number): Promise<number> }>({ startToCloseTimeout: '30 seconds' });

export async function bareWorkflow(): Promise<void> {
  let done = 0;
  setHandler(bareStep, async (n) => {
    const r = await bareTouch(n);
    done += 1;
    return r;
  });
  await condition(() => done >= BARE_STEPS);
}
