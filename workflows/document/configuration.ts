// Keeping an open document current with its workspace's configuration: substitutes who gain
// or lose the open step, the policy read again (after a signal or, patched, at each wake-up),
// and bookkeepers who come and go.
import { patched } from '@temporalio/workflow';
import { acts } from './activities';
import { CURRENT_CONFIG, DocumentState } from './state';

export class DocumentConfiguration extends DocumentState {
  /** Re-offers the open step after a change of substitutes; tells who gained or lost it. */
  async refreshOffers(): Promise<void> {
    const step = this.openStep;
    if (!step) return;
    const before = step.offeredTo;
    const after = this.offersFor(step);
    if (before.join() === after.join()) return;
    step.offeredTo = after;
    await this.syncStep();
    const now = Date.now();
    for (const sub of after.filter((u) => !before.includes(u))) await this.notify('step_offered', [sub], { onBehalfOf: this.principalOf(step, sub, now) });
    await this.notify('step_withdrawn', before.filter((u) => !after.includes(u)));
  }
  /**
   * The configuration as it is now: after a configChanged signal, and (patched, `always`)
   * when a step opens and on every wake-up of a waiting step, so a lost signal is repaired
   * at the next timer. A change of
   * bookkeepers reaches the open coding step or the confirmation that waits on them.
   */
  async reloadPolicyIfChanged(always = false): Promise<void> {
    const current = always && patched(CURRENT_CONFIG);
    if (!this.configDirty && !current) return;
    this.configDirty = false;
    const before = this.policy;
    this.policy = await acts.loadPolicy(this.workspaceId);
    if (patched(CURRENT_CONFIG)) await this.refreshOwners(before.bookkeepers);
  }

  /** New bookkeepers are asked for what waits on bookkeepers; removed ones lose it. */
  async refreshOwners(before: string[]): Promise<void> {
    const now = this.policy.bookkeepers;
    const added = now.filter((u) => !before.includes(u));
    const removed = before.filter((u) => !now.includes(u));
    if (added.length === 0 && removed.length === 0) return;
    const step = this.openStep;
    if (step && step.type === 'coding' && step.assignees.length === 0) {
      await this.notify('step_assigned', added);
      await this.notify('step_withdrawn', removed);
    } else if (this.kind === 'invoice' && this.status === 'confirming' && !this.confirmed) {
      await this.notify('confirm_request', added);
    }
  }
}
