import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseNumber } from '@sne-toolbox/extraction';
import { ColumnTracker } from '../src/core/column-tracker.js';
import { parseNumberPattern } from '../src/core/column-types.js';
import { verifyWorkbook } from '../src/node/verify.js';
import { readBack, roundTrip, sheetValues, toCsv } from './helpers.js';

// A number that can mean two values is never guessed: 6,718 is 6.718 in French and 6718 in English.

function column(values: string[], numbers: 'auto' | 'fr' | 'en' = 'auto') {
  const tracker = new ColumnTracker('Valeur', { numbers });
  for (const v of values) tracker.add(v);
  return tracker.result();
}

describe('each column\'s number convention, decided from all its values', () => {
  test.each([
    [['12,5', '6,718'], 'decimal', 'fr'],
    [['1 234,56', '6,718'], 'decimal', 'fr'],
    [['1,234,567', '6,718'], 'integer', 'en'],
    [['2,500.75', '6,718'], 'decimal', 'en'],
    [['1234', '12'], 'integer', 'fr'],
    [['12.5', '3'], 'decimal', 'fr'],
  ] as const)('%j → %s (%s)', (values, type, numbers) => {
    expect(column([...values])).toMatchObject({ type, numbers });
  });

  test.each([[['6,718']], [['6,718', '2,500', '-1,000']], [['6,718', '12']]])('%j: nothing decides → text, ambiguous-number', (values) => {
    expect(column(values)).toMatchObject({ type: 'text', reason: 'ambiguous-number', ambiguousNumber: values[0] });
  });

  test('a column mixing both conventions is text, never half read', () => {
    expect(column(['12,5', '1,234,567'])).toMatchObject({ type: 'text' });
  });

  test('--numbers fr / en decide for the ambiguous column', () => {
    expect(column(['6,718', '2,500'], 'fr')).toMatchObject({ type: 'decimal', numbers: 'fr', decimals: 3 });
    expect(column(['6,718', '2,500'], 'en')).toMatchObject({ type: 'integer', numbers: 'en' });
  });

  test.each([
    ['1,234,567', 'en', '1234567'],
    ['2,500.75', 'en', '2500.75'],
    ['-6,718', 'en', '-6718'],
    ['6,718', 'fr', '6.718'],
    ['1,23,4', 'en', null],
    ['1 234', 'en', null],
  ] as const)('parseNumber(%j, %s) → %j', (value, convention, xml) => {
    expect(parseNumber(value, convention)?.xml ?? null).toBe(xml);
  });
});

describe('conversion', () => {
  const csv = toCsv([
    ['Surface', 'Population', 'Montant'],
    ['6,718', '1,234,567', '1 234,56'],
    ['2,500', '2,500.75', '12,5'],
  ]);

  test('auto: the ambiguous column stays text with AMBIGUOUS_NUMBER; the others are read in their own convention', async () => {
    const { report, bytes } = await roundTrip(csv);
    expect(report.warnings.map((w) => [w.code, w.column])).toEqual([['AMBIGUOUS_NUMBER', 1]]);
    expect(report.warnings[0]!.remedy).toEqual({ option: 'numbers', values: ['fr', 'en'], column: 1 });
    expect(report.warnings[0]!.message).not.toMatch(/--/);
    expect(sheetValues(readBack(bytes).get('Extraction')!).slice(1)).toEqual([
      ['6,718', 1234567, 1234.56],
      ['2,500', 2500.75, 12.5],
    ]);
  });

  test('--numbers en turns the ambiguous column into 6718 and 2500', async () => {
    const { report, bytes } = await roundTrip(csv, { numbers: 'en' });
    expect(report.warnings).toEqual([]);
    // Montant (1 234,56) is not an English number: it stays text, never misread.
    expect(sheetValues(readBack(bytes).get('Extraction')!).slice(1)).toEqual([
      [6718, 1234567, '1 234,56'],
      [2500, 2500.75, '12,5'],
    ]);
  });

  test('--verify agrees with an English column', async () => {
    const { writeFileSync, mkdtempSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { analyzeExtraction } = await import('@sne-toolbox/extraction');
    const { fileSource } = await import('@sne-toolbox/extraction/node');
    const dir = mkdtempSync(join(tmpdir(), 'sne-numbers-'));
    try {
      writeFileSync(join(dir, 'in.csv'), csv);
      const { bytes } = await roundTrip(csv);
      writeFileSync(join(dir, 'out.xlsx'), bytes);
      const analysis = await analyzeExtraction(await fileSource(join(dir, 'in.csv')));
      expect((await verifyWorkbook(await fileSource(join(dir, 'in.csv')), analysis, join(dir, 'out.xlsx'))).differenceCount).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('French number fast path', () => {
  test('parseNumber gives the patterns\' result on any number-shaped text', () => {
    const digits = fc.array(fc.constantFrom(...'0123456789'), { minLength: 0, maxLength: 18 }).map((d) => d.join(''));
    const shaped = fc
      .tuple(fc.constantFrom('', '-', '+'), digits, fc.constantFrom(',', '.', ' ', ',,', ''), digits, fc.constantFrom('', ' ', 'x', ','))
      .map(([sign, integer, separator, fraction, tail]) => `${sign}${integer}${separator}${fraction}${tail}`);
    const group = fc.array(fc.constantFrom(...'0123456789'), { minLength: 2, maxLength: 4 }).map((d) => d.join(''));
    const grouped = fc
      .tuple(fc.constantFrom('', '-'), digits.map((d) => d.slice(0, 4)), fc.array(fc.tuple(fc.constantFrom(' ', '\u00A0', '\u202F', '.', '  '), group), { maxLength: 5 }), fc.constantFrom('', ',', ',5', ',05', ',123456', '.5'))
      .map(([sign, lead, groups, tail]) => `${sign}${lead}${groups.map(([s, g]) => s + g).join('')}${tail}`);
    fc.assert(
      fc.property(fc.oneof(shaped, grouped, fc.string({ maxLength: 12 })), fc.constantFrom('fr', 'en') as fc.Arbitrary<'fr' | 'en'>, (value, convention) => {
        expect(parseNumber(value, convention)).toEqual(parseNumberPattern(value, convention));
      }),
      { numRuns: 20_000 },
    );
    expect(parseNumber('-0,00')).toBeNull();
    expect(parseNumber('1234,50')).toEqual({ xml: '1234.50', decimals: 2, grouping: false });
    expect(parseNumber('16 565,69')).toEqual({ xml: '16565.69', decimals: 2, grouping: true });
  });
});
