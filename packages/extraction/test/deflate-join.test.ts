import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { lastBlock, unfinish } from '../src/core/zip/deflate-join.js';

// Finished DEFLATE streams made joinable (the page's pieces, from CompressionStream): every kind of
// block zlib writes — stored, fixed, dynamic, with every strategy and level — and every bit remainder
// at the end, joined and read back by zlib itself.

const xml = new TextEncoder().encode(Array.from({ length: 4000 }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}" t="s"><v>${i % 97}</v></c><c r="B${i + 2}"><v>${(i * 37.5) % 1000}</v></c></row>`).join(''));
const noise = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 2654435761) >>> 24);
const tail = xml.subarray(0, 10_000);

function joined(pieces: Uint8Array[]): Buffer {
  return inflateRawSync(Buffer.concat([...pieces.slice(0, -1).map(unfinish), pieces.at(-1)!]));
}

describe('unfinish', () => {
  const inputs = { empty: new Uint8Array(0), 'one byte': new Uint8Array([65]), noise, 'XML, 1,000 bytes': xml.subarray(0, 1000), 'XML, whole': xml, 'noise then XML': new Uint8Array([...noise.subarray(0, 1000), ...xml.subarray(0, 50_000)]) };
  const strategies = { default: constants.Z_DEFAULT_STRATEGY, fixed: constants.Z_FIXED, 'huffman only': constants.Z_HUFFMAN_ONLY, rle: constants.Z_RLE };
  for (const [name, input] of Object.entries(inputs)) {
    test(`${name}: at every level and strategy, the pieces join into one stream that zlib reads`, () => {
      for (const level of [0, 1, 4, 6, 9]) {
        for (const [strategyName, strategy] of Object.entries(strategies)) {
          const piece = deflateRawSync(input, { level, strategy });
          expect(joined([piece, deflateRawSync(tail, { level }), deflateRawSync(tail)]).equals(Buffer.concat([input, tail, tail])), `level ${level}, ${strategyName}`).toBe(true);
        }
      }
    });
  }

  test('any text, cut anywhere, at any level: the pieces give the text back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.array(fc.nat(3000), { maxLength: 4 }), fc.integer({ min: 0, max: 9 }), (bytes, cuts, level) => {
        const at = [0, ...cuts.map((c) => Math.min(c, bytes.length)).sort((a, b) => a - b), bytes.length];
        const pieces = at.slice(1).map((end, k) => deflateRawSync(bytes.subarray(at[k]!, end), { level }));
        expect(joined(pieces).equals(Buffer.from(bytes))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test('the last block is found where zlib put it: a sync flush before the last bytes starts it on a byte boundary', () => {
    const flushed = deflateRawSync(xml.subarray(0, 20_000), { level: 6, finishFlush: constants.Z_SYNC_FLUSH });
    const final = deflateRawSync(new Uint8Array(0));
    const stream = Buffer.concat([flushed, final]);
    expect(lastBlock(stream).start).toBe(flushed.length * 8);
    expect(lastBlock(stream).end).toBe(flushed.length * 8 + 10);
  });

  test('a truncated or damaged stream is refused, never joined', () => {
    const piece = deflateRawSync(xml, { level: 6 });
    expect(() => unfinish(piece.subarray(0, piece.length - 40))).toThrow(expect.objectContaining({ code: 'WRITE_FAILED' }));
    expect(() => unfinish(Buffer.concat([piece, Buffer.from([0])]))).toThrow(expect.objectContaining({ code: 'WRITE_FAILED' }));
    expect(() => unfinish(Buffer.from([0xff, 0xff, 0xff]))).toThrow(expect.objectContaining({ code: 'WRITE_FAILED' }));
    // A dynamic block announcing 287 literal/length codes or 31 distance codes (RFC 1951 allows 286 and 30).
    expect(() => unfinish(Buffer.from([0b11111101, 0b00000011, 0, 0, 0, 0]))).toThrow(expect.objectContaining({ code: 'WRITE_FAILED' }));
  });
});
