// Block Kit → HTML, as Slack would show it, for the sandbox page. Pure functions returning
// HTML strings: every piece of text from the app or a person goes through escapeHtml (or
// mrkdwn, which escapes first and only then adds its own tags). Interactive elements carry
// data-* attributes (action id, block id, value) the page uses to send block_actions.
// A block or element this renderer does not know is shown as "[unsupported …]", never dropped.
// Plain ES module: the page imports it, and so do the tests (vitest).

/** @param {unknown} value */
export function escapeHtml(value) {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const isObj = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v) => (typeof v === 'string' ? v : '');

/** Slack's three escapes in message text, undone before HTML-escaping. */
const decodeSlack = (text) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

const EMOJI = {
  white_check_mark: '✅', heavy_check_mark: '✔️', x: '❌', warning: '⚠️', tada: '🎉', paperclip: '📎', eyes: '👀',
  hourglass_flowing_sand: '⏳', hourglass: '⌛', receipt: '🧾', memo: '📝', no_entry_sign: '🚫', no_entry: '⛔',
  information_source: 'ℹ️', alarm_clock: '⏰', leftwards_arrow_with_hook: '↩️', euro: '💶', moneybag: '💰',
  thumbsup: '👍', '+1': '👍', thumbsdown: '👎', wave: '👋', rocket: '🚀', bell: '🔔', lock: '🔒', inbox_tray: '📥',
  outbox_tray: '📤', page_facing_up: '📄', calendar: '📆', bust_in_silhouette: '👤', busts_in_silhouette: '👥',
  arrow_right: '➡️', heavy_plus_sign: '➕', pencil2: '✏️', mag: '🔍', bulb: '💡', red_circle: '🔴', large_green_circle: '🟢',
};

/** :shortcode: → emoji for the common ones; unknown codes stay as typed. */
export function emojify(text) {
  return text.replace(/:([a-z0-9_+-]+):/g, (whole, name) => EMOJI[name] ?? whole);
}

// ---------------------------------------------------------------------------------------
// Dates: <!date^1700000000^{date_short_pretty} at {time}|fallback>

const DAY = 86_400_000;

function partsIn(tz, date) {
  const fmt = (o) => {
    let text;
    try {
      text = new Intl.DateTimeFormat('en-US', { timeZone: tz || 'UTC', ...o }).format(date);
    } catch {
      text = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', ...o }).format(date);
    }
    // Newer ICU puts a narrow no-break space before AM/PM.
    return text.replace(/[\u202f\u00a0]/g, ' ');
  };
  return fmt;
}

function ordinal(n) {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return `${n}${s[(v - 20) % 10] ?? s[v] ?? s[0]}`;
}

function dayKey(fmt) {
  return fmt({ year: 'numeric', month: '2-digit', day: '2-digit' });
}

/** Slack's date tokens in the reader's time zone. */
export function formatSlackDate(epochSeconds, format, tz, now = Date.now()) {
  const date = new Date(epochSeconds * 1000);
  if (Number.isNaN(date.getTime())) return null;
  const fmt = partsIn(tz, date);
  const day = Number(fmt({ day: 'numeric' }));
  const relative = () => {
    const today = dayKey(partsIn(tz, new Date(now)));
    if (dayKey(fmt) === today) return 'today';
    if (dayKey(fmt) === dayKey(partsIn(tz, new Date(now - DAY)))) return 'yesterday';
    if (dayKey(fmt) === dayKey(partsIn(tz, new Date(now + DAY)))) return 'tomorrow';
    return null;
  };
  const tokens = {
    date_num: () => `${fmt({ year: 'numeric' })}-${fmt({ month: '2-digit' })}-${fmt({ day: '2-digit' })}`,
    date: () => `${fmt({ month: 'long' })} ${ordinal(day)}, ${fmt({ year: 'numeric' })}`,
    date_short: () => fmt({ month: 'short', day: 'numeric', year: 'numeric' }),
    date_long: () => `${fmt({ weekday: 'long' })}, ${fmt({ month: 'long' })} ${ordinal(day)}, ${fmt({ year: 'numeric' })}`,
    date_pretty: () => relative() ?? tokens.date(),
    date_short_pretty: () => relative() ?? tokens.date_short(),
    date_long_pretty: () => relative() ?? tokens.date_long(),
    time: () => fmt({ hour: 'numeric', minute: '2-digit' }),
    time_secs: () => fmt({ hour: 'numeric', minute: '2-digit', second: '2-digit' }),
    ago: () => {
      const s = Math.round((now - date.getTime()) / 1000);
      const abs = Math.abs(s);
      const [n, unit] = abs < 60 ? [abs, 'second'] : abs < 3600 ? [Math.round(abs / 60), 'minute'] : abs < 86400 ? [Math.round(abs / 3600), 'hour'] : [Math.round(abs / 86400), 'day'];
      const text = `${n} ${unit}${n === 1 ? '' : 's'}`;
      return s >= 0 ? `${text} ago` : `in ${text}`;
    },
  };
  return format.replace(/\{([a-z_]+)\}/g, (whole, name) => (tokens[name] ? tokens[name]() : whole));
}

// ---------------------------------------------------------------------------------------
// mrkdwn

const SAFE_URL = /^(https?:|mailto:)/i;

/** A link the page may open: http(s) and mailto only; links to the fake's files go to the sandbox. */
export function safeUrl(url, ctx) {
  const u = decodeSlack(String(url ?? '')).trim();
  const base = ctx?.fakeBaseUrl;
  if (base && u.startsWith(`${base}/files/`)) {
    const rest = u.slice(base.length + '/files/'.length);
    const [id, ...more] = rest.split('/');
    const name = more.filter((m) => m !== 'download').join('/');
    return `/files/${encodeURIComponent(decodeURIComponent(id))}${name ? `/${name}` : ''}`;
  }
  return SAFE_URL.test(u) ? u : null;
}

function personName(id, ctx) {
  const p = ctx?.users?.[id];
  return p ? p.name : id;
}

/** One <…> token of Slack's message formatting, as HTML. */
function special(token, ctx) {
  const bar = token.indexOf('|');
  const target = bar >= 0 ? token.slice(0, bar) : token;
  const label = bar >= 0 ? token.slice(bar + 1) : '';
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return `<span class="bk-mention" data-user="${escapeHtml(id)}">@${escapeHtml(personName(id, ctx) || decodeSlack(label))}</span>`;
  }
  if (target.startsWith('#')) return `<span class="bk-mention">#${escapeHtml(decodeSlack(label) || target.slice(1))}</span>`;
  if (target.startsWith('!date^')) {
    const [, epoch, format, link] = target.split('^');
    const text = formatSlackDate(Number(epoch), format ?? '', ctx?.tz) ?? decodeSlack(label);
    const href = link ? safeUrl(link, ctx) : null;
    const when = new Date(Number(epoch) * 1000);
    const iso = Number.isNaN(when.getTime()) ? '' : when.toISOString();
    const html = `<time class="bk-date"${attr('datetime', iso)}>${escapeHtml(text)}</time>`;
    return href ? `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${html}</a>` : html;
  }
  if (target.startsWith('!subteam^')) return `<span class="bk-mention">${escapeHtml(decodeSlack(label) || '@group')}</span>`;
  if (target.startsWith('!')) return `<span class="bk-mention">@${escapeHtml(target.slice(1))}</span>`;
  const href = safeUrl(target, ctx);
  const shown = decodeSlack(label || target);
  if (!href) return escapeHtml(shown);
  return `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${escapeHtml(shown)}</a>`;
}

// Placeholders for rendered pieces while the surrounding text is formatted.
const PH_OPEN = '\u0001';
const PH_CLOSE = '\u0002';
const EDGE_BEFORE = `(^|[\\s(\\[{>*_~"';${PH_CLOSE}])`;
const EDGE_AFTER = `(?=$|[\\s)\\]}.,;:!?<&*_~"'${PH_OPEN}])`;
const styleRe = (ch) => new RegExp(`${EDGE_BEFORE}\\${ch}(?=[^\\s${ch}])([^${ch}\\n]*?[^\\s${ch}])\\${ch}${EDGE_AFTER}`, 'g');
const BOLD = styleRe('*');
const ITALIC = styleRe('_');
const STRIKE = styleRe('~');

function inline(text, ctx, kept) {
  const keep = (html) => {
    kept.push(html);
    return `${PH_OPEN}${kept.length - 1}${PH_CLOSE}`;
  };
  let s = text
    .replace(/`([^`\n]+)`/g, (_, code) => keep(`<code>${escapeHtml(decodeSlack(code))}</code>`))
    .replace(/<([^<>\n]+)>/g, (_, token) => keep(special(token, ctx)));
  s = escapeHtml(emojify(decodeSlack(s)));
  for (let i = 0; i < 2; i++) {
    s = s.replace(BOLD, '$1<strong>$2</strong>').replace(ITALIC, '$1<em>$2</em>').replace(STRIKE, '$1<del>$2</del>');
  }
  return s;
}

const restore = (html, kept) => html.replace(new RegExp(`${PH_OPEN}(\\d+)${PH_CLOSE}`, 'g'), (_, i) => kept[Number(i)] ?? '');

/** Slack mrkdwn → HTML: *bold*, _italic_, ~strike~, `code`, ```pre```, > quotes, links, mentions, dates, line breaks. */
export function mrkdwn(text, ctx) {
  const src = String(text ?? '');
  const kept = [];
  const out = [];
  const pieces = src.split(/```([\s\S]*?)```/);
  pieces.forEach((piece, index) => {
    if (index % 2 === 1) {
      out.push(`<pre class="bk-pre">${escapeHtml(decodeSlack(piece.replace(/^\n/, '')))}</pre>`);
      return;
    }
    if (piece === '') return;
    const lines = piece.split('\n');
    let quote = [];
    const flush = () => {
      if (quote.length > 0) out.push(`<blockquote class="bk-quote">${quote.join('<br>')}</blockquote>`);
      quote = [];
    };
    const plain = [];
    const flushPlain = () => {
      if (plain.length > 0) out.push(plain.join('<br>'));
      plain.length = 0;
    };
    for (const line of lines) {
      const q = /^(?:>|&gt;)\s?(.*)$/.exec(line);
      if (q) {
        flushPlain();
        quote.push(inline(q[1] ?? '', ctx, kept));
      } else {
        flush();
        plain.push(inline(line, ctx, kept));
      }
    }
    flush();
    flushPlain();
  });
  return restore(out.join(''), kept);
}

/** A text object (plain_text or mrkdwn) → HTML. */
export function textObject(obj, ctx) {
  if (!isObj(obj)) return typeof obj === 'string' ? escapeHtml(obj) : '';
  if (obj.type === 'mrkdwn') return obj.verbatim ? escapeHtml(decodeSlack(str(obj.text))).replace(/\n/g, '<br>') : mrkdwn(str(obj.text), ctx);
  const t = obj.emoji === false ? str(obj.text) : emojify(str(obj.text));
  return escapeHtml(t).replace(/\n/g, '<br>');
}

/** The visible text of a text object (for labels and options). */
export function plainOf(obj) {
  return isObj(obj) ? emojify(str(obj.text)) : typeof obj === 'string' ? obj : '';
}

// ---------------------------------------------------------------------------------------
// Elements

const attr = (name, value) => (value === undefined || value === null || value === '' ? '' : ` ${name}="${escapeHtml(value)}"`);

function dataAttrs(element, blockId, kind) {
  return `${attr('data-bk', kind)}${attr('data-action-id', element.action_id)}${attr('data-block-id', blockId)}${attr('data-type', element.type)}`;
}

function unsupported(what, type) {
  return `<span class="bk-unsupported">[unsupported ${escapeHtml(what)}: ${escapeHtml(type || '?')}]</span>`;
}

function confirmAttrs(element) {
  const c = element.confirm;
  if (!isObj(c)) return '';
  return `${attr('data-confirm-title', plainOf(c.title))}${attr('data-confirm-text', plainOf(c.text))}${attr('data-confirm-ok', plainOf(c.confirm) || 'Yes')}${attr('data-confirm-deny', plainOf(c.deny) || 'Cancel')}`;
}

function button(element, blockId, ctx) {
  const style = element.style === 'primary' ? ' bk-primary' : element.style === 'danger' ? ' bk-danger' : '';
  const href = element.url ? safeUrl(element.url, ctx) : null;
  return `<button type="button" class="bk-btn${style}"${dataAttrs(element, blockId, 'button')}${attr('data-value', element.value)}${attr('data-url', href)}${confirmAttrs(element)}${attr('aria-label', element.accessibility_label)}>${textObject(element.text, ctx)}</button>`;
}

function optionList(element) {
  const opts = (list) => (Array.isArray(list) ? list.filter(isObj) : []);
  return { flat: opts(element.options), groups: Array.isArray(element.option_groups) ? element.option_groups.filter(isObj).map((g) => ({ label: plainOf(g.label), options: opts(g.options) })) : [] };
}

function optionTags(options, selected) {
  return options.map((o) => `<option value="${escapeHtml(o.value)}"${selected.has(o.value) ? ' selected' : ''}>${escapeHtml(plainOf(o.text))}</option>`).join('');
}

function selectedValues(element) {
  const set = new Set();
  if (isObj(element.initial_option)) set.add(element.initial_option.value);
  if (Array.isArray(element.initial_options)) for (const o of element.initial_options) if (isObj(o)) set.add(o.value);
  return set;
}

function staticSelect(element, blockId, kind, extra, ctx, multiple = false) {
  const { flat, groups } = optionList(element);
  const selected = selectedValues(element);
  const placeholder = plainOf(element.placeholder) || (multiple ? 'Select options' : 'Select an option');
  const body =
    (multiple ? '' : `<option value=""${selected.size === 0 ? ' selected' : ''}>${escapeHtml(placeholder)}</option>`) +
    optionTags(flat, selected) +
    groups.map((g) => `<optgroup label="${escapeHtml(g.label)}">${optionTags(g.options, selected)}</optgroup>`).join('');
  return `<select class="bk-select"${multiple ? ' multiple' : ''}${dataAttrs(element, blockId, kind)}${extra}${attr('aria-label', element.accessibility_label ?? (multiple ? placeholder : undefined))}>${body}</select>`;
}

function usersSelect(element, blockId, kind, extra, ctx, multiple = false) {
  const initial = new Set([...(typeof element.initial_user === 'string' ? [element.initial_user] : []), ...(Array.isArray(element.initial_users) ? element.initial_users : [])]);
  const people = Object.entries(ctx?.users ?? {}).filter(([, p]) => !p.isBot);
  const placeholder = plainOf(element.placeholder) || 'Select a person';
  const opts = people.map(([id, p]) => `<option value="${escapeHtml(id)}"${initial.has(id) ? ' selected' : ''}>${escapeHtml(p.name)}</option>`).join('');
  return `<select class="bk-select"${multiple ? ' multiple' : ''}${dataAttrs(element, blockId, kind)}${extra}>${multiple ? '' : `<option value=""${initial.size === 0 ? ' selected' : ''}>${escapeHtml(placeholder)}</option>`}${opts}</select>`;
}

function overflow(element, blockId) {
  const { flat } = optionList(element);
  return `<select class="bk-overflow" title="More actions" aria-label="More actions"${dataAttrs(element, blockId, 'select')}><option value="" selected>⋯</option>${optionTags(flat, new Set())}</select>`;
}

function choiceList(element, blockId, kind, extra, inputType) {
  const selected = selectedValues(element);
  const name = `bk-${blockId}-${str(element.action_id)}`;
  const items = (Array.isArray(element.options) ? element.options.filter(isObj) : [])
    .map(
      (o) =>
        `<label class="bk-choice"><input type="${inputType}" name="${escapeHtml(name)}" value="${escapeHtml(o.value)}"${selected.has(o.value) ? ' checked' : ''}> <span>${textObject(o.text)}</span>${isObj(o.description) ? `<span class="bk-choice-desc">${textObject(o.description)}</span>` : ''}</label>`,
    )
    .join('');
  return `<div class="bk-choices"${dataAttrs(element, blockId, kind)}${extra}>${items}</div>`;
}

/**
 * An interactive element. `kind` is what the page does with it: 'button' (click), 'select'
 * (send block_actions on change), 'input' (value kept until the modal is submitted).
 */
function element(el, blockId, ctx, kind, id) {
  if (!isObj(el)) return unsupported('element', typeof el);
  const extra = attr('id', id);
  switch (el.type) {
    case 'button':
      return button(el, blockId, ctx);
    case 'static_select':
    case 'external_select':
      return staticSelect(el, blockId, kind, extra, ctx);
    case 'multi_static_select':
    case 'multi_external_select':
      return staticSelect(el, blockId, kind, extra, ctx, true);
    case 'users_select':
      return usersSelect(el, blockId, kind, extra, ctx);
    case 'multi_users_select':
      return usersSelect(el, blockId, kind, extra, ctx, true);
    case 'overflow':
      return overflow(el, blockId);
    case 'datepicker':
      return `<input type="date" class="bk-date-input"${dataAttrs(el, blockId, kind)}${extra}${attr('value', el.initial_date)}${attr('aria-label', plainOf(el.placeholder) || undefined)}>`;
    case 'timepicker':
      return `<input type="time" class="bk-date-input"${dataAttrs(el, blockId, kind)}${extra}${attr('value', el.initial_time)}>`;
    case 'checkboxes':
      return choiceList(el, blockId, kind, extra, 'checkbox');
    case 'radio_buttons':
      return choiceList(el, blockId, kind, extra, 'radio');
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input': {
      const type = el.type === 'email_text_input' ? 'email' : el.type === 'url_text_input' ? 'url' : 'text';
      const common = `${dataAttrs(el, blockId, kind)}${extra}${attr('placeholder', plainOf(el.placeholder))}${attr('maxlength', el.max_length)}`;
      if (el.multiline) return `<textarea class="bk-text" rows="4"${common}>${escapeHtml(el.initial_value)}</textarea>`;
      return `<input type="${type}" class="bk-text"${common}${attr('value', el.initial_value)}${el.type === 'number_input' ? ' inputmode="decimal"' : ''}>`;
    }
    case 'image':
      return image(el, 'bk-accessory-image', ctx);
    default:
      return unsupported('element', el.type);
  }
}

function image(el, cls, ctx) {
  const src = el.image_url ? safeUrl(el.image_url, ctx) : null;
  if (!src) return `<span class="bk-unsupported">[image: ${escapeHtml(el.alt_text ?? 'no URL')}]</span>`;
  return `<img class="${cls}" src="${escapeHtml(src)}" alt="${escapeHtml(el.alt_text ?? '')}" loading="lazy" referrerpolicy="no-referrer">`;
}

// ---------------------------------------------------------------------------------------
// Blocks

function richText(el, ctx) {
  if (!isObj(el)) return '';
  const kids = (list) => (Array.isArray(list) ? list.map((e) => richText(e, ctx)).join('') : '');
  switch (el.type) {
    case 'rich_text_section':
      return `<div>${kids(el.elements)}</div>`;
    case 'rich_text_preformatted':
      return `<pre class="bk-pre">${kids(el.elements)}</pre>`;
    case 'rich_text_quote':
      return `<blockquote class="bk-quote">${kids(el.elements)}</blockquote>`;
    case 'rich_text_list':
      return `<${el.style === 'ordered' ? 'ol' : 'ul'}>${(Array.isArray(el.elements) ? el.elements : []).map((e) => `<li>${richText({ ...e, type: 'rich_text_section' }, ctx).slice(5, -6)}</li>`).join('')}</${el.style === 'ordered' ? 'ol' : 'ul'}>`;
    case 'text': {
      let t = escapeHtml(el.text).replace(/\n/g, '<br>');
      const s = isObj(el.style) ? el.style : {};
      if (s.code) t = `<code>${t}</code>`;
      if (s.bold) t = `<strong>${t}</strong>`;
      if (s.italic) t = `<em>${t}</em>`;
      if (s.strike) t = `<del>${t}</del>`;
      return t;
    }
    case 'link': {
      const href = safeUrl(el.url, ctx);
      const label = escapeHtml(el.text || el.url);
      return href ? `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${label}</a>` : label;
    }
    case 'user':
      return `<span class="bk-mention">@${escapeHtml(personName(el.user_id, ctx))}</span>`;
    case 'emoji':
      return escapeHtml(el.unicode ? String.fromCodePoint(...String(el.unicode).split('-').map((h) => parseInt(h, 16))) : emojify(`:${el.name}:`));
    case 'channel':
      return `<span class="bk-mention">#${escapeHtml(el.channel_id)}</span>`;
    default:
      return unsupported('rich text element', el.type);
  }
}

/**
 * One block. ctx: { users: {id: {name, isBot}}, tz, surface: 'message'|'modal'|'home',
 * errors: {block_id: message}, fakeBaseUrl, idPrefix }.
 */
export function renderBlock(block, ctx = {}) {
  if (!isObj(block)) return `<div class="bk-block">${unsupported('block', typeof block)}</div>`;
  const blockId = str(block.block_id);
  const wrap = (cls, inner) => `<div class="bk-block ${cls}"${attr('data-block-id', blockId)}>${inner}</div>`;
  const actKind = (el) => (isObj(el) && el.type === 'button' ? 'button' : 'select');
  switch (block.type) {
    case 'section': {
      const text = block.text ? `<div class="bk-text-body">${textObject(block.text, ctx)}</div>` : '';
      const fields = Array.isArray(block.fields) && block.fields.length > 0 ? `<div class="bk-fields">${block.fields.map((f) => `<div class="bk-field">${textObject(f, ctx)}</div>`).join('')}</div>` : '';
      const accessory = block.accessory ? `<div class="bk-accessory">${element(block.accessory, blockId, ctx, actKind(block.accessory))}</div>` : '';
      return wrap('bk-section', `<div class="bk-section-main">${text}${fields}</div>${accessory}`);
    }
    case 'header':
      return wrap('bk-header', `<h3>${textObject(block.text, ctx)}</h3>`);
    case 'divider':
      return wrap('bk-divider', '<hr>');
    case 'context': {
      const els = (Array.isArray(block.elements) ? block.elements : []).map((e) =>
        isObj(e) && e.type === 'image' ? image(e, 'bk-context-image', ctx) : isObj(e) && (e.type === 'mrkdwn' || e.type === 'plain_text') ? `<span>${textObject(e, ctx)}</span>` : unsupported('context element', isObj(e) ? e.type : typeof e),
      );
      return wrap('bk-context', els.join(''));
    }
    case 'actions': {
      const els = (Array.isArray(block.elements) ? block.elements : []).map((e) => element(e, blockId, ctx, actKind(e)));
      return wrap('bk-actions', els.join(''));
    }
    case 'image': {
      const title = block.title ? `<div class="bk-image-title">${textObject(block.title, ctx)}</div>` : '';
      return wrap('bk-image', `${title}${image(block, 'bk-image-img', ctx)}`);
    }
    case 'input': {
      const el = isObj(block.element) ? block.element : {};
      const id = `${ctx.idPrefix ?? 'bk'}-${blockId}-${str(el.action_id)}`;
      const optional = block.optional ? ' <span class="bk-optional">(optional)</span>' : '';
      const hint = block.hint ? `<div class="bk-hint">${textObject(block.hint, ctx)}</div>` : '';
      const error = ctx.errors?.[blockId];
      const errorHtml = error ? `<div class="bk-error" role="alert">${escapeHtml(error)}</div>` : '';
      const dispatch = block.dispatch_action ? ' data-dispatch="1"' : '';
      const inner = element(el, blockId, ctx, 'input', id).replace(/^<(\w+)/, `<$1${dispatch}${error ? ' aria-invalid="true"' : ''}`);
      return wrap(`bk-input${error ? ' bk-has-error' : ''}`, `<label class="bk-label" for="${escapeHtml(id)}">${escapeHtml(plainOf(block.label))}${optional}</label>${inner}${hint}${errorHtml}`);
    }
    case 'file':
      return wrap('bk-file', `<span class="bk-file-ref">📄 Remote file ${escapeHtml(block.external_id ?? '')}</span>`);
    case 'rich_text':
      return wrap('bk-rich', (Array.isArray(block.elements) ? block.elements : []).map((e) => richText(e, ctx)).join(''));
    default:
      return wrap('bk-unknown', unsupported('block', block.type));
  }
}

export function renderBlocks(blocks, ctx = {}) {
  return (Array.isArray(blocks) ? blocks : []).map((b) => renderBlock(b, ctx)).join('');
}

// ---------------------------------------------------------------------------------------
// Messages, files, modals

function formatSize(n) {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${Math.round(n / 1024)} kB` : `${n} B`;
}

export function renderFiles(files) {
  return (Array.isArray(files) ? files : [])
    .map((f) => {
      const url = typeof f.url === 'string' && f.url.startsWith('/files/') ? f.url : null;
      const preview = url && /^image\/(png|jpe?g|gif|webp)$/.test(f.mimetype) ? `<img class="bk-file-preview" src="${escapeHtml(url)}" alt="${escapeHtml(f.name)}">` : '';
      const icon = f.mimetype === 'application/pdf' ? 'PDF' : /^image\//.test(f.mimetype) ? 'IMG' : 'FILE';
      const name = url ? `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${escapeHtml(f.name)}</a>` : escapeHtml(f.name);
      return `<div class="bk-file-card">${preview}<span class="bk-file-icon">${icon}</span><span class="bk-file-name">${name}</span><span class="bk-file-size">${escapeHtml(formatSize(Number(f.size) || 0))}</span></div>`;
    })
    .join('');
}

function renderAttachments(attachments, ctx) {
  return (Array.isArray(attachments) ? attachments : [])
    .filter(isObj)
    .map((a) => {
      const color = /^#[0-9a-f]{3,8}$/i.test(str(a.color)) ? '' : ` bk-att-${escapeHtml(str(a.color) || 'plain')}`;
      const head = a.title ? `<div class="bk-att-title">${escapeHtml(a.title)}</div>` : '';
      const text = a.text ? `<div>${mrkdwn(str(a.text), ctx)}</div>` : '';
      const fields = Array.isArray(a.fields) ? `<div class="bk-fields">${a.fields.filter(isObj).map((f) => `<div class="bk-field"><strong>${escapeHtml(f.title)}</strong><br>${mrkdwn(str(f.value), ctx)}</div>`).join('')}</div>` : '';
      const blocks = Array.isArray(a.blocks) ? renderBlocks(a.blocks, ctx) : '';
      return `<div class="bk-attachment${color}">${head}${text}${fields}${blocks}</div>`;
    })
    .join('');
}

const EYE = '<svg class="icon" viewBox="0 0 20 20" aria-hidden="true"><path d="M1.5 10S5 4 10 4s8.5 6 8.5 6-3.5 6-8.5 6S1.5 10 1.5 10z" fill="none" stroke="currentColor" stroke-width="1.5"/><circle cx="10" cy="10" r="2.6" fill="currentColor"/></svg>';

function timeOf(ts, tz) {
  const d = new Date(Number(ts) * 1000);
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: tz || 'UTC', hour: 'numeric', minute: '2-digit' }).format(d).replace(/[\u202f\u00a0]/g, ' ');
  } catch {
    return d.toISOString().slice(11, 16);
  }
}

/**
 * A message or ephemeral of the DM ({kind, ts, user, text, blocks, files, edited, replies}).
 * With blocks, Slack shows the blocks (text is only the notification fallback).
 */
export function renderMessage(item, ctx = {}) {
  if (!isObj(item)) return '';
  const author = ctx.users?.[item.user];
  const isBot = author?.isBot ?? item.user === ctx.botUserId;
  const name = author?.name ?? item.user;
  const initials = name.split(/\s+/).map((w) => w[0] ?? '').join('').slice(0, 2).toUpperCase();
  const eph = item.kind === 'ephemeral';
  const body = Array.isArray(item.blocks) && item.blocks.length > 0 ? renderBlocks(item.blocks, ctx) : item.text ? `<div class="bk-text-body">${mrkdwn(item.text, ctx)}</div>` : '';
  const replies = Array.isArray(item.replies) && item.replies.length > 0 ? `<div class="msg-thread"><div class="msg-thread-label">${item.replies.length} ${item.replies.length === 1 ? 'reply' : 'replies'}</div>${item.replies.map((r) => renderMessage(r, ctx)).join('')}</div>` : '';
  return (
    `<div class="msg${eph ? ' msg-ephemeral' : ''}${isBot ? ' msg-bot' : ''}" data-ts="${escapeHtml(item.ts)}" data-kind="${eph ? 'ephemeral' : 'message'}">` +
    `<div class="msg-avatar${isBot ? ' msg-avatar-bot' : ''}" aria-hidden="true">${escapeHtml(initials)}</div>` +
    `<div class="msg-main"><div class="msg-head"><span class="msg-author">${escapeHtml(name)}</span>${isBot ? '<span class="msg-app">APP</span>' : ''}<span class="msg-time">${escapeHtml(timeOf(item.ts, ctx.tz))}</span>${item.edited ? '<span class="msg-edited">(edited)</span>' : ''}</div>` +
    `${eph ? `<div class="msg-only-you">${EYE}Only visible to you</div>` : ''}` +
    `<div class="msg-body">${body}${renderAttachments(item.attachments, ctx)}${renderFiles(item.files)}</div>${replies}</div></div>`
  );
}

/** A modal (title, blocks with errors under their inputs, Close / Submit). */
export function renderModal(view, ctx = {}) {
  if (!isObj(view)) return '';
  const inner = renderBlocks(view.blocks, { ...ctx, surface: 'modal', errors: isObj(view.errors) ? view.errors : {}, idPrefix: `m-${str(view.id)}` });
  const submit = view.submit ? `<button type="submit" class="bk-btn bk-primary" data-bk="submit">${escapeHtml(plainOf(view.submit))}</button>` : '';
  const close = `<button type="button" class="bk-btn" data-bk="close">${escapeHtml(plainOf(view.close) || (view.submit ? 'Cancel' : 'Close'))}</button>`;
  return (
    `<form class="modal" data-view-id="${escapeHtml(view.id)}" role="dialog" aria-modal="true" aria-labelledby="modal-title" novalidate>` +
    `<header class="modal-head"><h2 id="modal-title">${escapeHtml(plainOf(view.title))}</h2><button type="button" class="modal-x" data-bk="close" aria-label="Close">×</button></header>` +
    `<div class="modal-body">${inner}</div>` +
    `<footer class="modal-foot">${close}${submit}</footer></form>`
  );
}
