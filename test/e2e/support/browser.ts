// Headless Chromium (see chromium.ts) through playwright-core (never `playwright install`), a fresh
// profile per run, and the few page gestures the end-to-end tests share: act as someone,
// find a message, press its button, type in the message box, take a numbered screenshot.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { findChromium, type Chromium } from './chromium';

export const SCREENSHOTS = path.resolve('test-results/sandbox');
export const WAIT = 30_000;

export interface BrowserSession {
  page: Page;
  /** JavaScript errors and console errors the page had. */
  problems: string[];
  shot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** `chromium` defaults to the one findChromium picks for this machine. */
export async function openBrowser(url: string, chromiumToUse?: Chromium): Promise<BrowserSession> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'countersign-chromium-'));
  mkdirSync(SCREENSHOTS, { recursive: true });
  const browser = chromiumToUse ?? (await findChromium());
  // Playwright refuses --user-data-dir in args; a persistent context on a fresh temp
  // directory is the same thing.
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: browser.executablePath,
    env: { ...process.env, ...browser.env },
    headless: true,
    viewport: { width: 1360, height: 860 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(WAIT);
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  // Native confirm() (Reset) is accepted, like a person pressing OK.
  page.on('dialog', (d) => void d.accept());
  await page.goto(url);
  let n = 0;
  return {
    page,
    problems,
    async shot(name) {
      n += 1;
      const file = path.join(SCREENSHOTS, `${String(n).padStart(2, '0')}-${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Picks a person in the "View as" list and waits until the page shows their view. */
export async function actAs(page: Page, realName: string): Promise<void> {
  await page.locator('.people [data-person]', { hasText: realName }).click();
  await page.locator('#viewing-as', { hasText: realName }).waitFor();
  await page.locator('.person.current', { hasText: realName }).waitFor();
}

/** The innermost message (a thread reply is its own message) whose text matches. */
export function message(page: Page, text: string | RegExp): Locator {
  return page.locator('#dm .msg:not(:has(.msg))').filter({ hasText: text }).last();
}

export async function press(msg: Locator, button: string): Promise<void> {
  const b = msg.getByRole('button', { name: button, exact: true });
  await b.waitFor();
  await b.click();
}

/** Types in the message box and sends with Enter, as a person would. */
export async function type(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message Countersign' });
  await box.fill(text);
  await box.press('Enter');
  await page.waitForFunction(() => (document.getElementById('message') as HTMLTextAreaElement).value === '');
}

export async function openTab(page: Page, tab: 'Messages' | 'Home'): Promise<void> {
  await page.getByRole('tab', { name: tab }).click();
}

export function textPdf(lines: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', info: { Title: lines[0] ?? 'document' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(12);
    for (const l of lines) doc.text(l);
    doc.end();
  });
}
