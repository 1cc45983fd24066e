import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import * as XLSX from 'xlsx';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { analyzeExtraction, convertToBytes } from '@sne-toolbox/extraction';
import { fileSource, verifyWorkbook } from '@sne-toolbox/extraction/node';
import { run } from '../src/cli/run.js';
import { CsvParser } from '../src/core/csv-parser.js';
import { EXCEL_MAX_COLUMNS, MAX_CELL_TEXT } from '../src/core/limits.js';
import { readBack, roundTrip, sheetValues } from './helpers.js';
import { zipSync } from './zip-helper.js';

// Issue 26, item by item: the header stays the header, every zip byte is checked, memory follows
// the limits, untrusted names print escaped, OEM zip names, a discarded standard output, and
// amounts with € or %.

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sne-round4-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]) {
  const out = new PassThrough();
  const err = new PassThrough();
  const o: Buffer[] = [];
  const e: Buffer[] = [];
  out.on('data', (c: Buffer) => o.push(c));
  err.on('data', (c: Buffer) => e.push(c));
  const code = await run(args, { stdout: out, stderr: err, stdin: Readable.from([]), cwd: dir });
  return { code, stdout: Buffer.concat(o).toString('utf8'), stderr: Buffer.concat(e).toString('utf8') };
}

const TRAILING = 'Numéro unique;Nom;Prénom\r\n0590123456789A1234;DUPONT;Jean;\r\n0590123456789A1235;DURAND;Marie;\r\n0590123456789A1236;MARTIN;Luc;\r\n';

describe('1. a header narrower than its rows stays the header', () => {
  test('trailing `;` on the data lines only: header in row 1, three data rows, the empty column dropped and said', async () => {
    const { report, data } = await roundTrip(TRAILING);
    expect(report.headerLine).toBe(1);
    expect(report.preamble).toEqual([]);
    expect(report.rows).toBe(3);
    expect(data[0]).toEqual(['Numéro unique', 'Nom', 'Prénom']);
    expect(data.slice(1).map((r) => r[1])).toEqual(['DUPONT', 'DURAND', 'MARTIN']);
    expect(report.columns).toBe(3);
    expect(report.warnings.find((w) => w.code === 'TRAILING_DELIMITER')?.message).toMatch(/retirée/);
    expect(report.warnings.map((w) => w.code)).not.toContain('RAGGED_ROW');
  });

  test('a trailing field that is filled somewhere: kept as an unnamed column, said', async () => {
    const { report, data } = await roundTrip('Nom;Prénom\r\nDUPONT;Jean;\r\nDURAND;Marie;x\r\nMARTIN;Luc;\r\nPETIT;Léa;\r\nROUX;Paul;\r\n');
    expect(report.headerLine).toBe(1);
    expect(report.rows).toBe(5);
    expect(data[0]).toEqual(['Nom', 'Prénom', 'Colonne 3']);
    expect(data[2]).toEqual(['DURAND', 'Marie', 'x']);
    expect(report.warnings.find((w) => w.code === 'TRAILING_DELIMITER')?.message).toMatch(/gardé/);
  });

  test.each([
    ['a two-field title above a header whose data often ends empty', 'Commune de Lille;Liste des agents\r\nNom;Prénom;Observations\r\n' + 'Dupont;Jean;\r\n'.repeat(9) + 'Durand;Léa;à rappeler\r\n'],
    ['a quoted title with a delimiter inside', '"Extraction; du 03/12/2026";Nord\r\nNom;Prénom;Observations\r\n' + 'Dupont;Jean;\r\n'.repeat(9) + 'Durand;Léa;à rappeler\r\n'],
  ])('no false positive: %s stays a title (the header is the line shaped like one)', async (_label, csv) => {
    const { report, data } = await roundTrip(csv);
    expect(report.headerLine).toBe(2);
    expect(data[0]).toEqual(['Nom', 'Prénom', 'Observations']);
    expect(report.rows).toBe(10);
    expect(report.warnings.map((w) => w.code)).not.toContain('TRAILING_DELIMITER');
  });

  test('a preamble line is kept exactly as the file writes it, quotes included', async () => {
    const { report } = await roundTrip('"Extraction ""SNE""; décembre"\r\n# commentaire\r\nNom;Montant;Ville\r\nDupont;12,5;Lille\r\nDurand;3;Lens\r\n');
    expect(report.headerLine).toBe(3);
    expect(report.preamble).toEqual(['"Extraction ""SNE""; décembre"', '# commentaire']);
  });

  test('--verify passes on the trailing-`;` file, and fails on a workbook whose header was moved out of the table', async () => {
    writeFileSync(join(dir, 'in.csv'), TRAILING);
    const r = await cli(['convert', 'in.csv', '--verify']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Vérification\u202f: 0 différence');
    // The workbook 0.2 wrote: the first data row as header (line 2), the real header in the preamble.
    const { bytes } = await convertToBytes(new TextEncoder().encode(TRAILING), { headerLine: 2 });
    writeFileSync(join(dir, 'moved.xlsx'), bytes);
    const analysis = await analyzeExtraction(await fileSource(join(dir, 'in.csv')), { headerLine: 2 });
    // As a detection that moved the header would leave it: not forced by the caller.
    delete analysis.headerLineForced;
    const verification = await verifyWorkbook(await fileSource(join(dir, 'in.csv')), analysis, join(dir, 'moved.xlsx'));
    expect(verification.differenceCount).toBeGreaterThan(0);
    expect(verification.differences[0]).toMatchObject({ cell: 'A1', line: 1 });
  });
});

describe('2. zip members verified', () => {
  test('a member altered after zipping (420,50 → 999,50) is refused, coded, for that member; the other converts', async () => {
    const good = 'Numéro unique;Montant\r\n0590423808575GDPUB;420,50\r\n';
    const altered = good.replace('420,50', '999,50');
    writeFileSync(join(dir, 'envoi.zip'), zipSync({ 'a.csv': altered, 'b.csv': good }, { crcOf: { 'a.csv': good } }));
    const r = await cli(['convert', 'envoi.zip', '--json']);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout) as { input: string; error?: { code: string } }[];
    expect(results.find((x) => x.input.endsWith('a.csv'))?.error?.code).toBe('ZIP_CORRUPT');
    expect(readdirSync(dir).sort()).toEqual(['b.xlsx', 'envoi.zip']);
  });
});

describe('3-4. memory bounded by the limits, not by the input', () => {
  test('a record past Excel\'s column limit stops as soon as it passes, not after reading it whole', () => {
    let fields = 0;
    const parser = new CsvParser(';', () => {}, null, {
      maxFields: EXCEL_MAX_COLUMNS,
      maxFieldLength: MAX_CELL_TEXT,
      onLimit: (kind, line, column) => {
        fields = column;
        throw new Error(`${kind} ${line}`);
      },
    });
    const chunk = ';'.repeat(4096);
    let pushed = 0;
    expect(() => {
      for (; pushed < 10_000; pushed++) parser.push(chunk); // 40 MB if read whole
    }).toThrow('columns 1');
    expect(fields).toBe(EXCEL_MAX_COLUMNS + 1);
    expect(pushed).toBeLessThan(5);
  });

  test('a quoted field of doubled quotes reads the same in one chunk or many', () => {
    const field = 'x"'.repeat(50_000);
    const text = `a;"${field.replace(/"/g, '""')}"\r\n`;
    for (const size of [text.length, 7, 2, 1]) {
      const records: string[][] = [];
      const parser = new CsvParser(';', (f) => records.push(f));
      for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size));
      parser.end();
      expect(records).toEqual([['a', field]]);
    }
  });

  test('a cell past MAX_CELL_TEXT is refused with CELL_TOO_LARGE naming its line and column', async () => {
    const csv = `a;b\r\n1;2\r\n3;${'&'.repeat(MAX_CELL_TEXT + 1)}\r\n`;
    await expect(convertToBytes(new TextEncoder().encode(csv))).rejects.toMatchObject({ code: 'CELL_TOO_LARGE', details: { line: 3, column: 2 } });
  });
});

describe('5. every name and header shown to the user is printable', () => {
  test('a header with a line feed and a zip member name with ESC print escaped; zero-width characters leave file names', async () => {
    const header = '"Nom\n  Vérification : 0 différence"';
    writeFileSync(join(dir, 'h.csv'), `${header};${header}\r\nDupont;Jean\r\n`);
    const r = await cli(['convert', 'h.csv']);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('  Vérification'))).toEqual([]);
    expect(r.stderr).toContain('Nom\\n  Vérification');
    writeFileSync(join(dir, 'z.zip'), zipSync({ 'a\u001b[2J\u200bb\u{E0041}.csv': 'Nom;Montant\r\nDupont;1\r\n' }));
    const z = await cli(['convert', 'z.zip']);
    expect(z.code).toBe(0);
    expect(z.stderr).not.toMatch(/\u001b/);
    expect(z.stderr).toContain('\\x1b[2J');
    expect(readdirSync(dir)).toContain('a[2Jb.xlsx');
  });
});

describe('6. zip names without the UTF-8 flag', () => {
  test('a name in CP437 (Windows\' compressed folders) gives « décembre.xlsx »; two names one accent apart stay two', async () => {
    const csv = 'Nom;Montant\r\nDupont;1\r\n';
    writeFileSync(join(dir, 'windows.zip'), zipSync({ 'd.csv': csv, 'r.csv': csv, 'e.csv': csv }, { rawNames: { 'd.csv': Buffer.from('d\x82cembre.csv', 'latin1'), 'r.csv': Buffer.from('relev\x82.csv', 'latin1'), 'e.csv': Buffer.from('releve.csv', 'latin1') } }));
    const r = await cli(['convert', 'windows.zip']);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['décembre.xlsx', 'releve.xlsx', 'relevé.xlsx', 'windows.zip']);
  });
});

describe('8. amounts with € and percentages with %', () => {
  /** What Excel in a French locale shows for a number and format: SheetJS formats in English, so the separators are swapped back. */
  const frenchDisplay = (cell: { v: number; z: string }, group: string) =>
    XLSX.SSF.format(cell.z, cell.v).replace(/[,.]/g, (c: string) => (c === ',' ? '\u0001' : ',')).replace(/\u0001/g, group);

  test.each([
    ['€ after, with a space', ['450,00 €', '1 200,00 €', '-12,50 €'], ' '],
    ['€ after, no space', ['450,00€', '12,50€'], ''],
    ['€ before', ['€450,00', '€12,50'], ''],
    ['% after, with a no-break space', ['33,5\u00a0%', '100,0\u00a0%', '0,5\u00a0%'], ' '],
  ])('%s: numbers in the workbook, the displayed text the same as the CSV', async (_label, values) => {
    const csv = `Nom;Valeur\r\n${values.map((v, i) => `n${i};${v}`).join('\r\n')}\r\n`;
    const { report, sheets } = await roundTrip(csv);
    expect(report.columnTypes[1]).toMatchObject({ unit: values[0]!.includes('%') ? '%' : '€' });
    const rows = sheets.get('Extraction')!.slice(1);
    rows.forEach((row, i) => {
      const cell = row[1]! as { t: string; v: number; z: string };
      expect(cell.t).toBe('n');
      // SheetJS cannot format a literal before `%` (Excel and LibreOffice can): the space is put back by hand.
      const display = cell.z.endsWith('%') ? frenchDisplay({ v: cell.v, z: cell.z.replace(/\\.%$/, '%') }, ' ').replace('%', `${cell.z.at(-2)}%`) : frenchDisplay(cell, ' ');
      expect(display).toBe(values[i]);
    });
    if (values[0]!.includes('%')) expect(rows[0]![1]!.v).toBe(0.335);
  });

  test.each([
    ['« 7 € » beside « 12,50 € »', ['7 €', '12,50 €']],
    ['« 100 % » beside « 33,5 % »', ['100 %', '33,5 %']],
  ])('%s: one format cannot show both as written, so the column stays text', async (_label, values) => {
    const { report, data } = await roundTrip(`Nom;Valeur\r\n${values.map((v, i) => `n${i};${v}`).join('\r\n')}\r\n`);
    expect(report.columnTypes[1]!.type).toBe('text');
    expect(data.slice(1).map((r) => r[1])).toEqual(values);
  });

  test('--verify proves them, Informations names the unit; a column mixing « 12 € » and « 12 » stays text', async () => {
    writeFileSync(join(dir, 'in.csv'), 'Nom;Loyer;Taux;Mixte\r\nA;450,00 €;33,5 %;12 €\r\nB;1 200,00 €;5,0 %;12\r\n');
    const r = await cli(['convert', 'in.csv', '--verify', '--json']);
    expect(r.code).toBe(0);
    const [report] = JSON.parse(r.stdout) as { columnTypes: { type: string; unit?: string }[]; verification: { differenceCount: number } }[];
    expect(report!.verification.differenceCount).toBe(0);
    expect(report!.columnTypes.map((c) => [c.type, c.unit])).toEqual([['text', undefined], ['decimal', '€'], ['decimal', '%'], ['text', undefined]]);
    const info = sheetValues(readBack(readFileSync(join(dir, 'in.xlsx'))).get('Informations')!).flat().join('\n');
    expect(info).toContain('montant en euros (€)');
    expect(info).toContain('pourcentage (%)');
    expect(existsSync(join(dir, 'in.xlsx'))).toBe(true);
  });
});

describe('the CLI turns a warning\'s remedy into its own flags', () => {
  test('AMBIGUOUS_NUMBER: the message names no flag, the line under it does', async () => {
    writeFileSync(join(dir, 'a.csv'), 'Surface;Nom\r\n6,718;a\r\n12,345;b\r\n');
    const r = await cli(['convert', 'a.csv']);
    expect(r.code).toBe(0);
    const lines = r.stderr.split('\n');
    const at = lines.findIndex((l) => l.includes('[AMBIGUOUS_NUMBER]'));
    expect(lines[at]).not.toMatch(/--/);
    expect(lines[at + 1]).toContain('Relancez avec --numbers fr ou --numbers en (ou --text "Surface"');
  });
});
