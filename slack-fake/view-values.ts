// view.state.values as Slack builds them when a modal is submitted: one entry per input
// block and element, shaped by the element type (a select sends `selected_option`, a date
// picker `selected_date`...). Tests give plain values; the element found in the view
// decides the shape, and untouched inputs keep the value they were pre-filled with.
import type { Block, Json } from './types';

/**
 * What a test may give for one input: a string (text, date, the value of an option, a user
 * id), a list (multi-selects, checkboxes), null (left empty), or an already-typed object
 * (`{type: 'static_select', selected_option: ...}`) that is passed through unchanged.
 */
export type InputValue = string | string[] | null | (Json & { type: string });

export type ValuesInput = Record<string, Record<string, InputValue>>;

export type StateValues = Record<string, Record<string, Json>>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function optionsOf(element: Json): Json[] {
  const flat = Array.isArray(element.options) ? element.options : [];
  const grouped = Array.isArray(element.option_groups)
    ? element.option_groups.flatMap((g) => (isObj(g) && Array.isArray(g.options) ? g.options : []))
    : [];
  return [...flat, ...grouped].filter(isObj);
}

/** The option object Slack sends back: the one from the element (with its text), or a bare one. */
function option(element: Json, value: string): Json {
  return optionsOf(element).find((o) => o.value === value) ?? { text: { type: 'plain_text', text: value, emoji: true }, value };
}

const list = (v: InputValue): string[] => (v === null ? [] : Array.isArray(v) ? v : [String(v)]);
const one = (v: InputValue): string | null => (v === null ? null : Array.isArray(v) ? (v[0] ?? null) : String(v));

/** The typed state of one element for a given value. */
export function typedValue(element: Json, value: InputValue): Json {
  if (isObj(value) && typeof value.type === 'string') return value;
  const type = typeof element.type === 'string' ? element.type : 'plain_text_input';
  const single = one(value);
  switch (type) {
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return { type, selected_option: single === null ? null : option(element, single) };
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes':
      return { type, selected_options: list(value).map((v) => option(element, v)) };
    case 'datepicker':
      return { type, selected_date: single };
    case 'timepicker':
      return { type, selected_time: single };
    case 'datetimepicker':
      return { type, selected_date_time: single === null ? null : Number(single) };
    case 'users_select':
      return { type, selected_user: single };
    case 'multi_users_select':
      return { type, selected_users: list(value) };
    case 'conversations_select':
      return { type, selected_conversation: single };
    case 'multi_conversations_select':
      return { type, selected_conversations: list(value) };
    case 'channels_select':
      return { type, selected_channel: single };
    case 'multi_channels_select':
      return { type, selected_channels: list(value) };
    default:
      // plain_text_input, number_input, email_text_input, url_text_input
      return { type, value: single };
  }
}

/** What the user "sees" in an input they did not touch: its initial_* value. */
function initialValue(element: Json): InputValue {
  const opt = (o: unknown): string | undefined => (isObj(o) && typeof o.value === 'string' ? o.value : undefined);
  if (typeof element.initial_value === 'string') return element.initial_value;
  if (element.initial_option !== undefined) return opt(element.initial_option) ?? null;
  if (Array.isArray(element.initial_options)) return element.initial_options.map(opt).filter((v): v is string => v !== undefined);
  if (typeof element.initial_date === 'string') return element.initial_date;
  if (typeof element.initial_time === 'string') return element.initial_time;
  if (typeof element.initial_user === 'string') return element.initial_user;
  if (Array.isArray(element.initial_users)) return element.initial_users.map(String);
  if (typeof element.initial_conversation === 'string') return element.initial_conversation;
  if (typeof element.initial_channel === 'string') return element.initial_channel;
  return null;
}

/**
 * state.values for submitting `blocks` with `values` ({block_id: {action_id: value}}).
 * Throws when a value targets an input that is not in the view: the test is wrong, and a
 * silent pass would hide it. With no blocks (a view unknown to the fake) the values are
 * typed by guess (strings → plain_text_input).
 */
export function buildStateValues(blocks: Block[] | undefined, values: ValuesInput): StateValues {
  const state: StateValues = {};
  const inputs = (blocks ?? []).filter((b) => isObj(b) && b.type === 'input' && isObj(b.element));
  for (const block of inputs) {
    const element = block.element as Json;
    const blockId = String(block.block_id);
    const actionId = String(element.action_id);
    const given = values[blockId]?.[actionId];
    state[blockId] = { [actionId]: typedValue(element, given !== undefined ? given : initialValue(element)) };
  }
  for (const [blockId, byAction] of Object.entries(values)) {
    for (const [actionId, value] of Object.entries(byAction)) {
      if (state[blockId]?.[actionId]) continue;
      if (inputs.length > 0) {
        const known = inputs.map((b) => `${String(b.block_id)}/${String((b.element as Json).action_id)}`).join(', ');
        throw new Error(`no input ${blockId}/${actionId} in the view (inputs: ${known || 'none'})`);
      }
      state[blockId] = { ...state[blockId], [actionId]: typedValue({}, value) };
    }
  }
  return state;
}
