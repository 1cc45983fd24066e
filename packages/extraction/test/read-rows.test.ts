import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { convertToBytes, readExtraction } from '../src/index.js';

// Issue 28: rows without a workbook, typed as the workbook types them.

const EXAMPLE = new Uint8Array(readFileSync(fileURLToPath(new URL('../../../examples/extraction-sne.csv', import.meta.url))));

describe('readExtraction', () => {
  it('gives the header, the report and the same values as the workbook, row by row, on the example', async () => {
    const { header, report, rows } = await readExtraction(EXAMPLE);
    const { bytes } = await convertToBytes(EXAMPLE);
    const book = XLSX.read(bytes, { type: 'array', cellDates: false });
    const sheet = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['Extraction']!, { header: 1, raw: true, defval: null });
    expect(header).toEqual(sheet[0]);
    expect(report.rows).toBe(2500);
    let n = 0;
    for await (const row of rows) {
      n++;
      const expected = sheet[n]!;
      row.forEach((value, i) => {
        const cell = expected[i] ?? null;
        // Dates: the workbook holds Excel serials (days since 1899-12-30), the rows JavaScript Dates in UTC.
        if (value instanceof Date) expect(value.getTime() / 86_400_000 + 25569).toBeCloseTo(cell as number, 6);
        else expect(value).toBe(cell);
      });
    }
    expect(n).toBe(2500);
  });

  it('empty cells are null, numbers with a unit are numbers, and the same warnings as a conversion come with them', async () => {
    const csv = new TextEncoder().encode('Nom;Loyer;Date;Surface\r\nA;450,00 €;12/03/2020;6,718\r\nB;;;12,345\r\n');
    const { rows, report } = await readExtraction(csv);
    const all: unknown[][] = [];
    for await (const row of rows) all.push(row);
    expect(all).toEqual([
      ['A', 450, new Date(Date.UTC(2020, 2, 12)), '6,718'],
      ['B', null, null, '12,345'],
    ]);
    expect(report.warnings.map((w) => w.code)).toContain('AMBIGUOUS_NUMBER');
  });
});
