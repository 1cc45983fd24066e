import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createDecoder, parseCsv } from '@sne-toolbox/extraction';
import { CsvParser } from '../src/core/csv-parser.js';
import { fieldRemap } from '../src/core/decode.js';

describe('parseCsv', () => {
  test.each([
    ['simple', 'a;b\r\n1;2\r\n', [['a', 'b'], ['1', '2']]],
    ['LF and no final newline', 'a;b\n1;2', [['a', 'b'], ['1', '2']]],
    ['lone CR', 'a;b\r1;2\r', [['a', 'b'], ['1', '2']]],
    ['quoted delimiter', 'a;"b;c"\n', [['a', 'b;c']]],
    ['escaped quotes', '"a ""x"" b";c\n', [['a "x" b', 'c']]],
    ['newlines in quotes', '"l1\r\nl2\nl3";x\n', [['l1\r\nl2\nl3', 'x']]],
    ['empty fields', ';;\n', [['', '', '']]],
    ['quoted empty', '"";x\n', [['', 'x']]],
    ['bare quote kept in unquoted field', 'a"b;c\n', [['a"b', 'c']]],
    ['text after closing quote kept', '"ab"cd;e\n', [['abcd', 'e']]],
    ['trailing delimiter at EOF', 'a;', [['a', '']]],
    ['blank line is one empty field', 'a\n\nb\n', [['a'], [''], ['b']]],
  ])('%s', (_name, text, expected) => {
    expect(parseCsv(text, ';').records).toEqual(expected);
  });

  test('reports an unclosed quote with the line where it opened', () => {
    const { records, unclosedQuoteLine } = parseCsv('a;b\n1;"open\nrest\n', ';');
    expect(unclosedQuoteLine).toBe(2);
    expect(records[1]).toEqual(['1', 'open\nrest\n']);
  });

  test('gives each record its physical start line, counting newlines inside quotes', () => {
    const lines: number[] = [];
    const parser = new CsvParser(';', (_f, line) => lines.push(line));
    parser.push('h\r\n"a\r\nb"\r\nc\r\n\r\nd\r\n');
    parser.end();
    expect(lines).toEqual([1, 2, 4, 5, 6]);
  });

  test('gives the same records whatever the chunking', () => {
    const text = 'x;"y ""q"";\r\nz"\r\n1;2\r\n"a""";b\r\n';
    const whole = parseCsv(text, ';').records;
    for (let size = 1; size <= 5; size++) {
      const records: string[][] = [];
      const parser = new CsvParser(';', (f) => records.push(f));
      for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size));
      parser.end();
      expect(records).toEqual(whole);
    }
  });
});

describe('CsvParser with a field remap (raw Latin-1 text, fixed field by field)', () => {
  const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
  const platform = { decodeLatin1: latin1 };
  // Bytes that matter: the C1 range windows-1252 redefines, the eight ISO-8859-15 positions, quotes,
  // separators and line ends, plain letters and accented Latin-1.
  const byte = fc.constantFrom(0x80, 0x81, 0x8c, 0x92, 0x9c, 0x9f, 0xa4, 0xbd, 0xbe, 0xe9, 0x22, 0x3b, 0x0a, 0x0d, 0x41, 0x7a, 0x20);

  test.each(['windows-1252', 'iso-8859-15'] as const)('%s: the same records as the fully decoded text, whatever the chunks', (encoding) => {
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 200 }), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 6 }), (bytes, sizes) => {
        const input = Uint8Array.from(bytes);
        const expected: string[][] = [];
        const reference = new CsvParser(';', (fields) => expected.push(fields));
        reference.push(createDecoder(encoding).decode(input, true));
        reference.end();

        const actual: string[][] = [];
        const remap = fieldRemap(encoding, platform);
        expect(remap).not.toBeNull();
        const parser = new CsvParser(';', (fields) => actual.push(fields), remap);
        const decoder = createDecoder(encoding, platform, { raw: true });
        for (let at = 0, k = 0; at < input.byteLength; k++) {
          const n = sizes[k % sizes.length]!;
          parser.push(decoder.decode(input.subarray(at, at + n)));
          at += n;
        }
        parser.end();
        expect(actual).toEqual(expected);
      }),
    );
  });

  test('the raw text really is Latin-1, so the test above compares two different paths', () => {
    const raw = createDecoder('windows-1252', platform, { raw: true }).decode(new Uint8Array([0x80, 0x9c]));
    expect(raw).toBe('\u0080\u009c');
  });

  test('no remap where the text is already right: UTF-8, or no native Latin-1 decoder (browsers)', () => {
    expect(fieldRemap('utf-8', platform)).toBeNull();
    expect(fieldRemap('windows-1252', {})).toBeNull();
    expect(createDecoder('windows-1252', {}, { raw: true }).decode(new Uint8Array([0x80]))).toBe('€');
  });
});
