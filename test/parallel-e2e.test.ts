import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { convertFile as ConvertFile } from '@sne-toolbox/extraction/node';
import { readBack, sheetValues, utf16, windows1252 } from '../packages/extraction/test/helpers.js';
import { checkedZipEntries } from '../packages/extraction/test/zip-helper.js';
import { ROOT } from './helpers.js';

// One file's sheets written by worker threads (segments cut by the first pass, pieces of DEFLATE
// joined in order) must give the workbook of the one-thread pass: the built package only has the
// worker script, so these tests import it from dist/. Tiny segments put cuts everywhere.

const { convertFile } = (await import(pathToFileURL(join(ROOT, 'packages/extraction/dist/node.js')).href)) as { convertFile: typeof ConvertFile };
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sne-parallel-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Records that are hard to cut between: quoted line breaks, every line ending, blank lines, ragged rows. */
function awkwardCsv(rows: number): string {
  const eols = ['\r\n', '\n', '\r'];
  let csv = 'Numéro unique;Nom;Commentaire;Montant;Date\r\n';
  for (let i = 0; i < rows; i++) {
    const comment = i === 3 ? `${'é'.repeat(40_000)}` : i % 5 === 0 ? `"ligne 1 ; « ${i} »\r\nligne 2 ""citée"" €’œ"` : i % 7 === 0 ? '_x0041_ & <b>' : `texte ${i}`;
    const tail = i % 11 === 0 ? '' : `;${i},5${i % 3};${String((i % 28) + 1).padStart(2, '0')}/01/2024`;
    csv += `0590423808${String(i).padStart(4, '0')}GDPUB;Lefèvre ${i};${comment}${tail}${eols[i % 3]}`;
    if (i % 13 === 0) csv += '\r\n';
  }
  return csv;
}

async function both(csv: Uint8Array, options: Parameters<typeof ConvertFile>[1] = {}) {
  const input = join(dir, 'extraction.csv');
  writeFileSync(input, csv);
  const now = new Date(2026, 10, 29, 12, 0, 0);
  const one = await convertFile(input, { ...options, output: join(dir, 'un.xlsx'), threads: 1, now });
  const many = await convertFile(input, { ...options, output: join(dir, 'plusieurs.xlsx'), threads: 2, segmentBytes: 97, verify: true, now });
  return { one, many, a: readFileSync(join(dir, 'un.xlsx')), b: readFileSync(join(dir, 'plusieurs.xlsx')) };
}

test('written on two threads, an awkward windows-1252 file gives the same cells, and --verify agrees', async () => {
  const { one, many, a, b } = await both(windows1252(awkwardCsv(600)));
  expect(many.verification?.differenceCount).toBe(0);
  expect(many.rows).toBe(600);
  expect({ ...many, output: null, verification: undefined }).toEqual({ ...one, output: null });
  // Not the same bytes (the DEFLATE stream is made of pieces): the parallel path did run.
  expect(b.equals(a)).toBe(false);
  expect(readBack(b)).toEqual(readBack(a));
  expect(readBack(b).has('Valeurs longues')).toBe(true);
  // Every entry's CRC-32 and size hold, on the sequential path (zlib's CRC) and the joined pieces.
  expect(checkedZipEntries(a)).toContain('xl/worksheets/sheet1.xml');
  expect(checkedZipEntries(b)).toEqual(checkedZipEntries(a));
  const data = readBack(b).get('Extraction')!;
  expect(data[1]![2]).toMatchObject({ v: 'ligne 1 ; « 0 »\r\nligne 2 "citée" €’œ' });
});

test.each([
  ['UTF-8', ''],
  ['UTF-8 with a BOM', '\uFEFF'],
])('%s: cut at record starts found from character offsets, multi-byte characters across every chunk boundary', async (_, bom) => {
  // Over 64 KB: the file is read in 64 KB chunks, so sequences of 2, 3 and 4 bytes straddle them.
  const csv = bom + awkwardCsv(3000).replaceAll('Lefèvre', 'Lefèvre 😀 ∑ ﬁ ß');
  const { many, a, b } = await both(new TextEncoder().encode(csv), { maxRowsPerSheet: 1100 });
  expect(many.encoding).toBe('utf-8');
  expect(many.verification?.differenceCount).toBe(0);
  expect(b.equals(a)).toBe(false); // the parallel path ran
  expect(readBack(b)).toEqual(readBack(a));
  expect(JSON.stringify(readBack(b).get('Extraction (3)'))).toContain('Lefèvre 😀 ∑ ﬁ ß 2999');
});

test('a batch worker\'s way (one thread, compressed here in pieces) gives the same cells, and valid CRCs', async () => {
  const { a } = await both(windows1252(awkwardCsv(600)));
  const now = new Date(2026, 10, 29, 12, 0, 0);
  const here = await convertFile(join(dir, 'extraction.csv'), { output: join(dir, 'ici.xlsx'), threads: 1, compressHere: true, segmentBytes: 97, verify: true, now });
  expect(here.verification?.differenceCount).toBe(0);
  const c = readFileSync(join(dir, 'ici.xlsx'));
  expect(c.equals(a)).toBe(false); // the pieces path ran
  expect(readBack(c)).toEqual(readBack(a));
  expect(checkedZipEntries(c)).toEqual(checkedZipEntries(a));
  // exceljs (its own unzip) reads the joined pieces too, with the values SheetJS reads.
  expect(await exceljsValues(c)).toEqual(sheetValues(readBack(a).get('Extraction')!));
});

/** The Extraction sheet as exceljs reads it: text and numbers, dates as serials, empty cells ''. */
async function exceljsValues(bytes: Buffer): Promise<(string | number)[][]> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Extraction')!;
  const rows: (string | number)[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => {
    // exceljs leaves OOXML's `_xHHHH_` escapes as they are (Excel and SheetJS decode them): decoded here.
    const text = (v: string) => v.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    const values = (row.values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.getTime() / 86_400_000 + 25_569 : v === undefined || v === null ? '' : typeof v === 'string' ? text(v) : (v as number)));
    while (values.length && values[values.length - 1] === '') values.pop();
    rows.push(values);
  });
  return rows;
}

test.each(['le', 'be'] as const)('UTF-16%s is cut too (two bytes per code unit), with the same result, astral characters included', async (endian) => {
  const text = awkwardCsv(200).replaceAll('Lefèvre', 'Lefèvre 😀');
  const { many, a, b } = await both(utf16(text, endian));
  expect(many.encoding).toBe(`utf-16${endian}`);
  expect(many.verification?.differenceCount).toBe(0);
  expect(b.equals(a)).toBe(false); // the parallel path ran
  expect(readBack(b)).toEqual(readBack(a));
  expect(JSON.stringify(readBack(b).get('Extraction'))).toContain('Lefèvre 😀 199');
});

test('sheets split at the row limit are cut at each sheet start too', async () => {
  const { many, a, b } = await both(windows1252(awkwardCsv(250)), { maxRowsPerSheet: 60 });
  expect(many.sheets).toBe(5);
  const sheets = readBack(b);
  expect([...sheets.keys()]).toEqual(['Extraction', 'Extraction (2)', 'Extraction (3)', 'Extraction (4)', 'Extraction (5)', 'Valeurs longues', 'Informations']);
  expect(sheets).toEqual(readBack(a));
});

test('a file that changes between the passes fails with INPUT_CHANGED and leaves no workbook', async () => {
  const input = join(dir, 'extraction.csv');
  writeFileSync(input, windows1252(awkwardCsv(400)));
  let appended = false;
  const run = convertFile(input, {
    output: join(dir, 'sortie.xlsx'),
    threads: 2,
    segmentBytes: 500,
    onProgress: (p) => {
      if (p.phase === 'write' && !appended) {
        appended = true;
        appendFileSync(input, '0590423808999GDPUB;ajoutée;pendant;1;01/01/2024\r\n');
      }
    },
  });
  await expect(run).rejects.toMatchObject({ code: 'INPUT_CHANGED' });
  expect(existsSync(join(dir, 'sortie.xlsx'))).toBe(false);
  expect(readdirSync(dir)).toEqual(['extraction.csv']);
});
