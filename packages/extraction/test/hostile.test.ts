import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { convertToBytes, type Delimiter, inspectExtraction, parseDate, parseNumber } from '@sne-toolbox/extraction';
import { convertFile } from '@sne-toolbox/extraction/node';
import { readBack, toCsv, utf16, windows1252 } from './helpers.js';

// A short seeded run always; FUZZ_LONG=1 for the long one.
const LONG = process.env.FUZZ_LONG === '1';
const RUNS = LONG ? 1500 : 60;
const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sne-hostile-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const CP1252 = /^[\u0000-\u007f\u00a0-\u00ff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ\u0081\u008d\u008f\u0090\u009d]*$/;

const pieces = fc.oneof(
  { weight: 10, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 4, arbitrary: fc.constantFrom(';', ',', '\t', '|', '"', '""', '\r\n', '\n', '\r', ' ', '  ') },
  { weight: 3, arbitrary: fc.constantFrom('_x0041_', '_x005F_', '_xFFFF_', '=SUM(A1)', '+1', '-2', '@x', '&amp;', '<t>', ']]>') },
  { weight: 3, arbitrary: fc.constantFrom('é', 'Œ', '€', '’', '—', 'ÿ', '\u00a0', '\u202f', '🏠', '𝄞', '\ufeff', 'ﬀ') },
  { weight: 1, arbitrary: fc.constantFrom('\u0001', '\u0007', '\u001f', '\u007f', '\u0085', '\u000b') },
  { weight: 3, arbitrary: fc.constantFrom('0', '-0', '007', '01000', '999999999999999', '1000000000000000', '0,1', '1 234,5', '-0,000001', '12\u00a0345,67', '3.14') },
  { weight: 3, arbitrary: fc.constantFrom('01/03/1900', '28/02/1900', '29/02/2024', '29/02/2023', '31/12/9999', '2020-01-01', '2020-01-01 23:59:59', '00/01/2020', '31/04/2021') },
);
const cell = fc.array(pieces, { maxLength: 4 }).map((parts) => parts.join(''));

const table = fc.integer({ min: 2, max: 5 }).chain((width) =>
  fc.tuple(fc.constant(Array.from({ length: width }, (_, i) => `col ${i + 1}`)), fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 12 })),
);

const encodings = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252'] as const;

function encode(text: string, encoding: (typeof encodings)[number]): Uint8Array | null {
  switch (encoding) {
    case 'utf-8':
      return new TextEncoder().encode(text);
    case 'utf-8-bom':
      return new TextEncoder().encode('\ufeff' + text);
    case 'utf-16le':
      return utf16(text, 'le');
    case 'utf-16be':
      return utf16(text, 'be');
    case 'windows-1252':
      return CP1252.test(text) ? windows1252(text) : null;
  }
}

function quoteAll(rows: string[][], delimiter: string): string {
  return rows.map((r) => r.map((v) => `"${v.replace(/"/g, '""')}"`).join(delimiter)).join('\r\n') + '\r\n';
}

describe('property: any table, any encoding that can hold it, any delimiter, reads back identical', () => {
  test('as text (--raw): every string to the character', async () => {
    await fc.assert(
      fc.asyncProperty(table, fc.constantFrom(...encodings), fc.constantFrom<Delimiter>(';', ',', '\t', '|'), async ([header, rows], encoding, delimiter) => {
        const bytes = encode(quoteAll([header, ...rows], delimiter), encoding);
        if (!bytes) return;
        const forced = encoding === 'utf-8-bom' ? 'auto' : encoding;
        const { bytes: xlsx, report } = await convertToBytes(bytes, { raw: true, delimiter, encoding: forced });
        const data = readBack(xlsx).get('Extraction')!;
        expect(report.rows).toBe(rows.length);
        rows.forEach((row, r) => row.forEach((value, c) => expect(String(data[r + 1]?.[c]?.v ?? '')).toBe(value)));
      }),
      { numRuns: RUNS, seed: 2026 },
    );
  });

  test('typed: numbers and dates by value, everything else to the character', async () => {
    await fc.assert(
      fc.asyncProperty(table, fc.constantFrom<Delimiter>(';', '\t'), async ([header, rows], delimiter) => {
        const bytes = new TextEncoder().encode(quoteAll([header, ...rows], delimiter));
        const { bytes: xlsx, report } = await convertToBytes(bytes, { delimiter });
        const data = readBack(xlsx).get('Extraction')!;
        rows.forEach((row, r) =>
          row.forEach((value, c) => {
            const got = data[r + 1]?.[c];
            const type = report.columnTypes[c]!.type;
            if (value === '') expect(got ?? null).toBeNull();
            else if (type === 'integer' || type === 'decimal') expect(got!.v).toBe(Number(parseNumber(value)!.xml));
            else if (type === 'date' || type === 'datetime') expect(got!.v).toBeCloseTo(parseDate(value)!.serial, 9);
            else expect(got!.v).toBe(value);
          }),
        );
      }),
      { numRuns: RUNS, seed: 7 },
    );
  });
});

describe('pathological files: bounded time, clear result', () => {
  test('a 50 MB single line: kept whole, split over "Valeurs longues"', async () => {
    const big = 'x'.repeat(50 * 1024 * 1024);
    writeFileSync(join(dir, 'big.csv'), `a\r\n${big}`);
    const report = await convertFile(join(dir, 'big.csv'));
    expect(report.warnings).toContainEqual(expect.objectContaining({ code: 'CELL_TOO_LONG', line: 2 }));
    const sheets = readBack(new Uint8Array(await import('node:fs').then((fs) => fs.readFileSync(join(dir, 'big.xlsx')))));
    const long = sheets.get('Valeurs longues')![1]!;
    expect(long[3]!.v).toBe(big.length);
    expect(long.slice(4).reduce((n, c) => n + String(c!.v).length, 0)).toBe(big.length);
  }, 120_000);

  test('a header longer than a cell is kept whole too', async () => {
    const name = 'n'.repeat(40_000);
    const { report, bytes } = await convertToBytes(new TextEncoder().encode(`${name};b\r\n1;2\r\n`));
    expect(report.warnings).toContainEqual(expect.objectContaining({ code: 'CELL_TOO_LONG', line: 1 }));
    const long = readBack(bytes).get('Valeurs longues')![1]!;
    expect(long.slice(4).map((c) => c!.v).join('')).toBe(name);
  });

  test.each([
    ['16,385 columns', () => new TextEncoder().encode(Array.from({ length: 16_385 }, (_, i) => `c${i}`).join(';') + '\r\n'), 'TOO_MANY_COLUMNS'],
    ['10 million empty lines', () => new Uint8Array(20_000_000).fill(10), 'EMPTY_INPUT'],
    ['a NUL-filled file', () => new Uint8Array(1_000_000), 'NOT_CSV'],
    ['random binary', () => Uint8Array.from({ length: 100_000 }, (_, i) => (i * 2654435761) >>> 24), 'NOT_CSV'],
    ['an .xlsx renamed .csv', () => new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, ...new TextEncoder().encode('[Content_Types].xml')]), 'NOT_CSV'],
    ['a PDF renamed .csv', () => new TextEncoder().encode('%PDF-1.7\n1 0 obj\n'), 'NOT_CSV'],
  ])('%s → %s', async (_name, make, code) => {
    await expect(inspectExtraction(make())).rejects.toMatchObject({ code });
  }, 60_000);

  test('a file truncated mid-quote converts with UNCLOSED_QUOTE and keeps the text', async () => {
    const { report } = await convertToBytes(new TextEncoder().encode('a;b\r\n1;"début de texte\r\nsans fin'));
    expect(report.warnings.map((w) => w.code)).toContain('UNCLOSED_QUOTE');
  });
});

describe('faults: coded error, no partial output, input untouched', () => {
  test('disk full (/dev/full as standard output) gives WRITE_FAILED', () => {
    writeFileSync(join(dir, 'a.csv'), toCsv([['a'], ['1']]));
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" convert a.csv -o - > /dev/full`], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('[WRITE_FAILED]');
    expect(readdirSync(dir)).toEqual(['a.csv']);
  });

  test('input truncated between the two passes gives INPUT_CHANGED and no output', async () => {
    const csv = toCsv([['a', 'b'], ...Array.from({ length: 50_000 }, (_, i) => [String(i), 'texte'])]);
    writeFileSync(join(dir, 'a.csv'), csv);
    let truncated = false;
    const promise = convertFile(join(dir, 'a.csv'), {
      onProgress: (p) => {
        if (p.phase === 'write' && !truncated) {
          truncated = true;
          truncateSync(join(dir, 'a.csv'), 100);
        }
      },
    });
    await expect(promise).rejects.toMatchObject({ code: 'INPUT_CHANGED' });
    expect(readdirSync(dir)).toEqual(['a.csv']);
  });

  test('input deleted during the analysis gives INPUT_CHANGED and no output', async () => {
    writeFileSync(join(dir, 'a.csv'), toCsv([['a'], ...Array.from({ length: 3000 }, (_, i) => [String(i)])]));
    let deleted = false;
    const promise = convertFile(join(dir, 'a.csv'), {
      output: join(dir, 'out.xlsx'),
      onProgress: (p) => {
        if (p.phase === 'analyze' && !deleted) {
          deleted = true;
          rmSync(join(dir, 'a.csv'));
        }
      },
    });
    // The first pass keeps reading its open descriptor; the second pass finds the file gone.
    await expect(promise).rejects.toMatchObject({ code: 'INPUT_CHANGED' });
    // Neither the workbook nor its temp file (.sne-toolbox-<hex>.tmp) is left.
    expect(readdirSync(dir)).toEqual([]);
  });

  test('SIGTERM mid-conversion: exit 143, no file', async () => {
    const rows = Array.from({ length: 1_000_000 }, (_, i) => `${i};texte ${i};12/03/2020;1 234,56`).join('\r\n');
    writeFileSync(join(dir, 'big.csv'), `a;b;c;d\r\n${rows}\r\n`);
    const child = spawn(process.execPath, [BIN, 'convert', 'big.csv'], { cwd: dir });
    // Started: the workbook's temp file exists (the signal handlers were installed before), not a
    // fixed sleep, which on a loaded machine may end before the handlers are there.
    await untilEntry(dir, /\.tmp$/, child);
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code).toBe(143);
    expect(readdirSync(dir)).toEqual(['big.csv']);
  });
});

/** Resolves once `folder` holds an entry matching `pattern`; fails if `child` exits first. */
async function untilEntry(folder: string, pattern: RegExp, child: { exitCode: number | null }): Promise<void> {
  while (!readdirSync(folder).some((name) => pattern.test(name))) {
    if (child.exitCode !== null) throw new Error(`the process ended (${child.exitCode}) before ${pattern} appeared`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
