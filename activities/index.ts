// All activities of the document workflow, built from the process's dependencies.
import type { ActivityDeps } from './deps';
import { extractionActivities } from './extraction';
import { fieldActivities } from './fields';
import { notifyActivities } from './notify';
import { policyActivities } from './policy';
import { recordActivities } from './records';
import { routingActivities } from './routing';

export function createActivities(deps: ActivityDeps) {
  return {
    ...policyActivities(deps),
    ...recordActivities(deps),
    ...fieldActivities(deps),
    ...routingActivities(deps),
    ...extractionActivities(deps),
    ...notifyActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
export type { ActivityDeps, DeliveryFailure, Notifier, Extractor } from './deps';
