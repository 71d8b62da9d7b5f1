import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { BotContext } from '../../context';
import { HISTORY_ACTION } from '../../views/history';
import { ACTIONS } from '../../views/messages';
import { PAY_ACTION } from '../../views/payments';
import { chooseKind } from './choose-kind';
import { codingLinesButton } from './coding-lines';
import { CODING_ACTIONS } from '../../views/coding-modal';
import { confirmDocument } from './confirm';
import { decideApprove } from './decide';
import { showHistory } from './history';
import { openMarkPaid } from './mark-paid';
import { openModal } from './open-modal';
import { withdrawDocument } from './withdraw';

export function registerActions(app: App, ctx: BotContext): void {
  const on = (id: string, handler: Parameters<typeof app.action<BlockAction<ButtonAction>>>[1]) => app.action<BlockAction<ButtonAction>>(id, handler);
  on(ACTIONS.chooseInvoice, chooseKind(ctx, 'invoice'));
  on(ACTIONS.chooseExpense, chooseKind(ctx, 'expense'));
  on(ACTIONS.confirm, confirmDocument(ctx));
  on(ACTIONS.edit, openModal(ctx, 'edit'));
  on(ACTIONS.cancel, withdrawDocument(ctx));
  on(ACTIONS.withdraw, withdrawDocument(ctx));
  on(ACTIONS.fix, openModal(ctx, 'resubmit'));
  on(ACTIONS.approve, decideApprove(ctx, 'record your decision'));
  on(ACTIONS.send, decideApprove(ctx, 'send the document to approval'));
  on(ACTIONS.reject, openModal(ctx, 'reject'));
  on(ACTIONS.code, openModal(ctx, 'coding'));
  on(HISTORY_ACTION, showHistory(ctx));
  on(CODING_ACTIONS.addLine, codingLinesButton(ctx, 'add'));
  on(CODING_ACTIONS.recalc, codingLinesButton(ctx, 'recalc'));
  on(PAY_ACTION, openMarkPaid(ctx));
}
