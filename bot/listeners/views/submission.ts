// The path every modal submission shares: problems stay in the modal as errors; otherwise Slack
// gets its ack at once, and the change runs guarded (a failure is told to the person) as the
// person who submitted, with a refusal from the engine told privately.
import type { BotContext } from '../../context';
import { DATABASE_DOWN, guarded, isDatabaseDown, tell } from '../../interaction';
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

const OUTAGE_IN_MODAL = "Countersign's database is not answering right now; nothing was saved. Please try again in a minute (what you typed is kept).";
const READ_BOUND_MS = 1_500;

class AckTimeout extends Error {}

function withinAckTime<T>(p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new AckTimeout('read took too long')), READ_BOUND_MS)));
  p.catch(() => undefined);
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
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
    // Slack closes the modal with an error unless the ack comes within 3 s: a read that needs
    // the database is bounded, and an outage keeps the modal open with the person's input.
    let read_;
    try {
      read_ = await withinAckTime(read(args, meta));
    } catch (err) {
      if (!(err instanceof AckTimeout) && !isDatabaseDown(err)) throw err;
      const block = view.blocks.find((b) => b.type === 'input')?.block_id;
      await ack(block ? { response_action: 'errors', errors: { [block]: OUTAGE_IN_MODAL } } : undefined);
      if (!block) await tell(ctx, client, body.user.id, meta?.c ?? null, DATABASE_DOWN).catch(() => undefined);
      return;
    }
    const { value, errors } = read_;
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
