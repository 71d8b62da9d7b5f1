// The document workflow's activities kept in memory, for the fast layer: people, substitutes,
// settings and the chain are plain fields a test sets; events, steps and notifications are
// recorded in arrays a test reads or waits on. No database, no Slack.
import type { Activities } from '../../../activities';
import type { EventRecord, StepRecord } from '../../../activities/records';
import { DEFAULT_SETTINGS, normaliseFields, type Actor, type EditableFields, type EngineSettings, type Role, type StageDef, type Substitution } from '../../../domain';
import type { NotificationEvent } from '../../../workflows/notifications';
import { RecordingNotifier } from '../../support/recording-notifier';

type UsedActivities = Pick<
  Activities,
  'loadPolicy' | 'loadActor' | 'loadDecider' | 'recordEvent' | 'recordStep' | 'commit' | 'snapshotChain' | 'saveFields' | 'saveCoding' | 'loadDocumentTotals' | 'runExtraction' | 'notify'
>;

export class MemoryWorld {
  readonly users = new Map<string, Actor>();
  substitutions: Substitution[] = [];
  settings: EngineSettings = { ...DEFAULT_SETTINGS };
  stages: StageDef[] = [];
  /** While set, loadPolicy waits for it: the window before the workflow's first await ends. */
  policyGate: Promise<void> | null = null;
  readonly fields = new Map<string, EditableFields>();
  readonly events: EventRecord[] = [];
  readonly steps: StepRecord[] = [];
  private readonly notifier = new RecordingNotifier();

  person(userId: string, ...roles: Role[]): string {
    this.users.set(userId, { userId, roles, codingRight: false });
    return userId;
  }

  /** The first notification that matches, now or when it comes (a wait on the workflow's own events, never on a clock). */
  note(pred: (e: NotificationEvent) => boolean, timeoutMs = 20_000): Promise<NotificationEvent> {
    return this.notifier.waitFor(pred, timeoutMs);
  }
  get notes(): NotificationEvent[] {
    return this.notifier.events;
  }

  actions(documentId: string): string[] {
    return this.events.filter((e) => e.documentId === documentId).map((e) => e.action);
  }

  activities(): UsedActivities {
    return {
      loadPolicy: async () => {
        await this.policyGate;
        return this.policy();
      },
      loadActor: async ({ userId }) => this.users.get(userId) ?? null,
      loadDecider: async ({ userId }) => ({ actor: this.users.get(userId) ?? null, substitutions: this.substitutions }),
      recordEvent: async (e) => {
        if (!this.events.some((x) => x.key === e.key)) this.events.push(e);
      },
      recordStep: async (s) => {
        this.steps.push(s);
      },
      commit: async ({ events, steps, notifications }) => {
        for (const e of events) if (!this.events.some((x) => x.key === e.key)) this.events.push(e);
        this.steps.push(...steps);
        for (const e of notifications) await this.notifier.deliver(e);
      },
      snapshotChain: async () => (this.stages.length > 0 ? { chainName: 'memory', stages: this.stages } : null),
      saveFields: async ({ documentId, fields }) => {
        const { fields: normalised, problems } = normaliseFields(fields);
        const problem = Object.values(problems)[0];
        if (problem) return { ok: false, reason: problem };
        const merged = { ...this.fields.get(documentId), ...normalised };
        this.fields.set(documentId, merged);
        return { ok: true, totalAmount: merged.totalAmount ?? null };
      },
      saveCoding: async () => ({ ok: true as const }),
      loadDocumentTotals: async ({ documentId }) => ({ totalAmount: this.fields.get(documentId)?.totalAmount ?? null }),
      runExtraction: async ({ documentId }) => ({ totalAmount: this.fields.get(documentId)?.totalAmount ?? null, duplicateOf: null, warnings: [] }),
      notify: async (events) => {
        for (const e of events) await this.notifier.deliver(e);
      },
    };
  }

  private policy() {
    return { settings: this.settings, substitutions: this.substitutions, admins: this.withRole('admin'), bookkeepers: this.withRole('bookkeeper') };
  }

  private withRole(role: Role): string[] {
    return [...this.users.values()].filter((u) => u.roles.includes(role)).map((u) => u.userId).sort();
  }
}
