import { existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sameNameChains } from '../scripts/make-hostile-inputs.mjs';
import { CHROMIUM, launchChromium, openRecording } from './browser.js';
import { ROOT } from './helpers.js';

// Issue 19, items 1 and 3 in the page: certificate work runs in a worker, with the package's
// certificate cap, and nothing is opened where WebCrypto's subtle is missing (plain http).

const PAGE = pathToFileURL(join(ROOT, 'packages/web/dist/index.html')).href;
const BUNDLE = join(ROOT, 'examples/certificats/Jeanne Dupont-Lefevre - certificat RGS (TEST).p12');
const available = existsSync(CHROMIUM) && existsSync(join(ROOT, 'packages/web/dist/index.html'));
if (!available && process.env.CI) throw new Error(`browser tests need ${CHROMIUM} and a built page (pnpm build)`);

let browser: Browser;
let dir: string;
beforeAll(async () => {
  if (!available) return;
  dir = mkdtempSync(join(tmpdir(), 'sne-web-certs-'));
  writeFileSync(join(dir, 'homonymes-200.pem'), sameNameChains(200));
  writeFileSync(join(dir, 'homonymes-600.pem'), sameNameChains(600));
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!available)('certificates in the page', () => {
  test('without crypto.subtle (a page over plain http) nothing is opened: a clear French message', async () => {
    const { page } = await openRecording(browser, PAGE);
    await page.evaluate(() => Object.defineProperty(Crypto.prototype, 'subtle', { get: () => undefined, configurable: true }));
    await page.setInputFiles('#cert-input', BUNDLE);
    await page.click('#cert-open');
    await page.waitForSelector('#cert-message:not(:empty)');
    const text = (await page.textContent('#cert-message')) ?? '';
    expect(text).toMatch(/https/);
    expect(text).toMatch(/file:\/\//);
    expect(text).not.toContain('[');
    expect(await page.getAttribute('#cert-message', 'data-code')).toBe('INSECURE_CONTEXT');
    expect(await page.$('#cert-table')).toBeNull();
  }, 60_000);

  test('200 same-named authorities and 200 forged leaves open in a worker, in seconds; the page answers meanwhile', async () => {
    const { page, errors } = await openRecording(browser, PAGE);
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    const before = workers.length;
    await page.setInputFiles('#cert-input', join(dir, 'homonymes-200.pem'));
    const started = Date.now();
    await page.click('#cert-open');
    // The main thread answers while the bundle is being opened.
    const ping = Date.now();
    await page.evaluate(() => 1);
    expect(Date.now() - ping).toBeLessThan(1000);
    await page.waitForSelector('#cert-table, #cert-message:not(:empty)', { timeout: 20_000 });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(workers.length).toBeGreaterThan(before);
    expect(await page.$$('#cert-table tr[data-role]')).toHaveLength(400);
    expect(errors).toEqual([]);
  }, 60_000);

  test('the chain column says INVALIDE for a forged chain; the example offers the renewal reminder (.ics) for download', async () => {
    const { page, errors } = await openRecording(browser, PAGE);
    await page.setInputFiles('#cert-input', join(ROOT, 'packages/certificates/test/fixtures/hostile/signature-falsifiee.pem'));
    await page.click('#cert-open');
    await page.waitForSelector('#cert-table');
    const chains = await page.$$eval('#cert-table td[data-chain]', (cells) => cells.map((c) => [c.getAttribute('data-chain'), c.textContent, c.getAttribute('title')]));
    expect(chains.some(([chain, text, title]) => chain === 'invalide' && text === 'INVALIDE' && (title ?? '').includes('signature'))).toBe(true);
    expect(await page.textContent('#cert-table')).toContain('Chaîne');
    await page.setInputFiles('#cert-input', BUNDLE);
    await page.fill('#cert-password', readFileSync(join(ROOT, 'examples/certificats/mot-de-passe.txt'), 'utf8').split(/\r?\n/)[0]!);
    await page.click('#cert-open');
    await page.waitForSelector('a[data-kind="ics"]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[data-kind="ics"]')]);
    expect(download.suggestedFilename()).toBe('renouvellement - Jeanne Dupont-Lefèvre.ics');
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(3);
    expect(errors).toEqual([]);
  }, 60_000);

  test('a file over the CLI\'s 64 MB bound is refused before it is read, with a French message', async () => {
    const { page } = await openRecording(browser, PAGE);
    const big = join(dir, 'enorme.p12');
    writeFileSync(big, '');
    truncateSync(big, 65 * 1024 * 1024);
    await page.setInputFiles('#cert-input', big);
    await page.click('#cert-open');
    await page.waitForSelector('#cert-message:not(:empty)');
    expect(await page.textContent('#cert-message')).toMatch(/enorme\.p12.*65 Mo.*64 Mo/);
    expect(await page.$('#cert-table')).toBeNull();
  }, 60_000);

  test('more certificates than the cap: LIMIT_EXCEEDED, as on the command line', async () => {
    const { page } = await openRecording(browser, PAGE);
    await page.setInputFiles('#cert-input', join(dir, 'homonymes-600.pem'));
    await page.click('#cert-open');
    await page.waitForSelector('#cert-message:not(:empty)', { timeout: 20_000 });
    expect(await page.getAttribute('#cert-message', 'data-code')).toBe('LIMIT_EXCEEDED');
  }, 60_000);
});
