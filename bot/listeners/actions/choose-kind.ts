// A bookkeeper's upload: "purchase invoice or expense report?". The choice submits the file
// (the Slack file id is the source key, so clicking twice or both buttons is one document).
import type { DocumentKind } from '../../../domain';
import type { BotContext } from '../../context';
import { guarded, tell, whereOf } from '../../interaction';
import { submitUpload, type SlackFileLike } from '../../uploads';
import { section } from '../../views/blocks';
import { KIND_LABEL } from '../../views/labels';
import type { ButtonHandler } from './types';

export function chooseKind(ctx: BotContext, kind: DocumentKind): ButtonHandler {
  return async ({ ack, body, action, client }) => {
    await ack();
    const where = whereOf(body);
    await guarded(ctx, client, where, 'submit the file', async () => {
      let v: { f?: string; c?: string; t?: string };
      try {
        v = JSON.parse(action.value ?? '{}') as typeof v;
      } catch {
        v = {};
      }
      if (!v.f || !v.c || !v.t) return;
      const person = await ctx.people.ensure(client, where.slackUserId);
      if (kind === 'invoice' && !person.roles.includes('bookkeeper')) {
        return tell(ctx, client, where.slackUserId, where.channel, '🚫 Only a bookkeeper can submit a purchase invoice.');
      }
      const info = await client.files.info({ file: v.f });
      const file = info.file as SlackFileLike & { user?: string };
      if (file.user && file.user !== where.slackUserId) return tell(ctx, client, where.slackUserId, where.channel, '🚫 Only the person who uploaded the file can submit it.');
      const reference = await submitUpload(ctx, client, { person, file, channel: v.c, threadTs: v.t, kind });
      if (reference && where.channel && where.messageTs) {
        await client.chat.update({
          channel: where.channel,
          ts: where.messageTs,
          text: `${KIND_LABEL[kind]}: ${reference}`,
          blocks: [section(`*${file.name ?? file.id}*: ${KIND_LABEL[kind].toLowerCase()} → *${reference}*`)],
        });
      }
    });
  };
}
