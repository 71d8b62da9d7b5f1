// Modals (a stack per user, at most 3 deep as in Slack), App Home tabs (one per user) and
// the trigger_ids that allow opening modals. Slack semantics kept on purpose:
//  - a trigger_id is single-use and expires 3 s after the interaction that produced it;
//  - views.update may carry the hash it last saw, and loses against a newer update;
//  - a view_submission ack closes, updates, pushes, clears or shows errors.
import { withGeneratedIds } from './block-ids';
import type { SlackIds } from './ids';
import type { Block, FakeView, Json } from './types';

export const MAX_MODAL_STACK = 3;

interface Trigger {
  user: string;
  issuedAt: number;
  used: boolean;
}

export type TriggerCheck = { ok: true; user: string } | { ok: false; error: string };

export class ViewState {
  private readonly stacks = new Map<string, FakeView[]>();
  private readonly homes = new Map<string, FakeView>();
  private readonly triggers = new Map<string, Trigger>();

  constructor(
    private readonly ids: SlackIds,
    private readonly meta: { teamId: string; appId: string; botId: string },
    /** How long a trigger_id stays valid; Slack's is 3 s. */
    private readonly triggerTtlMs: number,
    private readonly emit: (change: { kind: 'view.opened' | 'view.updated' | 'view.closed' | 'home.published'; user: string; viewId: string }) => void,
  ) {}

  clear(): void {
    this.stacks.clear();
    this.homes.clear();
    this.triggers.clear();
  }

  /** Called by the simulators for every interaction that carries a trigger_id. */
  issueTrigger(user: string): string {
    const id = this.ids.trigger();
    this.triggers.set(id, { user, issuedAt: Date.now(), used: false });
    return id;
  }

  /**
   * Triggers the simulators issued are checked for expiry and reuse. Any other non-empty
   * trigger is accepted (owner unknown, ''): tests may call views.open with made-up triggers.
   */
  useTrigger(triggerId: unknown): TriggerCheck {
    if (typeof triggerId !== 'string' || triggerId === '') return { ok: false, error: 'invalid_trigger_id' };
    const trigger = this.triggers.get(triggerId);
    if (!trigger) return { ok: true, user: '' };
    if (trigger.used) return { ok: false, error: 'exchanged_trigger_id' };
    if (Date.now() - trigger.issuedAt > this.triggerTtlMs) return { ok: false, error: 'expired_trigger_id' };
    trigger.used = true;
    return { ok: true, user: trigger.user };
  }

  stack(user: string): FakeView[] {
    return this.stacks.get(user) ?? [];
  }

  top(user: string): FakeView | undefined {
    return this.stack(user).at(-1);
  }

  home(user: string): FakeView | undefined {
    return this.homes.get(user);
  }

  find(ref: { view_id?: unknown; external_id?: unknown }): FakeView | undefined {
    const all = [...[...this.stacks.values()].flat(), ...this.homes.values()];
    if (typeof ref.view_id === 'string' && ref.view_id) return all.find((v) => v.id === ref.view_id);
    if (typeof ref.external_id === 'string' && ref.external_id) return all.find((v) => v.external_id === ref.external_id);
    return undefined;
  }

  /** views.open: a new root modal (replaces whatever stack the user had). */
  open(user: string, input: Json): FakeView {
    const view = this.build(user, input, undefined, null);
    view.root_view_id = view.id;
    this.stacks.set(user, [view]);
    this.emit({ kind: 'view.opened', user, viewId: view.id });
    return view;
  }

  push(user: string, input: Json): FakeView | 'push_limit_reached' {
    const stack = this.stack(user);
    if (stack.length >= MAX_MODAL_STACK) return 'push_limit_reached';
    if (stack.length === 0) return this.open(user, input);
    const previous = stack.at(-1);
    const view = this.build(user, input, undefined, previous?.id ?? null);
    view.root_view_id = stack[0]?.id ?? view.id;
    stack.push(view);
    this.emit({ kind: 'view.opened', user, viewId: view.id });
    return view;
  }

  update(ref: { view_id?: unknown; external_id?: unknown; hash?: unknown }, input: Json): FakeView | 'not_found' | 'hash_conflict' {
    const current = this.find(ref);
    if (!current) return 'not_found';
    if (typeof ref.hash === 'string' && ref.hash !== '' && ref.hash !== current.hash) return 'hash_conflict';
    const next = this.build(current.user_id, input, current.id, current.previous_view_id);
    next.root_view_id = current.root_view_id;
    this.replace(current, next);
    return next;
  }

  publish(user: string, input: Json, hash?: unknown): FakeView | 'hash_conflict' {
    const current = this.homes.get(user);
    if (current && typeof hash === 'string' && hash !== '' && hash !== current.hash) return 'hash_conflict';
    const view = this.build(user, input, current?.id, null);
    this.homes.set(user, view);
    this.emit({ kind: 'home.published', user, viewId: view.id });
    return view;
  }

  /** The user dismissed the top modal (Cancel / ×). */
  closeTop(user: string): FakeView | undefined {
    const view = this.stack(user).pop();
    if (view) this.emit({ kind: 'view.closed', user, viewId: view.id });
    return view;
  }

  clearStack(user: string): void {
    for (const view of this.stack(user)) this.emit({ kind: 'view.closed', user, viewId: view.id });
    this.stacks.delete(user);
  }

  /**
   * What Slack does with the app's answer to a view_submission (the ack body):
   * nothing → the submitted view closes; errors → it stays with the messages shown;
   * update → replaced; push → a new view on top; clear → the whole stack closes.
   */
  applySubmissionAck(user: string, viewId: string, ack: Json | undefined): { outcome: string; errors?: Record<string, string> } {
    const action = ack?.response_action;
    const submitted = this.stack(user).find((v) => v.id === viewId);
    if (action === 'errors') {
      const errors = (ack?.errors ?? {}) as Record<string, string>;
      if (submitted) submitted.errors = errors;
      return { outcome: 'errors', errors };
    }
    if (action === 'update' && submitted) {
      this.update({ view_id: viewId }, (ack?.view ?? {}) as Json);
      return { outcome: 'updated' };
    }
    if (action === 'push') {
      this.push(user, (ack?.view ?? {}) as Json);
      return { outcome: 'pushed' };
    }
    if (action === 'clear') {
      this.clearStack(user);
      return { outcome: 'cleared' };
    }
    const stack = this.stack(user);
    const index = stack.findIndex((v) => v.id === viewId);
    if (index >= 0) {
      const [closed] = stack.splice(index, 1);
      if (closed) this.emit({ kind: 'view.closed', user, viewId: closed.id });
    }
    return { outcome: 'closed' };
  }

  private replace(current: FakeView, next: FakeView): void {
    if (current.type === 'home') {
      this.homes.set(current.user_id, next);
      this.emit({ kind: 'home.published', user: current.user_id, viewId: next.id });
      return;
    }
    const stack = this.stack(current.user_id);
    const index = stack.indexOf(current);
    if (index >= 0) stack[index] = next;
    this.emit({ kind: 'view.updated', user: current.user_id, viewId: next.id });
  }

  private build(user: string, input: Json, id: string | undefined, previous: string | null): FakeView {
    const str = (v: unknown): string => (typeof v === 'string' ? v : '');
    return {
      id: id ?? this.ids.next('V'),
      team_id: this.meta.teamId,
      type: input.type === 'home' ? 'home' : 'modal',
      callback_id: str(input.callback_id),
      private_metadata: str(input.private_metadata),
      external_id: str(input.external_id),
      ...(input.title !== undefined ? { title: input.title as Json } : {}),
      ...(input.submit !== undefined ? { submit: input.submit as Json } : {}),
      ...(input.close !== undefined ? { close: input.close as Json } : {}),
      blocks: withGeneratedIds((Array.isArray(input.blocks) ? input.blocks : []) as Block[], () => this.ids.short()),
      notify_on_close: input.notify_on_close === true,
      clear_on_close: input.clear_on_close === true,
      state: { values: {} },
      hash: `${Math.floor(Date.now() / 1000)}.${this.ids.secret()}`,
      root_view_id: null,
      previous_view_id: previous,
      app_id: this.meta.appId,
      bot_id: this.meta.botId,
      user_id: user,
    };
  }
}
