// The path every modal submission shares: problems stay in the modal as errors; otherwise Slack
// gets its ack at once, and the change runs guarded (a failure is told to the person) as the
// person who submitted, with a refusal from the engine told privately.
import type { BotContext } from '../../context';
import { guarded, tell } from '../../interaction';
import type { Person } from '../../people';
import { refreshHome } from '../../home';
import type { ModalMeta } from '../../views/modals';
import { metaOf, type SubmitArgs, type SubmitHandler } from './types';

export interface Submitted<T> {
  meta: ModalMeta;
  value: T;
  person: Person;
  args: SubmitArgs;
  /** Tells the person an engine refusal (🚫 reason), privately. */
  refuse: (reason: string) => Promise<void>;
}

export function modalSubmission<T>(
  ctx: BotContext,
  what: string,
  read: (args: SubmitArgs, meta: ModalMeta | null) => Promise<{ value: T; errors?: Record<string, string> | null }>,
  run: (s: Submitted<T>) => Promise<void>,
): SubmitHandler {
  return async (args) => {
    const { ack, view, body, client } = args;
    const meta = metaOf(view.private_metadata);
    const { value, errors } = await read(args, meta);
    if (errors) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    if (!meta) return;
    const where = { slackUserId: body.user.id, channel: meta.c ?? null };
    await guarded(ctx, client, where, what, async () => {
      const person = await ctx.people.ensure(client, body.user.id);
      let refused = false;
      const refuse = (reason: string) => {
        refused = true;
        return tell(ctx, client, where.slackUserId, where.channel, `🚫 ${reason}`);
      };
      await run({ meta, value, person, args, refuse });
      // A refusal changed nothing, so App Home has nothing new to show.
      if (!refused) await refreshHome(ctx, client, person.id);
    });
  };
}
