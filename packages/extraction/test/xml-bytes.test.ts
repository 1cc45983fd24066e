import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { escapeCellText } from '../src/core/xlsx/ooxml-text.js';
import { parseDate, parseDatePattern } from '../src/core/column-types.js';
import { dateSerial } from '../src/core/xlsx/sheet.js';
import { truncateForCell } from '../src/core/xlsx/xml.js';
import { XmlBytes } from '../src/core/xlsx/xml-bytes.js';
import { giveBack, KEEP_AT_MOST, takeBuffer } from '../src/core/xlsx/segment.js';

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
  test('view() shows what was written without copying; clear() keeps the grown capacity for the next segment', () => {
    const out = new XmlBytes(4);
    out.utf8('<row r="1">é</row>');
    expect(new TextDecoder().decode(out.view())).toBe('<row r="1">é</row>');
    const grown = out.view().buffer;
    out.clear();
    expect(out.view().byteLength).toBe(0);
    out.utf8('<row r="2"/>');
    expect(out.view().buffer).toBe(grown);
    expect(new TextDecoder().decode(out.view())).toBe('<row r="2"/>');
  });

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

describe('date fast path', () => {
  test('dateSerial and parseDate give the patterns\' result, to the bit, on any date-shaped text', () => {
    const digit = fc.constantFrom(...'0123456789');
    const two = fc.tuple(digit, digit).map(([a, b]) => a + b);
    const shaped = fc
      .tuple(two, two, fc.tuple(two, two).map(([a, b]) => a + b), fc.option(fc.tuple(two, two, fc.option(two, { nil: undefined })), { nil: undefined }), fc.constantFrom('/', '-', ' ', ':', 'x'))
      .map(([d, m, y, time, odd]) => {
        let text = `${d}/${m}/${y}`;
        if (time) text += ` ${time[0]}:${time[1]}${time[2] === undefined ? '' : `:${time[2]}`}`;
        // Sometimes one character replaced, to take the fallback paths.
        return odd === 'x' ? text : text.replace(/[/ :]/, odd);
      });
    fc.assert(
      fc.property(fc.oneof(shaped, fc.string({ maxLength: 20 })), (value) => {
        const reference = parseDatePattern(value);
        expect(Object.is(dateSerial(value), reference?.serial ?? null)).toBe(true);
        expect(parseDate(value)).toEqual(reference);
      }),
      { numRuns: 20_000 },
    );
    expect(dateSerial('07/09/2026 19:17:02')).toBe(parseDate('07/09/2026 19:17:02')!.serial);
    expect(dateSerial('29/02/2023 10:00')).toBeNull();
    expect(dateSerial('01/01/2024 24:00:00')).toBeNull();
  });
});

describe('segment buffer reuse', () => {
  test('a thread reuses its buffer, but not one grown past KEEP_AT_MOST by a huge record', () => {
    const first = takeBuffer();
    first.utf8('x'.repeat(3 << 20));
    giveBack(first);
    const again = takeBuffer();
    expect(again).toBe(first);
    expect(again.view().byteLength).toBe(0);
    again.reserve(KEEP_AT_MOST + 1);
    giveBack(again);
    const fresh = takeBuffer();
    expect(fresh).not.toBe(first);
    expect(fresh.size).toBeLessThanOrEqual(KEEP_AT_MOST);
    giveBack(fresh);
  });
});
