// What every button and modal handler needs: who clicked where, how to answer them
// privately, and one place that turns an unreachable engine or an unexpected error into a
// clear sentence instead of silence.
import type { WebClient } from '@slack/web-api';
import { EngineUnavailableError } from '../client/engine';
import type { BotContext } from './context';
import { dmChannel } from './tracked';

export interface Where {
  slackUserId: string;
  /** Channel of the clicked message; null for App Home and modals. */
  channel: string | null;
  messageTs: string | null;
  viewId: string | null;
  triggerId: string | null;
}

interface ActionBodyLike {
  user: { id: string };
  channel?: { id: string };
  container?: { channel_id?: string; message_ts?: string; view_id?: string; type?: string };
  message?: { ts: string };
  view?: { id: string };
  trigger_id?: string;
}

export function whereOf(body: unknown): Where {
  const b = body as ActionBodyLike;
  return {
    slackUserId: b.user.id,
    channel: b.channel?.id ?? b.container?.channel_id ?? null,
    messageTs: b.message?.ts ?? b.container?.message_ts ?? null,
    viewId: b.view?.id ?? b.container?.view_id ?? null,
    triggerId: b.trigger_id ?? null,
  };
}

/** A private answer: an ephemeral in the channel of the click, or in the DM with the app. */
export async function tell(ctx: BotContext, client: WebClient, slackUserId: string, channel: string | null, text: string): Promise<void> {
  const target = channel ?? (await dmChannel(ctx, client, slackUserId));
  await client.chat.postEphemeral({ channel: target, user: slackUserId, text });
}

/** Runs the slow part of a handler; an unreachable engine or a bug becomes a private message. */
export async function guarded(ctx: BotContext, client: WebClient, where: { slackUserId: string; channel: string | null }, what: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    const text =
      err instanceof EngineUnavailableError
        ? `⚠️ ${err.message}`
        : `⚠️ Something went wrong while I tried to ${what}; nothing was changed that you were not told about. Please try again.`;
    if (!(err instanceof EngineUnavailableError)) ctx.log.error({ err: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err), what }, 'listener failed');
    await tell(ctx, client, where.slackUserId, where.channel, text).catch(() => undefined);
  }
}
