// The browser tests need no system Chromium: with none on PATH, the one npm brought is
// unpacked and runs headless as this user (root included) with a fresh profile.
import { describe, expect, it } from 'vitest';
import { openBrowser } from './support/browser';
import { findChromium } from './support/chromium';

describe('findChromium', () => {
  it('refuses a CHROMIUM_PATH that is not an executable, in one sentence', async () => {
    await expect(findChromium({ CHROMIUM_PATH: '/nonexistent/chromium' })).rejects.toThrow('CHROMIUM_PATH points at /nonexistent/chromium, which is not an executable file.');
  });

  it('unpacks the npm Chromium when none is on PATH, and it runs a page headless', async () => {
    if (process.platform !== 'linux' || process.arch !== 'x64') {
      await expect(findChromium({ PATH: '' })).rejects.toThrow(/set CHROMIUM_PATH/);
      return;
    }
    const chromium = await findChromium({ PATH: '' });
    expect(chromium.source).toBe('npm');
    const session = await openBrowser('data:text/html;charset=utf-8,<p id=x>Tere õhtust</p><button onclick="this.textContent=1+1">add</button>', chromium);
    try {
      expect(await session.page.textContent('#x')).toBe('Tere õhtust');
      await session.page.click('button');
      expect(await session.page.textContent('button')).toBe('2');
    } finally {
      await session.close();
    }
  });
});
