import { ExtractionError } from '../errors.js';
import { crc32, crc32Combine } from '@sne-toolbox/zip-reader';

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
