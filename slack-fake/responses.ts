// What Slack does with a message sent to a response_url (Bolt's respond()) or returned in
// the ack of a slash command. Block Kit rules: `delete_original` removes the message the
// interaction came from, `replace_original` edits it in place, `response_type: in_channel`
// posts a visible message, anything else is an ephemeral shown only to the user.
import { validateMessageBlocks } from './block-kit-limits';
import type { ConversationState } from './conversation-state';
import type { SlackIds } from './ids';
import type { Block, Json, ResponseUrlTarget } from './types';

const truthy = (v: unknown): boolean => v === true || v === 'true';

export type ResponseOutcome =
  | { ok: true; action: 'deleted' | 'replaced' | 'posted' | 'ephemeral' | 'none' }
  | { ok: false; status: number; error: string; messages?: string[] };

/** response_urls issued with the payloads the simulators send. */
export class ResponseUrls {
  private readonly targets = new Map<string, ResponseUrlTarget>();

  constructor(private readonly ids: SlackIds) {}

  issue(baseUrl: string, target: ResponseUrlTarget): string {
    const id = this.ids.secret();
    this.targets.set(id, target);
    return `${baseUrl}/response/${id}`;
  }

  get(id: string): ResponseUrlTarget | undefined {
    return this.targets.get(id);
  }

  clear(): void {
    this.targets.clear();
  }
}

export function applyResponse(state: ConversationState, target: ResponseUrlTarget, body: Json): ResponseOutcome {
  const blocks = Array.isArray(body.blocks) ? (body.blocks as Block[]) : undefined;
  if (blocks) {
    const errors = validateMessageBlocks(blocks);
    if (errors.length > 0) return { ok: false, status: 400, error: 'invalid_blocks', messages: errors };
  }
  const text = typeof body.text === 'string' ? body.text : undefined;
  if (truthy(body.delete_original)) {
    if (!target.messageTs) return { ok: false, status: 404, error: 'message_not_found' };
    const deleted = target.isEphemeral ? state.deleteEphemeral(target.messageTs) : state.delete(target.channel, target.messageTs);
    return deleted ? { ok: true, action: 'deleted' } : { ok: false, status: 404, error: 'message_not_found' };
  }
  if (truthy(body.replace_original)) {
    if (!target.messageTs) return { ok: false, status: 404, error: 'message_not_found' };
    const patch = { text: text ?? '', blocks: blocks ?? [] };
    const replaced = target.isEphemeral ? state.replaceEphemeral(target.messageTs, patch) : state.update(target.channel, target.messageTs, patch);
    return replaced ? { ok: true, action: 'replaced' } : { ok: false, status: 404, error: 'message_not_found' };
  }
  if (text === undefined && blocks === undefined) return { ok: false, status: 400, error: 'no_text' };
  if (body.response_type === 'in_channel') {
    state.post({ channel: target.channel, user: state.config.botUserId, text, blocks, thread_ts: typeof body.thread_ts === 'string' ? body.thread_ts : undefined });
    return { ok: true, action: 'posted' };
  }
  state.postEphemeral({ channel: target.channel, user: target.user, text: text ?? '', blocks, source: 'response_url' });
  return { ok: true, action: 'ephemeral' };
}

/** A slash command's ack body (`ack('text')` / `ack({blocks})`) is shown like a response. */
export function applyCommandAck(state: ConversationState, target: ResponseUrlTarget, ack: unknown): ResponseOutcome {
  if (typeof ack !== 'object' || ack === null) return { ok: true, action: 'none' };
  const body = ack as Json;
  if (body.text === undefined && body.blocks === undefined) return { ok: true, action: 'none' };
  if (body.response_type === 'in_channel') return applyResponse(state, target, body);
  const blocks = Array.isArray(body.blocks) ? (body.blocks as Block[]) : undefined;
  state.postEphemeral({ channel: target.channel, user: target.user, text: typeof body.text === 'string' ? body.text : '', blocks, source: 'command_ack' });
  return { ok: true, action: 'ephemeral' };
}
