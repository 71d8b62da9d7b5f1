// Small Block Kit builders shared by messages, modals and the App Home. Texts are clipped to
// Slack's limits so a long supplier name or reason can never make Slack refuse a message.
import type { ActionsBlock, Button, ContextBlock, KnownBlock, SectionBlock } from '@slack/types';

export type Block = KnownBlock;

export const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** Slack mrkdwn needs &, < and > escaped in text that came from people or documents. */
export const esc = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function section(text: string, fields?: string[]): SectionBlock {
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: clip(text, 3000) },
    ...(fields && fields.length > 0 ? { fields: fields.slice(0, 10).map((f) => ({ type: 'mrkdwn' as const, text: clip(f, 2000) })) } : {}),
  };
}

export function context(...texts: string[]): ContextBlock {
  return { type: 'context', elements: texts.filter(Boolean).slice(0, 10).map((t) => ({ type: 'mrkdwn' as const, text: clip(t, 3000) })) };
}

export function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button {
  return { type: 'button', text: { type: 'plain_text', text: clip(text, 75), emoji: true }, action_id: actionId, value, ...(style ? { style } : {}) };
}

export function actions(blockId: string | undefined, ...buttons: Button[]): ActionsBlock {
  return { type: 'actions', ...(blockId ? { block_id: blockId } : {}), elements: buttons };
}

export const divider = (): KnownBlock => ({ type: 'divider' });

export function header(text: string): KnownBlock {
  return { type: 'header', text: { type: 'plain_text', text: clip(text, 150), emoji: true } };
}

/** A date Slack shows in the reader's own time zone, with a plain fallback. */
export function slackDate(at: Date): string {
  const epoch = Math.floor(at.getTime() / 1000);
  return `<!date^${epoch}^{date_short_pretty} at {time}|${at.toISOString().slice(0, 16).replace('T', ' ')} UTC>`;
}
