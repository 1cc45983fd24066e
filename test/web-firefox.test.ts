import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { dataSheets, segmentedExtraction, sequentialDataSheets, syncFlushes } from './browser.js';
import { ROOT } from './helpers.js';

// Issue 27 in Firefox ESR (Debian's, driven by puppeteer-core over WebDriver BiDi), the agents'
// other browser: each remedy converts again (numbers, delimiter, encoding, a column kept as text),
// segments on both cores into the private storage, « Annuler » stops a national extraction and
// leaves nothing behind, the percentage is the bar's. Downloads are caught in the page (the anchor the page clicks), so no browser
// download setting is needed.

const FIREFOX = '/usr/bin/firefox-esr';
const PAGE = pathToFileURL(join(ROOT, 'packages/web/dist/index.html')).href;
const available = existsSync(FIREFOX) && existsSync(join(ROOT, 'packages/web/dist/index.html'));
if (!available && process.env.CI) throw new Error(`browser tests need ${FIREFOX} and a built page (pnpm build)`);

let browser: Browser;
let dir: string;
beforeAll(async () => {
  if (!available) return;
  dir = mkdtempSync(join(tmpdir(), 'sne-firefox-'));
  browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The page, with every download it starts recorded (name and bytes, base64). */
async function open(): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(PAGE);
  await page.evaluate(() => {
    const w = window as unknown as { downloads: { name: string; data?: string }[] };
    w.downloads = [];
    // The page's CSP forbids fetch (connect-src 'none'): the Blobs are kept as their URLs are made.
    const blobs = new Map<string, Blob>();
    const createObjectURL = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (object: Blob | MediaSource) => {
      const url = createObjectURL(object);
      if (object instanceof Blob) blobs.set(url, object);
      return url;
    };
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      if (!this.download) return click.call(this);
      const entry: { name: string; data?: string } = { name: this.download };
      w.downloads.push(entry);
      void blobs
        .get(this.href)!
        .arrayBuffer()
        .then((b) => {
          let s = '';
          for (const byte of new Uint8Array(b)) s += String.fromCharCode(byte);
          entry.data = btoa(s);
        });
    };
  });
  return page;
}

/** The workbooks in the page's private storage (Firefox allows it from file://). */
function storedFiles(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const names: string[] = [];
    const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('classeurs', { create: true });
    for await (const name of (folder as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
    return names;
  });
}

async function chooseFile(page: Page, path: string): Promise<void> {
  const input = await page.$('#csv-input');
  await (input as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(path);
}

async function downloadBytes(page: Page, index: number): Promise<Buffer> {
  await page.waitForFunction((i) => Boolean((window as unknown as { downloads: { data?: string }[] }).downloads[i]?.data), { timeout: 120_000 }, index);
  return Buffer.from(await page.evaluate((i) => (window as unknown as { downloads: { data: string }[] }).downloads[i]!.data, index), 'base64');
}

async function download(page: Page, index: number): Promise<unknown[][]> {
  const book = XLSX.read(await downloadBytes(page, index), { type: 'buffer' });
  return XLSX.utils.sheet_to_json(book.Sheets[book.SheetNames[0]!]!, { header: 1, raw: true, defval: '' });
}

describe.skipIf(!available)('the page in Firefox ESR', () => {
  test('ambiguous numbers: the remedy button converts again, the column becomes numbers; no text names a flag', async () => {
    const page = await open();
    writeFileSync(join(dir, 'surfaces.csv'), 'Surface;Nom\r\n6,718;a\r\n12,345;b\r\n');
    await chooseFile(page, join(dir, 'surfaces.csv'));
    expect((await download(page, 0))[1]![0]).toBe('6,718');
    await page.waitForSelector('li[data-code="AMBIGUOUS_NUMBER"] button[data-remedy="numbers"]');
    expect(await page.evaluate(() => document.body.textContent)).not.toMatch(/--[a-z]/);
    await page.click('li[data-code="AMBIGUOUS_NUMBER"] button[data-remedy="numbers"]');
    expect((await download(page, 1)).slice(1).map((r) => r[0])).toEqual([6.718, 12.345]);
    await page.close();
  }, 120_000);

  /** Clicks the button of the newest box whose text holds `text`, inside `scope`. */
  async function clickText(page: Page, scope: string, text: string): Promise<void> {
    await page.waitForSelector(scope);
    await page.evaluate((selector, wanted) => {
      const button = [...document.querySelectorAll<HTMLButtonElement>(`${selector} button`)].find((b) => b.textContent?.includes(wanted));
      if (!button) throw new Error(`no button « ${wanted} » in ${selector}`);
      button.click();
    }, scope, text);
  }

  test('an uncertain delimiter: « Séparer par virgule » converts again with it', async () => {
    const page = await open();
    writeFileSync(join(dir, 'ragged.csv'), 'Nom;Ville\r\nDupont;Lille\r\nDurand, Jean\r\nMartin;Paris;x\r\nPetit, Léa\r\n');
    await chooseFile(page, join(dir, 'ragged.csv'));
    await download(page, 0);
    await clickText(page, 'li[data-code="DELIMITER_UNCERTAIN"]', 'virgule');
    const again = await download(page, 1);
    expect(again[0]![0]).toBe('Nom;Ville');
    expect(again[2]).toEqual(['Durand', ' Jean']);
    await page.close();
  }, 120_000);

  test('an encoding that does not read as French: « Lire en ISO-8859-15 » converts again with it', async () => {
    const page = await open();
    const greek = Buffer.concat([Buffer.from('Nom;Ville\r\n'), Buffer.from([0xc1, 0xe8, 0xfe, 0xed, 0xe1, 0x3b, 0xd0, 0xe1, 0xf4, 0xf1, 0xe1, 0x0d, 0x0a]), Buffer.from([0xc4, 0xe7, 0xec, 0xde, 0xf4, 0xf1, 0xe7, 0xf2, 0x3b, 0xd3, 0xdd, 0xf1, 0xf1, 0xe5, 0xf2, 0x0d, 0x0a])]);
    writeFileSync(join(dir, 'grec.csv'), greek);
    await chooseFile(page, join(dir, 'grec.csv'));
    await download(page, 0);
    await clickText(page, 'li[data-code="ENCODING_UNCERTAIN"]', 'ISO-8859-15');
    await download(page, 1);
    expect(await page.evaluate(() => document.querySelector('.result[data-state="done"]')?.textContent ?? '')).toContain('encodage iso-8859-15');
    await page.close();
  }, 120_000);

  test('an identifier read as a number: the options panel keeps « Référence » as text', async () => {
    const page = await open();
    writeFileSync(join(dir, 'references.csv'), 'Référence;Montant\r\n123456789012;1\r\n987654321098;2\r\n');
    await chooseFile(page, join(dir, 'references.csv'));
    expect(typeof (await download(page, 0))[1]![0]).toBe('number');
    await page.click('.result[data-state="done"] details.options summary');
    await page.click('.result[data-state="done"] details.options input[value="1"]');
    await page.click('.result[data-state="done"] details.options button');
    expect((await download(page, 1)).slice(1).map((r) => r[0])).toEqual(['123456789012', '987654321098']);
    await page.close();
  }, 120_000);

  test('an 11 MB extraction is written in segments on both cores, into the private storage: the same sheet as one thread writes', async () => {
    const page = await open();
    expect(await page.evaluate(() => navigator.hardwareConcurrency), 'this test needs two cores').toBeGreaterThanOrEqual(2);
    const csv = segmentedExtraction();
    writeFileSync(join(dir, 'national.csv'), csv);
    const before = await storedFiles(page);
    await chooseFile(page, join(dir, 'national.csv'));
    const bytes = await downloadBytes(page, 0);
    // Firefox allows the private storage from file://: the workbook was written there as it came,
    // and the download reads it from disk.
    const written = (await storedFiles(page)).filter((name) => !before.includes(name));
    expect(written).toHaveLength(1);
    expect(await dataSheets(bytes)).toEqual(await sequentialDataSheets(csv, 'national.csv'));
    expect(syncFlushes(bytes)).toBeGreaterThanOrEqual(9);
    await page.close();
  }, 180_000);

  test('« Annuler » while the workbook is being written leaves nothing in the private storage', async () => {
    const page = await open();
    writeFileSync(join(dir, 'national-2.csv'), segmentedExtraction());
    const before = await storedFiles(page);
    await chooseFile(page, join(dir, 'national-2.csv'));
    // Cancelled while the workbook is being written (the bar passes 30 %) into its file, opened at the start.
    await page.waitForFunction(() => ((document.querySelector('.result progress') as HTMLProgressElement | null)?.value ?? 0) > 0.4, { timeout: 60_000, polling: 20 });
    await page.click('.result button[data-action="cancel"]');
    await page.waitForSelector('.result[data-state="cancelled"]', { timeout: 1000 });
    await new Promise((r) => setTimeout(r, 2500));
    expect((await storedFiles(page)).filter((name) => !before.includes(name))).toEqual([]);
    await page.close();
  }, 120_000);

  test('a workbook another tab still offers is kept when the page opens again, and removed once that tab is closed', async () => {
    const first = await open();
    writeFileSync(join(dir, 'tab.csv'), 'Numéro unique;Nom\r\n059042380800001GDPUB;Lefèvre\r\n');
    const before = await storedFiles(first);
    await chooseFile(first, join(dir, 'tab.csv'));
    const bytes = await downloadBytes(first, 0);
    const mine = (await storedFiles(first)).filter((name) => !before.includes(name));
    expect(mine).toHaveLength(1);
    // A workbook of a page closed long ago: its removal shows that a new tab's cleaning has run.
    const stale = 'ffffffffffffffffffffffffffffffff.0.xlsx';
    await first.evaluate(async (name) => {
      await (await (await navigator.storage.getDirectory()).getDirectoryHandle('classeurs')).getFileHandle(name, { create: true });
    }, stale);
    const cleaned = async (page: Page, name: string) => {
      await page.waitForFunction(
        async (n) => {
          const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('classeurs');
          for await (const key of (folder as unknown as { keys(): AsyncIterable<string> }).keys()) if (key === n) return false;
          return true;
        },
        { timeout: 20_000, polling: 100 },
        name,
      );
    };
    // A second tab cleans the private storage when it opens: not the first tab's file, which its
    // « Télécharger … de nouveau » link still reads.
    const second = await open();
    await cleaned(second, stale);
    expect(await storedFiles(second)).toContain(mine[0]);
    await first.evaluate(() => (document.querySelector('.result a[download]') as HTMLAnchorElement).click());
    expect((await downloadBytes(first, 1)).equals(bytes)).toBe(true);
    await first.close();
    // Once the first tab is closed, the next page that opens removes its workbook. (Removing it when
    // the tab closes was tried: Firefox ends the page before the private storage has removed it.)
    const third = await open();
    await cleaned(third, mine[0]!);
    await Promise.all([second.close(), third.close()]);
  }, 120_000);

  test('« Annuler » stops a 1,000,000-row conversion: nothing downloaded; the percentage is the bar\'s', async () => {
    const page = await open();
    const rows = Array.from({ length: 1000 }, (_, i) => `0590423808${String(i).padStart(3, '0')}GDPUB;Dupont;1 234,56;12/03/2020`).join('\r\n') + '\r\n';
    writeFileSync(join(dir, 'national.csv'), 'Numéro unique;Nom;Montant;Date\r\n' + rows.repeat(1000));
    await chooseFile(page, join(dir, 'national.csv'));
    await page.waitForFunction(() => ((document.querySelector('.result progress') as HTMLProgressElement | null)?.value ?? 0) > 0.01, { timeout: 60_000 });
    const shown = await page.evaluate(() => {
      const box = document.querySelector('.result')!;
      const bar = box.querySelector('progress') as HTMLProgressElement;
      return { percent: Number(/(\d+) %/.exec(box.querySelector('.status')!.textContent ?? '')?.[1]), bar: Math.round(bar.value * 100) };
    });
    expect(shown.percent).toBe(shown.bar);
    const clicked = Date.now();
    await page.click('.result button[data-action="cancel"]');
    await page.waitForSelector('.result[data-state="cancelled"]', { timeout: 1000 });
    expect(Date.now() - clicked).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, 2000));
    expect(await page.evaluate(() => (window as unknown as { downloads: unknown[] }).downloads.length)).toBe(0);
    await page.close();
  }, 120_000);
});
