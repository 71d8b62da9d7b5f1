// A file shared in a DM with the app (message subtype file_share). The separate
// `file_shared` event that Slack also sends for the same upload is deliberately not handled,
// and a redelivery (x-slack-retry-num) is ignored: the first delivery is already at work.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { BotContext } from '../../context';
import { guarded } from '../../interaction';
import { handleFileShare, type SlackFileLike } from '../../uploads';

export function fileShare(ctx: BotContext) {
  return async ({ message, context, client }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    if (context.retryNum) return;
    const m = message as { subtype?: string; channel_type?: string; user?: string; bot_id?: string; channel: string; ts: string; files?: SlackFileLike[] };
    if (m.subtype !== 'file_share' || m.channel_type !== 'im' || !m.user || m.bot_id) return;
    const files = m.files ?? [];
    if (files.length === 0) return;
    await guarded(ctx, client, { slackUserId: m.user, channel: m.channel }, 'submit your file', () =>
      handleFileShare(ctx, client, { slackUserId: m.user!, channel: m.channel, ts: m.ts, files }),
    );
  };
}
