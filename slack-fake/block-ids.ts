// Slack gives every block without a block_id a generated one, and every interactive element
// without an action_id a generated one, and sends those back in messages, views and
// block_actions payloads. The fake does the same, so a bot that (wrongly) relies on ids it
// never set sees random ids in tests too, and button clicks always carry both ids.
import type { Block, Json } from './types';

type Generate = () => string;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function withActionId(element: unknown, generate: Generate): unknown {
  if (!isObj(element) || typeof element.type !== 'string') return element;
  const interactive = element.type !== 'image' && element.type !== 'plain_text' && element.type !== 'mrkdwn';
  return interactive && element.action_id === undefined ? { ...element, action_id: generate() } : element;
}

/** A copy of `blocks` with the ids Slack would have generated filled in. */
export function withGeneratedIds(blocks: Block[], generate: Generate): Block[] {
  return blocks.map((block) => {
    if (!isObj(block)) return block;
    const out: Json = { ...block };
    if (out.block_id === undefined) out.block_id = generate();
    if (out.type === 'actions' && Array.isArray(out.elements)) out.elements = out.elements.map((e) => withActionId(e, generate));
    if (out.accessory !== undefined) out.accessory = withActionId(out.accessory, generate);
    if (out.type === 'input' && out.element !== undefined) out.element = withActionId(out.element, generate);
    return out;
  });
}

/** Where an element with this action_id sits in a list of blocks (first match). */
export function findElement(blocks: Block[] | undefined, match: (element: Json) => boolean): { block: Json; element: Json } | undefined {
  for (const block of blocks ?? []) {
    if (!isObj(block)) continue;
    const candidates = [
      ...(Array.isArray(block.elements) ? block.elements : []),
      block.accessory,
      block.element,
    ];
    for (const element of candidates) if (isObj(element) && match(element)) return { block, element };
  }
  return undefined;
}

/** The visible label of a button (plain_text or mrkdwn text object). */
export function elementText(element: Json): string | undefined {
  const text = element.text;
  return isObj(text) && typeof text.text === 'string' ? text.text : undefined;
}
