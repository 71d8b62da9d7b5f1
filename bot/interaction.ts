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

export const DATABASE_DOWN = "⚠️ Countersign's database is not reachable right now; nothing was changed. Please try again in a minute.";

/**
 * PostgreSQL is down or restarting (connection refused or cut, server shutting down): what a
 * person can do is wait a minute. Prisma wraps the driver's error, so causes are walked.
 */
export function isDatabaseDown(err: unknown): boolean {
  for (let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 6; e = e.cause as typeof e, depth++) {
    const code = typeof e.code === 'string' ? e.code : '';
    const message = typeof e.message === 'string' ? e.message : '';
    if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'P1001', 'P1002', 'P1017', '57P01', '57P02', '57P03'].includes(code)) return true;
    if (/ECONNREFUSED|Connection terminated|connection.*(closed|ended|timeout)|Can't reach database|the database system is (starting up|shutting down)|terminating connection/i.test(message)) return true;
  }
  return false;
}

/** Runs the slow part of a handler; an unreachable engine or database, or a bug, becomes a private message. */
export async function guarded(ctx: BotContext, client: WebClient, where: { slackUserId: string; channel: string | null }, what: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    const down = err instanceof EngineUnavailableError || isDatabaseDown(err);
    const text =
      err instanceof EngineUnavailableError
        ? `⚠️ ${err.message}`
        : down
          ? DATABASE_DOWN
          : `⚠️ Something went wrong while I tried to ${what}; nothing was changed that you were not told about. Please try again.`;
    if (!down) ctx.log.error({ err: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err), what }, 'listener failed');
    else ctx.log.warn({ what, error: err instanceof Error ? err.message : String(err) }, 'a click met an outage; the person was told to try again');
    await tell(ctx, client, where.slackUserId, where.channel, text).catch(() => undefined);
  }
}
