// A file shared in a DM with the app (message subtype file_share). The separate
// `file_shared` event that Slack also sends for the same upload is deliberately not handled.
// A redelivery (x-slack-retry-num) may be the only delivery (the app was down when the file
// was shared), so it is handled too, skipping the files that an earlier delivery already turned
// into documents; the Slack file id as source key keeps a late race from making a second one.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { BotContext } from '../../context';
import { guarded } from '../../interaction';
import { handleFileShare, type SlackFileLike } from '../../uploads';

export function fileShare(ctx: BotContext) {
  return async ({ message, context, client }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    const m = message as { subtype?: string; channel_type?: string; user?: string; bot_id?: string; channel: string; ts: string; files?: SlackFileLike[] };
    if (m.subtype !== 'file_share' || m.channel_type !== 'im' || !m.user || m.bot_id) return;
    let files = m.files ?? [];
    if (context.retryNum && files.length > 0) {
      const known = await ctx.db.slackUpload.findMany({ where: { workspaceId: ctx.workspaceId, fileId: { in: files.map((f) => f.id) } }, select: { fileId: true } });
      files = files.filter((f) => !known.some((k) => k.fileId === f.id));
    }
    if (files.length === 0) return;
    await guarded(ctx, client, { slackUserId: m.user, channel: m.channel }, 'submit your file', () =>
      handleFileShare(ctx, client, { slackUserId: m.user!, channel: m.channel, ts: m.ts, files }),
    );
  };
}
