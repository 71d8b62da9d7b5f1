// The Block Kit validators alone: each limit is refused just past it and accepted at it.
import { describe, expect, it } from 'vitest';
import { validateMessageBlocks, validateView } from '../../slack-fake';

const section = (text: string, extra: Record<string, unknown> = {}) => ({ type: 'section', text: { type: 'mrkdwn', text }, ...extra });
const button = (text: string, actionId = 'a') => ({ type: 'button', action_id: actionId, text: { type: 'plain_text', text } });
const modal = (overrides: Record<string, unknown> = {}) => ({ type: 'modal', title: { type: 'plain_text', text: 'Title' }, blocks: [], ...overrides });

describe('message blocks', () => {
  it('accepts 50 blocks and refuses 51', () => {
    expect(validateMessageBlocks(Array.from({ length: 50 }, () => ({ type: 'divider' })))).toEqual([]);
    expect(validateMessageBlocks(Array.from({ length: 51 }, () => ({ type: 'divider' })))).toEqual(['[ERROR] must provide no more than 50 items [json-pointer:/blocks]']);
  });

  it('limits section text to 3000 characters and refuses empty text', () => {
    expect(validateMessageBlocks([section('a'.repeat(3000))])).toEqual([]);
    expect(validateMessageBlocks([section('a'.repeat(3001))])).toEqual(['[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]']);
    expect(validateMessageBlocks([section('')])).toEqual(['[ERROR] must be more than 0 characters [json-pointer:/blocks/0/text/text]']);
  });

  it('limits button text to 75 characters, plain_text only', () => {
    expect(validateMessageBlocks([{ type: 'actions', elements: [button('b'.repeat(75))] }])).toEqual([]);
    expect(validateMessageBlocks([{ type: 'actions', elements: [button('b'.repeat(76))] }])).toEqual([
      '[ERROR] must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]',
    ]);
    const mrkdwnButton = { type: 'button', action_id: 'x', text: { type: 'mrkdwn', text: '*Go*' } };
    expect(validateMessageBlocks([{ type: 'actions', elements: [mrkdwnButton] }])).toEqual(['[ERROR] must be plain_text [json-pointer:/blocks/0/elements/0/text/type]']);
  });

  it('limits action_id to 255 characters and wants it unique within a block', () => {
    expect(validateMessageBlocks([{ type: 'actions', elements: [button('x', 'i'.repeat(256))] }])).toEqual([
      '[ERROR] must be less than 256 characters [json-pointer:/blocks/0/elements/0/action_id]',
    ]);
    expect(validateMessageBlocks([{ type: 'actions', elements: [button('x', 'same'), button('y', 'same')] }])).toHaveLength(1);
    // Across blocks the same action_id is allowed.
    expect(validateMessageBlocks([{ type: 'actions', elements: [button('x', 'same')] }, { type: 'actions', elements: [button('y', 'same')] }])).toEqual([]);
  });

  it('wants block_ids unique within a message', () => {
    expect(validateMessageBlocks([section('a', { block_id: 'b1' }), section('b', { block_id: 'b1' })])).toEqual([
      '[ERROR] block_id b1 is already used [json-pointer:/blocks/1/block_id]',
    ]);
  });

  it('refuses unknown block types and malformed elements', () => {
    expect(validateMessageBlocks([{ type: 'carousel' }])).toEqual(['[ERROR] unsupported block type: carousel [json-pointer:/blocks/0/type]']);
    expect(validateMessageBlocks([{ type: 'actions', elements: [{ ...button('x'), style: 'green' }] }])).toEqual([
      '[ERROR] must be one of primary, danger [json-pointer:/blocks/0/elements/0/style]',
    ]);
    expect(validateMessageBlocks([{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }])).toHaveLength(1);
    expect(validateMessageBlocks('not an array')).toEqual(['[ERROR] must be an array [json-pointer:/blocks]']);
  });
});

describe('views', () => {
  it('limits a modal title, submit and close to 24 characters', () => {
    expect(validateView(modal({ title: { type: 'plain_text', text: 't'.repeat(24) } }))).toEqual([]);
    expect(validateView(modal({ title: { type: 'plain_text', text: 't'.repeat(25) } }))).toEqual(['[ERROR] must be less than 25 characters [json-pointer:/view/title/text]']);
    expect(validateView(modal({ submit: { type: 'plain_text', text: 's'.repeat(25) } }))).toEqual(['[ERROR] must be less than 25 characters [json-pointer:/view/submit/text]']);
    expect(validateView(modal({ close: { type: 'plain_text', text: 'c'.repeat(25) } }))).toEqual(['[ERROR] must be less than 25 characters [json-pointer:/view/close/text]']);
  });

  it('accepts 100 blocks in a modal or Home and refuses 101', () => {
    const blocks = (n: number) => Array.from({ length: n }, () => ({ type: 'divider' }));
    expect(validateView(modal({ blocks: blocks(100) }))).toEqual([]);
    expect(validateView({ type: 'home', blocks: blocks(101) })).toEqual(['[ERROR] must provide no more than 100 items [json-pointer:/view/blocks]']);
  });

  it('wants a type modal or home, matching the method', () => {
    expect(validateView({ type: 'dialog', blocks: [] })).toEqual(['[ERROR] must be one of modal, home [json-pointer:/view/type]']);
    expect(validateView({ type: 'home', blocks: [] }, 'modal')).toEqual(['[ERROR] must be modal [json-pointer:/view/type]']);
    expect(validateView(undefined)).toEqual(['[ERROR] missing required field: view [json-pointer:/view]']);
  });

  it('wants a title on modals and a submit button when they have inputs', () => {
    expect(validateView({ type: 'modal', blocks: [] })).toEqual(['[ERROR] missing required field: title [json-pointer:/view]']);
    const input = { type: 'input', label: { type: 'plain_text', text: 'Reason' }, element: { type: 'plain_text_input', action_id: 'r' } };
    expect(validateView(modal({ blocks: [input] }))).toHaveLength(1);
    expect(validateView(modal({ blocks: [input], submit: { type: 'plain_text', text: 'Send' } }))).toEqual([]);
  });
});
