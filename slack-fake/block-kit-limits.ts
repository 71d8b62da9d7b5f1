// Block Kit limits that Slack enforces at run time and that `@slack/types` cannot check at
// compile time. The fake refuses what Slack would refuse, so a bot that builds a 51-block
// message or a 30-character modal title fails in tests instead of in production.
//
// Each validator returns Slack-style messages, as found in `response_metadata.messages`:
//   "[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]"
// An empty array means "valid". Limits come from Slack's Block Kit reference pages.

export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  blockId: 255,
  actionId: 255,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
  checkboxOptions: 10,
  overflowOptionsMin: 2,
  overflowOptionsMax: 5,
  placeholder: 150,
  inputLabel: 2000,
  inputHint: 2000,
  imageAltText: 2000,
  viewTitle: 24,
  viewSubmit: 24,
  viewClose: 24,
  callbackId: 255,
  privateMetadata: 3000,
  externalId: 255,
  messageText: 40000,
} as const;

const BLOCK_TYPES = new Set([
  'section', 'divider', 'image', 'actions', 'context', 'input', 'header', 'file', 'rich_text', 'video', 'markdown',
]);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Collects errors with their JSON pointer, the way Slack reports them. */
class Report {
  readonly errors: string[] = [];
  add(pointer: string, message: string): void {
    this.errors.push(`[ERROR] ${message} [json-pointer:${pointer}]`);
  }
  maxLen(pointer: string, value: unknown, max: number): void {
    if (typeof value === 'string' && value.length > max) this.add(pointer, `must be less than ${max + 1} characters`);
  }
  /** A text object: `{type: plain_text|mrkdwn, text}` with a non-empty text up to `max`. */
  text(pointer: string, value: unknown, max: number, plainOnly = false): void {
    if (!isObj(value)) return this.add(pointer, 'expected an object of type text');
    const allowed = plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
    if (!allowed.includes(String(value.type))) this.add(`${pointer}/type`, `must be ${allowed.join(' or ')}`);
    if (typeof value.text !== 'string' || value.text.length === 0) {
      return this.add(`${pointer}/text`, 'must be more than 0 characters');
    }
    this.maxLen(`${pointer}/text`, value.text, max);
  }
}

function checkOption(r: Report, p: string, option: unknown): void {
  if (!isObj(option)) return r.add(p, 'expected an object');
  r.text(`${p}/text`, option.text, LIMITS.optionText);
  r.maxLen(`${p}/value`, option.value, LIMITS.optionValue);
}

function checkOptions(r: Report, p: string, options: unknown, min: number, max: number): void {
  if (!Array.isArray(options)) return;
  if (options.length < min) r.add(p, `must provide at least ${min} items`);
  if (options.length > max) r.add(p, `must provide no more than ${max} items`);
  options.forEach((o, i) => checkOption(r, `${p}/${i}`, o));
}

/** An interactive element (button, select, input...). `actionIds` tracks uniqueness within a block. */
function checkElement(r: Report, p: string, el: unknown, actionIds: Set<string>): void {
  if (!isObj(el)) return r.add(p, 'expected an object');
  if (typeof el.action_id === 'string') {
    r.maxLen(`${p}/action_id`, el.action_id, LIMITS.actionId);
    if (actionIds.has(el.action_id)) r.add(`${p}/action_id`, `action_id ${el.action_id} is already used in this block`);
    actionIds.add(el.action_id);
  }
  if (el.placeholder !== undefined) r.text(`${p}/placeholder`, el.placeholder, LIMITS.placeholder, true);
  switch (el.type) {
    case 'button':
      r.text(`${p}/text`, el.text, LIMITS.buttonText, true);
      r.maxLen(`${p}/value`, el.value, LIMITS.buttonValue);
      r.maxLen(`${p}/url`, el.url, LIMITS.url);
      if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') {
        r.add(`${p}/style`, 'must be one of primary, danger');
      }
      break;
    case 'static_select':
    case 'multi_static_select':
      if (el.options === undefined && el.option_groups === undefined) r.add(p, 'must provide options or option_groups');
      checkOptions(r, `${p}/options`, el.options, 1, LIMITS.selectOptions);
      break;
    case 'checkboxes':
    case 'radio_buttons':
      checkOptions(r, `${p}/options`, el.options, 1, LIMITS.checkboxOptions);
      break;
    case 'overflow':
      checkOptions(r, `${p}/options`, el.options, LIMITS.overflowOptionsMin, LIMITS.overflowOptionsMax);
      break;
    case 'datepicker':
      if (el.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(el.initial_date))) {
        r.add(`${p}/initial_date`, 'must match the format YYYY-MM-DD');
      }
      break;
    default:
      break;
  }
}

function checkBlock(r: Report, p: string, block: unknown, blockIds: Set<string>): void {
  if (!isObj(block)) return r.add(p, 'expected an object');
  if (!BLOCK_TYPES.has(String(block.type))) return r.add(`${p}/type`, `unsupported block type: ${String(block.type)}`);
  if (typeof block.block_id === 'string') {
    r.maxLen(`${p}/block_id`, block.block_id, LIMITS.blockId);
    if (blockIds.has(block.block_id)) r.add(`${p}/block_id`, `block_id ${block.block_id} is already used`);
    blockIds.add(block.block_id);
  }
  const actionIds = new Set<string>();
  switch (block.type) {
    case 'section':
      if (block.text === undefined && block.fields === undefined) r.add(p, 'must provide text or fields');
      if (block.text !== undefined) r.text(`${p}/text`, block.text, LIMITS.sectionText);
      if (Array.isArray(block.fields)) {
        if (block.fields.length > LIMITS.sectionFields) r.add(`${p}/fields`, `must provide no more than ${LIMITS.sectionFields} items`);
        block.fields.forEach((f, i) => r.text(`${p}/fields/${i}`, f, LIMITS.sectionFieldText));
      }
      if (block.accessory !== undefined) checkElement(r, `${p}/accessory`, block.accessory, actionIds);
      break;
    case 'header':
      r.text(`${p}/text`, block.text, LIMITS.headerText, true);
      break;
    case 'context':
      if (!Array.isArray(block.elements) || block.elements.length === 0) r.add(`${p}/elements`, 'must provide at least 1 item');
      else if (block.elements.length > LIMITS.contextElements) r.add(`${p}/elements`, `must provide no more than ${LIMITS.contextElements} items`);
      break;
    case 'actions':
      if (!Array.isArray(block.elements) || block.elements.length === 0) r.add(`${p}/elements`, 'must provide at least 1 item');
      else {
        if (block.elements.length > LIMITS.actionsElements) r.add(`${p}/elements`, `must provide no more than ${LIMITS.actionsElements} items`);
        block.elements.forEach((el, i) => checkElement(r, `${p}/elements/${i}`, el, actionIds));
      }
      break;
    case 'input':
      r.text(`${p}/label`, block.label, LIMITS.inputLabel, true);
      if (block.hint !== undefined) r.text(`${p}/hint`, block.hint, LIMITS.inputHint, true);
      if (block.element === undefined) r.add(p, 'missing required field: element');
      else checkElement(r, `${p}/element`, block.element, actionIds);
      break;
    case 'image':
      r.maxLen(`${p}/image_url`, block.image_url, LIMITS.url);
      if (typeof block.alt_text !== 'string' || block.alt_text.length === 0) r.add(p, 'missing required field: alt_text');
      r.maxLen(`${p}/alt_text`, block.alt_text, LIMITS.imageAltText);
      break;
    default:
      break;
  }
}

function checkBlocks(r: Report, p: string, blocks: unknown, max: number): void {
  if (!Array.isArray(blocks)) return r.add(p, 'must be an array');
  if (blocks.length > max) r.add(p, `must provide no more than ${max} items`);
  const blockIds = new Set<string>();
  blocks.forEach((b, i) => checkBlock(r, `${p}/${i}`, b, blockIds));
}

/** Blocks of a message (chat.postMessage, chat.update, chat.postEphemeral, response_url). */
export function validateMessageBlocks(blocks: unknown): string[] {
  const r = new Report();
  checkBlocks(r, '/blocks', blocks, LIMITS.messageBlocks);
  return r.errors;
}

/**
 * A view for views.open / update / push (`modal`) or views.publish (`home`).
 * `expected` is the type the method accepts; Slack refuses a home tab in views.open and vice versa.
 */
export function validateView(view: unknown, expected: 'modal' | 'home' | 'any' = 'any'): string[] {
  const r = new Report();
  if (!isObj(view)) {
    r.add('/view', 'missing required field: view');
    return r.errors;
  }
  if (view.type !== 'modal' && view.type !== 'home') r.add('/view/type', 'must be one of modal, home');
  else if (expected !== 'any' && view.type !== expected) r.add('/view/type', `must be ${expected}`);
  checkBlocks(r, '/view/blocks', view.blocks, LIMITS.viewBlocks);
  r.maxLen('/view/callback_id', view.callback_id, LIMITS.callbackId);
  r.maxLen('/view/private_metadata', view.private_metadata, LIMITS.privateMetadata);
  r.maxLen('/view/external_id', view.external_id, LIMITS.externalId);
  if (view.type === 'modal') {
    if (view.title === undefined) r.add('/view', 'missing required field: title');
    else r.text('/view/title', view.title, LIMITS.viewTitle, true);
    if (view.submit !== undefined) r.text('/view/submit', view.submit, LIMITS.viewSubmit, true);
    if (view.close !== undefined) r.text('/view/close', view.close, LIMITS.viewClose, true);
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObj(b) && b.type === 'input');
    if (hasInput && view.submit === undefined) r.add('/view', 'missing required field: submit (a modal with input blocks needs one)');
  }
  return r.errors;
}
