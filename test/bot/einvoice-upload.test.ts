// E-invoices through the real bot over signed HTTP: an .xml upload is accepted like a PDF and
// its summary says "read from the e-invoice"; an Estonian file with two invoices becomes two
// documents; a text PDF's summary says "read from the text" and marks uncertain fields.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickButton, shareFileAsUser } from '../../slack-fake';
import { findDocumentId } from '../../client/queries';
import { CHECK_BELOW } from '../../bot/document-data';
import { startBotHarness, type BotHarness } from './support/bot-harness';
import { textPdf } from './support/pdf';
import { SLACK } from '../../scripts/lib/slack-people';
import { buttons, textOf, TIMEOUT, waitEphemeral, waitMessage } from './support/slack-view';

const FIX = path.resolve('test/fixtures/einvoice');
let h: BotHarness;

beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => h?.close());

async function share(userId: string, name: string, content: Buffer, mimetype: string) {
  const { message } = await shareFileAsUser(h.slack, { userId, name, content, mimetype });
  return message;
}

const confirmation = (who: string, reference: string) =>
  waitMessage(h.fake, who, (m) => m.text.startsWith(`${reference}:`) && buttons(m).includes('doc_confirm'), `the confirmation request of ${reference}`);

describe('e-invoices in Slack', () => {
  it('an XML e-invoice is accepted; its summary says it was read from the e-invoice and asks to check nothing', async () => {
    const message = await share(SLACK.emp, 'CII_example4.xml', readFileSync(path.join(FIX, 'CII_example4.xml')), 'application/xml');
    const reply = await waitMessage(h.fake, SLACK.emp, (m) => m.thread_ts === message.ts && /Got it|I can read/.test(m.text), 'the thread reply');
    expect(reply.text).toMatch(/^Got it: \*DOC-\d+\* \(expense report\)/);
    const reference = /DOC-\d+/.exec(reply.text)![0];
    const text = textOf(await confirmation(SLACK.emp, reference));
    expect(text).toContain('Read from the e-invoice');
    expect(text).not.toContain('please check:');
    expect(text).not.toContain('_check_');
    const documentId = (await findDocumentId(h.engine.db, h.seed.workspaceId, reference))!;
    const doc = await h.engine.db.document.findUniqueOrThrow({ where: { id: documentId } });
    expect(doc.totalAmount?.toFixed(2)).toBe(JSON.parse(readFileSync(path.join(FIX, 'CII_example4.truth.json'), 'utf8')).totalAmount);
    expect((doc.extraction as { source?: string }).source).toBe('einvoice');
  });

  it('an Estonian e-invoice file with two invoices becomes two purchase invoices, one per invoice', async () => {
    const message = await share(SLACK.book, 'ee-batch.xml', readFileSync(path.join(FIX, 'ee-two-invoices.xml')), 'text/xml');
    await waitMessage(h.fake, SLACK.book, (m) => m.thread_ts === message.ts && buttons(m).includes('kind_invoice'), 'the kind question');
    await clickButton(h.fake, h.slack, { userId: SLACK.book, actionId: 'kind_invoice' });
    const reply = await waitMessage(h.fake, SLACK.book, (m) => m.thread_ts === message.ts && /Got it/.test(m.text), 'the thread reply');
    expect(reply.text).toMatch(/the file holds 2 invoices, now \*DOC-\d+\*, \*DOC-\d+\* \(purchase invoices, one document each\)/);
    const refs = reply.text.match(/DOC-\d+/g)!;
    const shown = await Promise.all(refs.map((r) => confirmation(SLACK.book, r)));
    expect(shown.map((m) => textOf(m).includes('TIT-2025-1104'))).toEqual([true, false]);
    expect(shown.map((m) => textOf(m).includes('VV250520-07'))).toEqual([false, true]);
    const docs = await h.engine.db.document.findMany({ where: { invoiceNumber: { in: ['TIT-2025-1104', 'VV250520-07'] } }, orderBy: { seq: 'asc' } });
    expect(docs.map((d) => [d.kind, d.supplierName, d.totalAmount?.toFixed(2), d.fileName])).toEqual([
      ['invoice', 'Tammsaare IT Lahendused OÜ', '970.80', 'ee-batch.xml (invoice 1 of 2)'],
      ['invoice', 'Viru Veoteenused AS', '1176.81', 'ee-batch.xml (invoice 2 of 2)'],
    ]);
    // Each invoice is its own stored file.
    expect(new Set(docs.map((d) => d.fileSha256)).size).toBe(2);
  });

  it('a text PDF says "read from the text" and marks the fields below the confidence threshold', async () => {
    const pdf = await textPdf(['Kohvik Number Seven OU', 'Receipt', '14.03.2025', 'Cappuccino 2 x 3,20 6,40', 'Total 6,40 EUR']);
    const message = await share(SLACK.emp, 'kohvik.pdf', pdf, 'application/pdf');
    const reply = await waitMessage(h.fake, SLACK.emp, (m) => m.thread_ts === message.ts && /Got it/.test(m.text), 'the thread reply');
    const reference = /DOC-\d+/.exec(reply.text)![0];
    const text = textOf(await confirmation(SLACK.emp, reference));
    expect(text).toContain('Read from the text');
    const documentId = (await findDocumentId(h.engine.db, h.seed.workspaceId, reference))!;
    const confidence = ((await h.engine.db.document.findUniqueOrThrow({ where: { id: documentId } })).extraction as { confidence: Record<string, number> }).confidence;
    expect(confidence.issueDate).toBeLessThan(CHECK_BELOW);
    expect(text).toContain('please check: issue date');
    expect(text).toContain('*Issue date* ⚠️ _check_');
    expect(confidence.totalAmount).toBeGreaterThanOrEqual(CHECK_BELOW);
    expect(text).not.toMatch(/please check:[^"]*total/);
  });

  it("the coding form of an e-invoice offers one line per VAT rate, with the VAT code naming that rate", async () => {
    const command = async (text: string) => {
      const before = h.fake.ephemerals(SLACK.admin).length;
      await h.slack.sendSlashCommand({ user: SLACK.admin, text });
      return (await waitEphemeral(h.fake, SLACK.admin, () => true, before)).text;
    };
    expect(await command(`chain set einv kind=invoice : coding ; approve any <@${SLACK.appr1}>`)).toMatch(/Chain einv saved/);
    for (const c of ['codes add account 4000 Goods', 'codes add vat V25 Standard rate 25 %', 'codes add vat V12 Reduced rate 12 %']) expect(await command(c)).toMatch(/saved/);
    const message = await share(SLACK.book, 'two-rates.xml', readFileSync(path.join(FIX, 'ubl-tc434-example4.xml')), 'application/xml');
    await waitMessage(h.fake, SLACK.book, (m) => m.thread_ts === message.ts && buttons(m).includes('kind_invoice'), 'the kind question');
    await clickButton(h.fake, h.slack, { userId: SLACK.book, actionId: 'kind_invoice' });
    const reply = await waitMessage(h.fake, SLACK.book, (m) => m.thread_ts === message.ts && /Got it/.test(m.text), 'the thread reply');
    const reference = /DOC-\d+/.exec(reply.text)![0];
    await confirmation(SLACK.book, reference);
    await clickButton(h.fake, h.slack, { userId: SLACK.book, actionId: 'doc_confirm' });
    await waitMessage(h.fake, SLACK.book, (m) => m.text.startsWith(`${reference}:`) && buttons(m).includes('coding_open'), 'the coding request');
    await clickButton(h.fake, h.slack, { userId: SLACK.book, actionId: 'coding_open' });
    const modal = await h.fake.waitUntil(() => (h.fake.topView(SLACK.book)?.callback_id === 'coding' ? h.fake.topView(SLACK.book) : undefined), { timeoutMs: TIMEOUT });
    const block = (id: string) => modal.blocks.find((b) => b.block_id === id) as { element: { initial_value?: string; initial_option?: { value: string } } };
    expect([1, 2, 3].map((i) => block(`l${i}_amount`).element.initial_value ?? null)).toEqual(['1875.00', '2800.00', null]);
    expect([1, 2].map((i) => block(`l${i}_vat`).element.initial_option?.value)).toEqual(['V25', 'V12']);
    expect(JSON.stringify(modal.blocks)).toContain('one line per VAT rate');
  });

  it('a file that is neither PDF, image nor XML is still refused with a sentence', async () => {
    const message = await share(SLACK.emp, 'notes.docx', Buffer.from('PK\u0003\u0004'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const reply = await waitMessage(h.fake, SLACK.emp, (m) => m.thread_ts === message.ts, 'the refusal');
    expect(reply.text).toMatch(/^I can read PDF files, photos \(.*\) and XML e-invoices; \*notes.docx\* is .+\. Nothing was submitted\.$/);
  });
});
