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

/**
 * An extraction of about 11 MB, over the size from which the page writes in parallel segments
 * (PARALLEL_MIN_BYTES): numéros uniques, names with accents, dates, French amounts, as windows-1252.
 */
export function segmentedExtraction(): Buffer {
  const rows = Array.from({ length: 200_000 }, (_, i) => `0590423808${String(i % 1000).padStart(3, '0')}GDPUB;Lefèvre ${i};${(i % 28) + 1}/03/2020;${i % 9000} ${String(i % 1000).padStart(3, '0')},${i % 100}\r\n`);
  return Buffer.from('Numéro unique;Nom;Date;Montant\r\n' + rows.join(''), 'latin1');
}

/** The data sheets of a workbook (name → XML), read back with every CRC checked. */
export async function dataSheets(bytes: Uint8Array): Promise<Map<string, string>> {
  const { readZip } = await import('../packages/zip-reader/src/index.js');
  const zip = await readZip(bytes, { maxEntries: 100, maxEntrySize: 1 << 30, maxTotalSize: 1 << 30 });
  return new Map(zip.filter((e) => /^xl\/worksheets\/sheet1\.xml$/.test(e.name)).map((e) => [e.name, new TextDecoder().decode(e.bytes)]));
}

/** What the library writes for the same file in Node, on one thread (the reference of the page's segments). */
export async function sequentialDataSheets(csv: Buffer, name: string): Promise<Map<string, string>> {
  const { convertToBytes } = await import('../packages/extraction/src/core/convert.js');
  return dataSheets((await convertToBytes(new Uint8Array(csv), { name })).bytes);
}

/** The empty stored blocks (`00 00 ff ff`) in a workbook: joined segments end with one; one CompressionStream writes none. */
export function syncFlushes(bytes: Uint8Array): number {
  let count = 0;
  for (let i = 0; i + 3 < bytes.length; i++) if (bytes[i] === 0 && bytes[i + 1] === 0 && bytes[i + 2] === 0xff && bytes[i + 3] === 0xff) count++;
  return count;
}
