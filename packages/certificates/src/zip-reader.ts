import { concat } from './bytes.js';
import { CertificateError } from './errors.js';

/** A file found in a zip archive. */
export interface ZipEntry {
  name: string;
  bytes: Uint8Array;
}

// A certificate bundle is a few kilobytes: these bounds stop zip bombs long before memory suffers.
const MAX_ENTRIES = 256;
const MAX_ENTRY_SIZE = 16 * 1024 * 1024;
const MAX_TOTAL_SIZE = 64 * 1024 * 1024;

function suspicious(detail: string): CertificateError {
  return new CertificateError('LIMIT_EXCEEDED', `Archive zip suspecte, non ouverte : ${detail}. Demandez à l'autorité de certification le fichier .p12 lui-même.`);
}

function corrupt(detail: string): CertificateError {
  return new CertificateError('CORRUPT_FILE', `L'archive zip est endommagée ou incomplète (${detail}). Retéléchargez-la.`);
}

/** Inflates at most `limit` bytes, counted on what actually comes out (declared sizes are not trusted). */
async function inflateRaw(data: Uint8Array, limit: number, what: string): Promise<Uint8Array> {
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
        throw suspicious(what);
      }
      parts.push(value);
    }
  } catch (error) {
    if (error instanceof CertificateError) throw error;
    throw corrupt('données compressées invalides');
  }
  return concat(parts);
}

/** True when the bytes start like a zip archive. */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

/**
 * Reads every file of a zip archive (stored or deflated) from its central directory. Entry names are
 * returned as data only: nothing is ever written under them.
 */
export async function readZip(bytes: Uint8Array): Promise<ZipEntry[]> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.byteLength - 22; i >= Math.max(0, bytes.byteLength - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt('fin d\'archive introuvable');
  const count = view.getUint16(eocd + 10, true);
  const dirOffset = view.getUint32(eocd + 16, true);
  if (count > MAX_ENTRIES) throw new CertificateError('LIMIT_EXCEEDED', `L'archive contient ${count} fichiers : trop pour un certificat, archive non ouverte.`);
  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  const ranges: [number, number][] = [];
  let p = dirOffset;
  let total = 0;
  const decoder = new TextDecoder();
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.byteLength || view.getUint32(p, true) !== 0x02014b50) throw corrupt('répertoire central invalide');
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
    if (names.has(name)) throw suspicious(`le nom « ${name} » y figure deux fois`);
    names.add(name);
    if (flags & 1) throw new CertificateError('UNSUPPORTED_FORMAT', 'L\'archive zip est protégée par un mot de passe : décompressez-la d\'abord avec l\'Explorateur Windows.');
    if (localOffset + 30 > bytes.byteLength || view.getUint32(localOffset, true) !== 0x04034b50) throw corrupt('en-tête local invalide');
    const dataStart = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    if (dataStart + compressedSize > bytes.byteLength) throw corrupt('archive tronquée');
    // Entries sharing bytes are how a 30 KB zip claims gigabytes: every entry must own its range.
    const range: [number, number] = [localOffset, dataStart + compressedSize];
    if (ranges.some(([a, b]) => range[0] < b && a < range[1])) throw suspicious('des fichiers se recouvrent');
    ranges.push(range);
    const data = bytes.subarray(dataStart, dataStart + compressedSize);
    const room = Math.min(MAX_ENTRY_SIZE, MAX_TOTAL_SIZE - total);
    let content: Uint8Array;
    if (method === 0) {
      if (data.byteLength > room) throw suspicious('trop volumineuse pour des certificats');
      content = data;
    } else if (method === 8) content = await inflateRaw(data, room, 'trop volumineuse une fois décompressée');
    else throw new CertificateError('UNSUPPORTED_FORMAT', `Méthode de compression zip non prise en charge (${method}).`);
    total += content.byteLength;
    if (looksLikeZip(content)) throw suspicious(`elle contient une autre archive (« ${name} ») : décompressez-la d'abord`);
    entries.push({ name, bytes: content });
  }
  return entries;
}
