import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { analyzeExtraction } from '@sne-toolbox/extraction';
import { convertFile, fileSource, verifyWorkbook } from '@sne-toolbox/extraction/node';
import { toCsv } from './helpers.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sne-verify-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ROWS = [
  ['Numéro unique', 'Montant', 'Date', 'Texte'],
  ['0590423808575GDPUB', '1 234,56', '12/03/2020', '_x0041_ & <b>\r\nfin  '],
  ['059102384157559900', '', '29/02/2024', ''],
  ['1111023517879GDPUB', '-0,5', '', '=1+1'],
];

describe('verifyWorkbook', () => {
  test('0 difference on a faithful conversion, every cell counted', async () => {
    writeFileSync(join(dir, 'a.csv'), toCsv(ROWS));
    const report = await convertFile(join(dir, 'a.csv'), { verify: true });
    expect(report.verification).toEqual({ cells: 16, rows: 3, differenceCount: 0, differences: [] });
  });

  test('finds the cells that differ, with sheet, cell and source line', async () => {
    writeFileSync(join(dir, 'a.csv'), toCsv(ROWS));
    await convertFile(join(dir, 'a.csv'), { output: join(dir, 'a.xlsx') });
    const analysis = await analyzeExtraction(await fileSource(join(dir, 'a.csv')));
    // The same extraction with one numéro unique that lost its leading zero and one amount changed.
    const changed = ROWS.map((r) => [...r]);
    changed[1]![0] = '590423808575GDPUB';
    changed[3]![1] = '-0,25';
    writeFileSync(join(dir, 'b.csv'), toCsv(changed));
    const report = await verifyWorkbook(await fileSource(join(dir, 'b.csv')), analysis, join(dir, 'a.xlsx'));
    expect(report.differenceCount).toBe(2);
    expect(report.differences).toEqual([
      { sheet: 'Extraction', cell: 'A2', line: 2, expected: '590423808575GDPUB', actual: '0590423808575GDPUB' },
      { sheet: 'Extraction', cell: 'B4', line: 5, expected: '-0.25', actual: '-0.5' },
    ]);
  });

  test('a truncated source (rows missing) is reported', async () => {
    writeFileSync(join(dir, 'a.csv'), toCsv(ROWS));
    await convertFile(join(dir, 'a.csv'), { output: join(dir, 'a.xlsx') });
    const analysis = await analyzeExtraction(await fileSource(join(dir, 'a.csv')));
    writeFileSync(join(dir, 'b.csv'), toCsv(ROWS.slice(0, 2)));
    const report = await verifyWorkbook(await fileSource(join(dir, 'b.csv')), analysis, join(dir, 'a.xlsx'));
    expect(report.differenceCount).toBeGreaterThan(0);
  });
});
