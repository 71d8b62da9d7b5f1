// chat.* methods: messages the bot posts, edits, deletes and links to.
import { LIMITS, validateMessageBlocks } from '../block-kit-limits';
import type { Block, Json } from '../types';
import { fail, ok, publicMessage, str, type MethodHandler } from './context';

/** The checks chat.postMessage / update / postEphemeral share. Returns an error answer or undefined. */
function checkContent(args: Json): Json | undefined {
  const hasText = str(args.text) !== undefined;
  const hasBlocks = Array.isArray(args.blocks) && args.blocks.length > 0;
  const hasAttachments = Array.isArray(args.attachments) && args.attachments.length > 0;
  if (!hasText && !hasBlocks && !hasAttachments) return fail('no_text');
  if (typeof args.text === 'string' && args.text.length > LIMITS.messageText) return fail('msg_too_long');
  if (args.blocks !== undefined) {
    const errors = validateMessageBlocks(args.blocks);
    if (errors.length > 0) return fail('invalid_blocks', errors);
  }
  return undefined;
}

const blocksOf = (args: Json): Block[] | undefined => (Array.isArray(args.blocks) ? (args.blocks as Block[]) : undefined);
const attachmentsOf = (args: Json): Json[] | undefined => (Array.isArray(args.attachments) ? (args.attachments as Json[]) : undefined);

export const chatMethods: Record<string, MethodHandler> = {
  'chat.postMessage': (args, { state }) => {
    const channel = str(args.channel);
    if (!channel) return fail('channel_not_found');
    // A deactivated person's DM is archived: Slack refuses new messages in it.
    if (state.deactivatedBehind(channel)) return fail('is_archived');
    const invalid = checkContent(args);
    if (invalid) return invalid;
    const message = state.post({
      channel,
      user: state.config.botUserId,
      text: str(args.text) ?? '',
      blocks: blocksOf(args),
      attachments: attachmentsOf(args),
      thread_ts: str(args.thread_ts),
      metadata: typeof args.metadata === 'object' && args.metadata !== null ? (args.metadata as Json) : undefined,
    });
    return ok({ channel: message.channel, ts: message.ts, message: publicMessage(message, state.config.teamId) });
  },

  'chat.update': (args, { state }) => {
    const channel = str(args.channel);
    const ts = str(args.ts);
    if (!channel) return fail('channel_not_found');
    if (!ts) return fail('message_not_found');
    if (state.deactivatedBehind(channel)) return fail('is_archived');
    const existing = state.findMessage(channel, ts);
    if (!existing) return fail('message_not_found');
    if (existing.user !== state.config.botUserId) return fail('cant_update_message');
    const invalid = checkContent(args);
    if (invalid) return invalid;
    const message = state.update(channel, ts, {
      text: typeof args.text === 'string' ? args.text : undefined,
      blocks: blocksOf(args),
      attachments: attachmentsOf(args),
    });
    if (!message) return fail('message_not_found');
    return ok({ channel: message.channel, ts: message.ts, text: message.text, message: publicMessage(message, state.config.teamId) });
  },

  'chat.postEphemeral': (args, { state }) => {
    const channel = str(args.channel);
    const user = str(args.user);
    if (!channel) return fail('channel_not_found');
    if (!user) return fail('user_not_found');
    const invalid = checkContent(args);
    if (invalid) return invalid;
    const ephemeral = state.postEphemeral({
      channel,
      user,
      text: str(args.text) ?? '',
      blocks: blocksOf(args),
      attachments: attachmentsOf(args),
      thread_ts: str(args.thread_ts),
      source: 'chat.postEphemeral',
    });
    return ok({ message_ts: ephemeral.ts });
  },

  'chat.delete': (args, { state }) => {
    const channel = str(args.channel);
    const ts = str(args.ts);
    if (!channel) return fail('channel_not_found');
    const existing = ts ? state.findMessage(channel, ts) : undefined;
    if (!existing || !ts) return fail('message_not_found');
    if (existing.user !== state.config.botUserId) return fail('cant_delete_message');
    state.delete(channel, ts);
    return ok({ channel: existing.channel, ts });
  },

  'chat.getPermalink': (args, { state, baseUrl }) => {
    const channel = str(args.channel);
    const ts = str(args.message_ts);
    if (!channel) return fail('channel_not_found');
    const message = ts ? state.findMessage(channel, ts) : undefined;
    if (!message) return fail('message_not_found');
    return ok({ channel: message.channel, permalink: `${baseUrl}/archives/${message.channel}/p${message.ts.replace('.', '')}` });
  },
};
