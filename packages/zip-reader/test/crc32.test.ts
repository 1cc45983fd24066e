import fc from 'fast-check';
import { expect, test } from 'vitest';
import { crc32, crc32Combine } from '../src/crc32.js';

// crc32Combine joins the CRCs of pieces compressed apart (pigz's method): CRC(A ‖ B) from CRC(A),
// CRC(B) and B's length, without the bytes.

const bytes = (text: string) => new TextEncoder().encode(text);
const concat = (a: Uint8Array, b: Uint8Array) => {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a);
  out.set(b, a.byteLength);
  return out;
};

test.each([
  ['', 0],
  ['a', 0xe8b7be43],
  ['123456789', 0xcbf43926],
  ['The quick brown fox jumps over the lazy dog', 0x414fa339],
])('crc32(%j) = %i (the standard check values)', (text, expected) => {
  expect(crc32(bytes(text))).toBe(expected);
});

test.each([
  ['', ''],
  ['abc', ''],
  ['', 'abc'],
  ['<row r="2">', '<c r="A2"><v>1</v></c></row>'],
  ['x'.repeat(70_000), 'é'.repeat(3)],
])('crc32Combine(%j, %j) is the CRC of the concatenation', (a, b) => {
  const A = bytes(a);
  const B = bytes(b);
  expect(crc32Combine(crc32(A), crc32(B), B.byteLength)).toBe(crc32(concat(A, B)));
});

test('crc32Combine: any two byte strings (property)', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }), (a, b) => {
      expect(crc32Combine(crc32(a), crc32(b), b.byteLength)).toBe(crc32(concat(a, b)));
    }),
    { numRuns: 300 },
  );
});

test('crc32 continues over chunks as over the whole', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 }), (a, b) => {
      expect(crc32(b, crc32(a))).toBe(crc32(concat(a, b)));
    }),
  );
});
