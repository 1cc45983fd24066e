import { describe, expect, test } from 'vitest';
import { CsvParser, parseCsv } from '@sne-toolbox/extraction';

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
