/**
 * A bounded reader for zip archives from untrusted sources (mail attachments, shared folders), for
 * Node and browsers. Limits are counted on inflated bytes, never on the sizes the archive declares;
 * entries that share bytes, repeat a name or hold another archive are refused. Entry names are
 * returned as data only: callers never write under them. Internal: bundled into each package.
 */

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

/** Why an archive was refused: `limit` (a bomb or too big), `corrupt`, `encrypted`, `method`. */
export type ZipErrorKind = 'limit' | 'corrupt' | 'encrypted' | 'method';

/** A refused archive; `detail` is French, to be put in the caller's own message. */
export class ZipError extends Error {
  override readonly name = 'ZipError';
  constructor(
    readonly kind: ZipErrorKind,
    readonly detail: string,
  ) {
    super(detail);
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}

/** Inflates at most `limit` bytes, counted on what actually comes out. */
async function inflateRaw(data: Uint8Array, limit: number): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      length += value.byteLength;
      if (length > limit) {
        await reader.cancel().catch(() => {});
        throw new ZipError('limit', 'trop volumineuse une fois décompressée');
      }
      parts.push(value);
    }
  } catch (error) {
    if (error instanceof ZipError) throw error;
    throw new ZipError('corrupt', 'données compressées invalides');
  }
  return concat(parts);
}

/** True when the bytes start like a zip archive. */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

/** Reads every file of a zip archive (stored or deflated) from its central directory, within `limits`. */
export async function readZip(bytes: Uint8Array, limits: ZipLimits): Promise<ZipEntry[]> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.byteLength - 22; i >= Math.max(0, bytes.byteLength - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('corrupt', 'fin d\'archive introuvable');
  const count = view.getUint16(eocd + 10, true);
  const dirOffset = view.getUint32(eocd + 16, true);
  if (count > limits.maxEntries) throw new ZipError('limit', `elle contient ${count} fichiers`);
  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  const ranges: [number, number][] = [];
  let p = dirOffset;
  let total = 0;
  const decoder = new TextDecoder();
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.byteLength || view.getUint32(p, true) !== 0x02014b50) throw new ZipError('corrupt', 'répertoire central invalide');
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const localOffset = view.getUint32(p + 42, true);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    p += 46 + nameLength + extraLength + commentLength;
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
    const data = bytes.subarray(dataStart, dataStart + compressedSize);
    const room = Math.min(limits.maxEntrySize, limits.maxTotalSize - total);
    let content: Uint8Array;
    if (method === 0) {
      if (data.byteLength > room) throw new ZipError('limit', 'trop volumineuse');
      content = data;
    } else if (method === 8) content = await inflateRaw(data, room);
    else throw new ZipError('method', `méthode de compression ${method} non prise en charge`);
    total += content.byteLength;
    if (looksLikeZip(content)) throw new ZipError('limit', `elle contient une autre archive (« ${name} ») : décompressez-la d'abord`);
    entries.push({ name, bytes: content });
  }
  return entries;
}
