import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { escapeCellText } from '../src/ooxml-text.js';
import { truncateForCell } from '../src/workbook.js';
import { XmlBytes } from '../src/xml-bytes.js';

// The sheet XML is written straight as bytes; these must be exactly the bytes of the string form.
const encoder = new TextEncoder();
const expected = (value: string) => encoder.encode(escapeCellText(truncateForCell(value)));

function written(write: (out: XmlBytes) => void): Uint8Array {
  const out = new XmlBytes(4); // tiny, so that every write has to grow it
  out.ascii('<t>');
  write(out);
  const bytes = out.take();
  expect(out.pos).toBe(0);
  expect(new TextDecoder().decode(bytes.subarray(0, 3))).toBe('<t>');
  return bytes.subarray(3);
}

describe('XmlBytes', () => {
  test.each([
    ['ASCII', 'Rapprochement du lieu de travail'],
    ['Latin-1 and beyond', 'Cécile MÜLLER — 1 234,56 € ’œ'],
    ['XML specials', 'a < b & c > d'],
    ['OOXML escape look-alike', 'code _x0041_ et _x12_'],
    ['controls', 'tab\tlf\ncr\rnul\u0000bell\u0007'],
    ['non-characters', 'x\uFFFEy\uFFFF'],
    ['astral', 'emoji 😀 and 𝄞'],
    ['lone surrogates', 'a\uD800b\uDC00c\uD83D'],
    ['empty', ''],
    ['over the cell limit', 'é'.repeat(32_767 + 10)],
    ['a pair cut by the cell limit', 'a'.repeat(32_766) + '😀'],
  ])('cellText writes what escapeCellText + UTF-8 give: %s', (_, value) => {
    expect(written((out) => out.cellText(value, truncateForCell))).toEqual(expected(value));
  });

  test('cellText and utf8 agree with the string path on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (value) => {
        expect(written((out) => out.cellText(value, truncateForCell))).toEqual(expected(value));
        expect(written((out) => out.utf8(value))).toEqual(encoder.encode(value));
      }),
      { numRuns: 2000 },
    );
  });
});
