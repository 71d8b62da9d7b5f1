import type { App } from '@slack/bolt';
import type { BotContext } from '../../context';
import { CALLBACKS } from '../../views/modals';
import { MARK_PAID_CALLBACK } from '../../views/payments';
import { submitCoding } from './coding';
import { submitFields } from './fields';
import { submitMarkPaid } from './mark-paid';
import { submitReject } from './reject';

export function registerViews(app: App, ctx: BotContext): void {
  app.view(CALLBACKS.editFields, submitFields(ctx, 'edit'));
  app.view(CALLBACKS.resubmit, submitFields(ctx, 'resubmit'));
  app.view(CALLBACKS.reject, submitReject(ctx));
  app.view(CALLBACKS.coding, submitCoding(ctx));
  app.view(MARK_PAID_CALLBACK, submitMarkPaid(ctx));
}
