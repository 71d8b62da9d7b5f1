// Every listener of the app, registered per kind (the layout of Slack's bolt-ts template).
import type { App } from '@slack/bolt';
import type { BotContext } from '../context';
import { registerActions } from './actions';
import { registerCommands } from './commands';
import { registerEvents } from './events';
import { registerViews } from './views';

export function registerListeners(app: App, ctx: BotContext): void {
  registerActions(app, ctx);
  registerCommands(app, ctx);
  registerEvents(app, ctx);
  registerViews(app, ctx);
}
