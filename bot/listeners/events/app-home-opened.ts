// The App Home tab: published each time the person opens it (and after changes).
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { BotContext } from '../../context';
import { publishHome } from '../../home';

export function appHomeOpened(ctx: BotContext) {
  return async ({ event, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    try {
      await publishHome(ctx, client, event.user);
    } catch (err) {
      ctx.log.error({ err: String(err) }, 'App Home publish failed');
    }
  };
}
