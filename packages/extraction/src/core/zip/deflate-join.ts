import { ExtractionError } from '../errors.js';
import { unexpectedErrorMessage } from '../messages.js';

// Joins finished raw DEFLATE streams (RFC 1951) into one, as zlib's gzjoin does: a stream's last block
// carries the BFINAL bit, so the stream is read block by block (symbols are decoded, never output) to
// find where its last block starts and where it ends; the bit is cleared and an empty stored block
// realigns the end on a byte boundary, which is what a sync flush writes. The page needs it because
// the browser's CompressionStream, the fast native deflate there, cannot flush without finishing.
// The reading checks the structure only (block types, codes, lengths), not the distances against
// the output so far: its input is the browser's own zlib, and the joined workbook is what Excel reads.

const ROOT = 10;
const ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DISTANCE_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

function corrupt(reason: string): ExtractionError {
  return new ExtractionError('WRITE_FAILED', unexpectedErrorMessage(`flux DEFLATE illisible (${reason})`));
}

/** A canonical Huffman code: a table of the codes of up to ROOT bits, and the counts for longer ones. */
interface Code {
  /** Indexed by the next ROOT bits: `symbol << 4 | length`, or 0 for a longer code. */
  fast: Int32Array;
  count: Uint16Array;
  symbol: Uint16Array;
}

function buildCode(lengths: ArrayLike<number>, n: number): Code {
  const count = new Uint16Array(16);
  for (let s = 0; s < n; s++) count[lengths[s]!]!++;
  count[0] = 0;
  let left = 1;
  for (let len = 1; len < 16; len++) {
    left = (left << 1) - count[len]!;
    if (left < 0) throw corrupt('code sur-souscrit');
  }
  const offsets = new Uint16Array(16);
  for (let len = 1; len < 15; len++) offsets[len + 1] = offsets[len]! + count[len]!;
  const symbol = new Uint16Array(n);
  for (let s = 0; s < n; s++) if (lengths[s]) symbol[offsets[lengths[s]!]!++] = s;
  // The fast table: canonical codes in order of length then symbol, written bit-reversed.
  const fast = new Int32Array(1 << ROOT);
  let code = 0;
  let index = 0;
  for (let len = 1; len <= ROOT; len++) {
    for (let k = 0; k < count[len]!; k++) {
      let reversed = 0;
      for (let b = 0; b < len; b++) reversed |= ((code >> b) & 1) << (len - 1 - b);
      for (let i = reversed; i < 1 << ROOT; i += 1 << len) fast[i] = (symbol[index]! << 4) | len;
      code++;
      index++;
    }
    code <<= 1;
  }
  return { fast, count, symbol };
}

let fixed: { literals: Code; distances: Code } | null = null;

function fixedCodes(): { literals: Code; distances: Code } {
  if (!fixed) {
    const lengths = new Uint8Array(288);
    lengths.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
    fixed = { literals: buildCode(lengths, 288), distances: buildCode(new Uint8Array(30).fill(5), 30) };
  }
  return fixed;
}

/** Reads a DEFLATE stream's bits, least significant first. */
class BitReader {
  private at = 0;
  private buffer = 0;
  private held = 0;

  constructor(private readonly data: Uint8Array) {}

  /** Bits read so far. */
  get position(): number {
    return this.at * 8 - this.held;
  }

  private need(n: number): void {
    while (this.held < n) {
      if (this.at >= this.data.length + 4) throw corrupt('fin prématurée');
      this.buffer |= (this.data[this.at++] ?? 0) << this.held;
      this.held += 8;
    }
  }

  bits(n: number): number {
    if (n === 0) return 0;
    this.need(n);
    const value = this.buffer & ((1 << n) - 1);
    this.buffer >>>= n;
    this.held -= n;
    return value;
  }

  decode(code: Code): number {
    this.need(15);
    const entry = code.fast[this.buffer & ((1 << ROOT) - 1)]!;
    if (entry !== 0) {
      const len = entry & 15;
      this.buffer >>>= len;
      this.held -= len;
      return entry >> 4;
    }
    // A code longer than ROOT bits: canonical decoding, a bit at a time (puff.c's decode).
    let value = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len < 16; len++) {
      value |= this.bits(1);
      const count = code.count[len]!;
      if (value - count < first) return code.symbol[index + (value - first)]!;
      index += count;
      first = (first + count) << 1;
      value <<= 1;
    }
    throw corrupt('code inconnu');
  }

  /** Skips to the next byte boundary, then `bytes` whole bytes. */
  skipBytes(bytes: number): void {
    this.at = (this.position + 7) >> 3;
    this.buffer = 0;
    this.held = 0;
    this.at += bytes;
  }

  byteAt(offset: number): number {
    return this.data[offset] ?? 0;
  }
}

function dynamicCodes(reader: BitReader): { literals: Code; distances: Code } {
  const nLiterals = reader.bits(5) + 257;
  const nDistances = reader.bits(5) + 1;
  const nLengths = reader.bits(4) + 4;
  if (nLiterals > 286 || nDistances > 30) throw corrupt('trop de codes');
  const lengthLengths = new Uint8Array(19);
  for (let i = 0; i < nLengths; i++) lengthLengths[ORDER[i]!] = reader.bits(3);
  const lengthCode = buildCode(lengthLengths, 19);
  const lengths = new Uint8Array(nLiterals + nDistances);
  for (let i = 0; i < lengths.length; ) {
    const symbol = reader.decode(lengthCode);
    if (symbol < 16) {
      lengths[i++] = symbol;
      continue;
    }
    let repeat: number;
    let value = 0;
    if (symbol === 16) {
      if (i === 0) throw corrupt('répétition sans longueur');
      value = lengths[i - 1]!;
      repeat = 3 + reader.bits(2);
    } else repeat = symbol === 17 ? 3 + reader.bits(3) : 11 + reader.bits(7);
    if (i + repeat > lengths.length) throw corrupt('trop de longueurs');
    lengths.fill(value, i, i + repeat);
    i += repeat;
  }
  if (lengths[256] === 0) throw corrupt('pas de fin de bloc');
  return { literals: buildCode(lengths.subarray(0, nLiterals), nLiterals), distances: buildCode(lengths.subarray(nLiterals), nDistances) };
}

/** Where a stream's last block starts and where it ends, in bits. */
export function lastBlock(data: Uint8Array): { start: number; end: number } {
  const reader = new BitReader(data);
  for (;;) {
    const start = reader.position;
    const final = reader.bits(1);
    const type = reader.bits(2);
    if (type === 0) {
      reader.skipBytes(0);
      const at = reader.position >> 3;
      const length = reader.byteAt(at) | (reader.byteAt(at + 1) << 8);
      const check = reader.byteAt(at + 2) | (reader.byteAt(at + 3) << 8);
      if ((length ^ 0xffff) !== check) throw corrupt('bloc stocké');
      reader.skipBytes(4 + length);
    } else if (type === 3) throw corrupt('type de bloc');
    else {
      const { literals, distances } = type === 1 ? fixedCodes() : dynamicCodes(reader);
      for (;;) {
        const symbol = reader.decode(literals);
        if (symbol < 256) continue;
        if (symbol === 256) break;
        if (symbol > 285) throw corrupt('longueur');
        reader.bits(LENGTH_EXTRA[symbol - 257]!);
        const distance = reader.decode(distances);
        if (distance > 29) throw corrupt('distance');
        reader.bits(DISTANCE_EXTRA[distance]!);
      }
    }
    if (reader.position > data.length * 8) throw corrupt('fin prématurée');
    if (final) return { start, end: reader.position };
  }
}

/**
 * A finished raw DEFLATE stream made joinable: its last block is no longer final, and an empty stored
 * block ends it on a byte boundary (`00 00 ff ff`), as a sync flush would. Another stream may follow.
 */
export function unfinish(data: Uint8Array): Uint8Array {
  const { start, end } = lastBlock(data);
  if ((end + 7) >> 3 !== data.length) throw corrupt('octets après le dernier bloc');
  // The empty stored block's three header bits go after the last block; they spill into a new byte
  // when fewer than three bits are left in the last one.
  const free = data.length * 8 - end;
  const out = new Uint8Array(data.length + (free < 3 ? 1 : 0) + 4);
  out.set(data);
  out[start >> 3] = out[start >> 3]! & ~(1 << (start & 7));
  if (end & 7) out[data.length - 1] = out[data.length - 1]! & ((1 << (end & 7)) - 1);
  out.set([0, 0, 0xff, 0xff], out.length - 4);
  return out;
}
