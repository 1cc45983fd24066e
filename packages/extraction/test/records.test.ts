import { expect, test } from 'vitest';
import { toByteSource } from '@sne-toolbox/extraction';
import { dataRecords, isBlankRecord, isSepLine, RecordClassifier, segmentRecordKind } from '../src/core/records.js';

// One rule decides which records are data, for the analysis, the writing pass, the segments and
// --verify: if two passes disagreed, a file that did not change would fail with INPUT_CHANGED.

test.each([
  [['sep=', ''], 1, true],
  [['sep=', ''], 2, false],
  [['sep=', 'x'], 1, false],
  [['sep='], 1, false],
  [['a', 'b'], 1, false],
] as const)('isSepLine(%j, line %i) = %s', (fields, line, expected) => {
  expect(isSepLine(fields, line)).toBe(expected);
});

test.each([
  [[''], true],
  [['', ''], false],
  [[' '], false],
  [['a'], false],
] as const)('isBlankRecord(%j) = %s', (fields, expected) => {
  expect(isBlankRecord(fields)).toBe(expected);
});

test('RecordClassifier: blank, sep, preamble, header, then data', () => {
  const sorter = new RecordClassifier(3);
  const kinds = [
    [['sep=', ''], 1],
    [['Titre'], 2],
    [[''], 3],
    [['a', 'b'], 4],
    [['1', '2'], 5],
    [[''], 6],
    [['sep=', ''], 7],
  ].map(([fields, line]) => sorter.kind(fields as string[], line as number));
  expect(kinds).toEqual(['sep', 'preamble', 'blank', 'header', 'data', 'blank', 'data']);
});

test('a segment starts at a data record: only blank records are skipped', () => {
  expect(segmentRecordKind([''])).toBe('blank');
  expect(segmentRecordKind(['sep=', ''])).toBe('data');
  expect(segmentRecordKind(['a'])).toBe('data');
});

test('dataRecords yields the data records with their physical lines', async () => {
  const source = toByteSource(new TextEncoder().encode('sep=;\r\nTitre\r\nid;nom\r\n\r\n1;a\r\n2;b\r\n'));
  const records = [];
  for await (const batch of dataRecords(source, { encoding: 'utf-8', bomLength: 0, delimiter: ';', headerLine: 3 }, {})) records.push(...batch);
  expect(records).toEqual([
    { fields: ['1', 'a'], line: 5 },
    { fields: ['2', 'b'], line: 6 },
  ]);
});

test('dataRecords: a record wider than Excel allows means the file changed', async () => {
  const wide = Array.from({ length: 16_385 }, (_, i) => String(i)).join(';');
  const source = toByteSource(new TextEncoder().encode(`a;b\r\n${wide}\r\n`));
  const run = async () => {
    for await (const _ of dataRecords(source, { encoding: 'utf-8', bomLength: 0, delimiter: ';', headerLine: 1 }, {})) void _;
  };
  await expect(run()).rejects.toMatchObject({ code: 'INPUT_CHANGED' });
});
