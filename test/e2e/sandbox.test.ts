// Countersign end to end in a browser, through the sandbox page ONLY: the whole product runs
// (PostgreSQL, Temporal worker, extraction, the real bot over signed HTTP), the page plays
// Slack, and headless Chromium clicks like people would. A purchase invoice goes from upload
// to approval (with a modal validation error and a refused click on the way); an employee's
// expense report does too; @-suggestions and Reset work. Each step leaves a screenshot in
// test-results/sandbox/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actAs, message, openBrowser, openTab, press, textPdf, type, type BrowserSession } from './support/browser';
import { startProduct, type Product } from './support/product';

let product: Product;
let browser: BrowserSession;

beforeAll(async () => {
  product = await startProduct();
  browser = await openBrowser(`${product.sandbox.url}#U0BOOKKEEPER`);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await product?.close();
});

/** On failure: what the bot logged and what the page complained about. */
function diagnostics(): string {
  return [...product.log.lines.slice(-15), ...browser.problems].join('\n');
}

const modal = () => browser.page.locator('form.modal');

async function codeIt(reference: string, total: string): Promise<void> {
  const { page } = browser;
  const ask = message(page, new RegExp(`Please code this document[\\s\\S]*${reference}`));
  await press(ask, 'Code');
  await modal().getByRole('heading', { name: `Code ${reference}` }).waitFor();
  await modal().locator('[data-block-id="l1_account"] select').selectOption('6000');
  await modal().locator('[data-block-id="l1_vat"] select').selectOption('VAT24');
  await modal().locator('[data-block-id="l1_cc"] select').selectOption('OPS');
  expect(await modal().locator('[data-block-id="l1_amount"] input').inputValue()).toBe(total);
  await modal().getByRole('button', { name: 'Save coding' }).click();
  await modal().waitFor({ state: 'detached' });
  await message(page, new RegExp(`account 6000 · VAT VAT24 · cost centre OPS[\\s\\S]*`)).filter({ hasText: reference }).waitFor();
}

describe('Countersign in the sandbox page', () => {
  it('a purchase invoice: upload → choose invoice → submit → code (modal) → both coordinators agree → approver approves; a refused click on the way', async () => {
    const { page, shot } = browser;
    try {
      // First open: the page seeds the workspace through /countersign as the admin.
      await page.locator('#seed', { hasText: 'Workspace ready' }).waitFor();
      await page.locator('#viewing-as', { hasText: 'Bruno Keller' }).waitFor();
      await shot('bookkeeper-empty-dm');

      const pdf = await textPdf(['Nordic Paper & Print OU', 'INVOICE', 'Invoice number: NP-2025-0042', 'Invoice date: 2025-03-14', 'Due date: 2025-04-13', '', 'Net amount: 1000.00 EUR', 'VAT 24%: 240.00 EUR', 'Total: 1240.00 EUR']);
      await page.locator('#file').setInputFiles({ name: 'nordic-paper-NP-2025-0042.pdf', mimeType: 'application/pdf', buffer: pdf });
      const choice = message(page, 'Is it a purchase invoice or an expense report?');
      await choice.waitFor();
      await shot('bookkeeper-kind-choice');
      await press(choice, 'Purchase invoice');

      const gotIt = message(page, /Got it: DOC-\d+/);
      await gotIt.waitFor();
      const reference = /DOC-\d+/.exec((await gotIt.textContent()) ?? '')![0];
      const confirm = message(page, `Please check what I read from ${reference}`);
      await confirm.waitFor();
      expect(await confirm.textContent()).toContain('NP-2025-0042');
      await shot('bookkeeper-check-fields');
      await press(confirm, 'Submit');
      await message(page, `${reference}: fields checked.`).waitFor();

      // Coding: a first try with a wrong amount shows the bot's error under the field.
      const ask = message(page, new RegExp(`Please code this document[\\s\\S]*${reference}`));
      await press(ask, 'Code');
      await modal().getByRole('heading', { name: `Code ${reference}` }).waitFor();
      await modal().locator('[data-block-id="l1_account"] select').selectOption('6000');
      await modal().locator('[data-block-id="l1_vat"] select').selectOption('VAT24');
      await modal().locator('[data-block-id="l1_amount"] input').fill('1000.00');
      await modal().getByRole('button', { name: 'Save coding' }).click();
      const error = modal().locator('[data-block-id="l1_amount"] .bk-error');
      await error.waitFor();
      expect(await error.textContent()).toMatch(/1240/);
      // What was typed stays in the form.
      expect(await modal().locator('[data-block-id="l1_account"] select').inputValue()).toBe('6000');
      await shot('bookkeeper-coding-error');
      await modal().locator('[data-block-id="l1_amount"] input').fill('1240.00');
      await modal().locator('[data-block-id="l1_cc"] select').selectOption('OPS');
      await modal().getByRole('button', { name: 'Save coding' }).click();
      await modal().waitFor({ state: 'detached' });
      const coded = message(page, /account 6000 · VAT VAT24 · cost centre OPS/).filter({ hasText: reference });
      await coded.waitFor();
      await shot('bookkeeper-coded');
      await press(coded, 'Send to approval');
      await message(page, new RegExp(`${reference} moved to coordination`)).waitFor();

      // Coordinator 1 agrees.
      await actAs(page, 'Camille Roux');
      const camille = message(page, 'Your agreement is requested.').filter({ hasText: reference });
      await shot('coordinator-request');
      await press(camille, 'Agree');
      await message(page, 'Agreed by @Camille Roux').filter({ hasText: reference }).waitFor();

      // The admin takes Kaarel's coordinator role away; his button is still there, and his
      // click is refused privately. Then the role comes back and he agrees.
      await actAs(page, 'Ada Lindqvist');
      await type(page, '/countersign role remove @kaarel coordinator');
      await message(page, 'is no longer coordinator').waitFor();
      await actAs(page, 'Kaarel Tamm');
      const kaarel = message(page, 'Your agreement is requested.').filter({ hasText: reference });
      await press(kaarel, 'Agree');
      const refusal = page.locator('#dm .msg-ephemeral', { hasText: 'You need the coordinator role to act on the coordination step.' });
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain('Only visible to you');
      await shot('refused-click');
      await actAs(page, 'Ada Lindqvist');
      await type(page, '/countersign role add @kaarel coordinator');
      await message(page, 'is now coordinator').waitFor();
      await shot('admin-commands');
      await actAs(page, 'Kaarel Tamm');
      await press(kaarel, 'Agree');
      await message(page, 'Agreed by @Kaarel Tamm').filter({ hasText: reference }).waitFor();

      // The approver approves.
      await actAs(page, 'Priya Nair');
      const priya = message(page, 'Your approval is requested.').filter({ hasText: reference });
      await priya.waitFor();
      await shot('approver-request');
      await press(priya, 'Approve');
      await message(page, 'Approved by @Priya Nair').filter({ hasText: reference }).waitFor();

      // The bookkeeper sees the final state.
      await actAs(page, 'Bruno Keller');
      const done = message(page, `${reference} is now approved.`);
      await done.waitFor();
      expect(await done.textContent()).toContain('Final approval by @Priya Nair');
      await done.scrollIntoViewIfNeeded();
      await shot('bookkeeper-approved');
      await openTab(page, 'Home');
      await page.locator('#home', { hasText: 'Your submissions' }).waitFor();
      await page.locator('#home', { hasText: reference }).waitFor();
      await shot('bookkeeper-home');
      await openTab(page, 'Messages');

      expect(await product.engine.engine.result((await product.engine.db.document.findFirstOrThrow({ where: { seq: Number(reference.slice(4)) } })).id)).toBe('approved');
      expect(browser.problems).toEqual([]);
    } catch (err) {
      await shot('failure').catch(() => undefined);
      throw new Error(`${err instanceof Error ? err.message : String(err)}\n--- diagnostics ---\n${diagnostics()}`);
    }
  }, 120_000);

  it('an expense report: the employee uploads and submits, it goes through coding and approval, and the employee sees it approved', async () => {
    const { page, shot } = browser;
    try {
      await actAs(page, 'Eva Mets');
      const pdf = await textPdf(['Cafe Komeet', 'RECEIPT', 'Receipt number: K-88231', 'Date: 2025-03-20', '', 'Net amount: 40.00 EUR', 'VAT 24%: 9.60 EUR', 'Total: 49.60 EUR']);
      await page.locator('#file').setInputFiles({ name: 'team-lunch.pdf', mimeType: 'application/pdf', buffer: pdf });
      const gotIt = message(page, /Got it: DOC-\d+ \(expense report\)/);
      await gotIt.waitFor();
      const reference = /DOC-\d+/.exec((await gotIt.textContent()) ?? '')![0];
      const confirm = message(page, `Please check what I read from ${reference}`);
      await press(confirm, 'Submit');
      await message(page, `${reference}: fields checked.`).waitFor();
      await shot('employee-submitted');

      await actAs(page, 'Bruno Keller');
      await codeIt(reference, '49.60');
      await press(message(page, /account 6000 · VAT VAT24/).filter({ hasText: reference }), 'Send to approval');

      for (const who of ['Camille Roux', 'Kaarel Tamm']) {
        await actAs(page, who);
        await press(message(page, 'Your agreement is requested.').filter({ hasText: reference }), 'Agree');
        await message(page, `Agreed by @${who}`).filter({ hasText: reference }).waitFor();
      }
      await actAs(page, 'Diego Alvarez');
      await press(message(page, 'Your approval is requested.').filter({ hasText: reference }), 'Approve');
      await message(page, 'Approved by @Diego Alvarez').filter({ hasText: reference }).waitFor();

      await actAs(page, 'Eva Mets');
      const done = message(page, `${reference} is now approved.`);
      await done.waitFor();
      expect(await done.textContent()).toContain('Final approval by @Diego Alvarez');
      await shot('employee-approved');
      expect(browser.problems).toEqual([]);
    } catch (err) {
      await shot('failure-expense').catch(() => undefined);
      throw new Error(`${err instanceof Error ? err.message : String(err)}\n--- diagnostics ---\n${diagnostics()}`);
    }
  }, 120_000);

  it('the message box suggests people for @, the admin’s command answers privately, and Reset starts over', async () => {
    const { page, shot } = browser;
    try {
      await actAs(page, 'Ada Lindqvist');
      const box = page.getByRole('textbox', { name: 'Message Countersign' });
      await box.fill('');
      await box.pressSequentially('/countersign roles @kaa');
      await page.getByRole('option', { name: /Kaarel Tamm/ }).waitFor();
      await shot('mention-suggestions');
      await box.press('Enter');
      expect(await box.inputValue()).toBe('/countersign roles @kaarel ');
      await box.press('Enter');
      const answer = page.locator('#dm .msg-ephemeral', { hasText: '@Kaarel Tamm: employee, coordinator' });
      await answer.waitFor();

      await page.getByRole('button', { name: 'Reset sandbox' }).click();
      await page.locator('#dm', { hasText: 'This is your direct message with Countersign' }).waitFor();
      await page.locator('#seed', { hasText: 'Workspace ready' }).waitFor();
      expect(product.sandbox.fake.messages('U0BOOKKEEPER')).toEqual([]);
      await shot('after-reset');
      expect(browser.problems).toEqual([]);
    } catch (err) {
      await shot('failure-reset').catch(() => undefined);
      throw new Error(`${err instanceof Error ? err.message : String(err)}\n--- diagnostics ---\n${diagnostics()}`);
    }
  }, 60_000);
});
