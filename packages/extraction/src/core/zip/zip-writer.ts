import { ExtractionError } from '../errors.js';

/** Compresses a stream of bytes to raw DEFLATE (RFC 1951). */
export type Deflater = (input: AsyncIterable<Uint8Array>) => AsyncIterable<Uint8Array>;

/** Raw DEFLATE with the web `CompressionStream` (browsers, Node ≥ 20.12). */
export const webDeflate: Deflater = async function* (input) {
  const stream = new CompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const pump = (async () => {
    try {
      for await (const chunk of input) {
        await writer.ready;
        await writer.write(chunk as Uint8Array<ArrayBuffer>);
      }
      await writer.close();
    } catch (error) {
      await writer.abort(error).catch(() => {});
      throw error;
    }
  })();
  const reader = stream.readable.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
  await pump;
};

const CRC_TABLE = (() => {
  // Slice-by-8 tables: CRC-32 of the XML is on the hot path.
  const table = new Int32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = table[n]!;
    for (let t = 1; t < 8; t++) {
      c = table[c & 0xff]! ^ (c >>> 8);
      table[t * 256 + n] = c;
    }
  }
  return table;
})();

/** Continues a CRC-32 over `bytes` (start with 0). */
export function crc32(bytes: Uint8Array, crc = 0): number {
  const t = CRC_TABLE;
  let c = ~crc;
  let i = 0;
  const n = bytes.byteLength;
  const end8 = n - (n % 8);
  for (; i < end8; i += 8) {
    c ^= bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    c =
      t[1792 + (c & 0xff)]! ^ t[1536 + ((c >>> 8) & 0xff)]! ^ t[1280 + ((c >>> 16) & 0xff)]! ^ t[1024 + (c >>> 24)]! ^
      t[768 + bytes[i + 4]!]! ^ t[512 + bytes[i + 5]!]! ^ t[256 + bytes[i + 6]!]! ^ t[bytes[i + 7]!]!;
  }
  for (; i < n; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

function gf2Times(mat: Uint32Array, vec: number): number {
  let sum = 0;
  for (let i = 0; vec !== 0; i++, vec >>>= 1) if (vec & 1) sum ^= mat[i]!;
  return sum >>> 0;
}

function gf2Square(square: Uint32Array, mat: Uint32Array): void {
  for (let n = 0; n < 32; n++) square[n] = gf2Times(mat, mat[n]!);
}

/**
 * CRC-32 of A followed by B, from CRC(A), CRC(B) and B's length (zlib's `crc32_combine`): parts of
 * one zip entry compressed on several threads each bring their own CRC.
 */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  if (lengthB <= 0) return crcA >>> 0;
  const even = new Uint32Array(32);
  const odd = new Uint32Array(32);
  odd[0] = 0xedb88320;
  let row = 1;
  for (let n = 1; n < 32; n++) {
    odd[n] = row;
    row <<= 1;
  }
  gf2Square(even, odd); // 2 zero bits
  gf2Square(odd, even); // 4 zero bits
  let crc = crcA >>> 0;
  let len = lengthB;
  do {
    gf2Square(even, odd);
    if (len % 2) crc = gf2Times(even, crc);
    len = Math.floor(len / 2);
    if (len === 0) break;
    gf2Square(odd, even);
    if (len % 2) crc = gf2Times(odd, crc);
    len = Math.floor(len / 2);
  } while (len !== 0);
  return (crc ^ crcB) >>> 0;
}

/**
 * A piece of an entry already compressed elsewhere (another thread): raw DEFLATE that ends on a
 * byte boundary without a final block (a sync flush), except the entry's last piece, which ends with
 * the final block; with the CRC-32 and length of its uncompressed bytes. Pieces joined in order are
 * one valid DEFLATE stream (the method of pigz).
 */
export interface CompressedPiece {
  data: Uint8Array[];
  crc: number;
  length: number;
}

interface EntryRecord {
  name: Uint8Array;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

const encoder = new TextEncoder();
const LIMIT = 0xffffffff;

function header(size: number): { bytes: Uint8Array; view: DataView } {
  const bytes = new Uint8Array(size);
  return { bytes, view: new DataView(bytes.buffer) };
}

/**
 * Streaming zip writer: each entry's data is compressed as it is produced and its CRC and sizes go
 * in a data descriptor, so nothing is held in memory. Entries and archive are limited to 4 GiB
 * (no ZIP64): far beyond what Excel opens.
 */
export class ZipWriter {
  private readonly deflate: Deflater;
  private readonly entries: EntryRecord[] = [];
  private offset = 0;
  private readonly time: number;
  private readonly date: number;

  private readonly crc32: (bytes: Uint8Array, crc: number) => number;

  /** `crc`: a faster CRC-32 with the same results (zlib's, in Node); ours by default. */
  constructor(deflate: Deflater, modified: Date = new Date(), crc: (bytes: Uint8Array, crc: number) => number = crc32) {
    this.deflate = deflate;
    this.crc32 = crc;
    this.time = (modified.getHours() << 11) | (modified.getMinutes() << 5) | (modified.getSeconds() >> 1);
    this.date = ((Math.max(1980, modified.getFullYear()) - 1980) << 9) | ((modified.getMonth() + 1) << 5) | modified.getDate();
  }

  /** Writes one entry whose data comes from `data`; yields the zip bytes. */
  async *entry(name: string, data: AsyncIterable<Uint8Array> | Uint8Array): AsyncGenerator<Uint8Array> {
    const record = this.newRecord(name);
    yield this.localHeader(record);
    const source = data instanceof Uint8Array ? single(data) : data;
    const checksum = this.crc32;
    const measured = (async function* () {
      for await (const chunk of source) {
        record.crc = checksum(chunk, record.crc);
        record.size += chunk.byteLength;
        yield chunk;
      }
    })();
    for await (const compressed of this.deflate(measured)) {
      record.compressedSize += compressed.byteLength;
      yield this.count(compressed);
    }
    yield this.descriptor(record);
  }

  /** Writes one entry from pieces compressed elsewhere, in order (see {@link CompressedPiece}). */
  async *compressedEntry(name: string, pieces: AsyncIterable<CompressedPiece>): AsyncGenerator<Uint8Array> {
    const record = this.newRecord(name);
    yield this.localHeader(record);
    for await (const piece of pieces) {
      record.crc = crc32Combine(record.crc, piece.crc, piece.length);
      record.size += piece.length;
      for (const compressed of piece.data) {
        record.compressedSize += compressed.byteLength;
        yield this.count(compressed);
      }
    }
    yield this.descriptor(record);
  }

  private newRecord(name: string): EntryRecord {
    return { name: encoder.encode(name), crc: 0, compressedSize: 0, size: 0, offset: this.offset };
  }

  private localHeader(record: EntryRecord): Uint8Array {
    const nameBytes = record.name;
    const local = header(30 + nameBytes.byteLength);
    local.view.setUint32(0, 0x04034b50, true);
    local.view.setUint16(4, 20, true);
    local.view.setUint16(6, 0x0808, true); // data descriptor + UTF-8 names
    local.view.setUint16(8, 8, true); // deflate
    local.view.setUint16(10, this.time, true);
    local.view.setUint16(12, this.date, true);
    local.view.setUint16(26, nameBytes.byteLength, true);
    local.bytes.set(nameBytes, 30);
    return this.count(local.bytes);
  }

  private descriptor(record: EntryRecord): Uint8Array {
    if (record.size >= LIMIT || record.compressedSize >= LIMIT || this.offset >= LIMIT) {
      throw new ExtractionError('WRITE_FAILED', 'Le classeur dépasserait 4 Go, limite du format : découpez l\'extraction.', { details: { entry: new TextDecoder().decode(record.name) } });
    }
    const descriptor = header(16);
    descriptor.view.setUint32(0, 0x08074b50, true);
    descriptor.view.setUint32(4, record.crc, true);
    descriptor.view.setUint32(8, record.compressedSize, true);
    descriptor.view.setUint32(12, record.size, true);
    this.entries.push(record);
    return this.count(descriptor.bytes);
  }

  /** Writes the central directory; the archive is complete after this. */
  *finish(): Generator<Uint8Array> {
    const start = this.offset;
    for (const e of this.entries) {
      const central = header(46 + e.name.byteLength);
      const v = central.view;
      v.setUint32(0, 0x02014b50, true);
      v.setUint16(4, 20, true);
      v.setUint16(6, 20, true);
      v.setUint16(8, 0x0808, true);
      v.setUint16(10, 8, true);
      v.setUint16(12, this.time, true);
      v.setUint16(14, this.date, true);
      v.setUint32(16, e.crc, true);
      v.setUint32(20, e.compressedSize, true);
      v.setUint32(24, e.size, true);
      v.setUint16(28, e.name.byteLength, true);
      v.setUint32(42, e.offset, true);
      central.bytes.set(e.name, 46);
      yield this.count(central.bytes);
    }
    const end = header(22);
    end.view.setUint32(0, 0x06054b50, true);
    end.view.setUint16(8, this.entries.length, true);
    end.view.setUint16(10, this.entries.length, true);
    end.view.setUint32(12, this.offset - start, true);
    end.view.setUint32(16, start, true);
    yield this.count(end.bytes);
  }

  private count(bytes: Uint8Array): Uint8Array {
    this.offset += bytes.byteLength;
    return bytes;
  }
}

async function* single(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}
