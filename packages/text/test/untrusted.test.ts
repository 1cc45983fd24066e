import { describe, expect, it } from 'vitest';
import { codePointSlice, frenchTypography, hasUnsafeCharacters, jsonText, printable, safeFileStem } from '../src/index.js';

describe('printable', () => {
  it.each([
    ['plain', 'Jeanne Dupont-Lefèvre', 'Jeanne Dupont-Lefèvre'],
    ['ESC sequence (title)', 'A\u001b]0;pwned\u0007B', 'A\\x1b]0;pwned\\x07B'],
    ['CR rewinds the line', 'EXPIRÉ\rexpire le 31/12/2099', 'EXPIRÉ\\rexpire le 31/12/2099'],
    ['C1 CSI', 'x\u009b2Jy', 'x\\x9b2Jy'],
    ['DEL', 'a\u007fb', 'a\\x7fb'],
    ['right-to-left override', 'Jean \u202egnp.cod', 'Jean \\u202egnp.cod'],
    ['isolates', '\u2066a\u2069', '\\u2066a\\u2069'],
    ['newline and tab', 'a\nb\tc', 'a\\nb\\tc'],
  ])('%s', (_name, input, expected) => {
    expect(printable(input)).toBe(expected);
    expect(hasUnsafeCharacters(input)).toBe(input !== expected);
  });

  it('keeps line breaks when asked, and nothing else', () => {
    expect(printable('a\nb\r\u001b', { keepNewlines: true })).toBe('a\nb\\r\\x1b');
  });

  it('keeps accents, emoji and no-break spaces', () => {
    const text = 'Zoë 😀 1\u202f234\u00a0€';
    expect(printable(text)).toBe(text);
    expect(hasUnsafeCharacters(text)).toBe(false);
  });
});

describe('safeFileStem', () => {
  it.each([
    ['Jeanne Dupont-Lefèvre', 'Jeanne Dupont-Lefèvre'],
    ['Jean \u202egnp.cod', 'Jean gnp.cod'],
    ['a\u001b[2Jb', 'a[2Jb'],
    ['x\u0085y', 'xy'],
    ['a/b\\c:d*e?f"g<h>i|j', 'a b c d e f g h i j'],
    ['CON', ''],
    ['con.txt', ''],
    ['Lpt9', ''],
    ['COM1.tar.gz', ''],
    ['CONSEIL', 'CONSEIL'],
    ['...', ''],
    ['  ', ''],
    ['nom. ', 'nom'],
    ['\u202e', ''],
  ])('%j → %j', (input, expected) => {
    expect(safeFileStem(input)).toBe(expected);
  });

  it('cuts on code points, never inside a surrogate pair', () => {
    const name = 'a'.repeat(59) + '😀' + 'b';
    const stem = safeFileStem(name);
    expect(stem).toBe('a'.repeat(59) + '😀');
    expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(stem)).toBe(false);
    expect(codePointSlice('😀😀😀', 2)).toBe('😀😀');
  });

  it('honours a longer limit', () => {
    expect(safeFileStem('x'.repeat(300), 200)).toHaveLength(200);
  });
});

describe('frenchTypography', () => {
  it('puts a narrow no-break space before high punctuation and inside guillemets', () => {
    expect(frenchTypography('Erreur : « a » ; b ? c !')).toBe('Erreur\u202f: «\u202fa\u202f»\u202f; b\u202f? c\u202f!');
    expect(frenchTypography('http://x:80')).toBe('http://x:80');
  });
});

describe('jsonText', () => {
  it('writes C1, DEL, bidi and line separators as \\u escapes; the value parses back exact', () => {
    const value = { name: 'a\u009b31m\u202egnp.cod\u001b\u007f\u2028' };
    const text = jsonText(value);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2028]/);
    expect(text).toContain('\\u009b');
    expect(JSON.parse(text)).toEqual(value);
  });
});
