/**
 * A bounded reader for zip archives from untrusted sources (mail attachments, shared folders), for
 * Node and browsers. Limits are counted on inflated bytes, never on the sizes the archive declares;
 * entries that share bytes, repeat a name or hold another archive are refused. Entry names are
 * returned as data only: callers never write under them. Internal: bundled into each package.
 */

import { crc32 } from './crc32.js';
import { decodeName } from './names.js';

/** A file found in a zip archive. */
export interface ZipEntry {
  name: string;
  bytes: Uint8Array;
}

/** Bounds of one reading. */
export interface ZipLimits {
  maxEntries: number;
  maxEntrySize: number;
  maxTotalSize: number;
}

/**
 * Why an archive was refused: `limit` (a bomb or too big), `corrupt`, `encrypted`, `method`; or why
 * one member was: `checksum` (its CRC-32 or sizes disagree with the archive's records: altered or
 * damaged after zipping; the other members may still be read).
 */
export type ZipErrorKind = 'limit' | 'corrupt' | 'encrypted' | 'method' | 'checksum';

/** A refused archive; `detail` is French, to be put in the caller's own message. */
export class ZipError extends Error {
  override readonly name = 'ZipError';
  constructor(
    readonly kind: ZipErrorKind,
    readonly detail: string,
    /** For `checksum`: the member refused. */
    readonly member?: string,
  ) {
    super(detail);
  }
}

export { crc32, crc32Combine } from './crc32.js';
export { decodeOemName } from './names.js';

/** The bytes of `parts`, one after another, in one new array (the one join of the workspace). */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}

// Compressed bytes are fed to the inflater in small slices: deflate expands at most ~1032 times, so
// one slice never gives more than ~16 MB, whatever the member claims (a 512 MB member of zeros is a
// 500 KB deflate stream).
const SLICE = 16 * 1024;

/** Inflated chunks of raw deflate data, as they come (DecompressionStream: Node 18+ and browsers). */
async function* inflateRaw(data: Uint8Array): AsyncGenerator<Uint8Array> {
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const feeding = (async () => {
    for (let at = 0; at < data.byteLength; at += SLICE) await writer.write(data.subarray(at, at + SLICE) as Uint8Array<ArrayBuffer>);
    await writer.close();
  })();
  feeding.catch(() => {}); // its failure is the reader's too
  let finished = false;
  try {
    for (;;) {
      let step;
      try {
        step = await reader.read();
      } catch {
        throw new ZipError('corrupt', 'données compressées invalides');
      }
      if (step.done) break;
      yield step.value;
    }
    finished = true;
  } finally {
    // Stopped early (a bound, a refusal of the head): release the inflater and what it holds.
    if (!finished) {
      await reader.cancel().catch(() => {});
      await writer.abort().catch(() => {});
    }
  }
}

/** True when the bytes start like a zip archive. */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

/** A member of an opened archive: its name (data only) and its content, inflated as it is read. */
export interface ZipMember {
  name: string;
  /** The size the archive claims once inflated (never trusted: the bounds count real bytes). */
  declaredSize: number;
  /**
   * The member's bytes in chunks, inflated as they are read: memory stays bounded whatever the
   * member's size. Throws `ZipError('limit')` as soon as the member, or all members read so far,
   * pass their bounds, or when it starts like another archive; stop reading at any time.
   */
  stream(): AsyncIterable<Uint8Array>;
}

interface Located {
  name: string;
  method: number;
  declaredSize: number;
  /** CRC-32 the central directory records. */
  crc: number;
  data: Uint8Array;
  /** Why the local header disagrees with the central directory, or null. */
  mismatch: string | null;
}

/** What the local header says of CRC and sizes, against the central record (unless a data descriptor follows). */
function localMismatch(view: DataView, local: number, crc: number, compressedSize: number, size: number): string | null {
  if (view.getUint16(local + 6, true) & 0x8) return null;
  if (view.getUint32(local + 14, true) !== crc) return 'CRC-32 différent dans l\'en-tête local et dans le répertoire central';
  if (view.getUint32(local + 18, true) !== compressedSize || view.getUint32(local + 22, true) !== size) return 'tailles différentes dans l\'en-tête local et dans le répertoire central';
  return null;
}

/** The end record's entry count and central directory offset. */
function endRecord(bytes: Uint8Array, view: DataView): { count: number; dirOffset: number } {
  for (let i = bytes.byteLength - 22; i >= Math.max(0, bytes.byteLength - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) return { count: view.getUint16(i + 10, true), dirOffset: view.getUint32(i + 16, true) };
  }
  throw new ZipError('corrupt', 'fin d\'archive introuvable');
}

/** Every file of the central directory, its compressed bytes located and checked; nothing inflated. */
function locate(bytes: Uint8Array, limits: ZipLimits): Located[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { count, dirOffset } = endRecord(bytes, view);
  if (count > limits.maxEntries) throw new ZipError('limit', `elle contient ${count} fichiers`);
  const located: Located[] = [];
  const names = new Set<string>();
  const ranges: [number, number][] = [];
  let p = dirOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.byteLength || view.getUint32(p, true) !== 0x02014b50) throw new ZipError('corrupt', 'répertoire central invalide');
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const crc = view.getUint32(p + 16, true);
    const compressedSize = view.getUint32(p + 20, true);
    const declaredSize = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const localOffset = view.getUint32(p + 42, true);
    const raw = bytes.subarray(p + 46, p + 46 + nameLength);
    const name = decodeName(raw, flags, bytes.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength), crc32);
    p += 46 + nameLength + extraLength + view.getUint16(p + 32, true);
    if (name.endsWith('/')) continue;
    if (names.has(name)) throw new ZipError('limit', `le nom « ${name} » y figure deux fois`);
    names.add(name);
    if (flags & 1) throw new ZipError('encrypted', 'elle est protégée par un mot de passe');
    if (localOffset + 30 > bytes.byteLength || view.getUint32(localOffset, true) !== 0x04034b50) throw new ZipError('corrupt', 'en-tête local invalide');
    const dataStart = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    if (dataStart + compressedSize > bytes.byteLength) throw new ZipError('corrupt', 'archive tronquée');
    // Entries sharing bytes are how a 30 KB zip claims gigabytes: every entry must own its range.
    const range: [number, number] = [localOffset, dataStart + compressedSize];
    if (ranges.some(([a, b]) => range[0] < b && a < range[1])) throw new ZipError('limit', 'des fichiers se recouvrent');
    ranges.push(range);
    if (method !== 0 && method !== 8) throw new ZipError('method', `méthode de compression ${method} non prise en charge`);
    located.push({ name, method, declaredSize, crc, data: bytes.subarray(dataStart, dataStart + compressedSize), mismatch: localMismatch(view, localOffset, crc, compressedSize, declaredSize) });
  }
  return located;
}

function checksumError(entry: Located, why: string): ZipError {
  return new ZipError('checksum', `« ${entry.name} » : ${why} (fichier modifié ou abîmé après sa compression)`, entry.name);
}

/**
 * Opens a zip archive (stored or deflated members) from its central directory, within `limits`:
 * names, overlaps, encryption and methods are checked at once; contents are inflated only as each
 * member's `stream()` is read, and counted on the bytes that come out (per member and in total).
 */
export function openZip(bytes: Uint8Array, limits: ZipLimits): ZipMember[] {
  let total = 0;
  const bounded = async function* (entry: Located): AsyncGenerator<Uint8Array> {
    if (entry.mismatch) throw checksumError(entry, entry.mismatch);
    let length = 0;
    let crc = 0;
    let head: Uint8Array | null = new Uint8Array(0);
    const chunks = entry.method === 0 ? [entry.data] : inflateRaw(entry.data);
    for await (const chunk of chunks) {
      length += chunk.byteLength;
      crc = crc32(chunk, crc);
      total += chunk.byteLength;
      if (length > limits.maxEntrySize || total > limits.maxTotalSize) {
        throw new ZipError('limit', entry.method === 0 ? 'trop volumineuse' : 'trop volumineuse une fois décompressée');
      }
      if (head !== null) {
        head = concatBytes([head, chunk.subarray(0, 4)]);
        if (head.byteLength >= 4) {
          if (looksLikeZip(head)) throw new ZipError('limit', `elle contient une autre archive (« ${entry.name} ») : décompressez-la d'abord`);
          head = null;
        }
      }
      yield chunk;
    }
    // As `unzip -t`: the bytes that came out must be those the archive recorded.
    if (crc !== entry.crc) throw checksumError(entry, 'CRC-32 incorrect');
    if (length !== entry.declaredSize) throw checksumError(entry, 'taille différente de celle enregistrée');
  };
  return locate(bytes, limits).map((entry) => ({ name: entry.name, declaredSize: entry.declaredSize, stream: () => bounded(entry) }));
}

/** Reads every file of a zip archive (stored or deflated) into memory, within `limits`: for small archives. */
export async function readZip(bytes: Uint8Array, limits: ZipLimits): Promise<ZipEntry[]> {
  const entries: ZipEntry[] = [];
  for (const member of openZip(bytes, limits)) {
    const parts: Uint8Array[] = [];
    for await (const chunk of member.stream()) parts.push(chunk);
    entries.push({ name: member.name, bytes: parts.length === 1 ? parts[0]! : concatBytes(parts) });
  }
  return entries;
}
