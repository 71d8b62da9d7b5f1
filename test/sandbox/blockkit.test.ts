// The sandbox page's Block Kit renderer (sandbox/static/blockkit.js, the module the browser
// loads): mrkdwn, every block and element the bot sends, modal errors, escaping, and the
// visible marker for what it does not know. Includes the bot's own messages and modals.
import { describe, expect, it } from 'vitest';
import { confirmMessage, kindChoiceMessage, rejectedMessage, stepMessage } from '../../bot/views/messages';
import { codingModal, fieldsModal, rejectModal } from '../../bot/views/modals';
import type { DocInfo, StepInfo } from '../../bot/document-data';
import { escapeHtml, formatSlackDate, mrkdwn, renderBlock, renderBlocks, renderMessage, renderModal, safeUrl, textObject } from '../../sandbox/static/blockkit.js';

const ctx = {
  users: { U0ADMIN: { name: 'Ada Lindqvist' }, U0APPROVER1: { name: 'Priya Nair' }, U0FAKEBOT: { name: 'Countersign', isBot: true } },
  tz: 'Europe/Tallinn',
  fakeBaseUrl: 'http://127.0.0.1:4567',
  botUserId: 'U0FAKEBOT',
};

/** The markup without tags, to read like a person would. */
const visible = (html: string) =>
  html
    .replace(/<br>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** No tag in the output other than the renderer's own. */
function onlyOwnTags(html: string): void {
  const tags = [...html.matchAll(/<\/?([a-zA-Z0-9]+)/g)].map((m) => m[1]!.toLowerCase());
  const allowed = new Set(['div', 'span', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'br', 'a', 'time', 'button', 'select', 'option', 'optgroup', 'input', 'textarea', 'label', 'h3', 'hr', 'img', 'form', 'header', 'footer', 'h2', 'ol', 'ul', 'li', 'svg', 'path', 'circle']);
  for (const t of tags) expect(allowed.has(t), `unexpected <${t}> in ${html}`).toBe(true);
  expect(html).not.toMatch(/<[^>]*\son[a-z]+=/i);
}

describe('mrkdwn', () => {
  it('formats bold, italic, strike, code, quotes and line breaks', () => {
    const html = mrkdwn('*DOC-12* is _ready_ ~old~ `x < y`\n>quoted *reason*\nlast line', ctx);
    expect(html).toContain('<strong>DOC-12</strong>');
    expect(html).toContain('<em>ready</em>');
    expect(html).toContain('<del>old</del>');
    expect(html).toContain('<code>x &lt; y</code>');
    expect(html).toContain('<blockquote class="bk-quote">quoted <strong>reason</strong></blockquote>');
    expect(html).toContain('last line');
    expect(mrkdwn('line 1\nline 2')).toBe('line 1<br>line 2');
    expect(mrkdwn('```a *b*\n<c>```')).toBe('<pre class="bk-pre">a *b*\n&lt;c&gt;</pre>');
  });

  it('does not format inside words or across lines', () => {
    expect(mrkdwn('snake_case_name 2*3*4')).toBe('snake_case_name 2*3*4');
    expect(mrkdwn('*not\nbold*')).toBe('*not<br>bold*');
  });

  it('shows user mentions as names, links only for http(s) and mailto, and the fake’s file links through the sandbox', () => {
    const html = mrkdwn('<@U0ADMIN> and <@U0NOBODY|ghost> see <https://example.com/a?b=1&amp;c=2|the docs> <javascript:alert(1)|click> 📎 <http://127.0.0.1:4567/files/F0SB1/invoice.pdf|invoice.pdf>', ctx);
    expect(html).toContain('<span class="bk-mention" data-user="U0ADMIN">@Ada Lindqvist</span>');
    expect(html).toContain('@U0NOBODY');
    expect(html).toContain('<a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">the docs</a>');
    expect(html).not.toContain('javascript:');
    expect(visible(html)).toContain('click');
    expect(html).toContain('href="/files/F0SB1/invoice.pdf"');
    expect(safeUrl('http://127.0.0.1:4567/files/F0SB2', ctx)).toBe('/files/F0SB2');
    expect(safeUrl('data:text/html,hi', ctx)).toBeNull();
  });

  it('undoes Slack’s escaping, then escapes for HTML (no markup gets through)', () => {
    const html = mrkdwn('Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt; <img src=x onerror=alert(1)> "quotes"', ctx);
    expect(visible(html)).toContain('Tom & Jerry <script>alert(1)</script>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(visible(html)).toContain('img src=x onerror=alert(1)');
    onlyOwnTags(html);
  });

  it('renders <!date^…> in the reader’s time zone, with the fallback for bad dates', () => {
    // 2025-03-14 21:30 UTC is already the 15th in Tallinn.
    const epoch = Date.UTC(2025, 2, 14, 21, 30) / 1000;
    expect(formatSlackDate(epoch, '{date_num} {time}', 'Europe/Tallinn')).toBe('2025-03-14 11:30 PM');
    expect(formatSlackDate(epoch, '{date_num}', 'Asia/Tokyo')).toBe('2025-03-15');
    expect(formatSlackDate(epoch, '{date_short_pretty}', 'UTC', Date.UTC(2025, 2, 14, 23))).toBe('today');
    expect(formatSlackDate(epoch, '{date_short_pretty}', 'UTC', Date.UTC(2025, 2, 15, 10))).toBe('yesterday');
    expect(formatSlackDate(epoch, '{date}', 'UTC')).toBe('March 14th, 2025');
    expect(mrkdwn(`<!date^${epoch}^{date_num}|2025-03-14 21:30 UTC>`, ctx)).toContain('>2025-03-14</time>');
    expect(mrkdwn('<!date^notanumber^{date}|the fallback>', ctx)).toContain('the fallback');
  });

  it('plain_text is not mrkdwn; emoji shortcodes become emoji', () => {
    expect(textObject({ type: 'plain_text', text: '*not bold* :tada:' })).toBe('*not bold* 🎉');
    expect(textObject({ type: 'mrkdwn', text: '*bold*' })).toBe('<strong>bold</strong>');
    expect(escapeHtml(`<a href="x">'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&lt;/a&gt;');
  });
});

describe('blocks', () => {
  it('section with fields and an accessory button, header, divider, context, image', () => {
    const html = renderBlocks(
      [
        { type: 'header', block_id: 'h', text: { type: 'plain_text', text: 'Countersign' } },
        { type: 'section', block_id: 's', text: { type: 'mrkdwn', text: '*Supplier*' }, fields: [{ type: 'mrkdwn', text: '*Net*\n100.00 EUR' }, { type: 'plain_text', text: 'VAT' }], accessory: { type: 'button', action_id: 'open', text: { type: 'plain_text', text: 'Open' }, value: 'v1' } },
        { type: 'divider', block_id: 'd' },
        { type: 'context', block_id: 'c', elements: [{ type: 'mrkdwn', text: '_note_' }, { type: 'image', image_url: 'https://example.com/i.png', alt_text: 'logo' }] },
        { type: 'image', block_id: 'i', image_url: 'https://example.com/big.png', alt_text: 'big', title: { type: 'plain_text', text: 'Scan' } },
      ],
      ctx,
    );
    expect(html).toContain('<h3>Countersign</h3>');
    expect(html).toContain('<div class="bk-fields"><div class="bk-field"><strong>Net</strong><br>100.00 EUR</div><div class="bk-field">VAT</div></div>');
    expect(html).toContain('data-bk="button" data-action-id="open" data-block-id="s" data-type="button" data-value="v1"');
    expect(html).toContain('<hr>');
    expect(html).toContain('<em>note</em>');
    expect(html).toContain('<img class="bk-image-img" src="https://example.com/big.png" alt="big"');
    onlyOwnTags(html);
  });

  it('actions: primary / danger buttons, static_select, datepicker, overflow, users_select', () => {
    const html = renderBlock(
      {
        type: 'actions',
        block_id: 'a',
        elements: [
          { type: 'button', action_id: 'yes', text: { type: 'plain_text', text: 'Approve' }, style: 'primary', value: '{"d":"doc_1"}' },
          { type: 'button', action_id: 'no', text: { type: 'plain_text', text: 'Reject' }, style: 'danger', value: 'r', confirm: { title: { type: 'plain_text', text: 'Sure?' }, text: { type: 'plain_text', text: 'Really reject?' }, confirm: { type: 'plain_text', text: 'Reject' }, deny: { type: 'plain_text', text: 'Back' } } },
          { type: 'static_select', action_id: 'pick', placeholder: { type: 'plain_text', text: 'Choose' }, options: [{ text: { type: 'plain_text', text: 'One' }, value: '1' }], option_groups: undefined },
          { type: 'datepicker', action_id: 'when', initial_date: '2025-03-14' },
          { type: 'overflow', action_id: 'more', options: [{ text: { type: 'plain_text', text: 'Withdraw' }, value: 'w' }] },
          { type: 'users_select', action_id: 'who', initial_user: 'U0ADMIN' },
        ],
      },
      ctx,
    );
    expect(html).toContain('class="bk-btn bk-primary" data-bk="button" data-action-id="yes"');
    expect(html).toContain('data-value="{&quot;d&quot;:&quot;doc_1&quot;}"');
    expect(html).toContain('class="bk-btn bk-danger"');
    expect(html).toContain('data-confirm-text="Really reject?"');
    expect(html).toMatch(/<select class="bk-select" data-bk="select" data-action-id="pick"[^>]*><option value="" selected>Choose<\/option><option value="1">One<\/option><\/select>/);
    expect(html).toContain('<input type="date" class="bk-date-input" data-bk="select" data-action-id="when" data-block-id="a" data-type="datepicker" value="2025-03-14">');
    expect(html).toContain('data-type="overflow"');
    expect(html).toContain('<option value="w">Withdraw</option>');
    expect(html).toContain('<option value="U0ADMIN" selected>Ada Lindqvist</option>');
    expect(html).not.toContain('U0FAKEBOT');
    onlyOwnTags(html);
  });

  it('input blocks: text (single, multiline), select with option groups, datepicker, users_select, labels, hints, optional, errors', () => {
    const blocks = [
      { type: 'input', block_id: 'name', label: { type: 'plain_text', text: 'Supplier' }, optional: true, hint: { type: 'plain_text', text: 'As on the invoice' }, element: { type: 'plain_text_input', action_id: 'v', initial_value: 'Acme <OÜ>' } },
      { type: 'input', block_id: 'reason', label: { type: 'plain_text', text: 'Reason' }, element: { type: 'plain_text_input', action_id: 'v', multiline: true, placeholder: { type: 'plain_text', text: 'Why?' } } },
      { type: 'input', block_id: 'acc', label: { type: 'plain_text', text: 'GL account' }, element: { type: 'static_select', action_id: 'v', initial_option: { text: { type: 'plain_text', text: '6000 · Office' }, value: '6000' }, option_groups: [{ label: { type: 'plain_text', text: 'Costs' }, options: [{ text: { type: 'plain_text', text: '6000 · Office' }, value: '6000' }, { text: { type: 'plain_text', text: '6500 · Travel' }, value: '6500' }] }] } },
      { type: 'input', block_id: 'due', label: { type: 'plain_text', text: 'Due date' }, element: { type: 'datepicker', action_id: 'v' } },
      { type: 'input', block_id: 'who', label: { type: 'plain_text', text: 'Approver' }, element: { type: 'users_select', action_id: 'v' } },
    ];
    const html = renderBlocks(blocks, { ...ctx, errors: { reason: 'Please say why <b>now</b>.' }, idPrefix: 'm-V1' });
    expect(html).toContain('<label class="bk-label" for="m-V1-name-v">Supplier <span class="bk-optional">(optional)</span></label><input type="text" class="bk-text" data-bk="input" data-action-id="v" data-block-id="name" data-type="plain_text_input" id="m-V1-name-v" value="Acme &lt;OÜ&gt;">');
    expect(html).toContain('<div class="bk-hint">As on the invoice</div>');
    expect(html).toMatch(/<textarea aria-invalid="true" class="bk-text" rows="4" data-bk="input"[^>]*placeholder="Why\?"><\/textarea>/);
    expect(html).toContain('<div class="bk-error" role="alert">Please say why &lt;b&gt;now&lt;/b&gt;.</div>');
    expect(html).toContain('<optgroup label="Costs"><option value="6000" selected>6000 · Office</option><option value="6500">6500 · Travel</option></optgroup>');
    expect(html).toContain('<input type="date" class="bk-date-input" data-bk="input"');
    expect(html).toContain('<option value="U0APPROVER1">Priya Nair</option>');
    onlyOwnTags(html);
  });

  it('shows unknown blocks and elements as such instead of dropping them', () => {
    const html = renderBlocks([{ type: 'video', block_id: 'v', title: { type: 'plain_text', text: 'x' } }, { type: 'actions', block_id: 'a', elements: [{ type: 'workflow_button', action_id: 'w' }] }, 'junk'], ctx);
    expect(visible(html)).toContain('[unsupported block: video]');
    expect(visible(html)).toContain('[unsupported element: workflow_button]');
    expect(visible(html)).toContain('[unsupported block: string]');
    expect(renderBlock({ type: '<script>' })).toContain('[unsupported block: &lt;script&gt;]');
  });

  it('rich_text (what people’s own messages carry)', () => {
    const html = renderBlock({ type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'hi ', style: { bold: true } }, { type: 'user', user_id: 'U0ADMIN' }, { type: 'link', url: 'javascript:x', text: 'bad' }] }] }, ctx);
    expect(html).toContain('<strong>hi </strong><span class="bk-mention">@Ada Lindqvist</span>bad');
  });
});

describe('messages and modals', () => {
  it('a message with blocks shows the blocks; ephemerals say so; files link through the sandbox; replies sit under their parent', () => {
    const html = renderMessage(
      {
        kind: 'message',
        ts: '1741987800.000100',
        user: 'U0ADMIN',
        text: '',
        files: [{ id: 'F1', name: 'invoice <1>.pdf', mimetype: 'application/pdf', size: 2048, url: '/files/F1/invoice%20%3C1%3E.pdf' }],
        edited: false,
        replies: [{ kind: 'ephemeral', ts: '1741987801.000100', user: 'U0FAKEBOT', text: 'fallback', blocks: [{ type: 'section', block_id: 'x', text: { type: 'mrkdwn', text: '*Got it*' } }], edited: true, replies: [] }],
      },
      ctx,
    );
    expect(html).toContain('<span class="msg-author">Ada Lindqvist</span>');
    expect(html).toContain('<a href="/files/F1/invoice%20%3C1%3E.pdf" target="_blank" rel="noopener noreferrer">invoice &lt;1&gt;.pdf</a>');
    expect(html).toContain('2 kB');
    expect(html).toContain('1 reply');
    expect(html).toContain('msg-ephemeral msg-bot');
    expect(html).toContain('Only visible to you');
    expect(html).toContain('<strong>Got it</strong>');
    expect(html).not.toContain('fallback');
    expect(html).toContain('(edited)');
    // 21:30 UTC is 23:30 in Tallinn.
    expect(html).toContain('11:30 PM');
    expect(renderMessage({ kind: 'message', ts: '1.0', user: 'U0FAKEBOT', text: 'only *text*', replies: [] }, ctx)).toContain('only <strong>text</strong>');
  });

  it('a file link that is not the sandbox’s is not a link', () => {
    expect(renderMessage({ kind: 'message', ts: '1', user: 'U0ADMIN', text: '', files: [{ id: 'F', name: 'x.pdf', mimetype: 'application/pdf', size: 1, url: 'javascript:alert(1)' }], replies: [] }, ctx)).not.toContain('javascript:');
  });

  it('a modal has its title, Close and Submit, and the errors under their inputs', () => {
    const html = renderModal(
      { id: 'V1', hash: 'h', title: { type: 'plain_text', text: 'Reject DOC-3' }, submit: { type: 'plain_text', text: 'Reject' }, close: { type: 'plain_text', text: 'Cancel' }, errors: { reason: 'Please say why.' }, blocks: rejectModal('DOC-3', { d: 'doc_1' }).blocks },
      ctx,
    );
    expect(html).toContain('<form class="modal" data-view-id="V1"');
    expect(html).toContain('<h2 id="modal-title">Reject DOC-3</h2>');
    expect(html).toContain('<button type="button" class="bk-btn" data-bk="close">Cancel</button><button type="submit" class="bk-btn bk-primary" data-bk="submit">Reject</button>');
    expect(html).toMatch(/<label class="bk-label" for="m-V1-reason-v">Reason<\/label><textarea aria-invalid="true"[\s\S]*<div class="bk-error" role="alert">Please say why.<\/div>/);
  });
});

describe('what the bot really sends', () => {
  const doc: DocInfo = {
    id: 'doc_1',
    reference: 'DOC-7',
    kind: 'invoice',
    status: 'coding',
    round: 1,
    submitterId: 'usr_book',
    supplierName: 'Nordic Paper & Co <OÜ>',
    supplierVatNo: 'EE101234567',
    supplierRegNo: null,
    invoiceNumber: 'INV-2025-014',
    issueDate: '2025-03-14',
    dueDate: '2025-04-13',
    currency: 'EUR',
    netAmount: '1000.00',
    vatAmount: '240.00',
    totalAmount: '1240.00',
    vatRate: '24.00',
    iban: 'EE382200221020145685',
    costCentre: null,
    description: null,
    fileName: 'invoice.pdf',
    permalink: 'http://127.0.0.1:4567/files/F0SB1',
    duplicateOf: 'DOC-2',
    extractionError: null,
    warnings: ['The due date was guessed'],
    readBy: 'text',
    toCheck: ['dueDate'],
    vatBreakdown: [],
    coding: [{ account: '6000', vatCode: 'VAT24', costCentre: 'OPS', project: null, amount: '1240.00' }],
    rejectReason: 'Wrong total',
    chainName: 'default',
    stages: [],
  };
  const step: StepInfo = { round: 1, stageIndex: 1, type: 'coordinate', mode: 'all', assignees: ['usr_c1', 'usr_c2'], offeredTo: [], status: 'open', openedAt: new Date(), closedAt: null, decisions: [{ actorId: 'usr_c1', onBehalfOfId: null, action: 'approved', reason: null, at: new Date('2025-03-14T10:00:00Z') }], settled: false };
  const mention = async (id: string | null | undefined) => (id === 'usr_book' ? '<@U0BOOKKEEPER>' : id === 'usr_c1' ? '<@U0COORD1>' : `<@U0${String(id).toUpperCase().replace(/[^A-Z0-9]/g, '')}>`);
  const users = { ...ctx.users, U0BOOKKEEPER: { name: 'Bruno Keller' }, U0COORD1: { name: 'Camille Roux' } };

  it('renders every message and modal with no unsupported marker, escaped, readable', async () => {
    const rendered = [
      kindChoiceMessage('scan <1>.pdf', '{"f":"F1"}').blocks,
      (await confirmMessage(doc, mention, null)).blocks,
      (await stepMessage({ doc, step, recipientId: 'usr_c2', isBookkeeper: false, onBehalfOf: null, mention })).blocks,
      (await rejectedMessage(doc, '<@U0APPROVER1>', 'Total is wrong & late', mention, null)).blocks,
      fieldsModal(doc, { d: doc.id }, 'edit').blocks,
      codingModal(doc, { account: [{ code: '6000', label: 'Office supplies' }], vat: [{ code: 'VAT24', label: '24 %' }], cost_centre: [], project: [] }, { d: doc.id }).blocks,
    ];
    for (const blocks of rendered) {
      const html = renderBlocks(blocks, { ...ctx, users });
      expect(html).not.toContain('unsupported');
      onlyOwnTags(html);
    }
    const step2 = visible(renderBlocks(rendered[2], { ...ctx, users }));
    expect(step2).toContain('Your agreement is requested.');
    expect(step2).toContain('Supplier\nNordic Paper & Co <OÜ>');
    expect(step2).toContain('Agreed by @Camille Roux at');
    expect(step2).toContain('Agree');
    expect(step2).toContain('📎 invoice.pdf');
    expect(renderBlocks(rendered[2], { ...ctx, users })).toContain('href="/files/F0SB1"');
    const reject = visible(renderBlocks(rendered[3], { ...ctx, users }));
    expect(reject).toContain('DOC-7 was rejected by @Priya Nair.');
    expect(reject).toContain('Total is wrong & late');
    const coding = renderBlocks(rendered[5], { ...ctx, users });
    expect(coding).toContain('<option value="6000" selected>6000 · Office supplies</option>');
    expect(coding).toContain('data-block-id="l1_amount"');
  });
});
