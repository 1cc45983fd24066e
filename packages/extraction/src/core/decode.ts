import { checkAborted, ExtractionError } from './errors.js';
import type { ByteSource } from './source.js';

/** Text encodings the converter reads. */
export type TextEncoding = 'utf-8' | 'windows-1252' | 'iso-8859-15' | 'utf-16le' | 'utf-16be';

/** All supported encodings, in the order they are documented. */
export const TEXT_ENCODINGS: readonly TextEncoding[] = ['utf-8', 'windows-1252', 'iso-8859-15', 'utf-16le', 'utf-16be'];

/** How the encoding was decided. */
export type EncodingSource = 'bom' | 'detected' | 'forced';

/** Incremental decoder: bytes in, text out; `last` flushes. Throws `ENCODING_INVALID` on bad bytes. */
export interface StreamDecoder {
  decode(bytes: Uint8Array, last?: boolean): string;
  /** Bytes consumed so far. */
  readonly offset: number;
}

// windows-1252 bytes 0x80-0x9F. The five bytes it leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to
// the C1 control of the same value, as in the WHATWG Encoding Standard: no byte is ever lost.
const CP1252_80_9F =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';
// ISO-8859-15 differs from Latin-1 at eight positions.
const ISO_8859_15_DIFF: Record<number, string> = {
  0xa4: '\u20AC', 0xa6: '\u0160', 0xa8: '\u0161', 0xb4: '\u017D', 0xb8: '\u017E', 0xbc: '\u0152', 0xbd: '\u0153', 0xbe: '\u0178',
};

function singleByteTable(encoding: 'windows-1252' | 'iso-8859-15'): string[] {
  const table: string[] = [];
  for (let b = 0; b < 256; b++) table.push(String.fromCharCode(b));
  if (encoding === 'windows-1252') for (let b = 0x80; b < 0xa0; b++) table[b] = CP1252_80_9F[b - 0x80]!;
  else for (const [b, ch] of Object.entries(ISO_8859_15_DIFF)) table[Number(b)] = ch;
  return table;
}

/** Hooks a platform may give for speed (the Node adapter passes its native Latin-1 decoding). */
export interface Platform {
  /** Decodes bytes as ISO-8859-1: one code unit per byte, U+0000-U+00FF. */
  decodeLatin1?(bytes: Uint8Array): string;
  /** CRC-32 of `bytes` continuing `crc` (zlib's `crc32`): the zip writer's own is used without it. */
  crc32?(bytes: Uint8Array, crc: number): number;
}

/**
 * What a raw Latin-1 reading of a single-byte encoding gets wrong, fixed field by field.
 *
 * Why: fixing a whole decoded chunk (a regular expression replace) took 2.2 s per pass over a
 * 222 MB windows-1252 extraction, and turned every chunk into a two-byte string that every later step
 * paid for. Most fields hold no such character; the CSV parser, which looks at each character anyway,
 * marks the few that do and fixes only them.
 */
export interface FieldRemap {
  /** 1 for each Latin-1 code unit (0-255) that the encoding reads as another character. */
  readonly marks: Uint8Array;
  /** `text` read in the encoding: the marked code units replaced. */
  apply(text: string): string;
}

function singleByteRemap(encoding: 'windows-1252' | 'iso-8859-15'): FieldRemap {
  const table = singleByteTable(encoding);
  const marks = new Uint8Array(256);
  for (let b = 0x80; b < 0x100; b++) if (table[b] !== String.fromCharCode(b)) marks[b] = 1;
  const differs = encoding === 'windows-1252' ? /[\x80-\x9f]/ : /[\xa4\xa6\xa8\xb4\xb8\xbc\xbd\xbe]/;
  const fix = encoding === 'windows-1252' ? /[\x80-\x9f]/g : /[\xa4\xa6\xa8\xb4\xb8\xbc\xbd\xbe]/g;
  const replace = (ch: string) => table[ch.charCodeAt(0)]!;
  return { marks, apply: (text) => (differs.test(text) ? text.replace(fix, replace) : text) };
}

/**
 * The remap a parser must apply to the fields of `decodeSource(…, { raw: true })` text, or null when
 * that text is already right (multi-byte encodings, or a platform without a native Latin-1 decoder).
 */
export function fieldRemap(encoding: TextEncoding, platform: Platform = {}): FieldRemap | null {
  if ((encoding !== 'windows-1252' && encoding !== 'iso-8859-15') || !platform.decodeLatin1) return null;
  return singleByteRemap(encoding);
}

/**
 * Single-byte decoding: a fast native pass, then the few characters where the encoding differs from
 * what that pass produced are replaced from our own table. Correct whichever way the native decoder
 * reads 0x80-0x9F: Node's TextDecoder decodes the windows-1252 label as plain Latin-1 (0x80 → U+0080,
 * not €), browsers follow the WHATWG table; the replacement maps both to the same text. With `raw`
 * (and a native Latin-1 decoder), the replacement is left to the parser: see {@link FieldRemap}.
 */
function createSingleByteDecoder(encoding: 'windows-1252' | 'iso-8859-15', platform: Platform, raw: boolean): StreamDecoder {
  const remap = singleByteRemap(encoding);
  const native = encoding === 'windows-1252' ? new TextDecoder('windows-1252') : null;
  const base = platform.decodeLatin1 ?? (native ? (bytes: Uint8Array) => native.decode(bytes) : latin1Text);
  const leaveToParser = raw && platform.decodeLatin1 !== undefined;
  let offset = 0;
  return {
    get offset() {
      return offset;
    },
    decode(bytes) {
      offset += bytes.byteLength;
      const text = base(bytes);
      return leaveToParser ? text : remap.apply(text);
    },
  };
}

function latin1Text(bytes: Uint8Array): string {
  let out = '';
  const step = 8192;
  for (let i = 0; i < bytes.byteLength; i += step) {
    out += String.fromCharCode.apply(null, bytes.subarray(i, i + step) as unknown as number[]);
  }
  return out;
}

/**
 * Creates an incremental decoder. UTF-8 and UTF-16 are strict: invalid bytes raise `ENCODING_INVALID`.
 * `raw`: single-byte text may come back as Latin-1, for a parser given `fieldRemap`.
 */
export function createDecoder(encoding: TextEncoding, platform: Platform = {}, options: { raw?: boolean } = {}): StreamDecoder {
  if (encoding === 'windows-1252' || encoding === 'iso-8859-15') return createSingleByteDecoder(encoding, platform, options.raw ?? false);
  // The BOM is skipped by the caller; a U+FEFF after it is data and must stay.
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  let offset = 0;
  return {
    get offset() {
      return offset;
    },
    decode(bytes, last = false) {
      try {
        const text = decoder.decode(bytes, { stream: !last });
        offset += bytes.byteLength;
        return text;
      } catch (cause) {
        throw new ExtractionError(
          'ENCODING_INVALID',
          `Le fichier n'est pas un texte ${encoding.toUpperCase()} valide (vers l'octet ${offset}) : laissez l'encodage être détecté, ou choisissez windows-1252.`,
          { cause, details: { encoding, offset } },
        );
      }
    },
  };
}

/**
 * Decoded text of a source, chunk by chunk, without its BOM. With `raw`, single-byte text may be a
 * Latin-1 reading, for a parser given `fieldRemap(encoding, platform)`.
 */
export async function* decodeSource(
  source: ByteSource,
  encoding: TextEncoding,
  bomLength: number,
  options: { signal?: AbortSignal; onBytes?: (bytesRead: number) => void; platform?: Platform; onText?: (text: string, byteStart: number) => void; raw?: boolean } = {},
): AsyncGenerator<string> {
  const decoder = createDecoder(encoding, options.platform, { raw: options.raw ?? false });
  let skip = bomLength;
  let read = 0;
  // Bytes of a UTF-8 sequence cut by the end of the previous chunk: the decoder holds them, and they
  // begin the next text. Knowing them gives the byte offset where each text starts (`onText`).
  let held = 0;
  for await (let chunk of source.open()) {
    checkAborted(options.signal);
    const before = read;
    read += chunk.byteLength;
    let start = before;
    if (skip > 0) {
      const cut = Math.min(skip, chunk.byteLength);
      chunk = chunk.subarray(cut);
      skip -= cut;
      start += cut;
    }
    const text = decoder.decode(chunk, false);
    const textStart = start - held;
    if (encoding === 'utf-8') held = text ? incompleteUtf8Tail(chunk) : held + chunk.byteLength;
    options.onBytes?.(read);
    if (text) {
      options.onText?.(text, textStart);
      yield text;
    }
  }
  const rest = decoder.decode(new Uint8Array(0), true);
  if (rest) {
    options.onText?.(rest, read - held);
    yield rest;
  }
}

/** Bytes at the end of `bytes` that start a UTF-8 sequence not complete yet (0 to 3). */
export function incompleteUtf8Tail(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.byteLength); back++) {
    const b = bytes[bytes.byteLength - back]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return length > back ? back : 0;
  }
  return 0;
}

/** Bytes of `text.slice(start, end)` in UTF-8 (valid text: no lone surrogate). */
export function utf8Length(text: string, end = text.length, start = 0): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? (i++, 4) : 3;
  }
  return n;
}
