// The Slack side of the workflow's notifications: DMs for what people must do, in-place
// updates of earlier messages when a step is decided or closed (in an ANY stage every
// assignee's message), status notes to the submitter. Throwing makes Temporal retry the
// undelivered rows; every post is keyed by the notification key, every update is a pure
// re-render, so a retry is harmless.
import type { WebClient } from '@slack/web-api';
import type { DeliveryFailure, Notifier } from '../activities/deps';
import type { NotificationEvent } from '../workflows/notifications';
import type { BotContext } from './context';
import { classifySlackFailure } from './delivery-errors';
import { loadDoc, loadStep, principalFor } from './document-data';
import { refreshHome } from './home';
import { lastRejection, postTracked, refreshConfirm, refreshStep } from './tracked';
import { ACTIONS, confirmMessage, noteMessage, rejectedMessage, stepMessage } from './views/messages';
import { actions, button, esc, section } from './views/blocks';
import { stepValue } from './values';
import { STAGE_LABEL, STATUS_EMOJI, STATUS_LABEL } from './views/labels';

export class SlackNotifier implements Notifier {
  constructor(private readonly ctx: BotContext) {}

  private get client(): WebClient {
    if (!this.ctx.client) throw new Error('the Slack app is not started yet');
    return this.ctx.client;
  }

  classify(err: unknown): DeliveryFailure {
    return classifySlackFailure(err);
  }

  async deliver(e: NotificationEvent): Promise<void> {
    const { ctx } = this;
    const client = this.client;
    const mention = (id: string | null | undefined) => ctx.people.mention(id);
    const doc = await loadDoc(ctx, e.documentId);
    if (!doc) return;
    switch (e.kind) {
      case 'confirm_request': {
        await postTracked(ctx, client, { recipientId: e.recipientId, documentId: e.documentId, kind: 'confirm', round: e.round, eventKey: e.key, rendered: await confirmMessage(doc, mention, null) });
        break;
      }
      case 'step_assigned':
      case 'step_offered':
      case 'reminder': {
        if (!e.step) break;
        const step = await loadStep(ctx, e.documentId, e.round, e.step.stageIndex);
        if (!step) break;
        const recipient = await ctx.db.user.findUnique({ where: { id: e.recipientId }, select: { roles: true } });
        const rendered = await stepMessage({
          doc,
          step,
          recipientId: e.recipientId,
          isBookkeeper: recipient?.roles.includes('bookkeeper') ?? false,
          onBehalfOf: e.onBehalfOf ?? (await principalFor(ctx, step, e.recipientId)),
          mention,
          reminder: e.kind === 'reminder',
        });
        await postTracked(ctx, client, { recipientId: e.recipientId, documentId: e.documentId, kind: 'step', round: e.round, stageIndex: e.step.stageIndex, eventKey: e.key, rendered });
        if (e.kind === 'step_assigned') await this.tellSubmitterOfProgress(e, step.assignees.length > 0 ? step.assignees : [e.recipientId]);
        break;
      }
      case 'step_withdrawn':
      case 'step_closed': {
        if (!e.step) break;
        // 'partial' (an ALL stage not complete yet): everyone's message shows who agreed so far.
        const onlyRecipient = e.kind === 'step_closed' && e.message === 'partial' ? undefined : e.recipientId;
        await refreshStep(ctx, client, e.documentId, e.round, e.step.stageIndex, onlyRecipient);
        break;
      }
      case 'escalation': {
        const step = e.step;
        const waiting = step ? (await Promise.all(step.assignees.filter((a) => !step.decided.includes(a)).map(mention))).join(', ') : 'its assignees';
        const stage = step ? STAGE_LABEL[step.type] : 'a';
        const text = `⚠️ *Escalation:* the ${stage} step of *${doc.reference}* has been waiting too long for ${waiting}. An administrator can reassign it or record a substitute (/countersign substitute …).`;
        await postTracked(ctx, client, { recipientId: e.recipientId, documentId: e.documentId, kind: 'info', round: e.round, eventKey: e.key, rendered: noteMessage(doc, text) });
        break;
      }
      case 'status_changed': {
        if (e.message === 'rejected') {
          const by = await lastRejection(ctx, e.documentId);
          const rendered = await rejectedMessage(doc, by.who, e.reason ?? by.reason, mention, null);
          await postTracked(ctx, client, { recipientId: e.recipientId, documentId: e.documentId, kind: 'rejected', round: e.round, eventKey: e.key, rendered });
          break;
        }
        const status = (e.message ?? e.status) as keyof typeof STATUS_LABEL;
        let detail = '';
        if (status === 'approved') {
          const last = await ctx.db.auditEvent.findFirst({ where: { documentId: e.documentId, action: { in: ['approved', 'agreed'] }, actorId: { not: null } }, orderBy: { id: 'desc' } });
          if (last) detail = ` Final approval by ${await mention(last.actorId)}${last.onBehalfOfId ? ` (on behalf of ${await mention(last.onBehalfOfId)})` : ''}.`;
        }
        const text = `${STATUS_EMOJI[status] ?? 'ℹ️'} *${doc.reference}* is now *${STATUS_LABEL[status] ?? status}*.${detail}`;
        await postTracked(ctx, client, { recipientId: e.recipientId, documentId: e.documentId, kind: 'info', round: e.round, eventKey: e.key, rendered: noteMessage(doc, text) });
        if (status === 'withdrawn') await refreshConfirm(ctx, client, e.documentId, '🚫 Withdrawn.', doc);
        break;
      }
      case 'chain_changed': {
        const [from, to] = (e.message ?? '').split(' → ');
        const text = `🔀 *${doc.reference}* now goes through the approval chain *${to ?? '?'}* (it was *${from ?? '?'}*): its corrected fields chose it.`;
        await postTracked(ctx, client, { recipientId: e.recipientId, documentId: e.documentId, kind: 'info', round: e.round, eventKey: e.key, rendered: noteMessage(doc, text) });
        break;
      }
      case 'delivery_failed': {
        const who = await mention(e.failedRecipientId);
        const text = `⚠️ Could not notify ${who} about *${doc.reference}*: ${esc(e.error ?? 'unknown error')}. Check that they are still in the workspace, or reassign their step (/countersign reassign …).`;
        await postTracked(ctx, client, { recipientId: e.recipientId, documentId: e.documentId, kind: 'info', round: e.round, eventKey: e.key, rendered: noteMessage(doc, text) });
        break;
      }
      case 'no_chain': {
        const isSubmitter = e.recipientId === doc.submitterId;
        const text = isSubmitter
          ? `⚠️ No approval chain matches *${doc.reference}* and there is no default chain. An administrator has been told; press *Submit again* once a chain is set.`
          : `⚠️ No approval chain matches *${doc.reference}* and there is no default chain. Set one with /countersign chain set … (or chain default NAME); the submitter can then submit it again.`;
        const extra = isSubmitter ? [actions('confirm', button('Submit again', ACTIONS.confirm, stepValue({ d: doc.id }), 'primary'))] : [];
        await postTracked(ctx, client, { recipientId: e.recipientId, documentId: e.documentId, kind: isSubmitter ? 'no_chain' : 'info', round: e.round, eventKey: e.key, rendered: noteMessage(doc, text, extra) });
        break;
      }
    }
    await refreshHome(ctx, client, e.recipientId).catch((err: unknown) => ctx.log.warn({ err: String(err) }, 'App Home refresh failed'));
  }

  /** The submitter hears where their document is, once per step. */
  private async tellSubmitterOfProgress(e: NotificationEvent, assignees: string[]): Promise<void> {
    const { ctx } = this;
    const doc = await loadDoc(ctx, e.documentId);
    if (!doc || !e.step || assignees.includes(doc.submitterId)) return;
    const who = (await Promise.all(assignees.map((a) => ctx.people.mention(a)))).join(', ');
    const step = e.step;
    const text = `${STATUS_EMOJI[doc.status]} *${doc.reference}* moved to ${STAGE_LABEL[step.type]} (stage ${step.stageIndex + 1}${doc.stages.length ? ` of ${doc.stages.length}` : ''}): waiting for ${step.assignees.length === 0 ? 'a bookkeeper' : who}.`;
    await postTracked(ctx, this.client, {
      recipientId: doc.submitterId,
      documentId: doc.id,
      kind: 'progress',
      round: e.round,
      stageIndex: step.stageIndex,
      eventKey: `progress:${doc.id}:${e.round}:${step.stageIndex}`,
      rendered: { text: `${doc.reference} moved to ${STAGE_LABEL[step.type]}`, blocks: [section(text)] },
    });
  }
}
