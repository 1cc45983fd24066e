import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Download, Page } from 'playwright-core';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { zipSync } from '../packages/extraction/test/zip-helper.js';
import { CHROMIUM, dataSheets, launchChromium, openRecording, segmentedExtraction, sequentialDataSheets, syncFlushes } from './browser.js';
import { ROOT } from './helpers.js';

// Issue 27 in Chromium, as an agent clicks the page from file://: each warning's remedy converts
// again with the option applied, the options panel, « Annuler », one percentage that is the bar's,
// a zip of two extractions, and no text that names a command-line flag.

const PAGE = pathToFileURL(join(ROOT, 'packages/web/dist/index.html')).href;
const available = existsSync(CHROMIUM) && existsSync(join(ROOT, 'packages/web/dist/index.html'));
if (!available && process.env.CI) throw new Error(`browser tests need ${CHROMIUM} and a built page (pnpm build)`);

let browser: Browser;
let dir: string;
beforeAll(async () => {
  if (!available) return;
  dir = mkdtempSync(join(tmpdir(), 'sne-web-extraction-'));
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Converts `name` with `content`, waits for its box to be done, returns the workbook's first sheet as values. */
async function convert(page: Page, name: string, content: Buffer | string): Promise<unknown[][]> {
  const wait = page.waitForEvent('download', { timeout: 60_000 });
  await page.setInputFiles('#csv-input', { name, mimeType: 'text/csv', buffer: Buffer.from(content) });
  return sheetOf(await wait);
}

/** The first sheet of a downloaded workbook, as values, read by SheetJS. */
async function sheetOf(download: Download): Promise<unknown[][]> {
  const book = XLSX.read(readFileSync((await download.path())!), { type: 'buffer' });
  return XLSX.utils.sheet_to_json(book.Sheets[book.SheetNames[0]!]!, { header: 1, raw: true, defval: '' });
}

/** Clicks a button of the newest box and waits for the workbook it converts again. */
async function clickAndConvert(page: Page, selector: string): Promise<unknown[][]> {
  const wait = page.waitForEvent('download', { timeout: 60_000 });
  await page.click(selector);
  return sheetOf(await wait);
}

describe.skipIf(!available)('the page as the agent\'s whole tool (Chromium)', () => {
  test('ambiguous numbers: « Lire les nombres à la française » converts again and the column is numbers; no text names a flag', async () => {
    const { page, errors, requests } = await openRecording(browser, PAGE);
    const first = await convert(page, 'surfaces.csv', 'Surface;Nom\r\n6,718;a\r\n12,345;b\r\n');
    expect(first[1]![0]).toBe('6,718');
    await page.waitForSelector('[data-state="done"] li[data-code="AMBIGUOUS_NUMBER"] button[data-remedy="numbers"]');
    expect(await page.textContent('body')).not.toMatch(/--[a-z]/);
    const again = await clickAndConvert(page, 'li[data-code="AMBIGUOUS_NUMBER"] button:has-text("française")');
    expect(again.slice(1).map((r) => r[0])).toEqual([6.718, 12.345]);
    expect(errors).toEqual([]);
    expect(requests.every((u) => u.startsWith('file:') || u.startsWith('blob:') || u.startsWith('data:'))).toBe(true);
  }, 120_000);

  test('an uncertain delimiter: « Séparer par virgule » converts again with it', async () => {
    const { page } = await openRecording(browser, PAGE);
    await convert(page, 'ragged.csv', 'Nom;Ville\r\nDupont;Lille\r\nDurand, Jean\r\nMartin;Paris;x\r\nPetit, Léa\r\n');
    await page.waitForSelector('li[data-code="DELIMITER_UNCERTAIN"] button[data-remedy="delimiter"]');
    const again = await clickAndConvert(page, 'li[data-code="DELIMITER_UNCERTAIN"] button:has-text("virgule")');
    expect(again[0]![0]).toBe('Nom;Ville');
    expect(again[2]).toEqual(['Durand', ' Jean']);
    expect(await page.textContent('.result[data-state="done"]')).toContain('séparateur « , »');
  }, 120_000);

  test('an encoding that does not read as French: « Lire en ISO-8859-15 » converts again with it', async () => {
    const { page } = await openRecording(browser, PAGE);
    // Greek in windows-1253 bytes: read as windows-1252 it is not French (ENCODING_UNCERTAIN).
    const greek = Buffer.concat([Buffer.from('Nom;Ville\r\n'), Buffer.from([0xc1, 0xe8, 0xfe, 0xed, 0xe1, 0x3b, 0xd0, 0xe1, 0xf4, 0xf1, 0xe1, 0x0d, 0x0a]), Buffer.from([0xc4, 0xe7, 0xec, 0xde, 0xf4, 0xf1, 0xe7, 0xf2, 0x3b, 0xd3, 0xdd, 0xf1, 0xf1, 0xe5, 0xf2, 0x0d, 0x0a])]);
    await convert(page, 'grec.csv', greek);
    await page.waitForSelector('li[data-code="ENCODING_UNCERTAIN"] button[data-remedy="encoding"]');
    await clickAndConvert(page, 'li[data-code="ENCODING_UNCERTAIN"] button:has-text("ISO-8859-15")');
    expect(await page.textContent('.result[data-state="done"]')).toContain('encodage iso-8859-15');
  }, 120_000);

  test('an identifier read as a number: the options panel keeps « Référence » as text', async () => {
    const { page } = await openRecording(browser, PAGE);
    const first = await convert(page, 'references.csv', 'Référence;Montant\r\n123456789012;1\r\n987654321098;2\r\n');
    expect(typeof first[1]![0]).toBe('number');
    await page.click('.result[data-state="done"] details.options summary');
    await page.check('.result[data-state="done"] details.options input[value="1"]');
    const again = await clickAndConvert(page, '.result[data-state="done"] details.options button');
    expect(again.slice(1).map((r) => r[0])).toEqual(['123456789012', '987654321098']);
  }, 120_000);

  test('« Annuler » stops a 1,000,000-row conversion: no download, the box says so', async () => {
    const { page } = await openRecording(browser, PAGE);
    const rows = Array.from({ length: 1000 }, (_, i) => `0590423808${String(i).padStart(3, '0')}GDPUB;Dupont;1 234,56;12/03/2020`).join('\r\n') + '\r\n';
    const big = join(dir, 'national.csv');
    writeFileSync(big, 'Numéro unique;Nom;Montant;Date\r\n' + rows.repeat(1000));
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.setInputFiles('#csv-input', big);
    // Over 100 MB? No: 50 MB, no confirmation. Wait for the work to be under way, then cancel.
    await page.waitForFunction(() => (document.querySelector('.result progress') as HTMLProgressElement | null)?.value ?? 0 > 0.01, undefined, { timeout: 60_000 });
    // The percentage shown is the bar's.
    const shown = await page.evaluate(() => {
      const box = document.querySelector('.result')!;
      const bar = box.querySelector('progress') as HTMLProgressElement;
      const percent = /(\d+) %/.exec(box.querySelector('.status')!.textContent ?? '')?.[1];
      return { percent: Number(percent), bar: Math.round(bar.value * 100) };
    });
    expect(shown.percent).toBe(shown.bar);
    const clicked = Date.now();
    await page.click('.result button[data-action="cancel"]');
    await page.waitForSelector('.result[data-state="cancelled"]', { timeout: 1000 });
    expect(Date.now() - clicked).toBeLessThan(1000);
    await page.waitForTimeout(2000);
    expect(downloads).toBe(0);
    expect(await page.textContent('.result')).toContain('rien n\'a été téléchargé');
  }, 120_000);

  test('axe reports no violation with a converted file, its warnings and the options panel open', async () => {
    const { page } = await openRecording(browser, PAGE);
    await convert(page, 'surfaces.csv', 'Surface;Nom\r\n6,718;a\r\n12,345;b\r\n');
    await page.click('.result[data-state="done"] details.options summary');
    // Evaluated, not added as a script tag: the page's CSP allows no inline script.
    await page.evaluate(readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
    const violations = await page.evaluate(async () => (await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe.run()).violations.map((v) => `${v.id} (${v.nodes.length})`));
    expect(violations).toEqual([]);
  }, 120_000);

  test('an 11 MB extraction is written in segments on both cores: the same sheet as one thread writes', async () => {
    const { page, errors } = await openRecording(browser, PAGE);
    expect(await page.evaluate(() => navigator.hardwareConcurrency), 'this test needs two cores').toBeGreaterThanOrEqual(2);
    const csv = segmentedExtraction();
    const wait = page.waitForEvent('download', { timeout: 120_000 });
    await page.setInputFiles('#csv-input', { name: 'national.csv', mimeType: 'text/csv', buffer: csv });
    const bytes = readFileSync((await (await wait).path())!);
    expect(await dataSheets(bytes)).toEqual(await sequentialDataSheets(csv, 'national.csv'));
    // One empty stored block per joined segment (about 1 MiB of CSV each).
    expect(syncFlushes(bytes)).toBeGreaterThanOrEqual(9);
    expect(errors).toEqual([]);
  }, 180_000);

  test('a file changed on disk during the conversion: INPUT_CHANGED, in French, never « Erreur inattendue »', async () => {
    const { page } = await openRecording(browser, PAGE);
    const path = join(dir, 'en-cours.csv');
    writeFileSync(path, segmentedExtraction());
    await page.setInputFiles('#csv-input', path);
    await page.waitForFunction(() => ((document.querySelector('.result progress') as HTMLProgressElement | null)?.value ?? 0) > 0.35, undefined, { timeout: 60_000, polling: 50 });
    // What an export still being written, or a copy over the network, does to the file.
    const later = new Date(Date.now() + 5000);
    utimesSync(path, later, later);
    await page.waitForSelector('.result[data-state="error"], .result[data-state="done"]', { timeout: 60_000 });
    const box = await page.evaluate(() => {
      const result = document.querySelector<HTMLElement>('.result')!;
      return { state: result.dataset.state, code: result.dataset.code, text: result.querySelector('.error')?.textContent ?? '' };
    });
    expect(box).toMatchObject({ state: 'error', code: 'INPUT_CHANGED' });
    expect(box.text).toContain('Le fichier a changé pendant la conversion');
  }, 120_000);

  test('a zip of two extractions gives two workbooks', async () => {
    const { page } = await openRecording(browser, PAGE);
    const names: string[] = [];
    page.on('download', (d) => names.push(d.suggestedFilename()));
    await page.setInputFiles('#csv-input', { name: 'envoi.zip', mimeType: 'application/zip', buffer: zipSync({ 'janvier.csv': 'Nom;Montant\r\nDupont;1\r\n', 'février.csv': 'Nom;Montant\r\nDurand;2\r\n', 'lisez-moi.pdf': '%PDF' }) });
    await page.waitForFunction(() => document.querySelectorAll('.result[data-state="done"]').length === 2, undefined, { timeout: 60_000 });
    await page.waitForTimeout(500);
    expect(names.sort()).toEqual(['février.xlsx', 'janvier.xlsx']);
    expect(await page.textContent('#csv-results')).toContain('1 fichier qui n\'est pas une extraction a été laissé de côté');
  }, 120_000);

  test('two extractions large enough for every core run one after the other, not each with every core at once', async () => {
    const { page } = await openRecording(browser, PAGE);
    const names: string[] = [];
    page.on('download', (d) => names.push(d.suggestedFilename()));
    const csv = segmentedExtraction();
    await page.setInputFiles('#csv-input', [
      { name: 'nord.csv', mimeType: 'text/csv', buffer: csv },
      { name: 'sud.csv', mimeType: 'text/csv', buffer: csv },
    ]);
    // Sampled in the page every 20 ms until both are done: a box is at work once it no longer waits.
    const overlapped = await page.evaluate(async () => {
      let overlap = false;
      for (;;) {
        const boxes = [...document.querySelectorAll('.result')];
        const working = boxes.filter((b) => !b.getAttribute('data-state') && !b.querySelector('.status')?.textContent?.startsWith('En attente'));
        if (working.length > 1) overlap = true;
        if (boxes.length === 2 && boxes.every((b) => b.getAttribute('data-state'))) return overlap;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });
    expect(overlapped).toBe(false);
    expect(await page.$$eval('.result', (boxes) => boxes.map((b) => b.getAttribute('data-state')))).toEqual(['done', 'done']);
    await page.waitForTimeout(500);
    expect(names.sort()).toEqual(['nord.xlsx', 'sud.xlsx']);
  }, 180_000);

  test('five files at once: at most two workers run, every file is converted in turn', async () => {
    const { page } = await openRecording(browser, PAGE);
    const workers: string[] = [];
    let alive = 0;
    let most = 0;
    page.on('worker', (w) => {
      workers.push(w.url());
      most = Math.max(most, ++alive);
      w.on('close', () => alive--);
    });
    const files = Array.from({ length: 5 }, (_, i) => ({ name: `f${i}.csv`, mimeType: 'text/csv', buffer: Buffer.from(`Nom;Montant\r\nDupont;${i}\r\n`) }));
    await page.setInputFiles('#csv-input', files);
    await page.waitForFunction(() => document.querySelectorAll('.result[data-state="done"]').length === 5, undefined, { timeout: 60_000 });
    expect(workers.length).toBe(5);
    expect(most).toBeLessThanOrEqual(2);
  }, 120_000);

  test('a zip with one name in two folders gives two workbooks of distinct names; an altered member is said, the other converts', async () => {
    const { page } = await openRecording(browser, PAGE);
    const names: string[] = [];
    page.on('download', (d) => names.push(d.suggestedFilename()));
    const good = 'Nom;Montant\r\nDupont;420,50\r\n';
    await page.setInputFiles('#csv-input', {
      name: 'envoi.zip',
      mimeType: 'application/zip',
      buffer: zipSync({ 'nord/export.csv': good, 'sud/export.csv': good, 'altere.csv': good.replace('420,50', '999,50') }, { crcOf: { 'altere.csv': good } }),
    });
    await page.waitForFunction(() => document.querySelectorAll('.result[data-state="done"]').length === 2, undefined, { timeout: 60_000 });
    await page.waitForTimeout(500);
    expect(names.sort()).toEqual(['nord - export.xlsx', 'sud - export.xlsx']);
    expect(await page.textContent('#csv-results')).toContain('altere.csv');
    // Ids stay unique across boxes that start together.
    // At most two conversions run at once; a third waits its turn (a zip of many extractions).
    const ids = await page.$$eval('#csv-results [id]', (nodes) => nodes.map((n) => n.id));
    expect(new Set(ids).size).toBe(ids.length);
  }, 120_000);
});
