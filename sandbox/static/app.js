// The sandbox page: pick who you are, read your DM with the app and your App Home, type
// /countersign commands, upload files, press buttons, fill in modals. It only talks to the
// sandbox server (/api/*), which forwards everything to the bot as signed Slack requests.
// Everything shown is rendered by blockkit.js, which escapes all text.
import { escapeHtml, renderBlocks, renderMessage, renderModal } from './blockkit.js';

const $ = (id) => document.getElementById(id);
const state = {
  me: decodeURIComponent(location.hash.slice(1)) || localStorage.getItem('countersign-sandbox-me') || '',
  snapshot: null,
  tab: 'messages',
  /** dmCount each person had when last viewed, for the "new" badges. */
  seen: new Map(),
  rendered: { home: '', modalKey: '' },
  seedAsked: false,
};

// ----------------------------------------------------------------------------------------
// Server

async function api(path, body) {
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
  let json;
  try {
    json = await res.json();
  } catch {
    json = { ok: false, error: `HTTP ${res.status}` };
  }
  if (!res.ok && json.ok !== false) json = { ok: false, error: `HTTP ${res.status}` };
  return json;
}

let inflight = false;
let dirty = false;
async function refresh() {
  if (inflight) {
    dirty = true;
    return;
  }
  inflight = true;
  try {
    do {
      dirty = false;
      const asked = state.me;
      const q = asked ? `?user=${encodeURIComponent(asked)}` : '';
      const res = await fetch(`/api/state${q}`);
      if (!res.ok) {
        // An unknown person in the URL: fall back to the first one.
        if (res.status === 400 && asked) {
          state.me = '';
          dirty = true;
          continue;
        }
        throw new Error(`HTTP ${res.status}`);
      }
      const snap = await res.json();
      // Someone else was picked while this was on its way: never show a stale person.
      if (state.me !== asked) {
        dirty = true;
        continue;
      }
      render(snap);
    } while (dirty);
  } catch (err) {
    toast(`Cannot reach the sandbox server (${err.message}).`, 'error');
  } finally {
    inflight = false;
  }
}

function listen() {
  const events = new EventSource('/api/events');
  events.onmessage = () => refresh();
}

// ----------------------------------------------------------------------------------------
// Rendering

function renderCtx(snap) {
  const users = {};
  for (const p of snap.people) users[p.id] = { name: p.realName, isBot: false };
  users[snap.team.botUserId] = { name: snap.team.botName, isBot: true };
  const me = snap.people.find((p) => p.id === snap.me);
  return { users, tz: me?.tz ?? 'UTC', botUserId: snap.team.botUserId, fakeBaseUrl: snap.fakeBaseUrl };
}

function initials(name) {
  return name
    .split(/\s+/)
    .map((w) => w[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
}

function render(snap) {
  const switched = state.snapshot?.me !== snap.me;
  state.snapshot = snap;
  state.me = snap.me;
  localStorage.setItem('countersign-sandbox-me', snap.me);
  if (decodeURIComponent(location.hash.slice(1)) !== snap.me) history.replaceState(null, '', `#${encodeURIComponent(snap.me)}`);
  const me = snap.people.find((p) => p.id === snap.me);
  state.seen.set(snap.me, me?.dmCount ?? 0);
  document.title = `${me?.realName ?? ''} · Countersign sandbox`;
  $('ws-name').textContent = `${snap.team.domain}`;
  $('app-name').textContent = snap.team.botName;
  $('viewing-as').innerHTML = `Viewing as <strong>${escapeHtml(me?.realName ?? snap.me)}</strong> <span class="muted">${escapeHtml(me?.title ?? '')}</span>`;
  renderPeople(snap);
  renderSeed(snap.seed);
  const ctx = renderCtx(snap);
  renderDm(snap, ctx, switched);
  renderHome(snap, ctx, switched);
  renderModalLayer(snap, ctx);
}

/** Built once; later only patched, so a click on a person is never lost to a re-render. */
function renderPeople(snap) {
  const list = $('people');
  const ids = snap.people.map((p) => p.id).join(',');
  if (list.dataset.ids !== ids) {
    list.innerHTML = snap.people
      .map(
        (p) =>
          `<li><button type="button" class="person" data-person="${escapeHtml(p.id)}" aria-pressed="false"><span class="avatar" aria-hidden="true">${escapeHtml(initials(p.realName))}</span><span class="person-text"><span class="person-name">${escapeHtml(p.realName)}</span><span class="person-title">${escapeHtml(p.title)}</span></span><span class="badge" hidden></span></button></li>`,
      )
      .join('');
    list.dataset.ids = ids;
  }
  for (const p of snap.people) {
    const button = list.querySelector(`[data-person="${CSS.escape(p.id)}"]`);
    if (!button) continue;
    const current = p.id === snap.me;
    button.classList.toggle('current', current);
    button.setAttribute('aria-pressed', String(current));
    const fresh = current ? 0 : Math.max(0, p.dmCount - (state.seen.get(p.id) ?? 0));
    const badge = button.querySelector('.badge');
    badge.hidden = fresh === 0;
    badge.textContent = String(fresh);
    badge.setAttribute('aria-label', `${fresh} new`);
  }
}

function renderSeed(seed) {
  const el = $('seed');
  let html;
  if (seed.status === 'pending' || seed.status === 'running') {
    html = `<div class="seed-line"><span class="spinner" aria-hidden="true"></span>Setting up roles, codes and the default chain…</div>`;
    if (seed.status === 'pending' && !state.seedAsked) {
      state.seedAsked = true;
      api('/api/seed').then(() => refresh());
    }
  } else {
    const r = seed.report;
    const steps = r.steps.map((s) => `<li class="${s.ok ? '' : 'bad'}"><code>/countersign ${escapeHtml(s.command)}</code><br>${escapeHtml(s.reply)}</li>`).join('');
    html =
      (r.ok ? `<div class="seed-line ok">✓ Workspace ready</div>` : `<div class="seed-line bad">Setup failed: ${escapeHtml(r.error ?? 'unknown error')} <button type="button" class="link" id="seed-retry">Retry</button></div>`) +
      (steps ? `<details><summary>${r.steps.length} setup commands</summary><ol>${steps}</ol></details>` : '');
  }
  if (el.dataset.html !== html) {
    const open = el.querySelector('details')?.open ?? false;
    el.innerHTML = html;
    el.dataset.html = html;
    const details = el.querySelector('details');
    if (details && open) details.open = true;
  }
}

const dmNodes = new Map();

function nodeFrom(html) {
  const t = document.createElement('template');
  t.innerHTML = html;
  return t.content.firstElementChild;
}

/**
 * Keyed by message ts: only new or changed messages are (re)built, so a button someone is
 * pressing is not swept away because another message arrived.
 */
function renderDm(snap, ctx, switched) {
  const dm = $('dm');
  const items = snap.dm.items;
  const atBottom = dm.scrollHeight - dm.scrollTop - dm.clientHeight < 80;
  if (switched || items.length === 0) {
    dmNodes.clear();
    dm.innerHTML = '';
  }
  if (items.length === 0) {
    dm.innerHTML = `<div class="empty"><h3>This is your direct message with ${escapeHtml(snap.team.botName)}</h3><p>Upload a receipt or an invoice (paperclip below, or drop a file here), or type <code>/countersign help</code>.</p></div>`;
    return;
  }
  dm.querySelector(':scope > .empty')?.remove();
  const wanted = [];
  const seen = new Set();
  for (const item of items) {
    const html = renderMessage(item, ctx);
    const key = `${item.kind}:${item.ts}`;
    seen.add(key);
    let entry = dmNodes.get(key);
    if (!entry || entry.html !== html) {
      const node = nodeFrom(html);
      if (entry) entry.el.replaceWith(node);
      entry = { html, el: node };
      dmNodes.set(key, entry);
    }
    wanted.push(entry.el);
  }
  for (const [key, entry] of dmNodes) {
    if (!seen.has(key)) {
      entry.el.remove();
      dmNodes.delete(key);
    }
  }
  wanted.forEach((el, i) => {
    if (dm.children[i] !== el) dm.insertBefore(el, dm.children[i] ?? null);
  });
  if (atBottom || switched) dm.scrollTop = dm.scrollHeight;
}

function renderHome(snap, ctx, switched) {
  if (switched && state.tab === 'home') openHome();
  const view = snap.home;
  const html = view
    ? `<div class="home-view" data-view-id="${escapeHtml(view.id)}">${renderBlocks(view.blocks, { ...ctx, surface: 'home' })}</div>`
    : `<div class="empty"><p>Loading the Home tab…</p></div>`;
  const key = `${snap.me}|${html}`;
  if (key === state.rendered.home) return;
  $('home').innerHTML = html;
  state.rendered.home = key;
}

function modalValues(form) {
  const values = {};
  for (const el of form.querySelectorAll('[data-bk="input"]')) {
    const blockId = el.dataset.blockId;
    const actionId = el.dataset.actionId;
    if (!blockId || !actionId) continue;
    let value;
    if (el.tagName === 'SELECT' && el.multiple) value = [...el.selectedOptions].map((o) => o.value);
    else if (el.tagName === 'DIV') {
      const checked = [...el.querySelectorAll('input:checked')].map((i) => i.value);
      value = el.dataset.type === 'checkboxes' ? checked : (checked[0] ?? null);
    } else value = el.value === '' ? null : el.value;
    values[blockId] = { ...(values[blockId] ?? {}), [actionId]: value };
  }
  return values;
}

function restoreValues(form, values) {
  for (const el of form.querySelectorAll('[data-bk="input"]')) {
    const v = values[el.dataset.blockId]?.[el.dataset.actionId];
    if (v === undefined) continue;
    if (el.tagName === 'SELECT' && el.multiple) for (const o of el.options) o.selected = Array.isArray(v) && v.includes(o.value);
    else if (el.tagName === 'DIV') for (const i of el.querySelectorAll('input')) i.checked = Array.isArray(v) ? v.includes(i.value) : v === i.value;
    else el.value = v ?? '';
  }
}

function renderModalLayer(snap, ctx) {
  const layer = $('modal-layer');
  const view = snap.modal;
  if (!view) {
    if (!layer.hidden) {
      layer.hidden = true;
      layer.innerHTML = '';
    }
    state.rendered.modalKey = '';
    return;
  }
  const key = `${snap.me}|${view.id}|${view.hash}|${JSON.stringify(view.errors ?? {})}`;
  if (key === state.rendered.modalKey) return;
  const old = layer.querySelector('form.modal');
  // Same view (errors came back, or views.update): what the person typed stays, as in Slack.
  const kept = old && old.dataset.viewId === view.id ? modalValues(old) : null;
  const sameView = old && old.dataset.viewId === view.id;
  const scroll = old?.querySelector('.modal-body')?.scrollTop ?? 0;
  layer.innerHTML = renderModal(view, ctx) + (snap.modalDepth > 1 ? `<div class="modal-depth">${snap.modalDepth} forms open</div>` : '');
  layer.hidden = false;
  const form = layer.querySelector('form.modal');
  if (kept) restoreValues(form, kept);
  const body = form.querySelector('.modal-body');
  if (sameView) {
    const firstError = form.querySelector('.bk-has-error');
    if (firstError) firstError.scrollIntoView({ block: 'center' });
    else body.scrollTop = scroll;
  } else form.querySelector('input, textarea, select')?.focus();
  state.rendered.modalKey = key;
}

// ----------------------------------------------------------------------------------------
// Toasts

function toast(text, kind = 'info') {
  const el = document.createElement('div');
  el.className = `toast toast-${kind}`;
  el.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  el.textContent = text;
  $('toasts').append(el);
  setTimeout(() => el.remove(), 8000);
}

function reportFailure(result, what) {
  if (result.ok) return;
  toast(`${what}: ${result.error ?? 'the app did not answer'}`, 'error');
}

// ----------------------------------------------------------------------------------------
// Actions

function switchTo(personId) {
  if (!personId || personId === state.me) return;
  state.me = personId;
  state.rendered.modalKey = '';
  refresh();
}

function openHome() {
  api('/api/home', { user: state.me }).then((r) => reportFailure(r, 'Opening the Home tab'));
}

function selectTab(tab) {
  state.tab = tab;
  for (const t of document.querySelectorAll('[data-tab]')) t.setAttribute('aria-selected', String(t.dataset.tab === tab));
  $('pane-messages').hidden = tab !== 'messages';
  $('pane-home').hidden = tab !== 'home';
  // Slack sends app_home_opened every time the tab is opened.
  if (tab === 'home') openHome();
}

function whereOf(el) {
  const view = el.closest('[data-view-id]');
  if (view) return { viewId: view.dataset.viewId, stateValues: view.tagName === 'FORM' ? modalValues(view) : undefined };
  const msg = el.closest('.msg');
  return msg ? { ts: msg.dataset.ts } : null;
}

async function sendAction(el, value) {
  const where = whereOf(el);
  if (!where) return;
  const body = { user: state.me, actionId: el.dataset.actionId, blockId: el.dataset.blockId, ...where, ...(value !== undefined ? { value } : {}) };
  el.classList.add('busy');
  if (el.tagName === 'BUTTON') el.disabled = true;
  try {
    reportFailure(await api('/api/action', body), 'That did not work');
  } finally {
    el.classList.remove('busy');
    if (el.tagName === 'BUTTON') el.disabled = false;
  }
}

function elementValue(el) {
  if (el.tagName === 'SELECT' && el.multiple) return [...el.selectedOptions].map((o) => o.value);
  if (el.tagName === 'DIV') {
    const checked = [...el.querySelectorAll('input:checked')].map((i) => i.value);
    return el.dataset.type === 'checkboxes' ? checked : (checked[0] ?? null);
  }
  return el.value === '' ? null : el.value;
}

document.addEventListener('click', (e) => {
  const target = e.target instanceof Element ? e.target : null;
  if (!target) return;
  const person = target.closest('[data-person]');
  if (person) return switchTo(person.dataset.person);
  const tab = target.closest('[data-tab]');
  if (tab) return selectTab(tab.dataset.tab);
  if (target.closest('#seed-retry')) return void api('/api/seed').then(() => refresh());
  const close = target.closest('[data-bk="close"]');
  if (close) return void api('/api/close', { user: state.me }).then((r) => reportFailure(r, 'Closing the form'));
  const button = target.closest('[data-bk="button"]');
  if (button) {
    if (button.dataset.confirmText !== undefined && !window.confirm(`${button.dataset.confirmTitle ?? ''}\n\n${button.dataset.confirmText}`)) return;
    if (button.dataset.url) window.open(button.dataset.url, '_blank', 'noopener,noreferrer');
    return void sendAction(button);
  }
  const suggestion = target.closest('[data-handle]');
  if (suggestion) return insertMention(suggestion.dataset.handle);
});

document.addEventListener('change', (e) => {
  const el = e.target instanceof Element ? e.target.closest('[data-bk="select"], [data-bk="input"][data-dispatch]') : null;
  if (!el) return;
  const value = elementValue(el);
  if (el.dataset.type === 'overflow' && value === null) return;
  sendAction(el, value);
  if (el.dataset.type === 'overflow') el.value = '';
});

document.addEventListener('submit', (e) => {
  const form = e.target;
  if (!(form instanceof HTMLFormElement)) return;
  e.preventDefault();
  if (form.classList.contains('modal')) return void submitModal(form);
  if (form.id === 'composer') return void sendComposer();
});

document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && !$('modal-layer').hidden) api('/api/close', { user: state.me });
});

async function submitModal(form) {
  const submit = form.querySelector('[data-bk="submit"]');
  if (submit) submit.disabled = true;
  try {
    const r = await api('/api/submit', { user: state.me, viewId: form.dataset.viewId, values: modalValues(form) });
    if (!r.ok) toast(`The form was not sent: ${r.error ?? 'the app did not answer'}. Slack would say: "We had some trouble connecting. Try again?"`, 'error');
    await refresh();
  } finally {
    if (submit && submit.isConnected) submit.disabled = false;
  }
}

// ----------------------------------------------------------------------------------------
// Composer: text, /countersign, @mentions, uploads

const box = $('message');

async function sendComposer() {
  const text = box.value;
  if (text.trim() === '') return;
  $('send').disabled = true;
  try {
    const r = await api('/api/send', { user: state.me, text });
    if (r.ok || r.status === 200) box.value = '';
    else if (r.status === 0) toast(r.error, 'info');
    else reportFailure(r, text.startsWith('/') ? `${text.split(/\s/)[0]} failed` : 'The message was not delivered');
  } finally {
    $('send').disabled = false;
    hideSuggestions();
    autosize();
    box.focus();
  }
}

function autosize() {
  box.style.height = 'auto';
  box.style.height = `${Math.min(box.scrollHeight, 200)}px`;
}

box.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    const first = $('suggest').hidden ? null : $('suggest').querySelector('[data-handle]');
    e.preventDefault();
    if (first) return insertMention(first.dataset.handle);
    sendComposer();
  }
});

function currentMention() {
  const upto = box.value.slice(0, box.selectionStart);
  const m = /(^|\s)@([A-Za-z0-9._-]*)$/.exec(upto);
  return m ? { start: upto.length - m[2].length - 1, query: m[2].toLowerCase() } : null;
}

function hideSuggestions() {
  $('suggest').hidden = true;
  $('suggest').innerHTML = '';
}

box.addEventListener('input', () => {
  autosize();
  const m = currentMention();
  const people = state.snapshot?.people ?? [];
  const found = m ? people.filter((p) => p.handle.startsWith(m.query) || p.realName.toLowerCase().includes(m.query)).slice(0, 8) : [];
  if (found.length === 0) return hideSuggestions();
  $('suggest').innerHTML = found
    .map((p) => `<button type="button" class="suggestion" role="option" data-handle="${escapeHtml(p.handle)}"><span class="avatar small" aria-hidden="true">${escapeHtml(initials(p.realName))}</span><strong>${escapeHtml(p.realName)}</strong> <span class="muted">@${escapeHtml(p.handle)} · ${escapeHtml(p.title)}</span></button>`)
    .join('');
  $('suggest').hidden = false;
});

function insertMention(handle) {
  const m = currentMention();
  if (!m) return;
  const before = box.value.slice(0, m.start);
  const after = box.value.slice(box.selectionStart);
  box.value = `${before}@${handle} ${after}`;
  const caret = before.length + handle.length + 2;
  box.setSelectionRange(caret, caret);
  hideSuggestions();
  box.focus();
}

async function upload(files) {
  for (const file of files) {
    const res = await fetch(`/api/upload?user=${encodeURIComponent(state.me)}&name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { 'content-type': file.type || 'application/octet-stream', 'x-sandbox-upload': '1' },
      body: file,
    });
    const r = await res.json().catch(() => ({ ok: false, error: `HTTP ${res.status}` }));
    reportFailure(r, `Uploading ${file.name}`);
  }
}

$('file').addEventListener('change', (e) => {
  const input = e.target;
  const files = [...input.files];
  input.value = '';
  upload(files);
});

const pane = $('pane-messages');
pane.addEventListener('dragover', (e) => {
  e.preventDefault();
  pane.classList.add('dropping');
});
pane.addEventListener('dragleave', () => pane.classList.remove('dropping'));
pane.addEventListener('drop', (e) => {
  e.preventDefault();
  pane.classList.remove('dropping');
  if (e.dataTransfer?.files?.length) upload([...e.dataTransfer.files]);
});

$('reset').addEventListener('click', async () => {
  if (!window.confirm('Reset the sandbox? Every message, file and form is forgotten and the workspace is set up again.')) return;
  $('reset').disabled = true;
  try {
    const r = await api('/api/reset');
    if (!r.ok) toast(`Reset failed: ${r.error}`, 'error');
    state.seen.clear();
  } finally {
    $('reset').disabled = false;
    refresh();
  }
});

window.addEventListener('hashchange', () => switchTo(decodeURIComponent(location.hash.slice(1))));

listen();
refresh();
