// `/countersign`: parse (pure, answered in the ack), then do the work after the ack and
// answer privately through the response_url. Exports ack at once, say "Preparing…", and
// deliver the file to the caller's DM.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { EngineUnavailableError } from '../../../client/engine';
import type { BotContext } from '../../context';
import { runAccountCommand, runPaymentsExport, runTableExport } from '../../commands/export-command';
import { runBatchFileCommand, runNotDuplicateCommand } from '../../commands/batch-file-command';
import { runBookkeepingCommand, runPostingsExport } from '../../commands/bookkeeping-command';
import { isCommandError, parseCommand } from '../../commands/parse-command';
import { runCommand } from '../../commands/run-command';
import { statusReply, type Reply } from '../../commands/status-command';
import { HELP_TEXT } from '../../commands/usage';

export function countersignCommand(ctx: BotContext) {
  return async ({ command, ack, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const text = command.text ?? '';
    const parsed = parseCommand(text);
    if (isCommandError(parsed)) {
      await ack({ response_type: 'ephemeral', text: `🚫 ${parsed.error}\nUsage: ${parsed.usage}` });
      return;
    }
    if (parsed.cmd === 'help') {
      await ack({ response_type: 'ephemeral', text: HELP_TEXT });
      return;
    }
    await ack();
    const say = async (t: string) => {
      await respond({ response_type: 'ephemeral', text: t });
    };
    let reply: Reply;
    try {
      switch (parsed.cmd) {
        case 'export':
          await runTableExport(ctx, client, command.user_id, parsed, say);
          return;
        case 'export.payments':
          await runPaymentsExport(ctx, client, command.user_id, parsed, say);
          return;
        case 'export.postings':
          await runPostingsExport(ctx, client, command.user_id, parsed, say);
          return;
        case 'rule.set':
        case 'rule.remove':
        case 'rule.show':
        case 'rule.list':
        case 'codes.import':
        case 'codes.retire':
        case 'codes.restore':
          reply = { text: await runBookkeepingCommand(ctx, client, command.user_id, parsed) };
          break;
        case 'payments.account':
          reply = { text: await runAccountCommand(ctx, client, command.user_id, parsed) };
          break;
        case 'payments.batchFile':
          reply = { text: await runBatchFileCommand(ctx, client, command.user_id, parsed) };
          break;
        case 'payments.notDuplicate':
          reply = { text: await runNotDuplicateCommand(ctx, client, command.user_id, parsed) };
          break;
        case 'status':
          reply = await statusReply(ctx, client, command.user_id, parsed.documentId);
          break;
        default:
          reply = { text: await runCommand(ctx, client, command.user_id, parsed) };
      }
    } catch (err) {
      if (err instanceof EngineUnavailableError) reply = { text: `⚠️ ${err.message}` };
      else {
        ctx.log.error({ err: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err), cmd: parsed.cmd }, 'command failed');
        reply = { text: '⚠️ Something went wrong; the command may not have been applied. Please check and try again.' };
      }
    }
    await respond({ response_type: 'ephemeral', text: reply.text, ...(reply.blocks ? { blocks: reply.blocks } : {}) });
  };
}
