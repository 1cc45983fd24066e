import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (apt), never a browser downloaded by a test tool. */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless Chromium with the flags this closed network needs (no background connections). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Opens a page in a fresh context and records every request it makes and every error it logs. */
export async function openRecording(browser: Browser, url: string): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(url);
  return { page, requests, errors };
}
