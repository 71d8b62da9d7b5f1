// `/countersign`: parse (pure, answered in the ack), then do the work after the ack and
// answer privately through the response_url.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { EngineUnavailableError } from '../../../client/engine';
import type { BotContext } from '../../context';
import { isCommandError, parseCommand } from '../../commands/parse-command';
import { runCommand } from '../../commands/run-command';
import { HELP_TEXT } from '../../commands/usage';

export const EXPORT_NOT_YET = 'Exports are not available yet: they come with a later version of Countersign. Nothing was exported.';

export function countersignCommand(ctx: BotContext) {
  return async ({ command, ack, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const parsed = parseCommand(command.text ?? '');
    if (isCommandError(parsed)) {
      await ack({ response_type: 'ephemeral', text: `🚫 ${parsed.error}\nUsage: ${parsed.usage}` });
      return;
    }
    if (parsed.cmd === 'help') {
      await ack({ response_type: 'ephemeral', text: HELP_TEXT });
      return;
    }
    if (parsed.cmd === 'export') {
      await ack({ response_type: 'ephemeral', text: EXPORT_NOT_YET });
      return;
    }
    await ack();
    let text: string;
    try {
      text = await runCommand(ctx, client, command.user_id, parsed);
    } catch (err) {
      if (err instanceof EngineUnavailableError) text = `⚠️ ${err.message}`;
      else {
        ctx.log.error({ err: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err), cmd: parsed.cmd }, 'command failed');
        text = '⚠️ Something went wrong; the command may not have been applied. Please check and try again.';
      }
    }
    await respond({ response_type: 'ephemeral', text });
  };
}
