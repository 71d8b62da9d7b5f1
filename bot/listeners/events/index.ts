import type { App } from '@slack/bolt';
import type { BotContext } from '../../context';
import { appHomeOpened } from './app-home-opened';
import { fileShare } from './file-share';

export function registerEvents(app: App, ctx: BotContext): void {
  app.message(fileShare(ctx));
  app.event('app_home_opened', appHomeOpened(ctx));
}
