import { ExtractionError } from './errors.js';

/** Text encodings the converter reads. */
export type TextEncoding = 'utf-8' | 'windows-1252' | 'iso-8859-15' | 'utf-16le' | 'utf-16be';

/** All supported encodings, in the order they are documented. */
export const TEXT_ENCODINGS: readonly TextEncoding[] = ['utf-8', 'windows-1252', 'iso-8859-15', 'utf-16le', 'utf-16be'];

/** How the encoding was decided. */
export type EncodingSource = 'bom' | 'detected' | 'forced';

/** What a file looks like when it is not a CSV. */
export type FileKind = 'xlsx' | 'xls' | 'ods' | 'zip' | 'pdf' | 'gzip' | 'image' | 'binary';

const FILE_KIND_LABELS: Record<FileKind, string> = {
  xlsx: 'un classeur Excel (.xlsx)',
  xls: 'un ancien classeur Excel (.xls) ou un document Office',
  ods: 'un classeur LibreOffice (.ods)',
  zip: 'une archive zip',
  pdf: 'un document PDF',
  gzip: 'une archive compressée (gzip)',
  image: 'une image',
  binary: 'un fichier binaire (pas du texte)',
};

/** French description of a {@link FileKind}, for messages. */
export function describeFileKind(kind: FileKind): string {
  return FILE_KIND_LABELS[kind];
}

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  if (bytes.byteLength < at + signature.length) return false;
  return signature.every((b, i) => bytes[at + i] === b);
}

function containsAscii(bytes: Uint8Array, text: string): boolean {
  // Zip local headers store names in clear: enough to tell an .xlsx from an .ods or a plain zip.
  const limit = Math.min(bytes.byteLength, 1 << 16) - text.length;
  outer: for (let i = 0; i <= limit; i++) {
    for (let j = 0; j < text.length; j++) if (bytes[i + j] !== text.charCodeAt(j)) continue outer;
    return true;
  }
  return false;
}

/** Byte-order mark at the start of `head`, if any. */
export function detectBom(head: Uint8Array): { encoding: TextEncoding; length: number } | null {
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', length: 3 };
  if (startsWith(head, [0xff, 0xfe])) return { encoding: 'utf-16le', length: 2 };
  if (startsWith(head, [0xfe, 0xff])) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** UTF-16 without BOM: a text with many ASCII characters has a NUL every other byte. */
function detectUtf16WithoutBom(head: Uint8Array): TextEncoding | null {
  const n = Math.min(head.byteLength, 4096) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return 'utf-16be';
  return null;
}

/**
 * Tells what a file is when it is not text: returns null for anything that may be a CSV.
 * Looks at magic numbers and NUL bytes in the first bytes only.
 */
export function sniffFileKind(head: Uint8Array): FileKind | null {
  if (detectBom(head)) return null;
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    if (containsAscii(head, 'xl/') || containsAscii(head, '[Content_Types].xml')) return 'xlsx';
    if (containsAscii(head, 'application/vnd.oasis.opendocument')) return 'ods';
    return 'zip';
  }
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'xls';
  if (startsWith(head, [0x1f, 0x8b])) return 'gzip';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47]) || startsWith(head, [0xff, 0xd8, 0xff])) return 'image';
  if (detectUtf16WithoutBom(head)) return null;
  // Binary data: a run of NUL bytes, or many control bytes. A few control characters inside cells are
  // data a CSV may hold, so a lone one does not make a file binary.
  const n = Math.min(head.byteLength, 1 << 16);
  let controls = 0;
  let nulRun = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    nulRun = b === 0 ? nulRun + 1 : 0;
    if (nulRun >= 4) return 'binary';
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) controls++;
  }
  return controls > Math.max(8, n * 0.05) ? 'binary' : null;
}

/** True when `bytes` is valid UTF-8, allowing a sequence cut at the very end (a chunk boundary). */
export function isValidUtf8Prefix(bytes: Uint8Array): boolean {
  let i = 0;
  const n = bytes.byteLength;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    if (need === 0) return false;
    const min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000;
    if (i + need >= n) {
      // Truncated at the end of the sample: check what is there.
      for (let k = i + 1; k < n; k++) if ((bytes[k]! & 0xc0) !== 0x80) return false;
      return true;
    }
    let cp = b & (0xff >> (need + 2));
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += need + 1;
  }
  return true;
}

/**
 * Guesses the encoding from the first bytes: BOM, then UTF-16 without BOM, then strict UTF-8,
 * else windows-1252. The caller confirms UTF-8 over the whole file (see {@link createDecoder}).
 */
export function guessEncoding(head: Uint8Array): { encoding: TextEncoding; source: EncodingSource } {
  const bom = detectBom(head);
  if (bom) return { encoding: bom.encoding, source: 'bom' };
  const utf16 = detectUtf16WithoutBom(head);
  if (utf16) return { encoding: utf16, source: 'detected' };
  return { encoding: isValidUtf8Prefix(head) ? 'utf-8' : 'windows-1252', source: 'detected' };
}

/**
 * True when bytes read as windows-1252 do not look like French text. French puts an accented letter
 * here and there inside ASCII words (« Clémenciat »); Greek, Cyrillic or Arabic in a single-byte
 * encoding make whole words of bytes above 0x7F. So: at least 20 such bytes, and most of them next to
 * another one. Returns an example of the garbled reading, or null.
 */
export function doesNotLookFrench(head: Uint8Array): string | null {
  let high = 0;
  let adjacent = 0;
  let example = -1;
  for (let i = 0; i < head.byteLength; i++) {
    if (head[i]! < 0x80) continue;
    high++;
    if ((i > 0 && head[i - 1]! >= 0x80) || (i + 1 < head.byteLength && head[i + 1]! >= 0x80)) {
      adjacent++;
      if (example < 0) example = i;
    }
  }
  if (high < 20 || adjacent < 0.5 * high) return null;
  let end = example;
  while (end < head.byteLength && end - example < 24 && head[end]! >= 0x80) end++;
  return createDecoder('windows-1252').decode(head.subarray(example, end), true);
}

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
  const base = platform.decodeLatin1 ?? (native ? (bytes: Uint8Array) => native.decode(bytes) : latin1);
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

function latin1(bytes: Uint8Array): string {
  let out = '';
  const step = 8192;
  for (let i = 0; i < bytes.byteLength; i += step) {
    out += String.fromCharCode.apply(null, bytes.subarray(i, i + step) as unknown as number[]);
  }
  return out;
}

/**
 * Creates an incremental decoder. UTF-8 and UTF-16 are strict: invalid bytes raise `ENCODING_INVALID`.
 * `raw`: single-byte text may come back as Latin-1, for a parser given {@link fieldRemap}.
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
          `Le fichier n'est pas un texte ${encoding.toUpperCase()} valide (vers l'octet ${offset}). ` +
            `Relancez sans --encoding pour détecter l'encodage, ou essayez --encoding windows-1252.`,
          { cause, details: { encoding, offset } },
        );
      }
    },
  };
}
