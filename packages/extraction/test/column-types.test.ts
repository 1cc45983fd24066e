import { describe, expect, test } from 'vitest';
import { excelSerial, isIdentifierHeader, isNumeroUniqueHeader, NUMERO_UNIQUE, parseDate, parseNumber } from '@sne-toolbox/extraction';
import { ColumnTracker } from '../src/core/column-tracker.js';

function typeOf(values: string[], header = 'Valeur'): string {
  const tracker = new ColumnTracker(header);
  for (const v of values) tracker.add(v);
  return tracker.result().type;
}

describe('column types, decided from every value', () => {
  test.each([
    [['1', '2', '-3', '1 234', '12\u00a0345\u00a0678', '9\u202f999'], 'integer'],
    [['1,5', '2', '-0,25', '1 234,56'], 'decimal'],
    [['1.5', '2.25'], 'decimal'],
    [['1,5', '2.5'], 'text'],
    [['12/03/2020', '29/02/2024'], 'date'],
    [['2020-03-12', '12/03/2020'], 'date'],
    [['12/03/2020 10:30', '13/03/2020'], 'datetime'],
    [['2020-03-12T10:30:15'], 'datetime'],
    [['31/02/2020'], 'text'],
    [['29/02/2023'], 'text'],
    [['01/01/1899'], 'text'],
    [['12/03/2020 24:00'], 'text'],
    [['01000', '59000'], 'text'],
    [['0590423808575E0012'], 'text'],
    [['1234567890123456'], 'text'],
    [['123456789012345'], 'integer'],
    [['1,2345678901234567'], 'text'],
    [['1e5'], 'text'],
    [['+33612345678'], 'text'],
    [['', '', ''], 'empty'],
    [['', '3', ''], 'integer'],
    [['=1+1'], 'text'],
    [['-0'], 'text'],
    [['-0,00', '1'], 'text'],
    [['0', '-0,5'], 'decimal'],
  ])('%j → %s', (values, expected) => {
    expect(typeOf(values)).toBe(expected);
  });

  test('a code column whose first 50,000 values look numeric and whose next one is 01000 is text', () => {
    const tracker = new ColumnTracker('Valeur');
    for (let i = 0; i < 50_000; i++) tracker.add(String(10_000 + i));
    expect(tracker.result().type).toBe('integer');
    tracker.add('01000');
    expect(tracker.result()).toMatchObject({ type: 'text', reason: 'leading-zero' });
  });

  test.each([
    ['Numéro unique', true, true],
    ['NUMERO UNIQUE', true, true],
    ['N° unique', true, true],
    ['NUR', true, true],
    ['Nº Unique du demandeur', true, true],
    ['Code postal', true, false],
    ['Code INSEE commune', true, false],
    ['Téléphone portable', true, false],
    ['SIRET', true, false],
    ['Identifiant', true, false],
    ['Montant', false, false],
    ['Nombre de personnes', false, false],
    ['Revenu fiscal de référence', false, false],
  ])('header %s: identifier=%s, numéro unique=%s', (header, identifier, nur) => {
    expect(isIdentifierHeader(header)).toBe(identifier);
    expect(isNumeroUniqueHeader(header)).toBe(nur);
    if (identifier) expect(typeOf(['12345'], header)).toBe('text');
  });

  test.each(['0590423808575GDPUB', '1111023517879GDPUB', '059102384157559900', '02A012500000159001', '971122300000112345'])('%s has the numéro unique shape', (nur) => {
    expect(NUMERO_UNIQUE.test(nur)).toBe(true);
  });
  test.each(['059042380857GDPUB', '0591323808575GDPUB', 'ABC0423808575GDPUB'])('%s does not', (value) => {
    expect(NUMERO_UNIQUE.test(value)).toBe(false);
  });
});

describe('numbers and dates', () => {
  test.each([
    ['1 234,56', '1234.56', 2],
    ['-0,5', '-0.5', 1],
    ['12\u00a0000', '12000', 0],
    ['0', '0', 0],
    ['3.25', '3.25', 2],
  ])('%s → <v>%s</v>', (text, xml, decimals) => {
    expect(parseNumber(text)).toMatchObject({ xml, decimals });
  });

  test.each([
    [1900, 3, 1, 61],
    [1970, 1, 1, 25569],
    [2020, 3, 12, 43902],
    [2024, 2, 29, 45351],
    [9999, 12, 31, 2958465],
  ])('excelSerial(%i-%i-%i) = %i', (y, m, d, serial) => {
    expect(excelSerial(y, m, d)).toBe(serial);
  });

  test('time is a fraction of the day, independent of the time zone', () => {
    expect(parseDate('12/03/2020 18:00')).toEqual({ serial: 43902.75, time: true, seconds: false });
    expect(parseDate('2020-03-12 06:00:30')?.serial).toBeCloseTo(43902 + (6 * 3600 + 30) / 86400, 10);
  });
});
