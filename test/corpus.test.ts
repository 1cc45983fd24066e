import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as XLSX from 'xlsx';
import { convertExtraction, createDecoder, type ExtractionErrorCode, isExtractionError, parseCsv } from '@sne-toolbox/extraction';
import { fileSource, nodeDeflate, nodePlatform, verifyWorkbook } from '@sne-toolbox/extraction/node';
import { ROOT } from './helpers.js';

// Real CSV files written by others (test/corpus/README.md): each converts, or ends with its
// documented code; every cell of the workbook reads back as the source has it, in our streaming
// verifier and in SheetJS.

const CORPUS = join(ROOT, 'test/corpus');
const EXPECTED_ERRORS: Record<string, ExtractionErrorCode> = { 'csvkit/empty.csv': 'EMPTY_INPUT' };
const files = readdirSync(CORPUS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(CORPUS, d.name)).filter((f) => f !== 'LICENSE').map((f) => `${d.name}/${f}`));

let dir: string;
let compared = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sne-corpus-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('real CSV files written by others', () => {
  test('the corpus is there', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  test.each(files)('%s', async (name) => {
    const path = join(CORPUS, name);
    let conversion;
    try {
      conversion = await convertExtraction(await fileSource(path), { platform: nodePlatform, deflate: nodeDeflate() });
    } catch (error) {
      if (!isExtractionError(error)) throw error;
      expect(error.code).toBe(EXPECTED_ERRORS[name]);
      return;
    }
    expect(EXPECTED_ERRORS[name]).toBeUndefined();
    const out = join(dir, name.replace(/[/]/g, '_') + '.xlsx');
    const parts: Uint8Array[] = [];
    for await (const chunk of conversion.workbook()) parts.push(chunk);
    writeFileSync(out, Buffer.concat(parts));

    // Our streaming re-reader: every cell, typed by value, text to the character.
    const verification = await verifyWorkbook(await fileSource(path), conversion.analysis, out);
    expect(verification.differences).toEqual([]);

    // A second reader: every text cell of the data sheet is the source's string.
    const { analysis } = conversion;
    const text = createDecoder(analysis.encoding).decode(readFileSync(path).subarray(analysis.bomLength), true);
    const records = parseCsv(text, analysis.delimiter).records;
    const lines: number[] = [];
    let line = 1;
    for (const r of records) {
      lines.push(line);
      line += r.join(analysis.delimiter).split(/\r\n|\r|\n/).length;
    }
    const data = records.filter((r, i) => !(r.length === 1 && r[0] === '') && (lines[i] ?? 0) >= analysis.headerLine).slice(1);
    const sheet = XLSX.read(readFileSync(out), { type: 'buffer' }).Sheets['Extraction']!;
    const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true, defval: '' });
    data.slice(0, 1000).forEach((fields, r) =>
      fields.forEach((value, c) => {
        if (analysis.columns[c]?.type !== 'text' || value.length > 32_767) return;
        expect(rows[r + 1]?.[c], `${name} ligne ${r + 2} colonne ${c + 1}`).toBe(value);
        compared++;
      }),
    );
  }, 60_000);

  test('La Poste: codes INSEE and codes postaux keep their leading zeros, as text; names keep their accents', async () => {
    const path = join(CORPUS, 'laposte/code_postaux_v201410-debut.csv');
    const conversion = await convertExtraction(await fileSource(path), { platform: nodePlatform });
    expect(conversion.report).toMatchObject({ encoding: 'windows-1252', delimiter: ';', rows: 2999 });
    expect(conversion.report.columnTypes.map((c) => c.type)).toEqual(['text', 'text', 'text', 'text']);
    expect(conversion.report.columnTypes[3]!.name).toBe('libellé d\'acheminement');
  });

  test('the second reader compared about two thousand text cells (the check above is not vacuous)', () => {
    expect(compared).toBeGreaterThan(1500);
  });
});
