import type { App } from '@slack/bolt';
import type { BotContext } from '../../context';
import { countersignCommand } from './countersign';

export function registerCommands(app: App, ctx: BotContext): void {
  app.command('/countersign', countersignCommand(ctx));
}
