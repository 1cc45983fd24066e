import { CsvParser, type Delimiter } from './csv-parser.js';
import { createDecoder, type EncodingSource, type TextEncoding } from './decode.js';
import { ExtractionError } from './errors.js';
import { isSepLine } from './records.js';

// Everything decided from the first bytes of a file, before the first pass: what kind of file it is,
// its encoding, its delimiter and where its table starts.

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

/** Throws `NOT_CSV` when the first bytes are another kind of file (workbook, PDF, zip, binary). */
export function refuseNonCsv(head: Uint8Array): void {
  const kind = sniffFileKind(head);
  if (kind) {
    throw new ExtractionError(
      'NOT_CSV',
      `Ce fichier n'est pas une extraction CSV : il ressemble à ${describeFileKind(kind)}. Choisissez le fichier .csv exporté depuis le SNE.`,
      { details: { kind } },
    );
  }
}

/** Excel's `sep=;` first line, read from the text sample: it gives the delimiter. */
export const SEP_LINE = /^sep=([;,\t|])\r?\n/;


export type { Delimiter } from './csv-parser.js';

/** Candidates in order of preference when the data does not decide: `;` is the French default. */
export const DELIMITERS: readonly Delimiter[] = [';', '\t', '|', ','];

const SAMPLE_RECORDS = 200;

/**
 * Detects the delimiter from a text sample (quote-aware): the delimiter of `detectTable`, which
 * decides from the consistency of field counts over many records. A decimal comma (`1234,56`) never
 * makes `,` win over `;`.
 */
export function detectDelimiter(sample: string, complete: boolean): Delimiter {
  return detectTable(sample, complete).delimiter;
}

/** Readable name of a delimiter for messages and reports. */
export function describeDelimiter(delimiter: Delimiter): string {
  return delimiter === '\t' ? 'tabulation' : delimiter;
}

/** Where the table starts in a file, and with which delimiter. */
export interface TableLayout {
  delimiter: Delimiter;
  /** 1-based physical line of the header; the lines above it are a preamble (title, comments). */
  headerLine: number;
  /** Fields of the header record (the table's width). */
  columns: number;
  /** True when the result is doubtful: one column, or field counts that disagree. */
  uncertain: boolean;
  /**
   * Empty fields that end every data record beyond the header's width: a trailing delimiter on the
   * data lines but not on the header (`Nom;Prénom` over `Dupont;Jean;`). 0 when the widths agree.
   */
  trailingEmpty: number;
}

interface SampledRecord {
  count: number;
  filled: number;
  line: number;
  /** Empty fields at the end of the record. */
  trailingEmpty: number;
  /** Every field filled, none a number or a date: a header's shape. */
  headerLike: boolean;
}

/** A value that reads as a number or a date (digits with separators), which a header name is not. */
const NUMBER_OR_DATE = /^[\s\d.,:/+-]+$/;

/**
 * Whether `record`, directly above records of width `width`, is their header with a trailing
 * delimiter missing: narrower, shaped like a header, and the records of that width below end with at
 * least the missing number of empty fields, four in five at least (the extra column may hold a few
 * values: it is then kept). As LibreOffice and Excel read it: the header in row 1.
 */
export function isNarrowHeader(record: Pick<SampledRecord, 'count' | 'headerLike'>, below: readonly Pick<SampledRecord, 'count' | 'trailingEmpty'>[], width: number): boolean {
  const missing = width - record.count;
  const wide = below.filter((r) => r.count === width);
  return record.count >= 2 && missing > 0 && record.headerLike && wide.length > 0 && wide.filter((r) => r.trailingEmpty >= missing).length >= 0.8 * wide.length;
}

function sampleRecords(sample: string, delimiter: Delimiter, complete: boolean): SampledRecord[] {
  const records: SampledRecord[] = [];
  const parser = new CsvParser(delimiter, (fields, line) => {
    if (records.length >= SAMPLE_RECORDS) return;
    const filled = fields.reduce((n, f) => n + (f.trim() === '' ? 0 : 1), 0);
    // Blank lines and lines of delimiters only (a blank-padded head) say nothing about the table.
    if (filled === 0) return;
    if (isSepLine(fields, line)) return;
    let trailingEmpty = 0;
    while (trailingEmpty < fields.length && fields[fields.length - 1 - trailingEmpty]!.trim() === '') trailingEmpty++;
    const headerLike = filled === fields.length && fields.every((f) => !NUMBER_OR_DATE.test(f));
    records.push({ count: fields.length, filled, line, trailingEmpty, headerLike });
  });
  parser.push(sample);
  if (complete) parser.end();
  return records;
}

/**
 * The lines above the header exactly as the file writes them (quotes, delimiters and all), by
 * physical line: a preamble is shown as it was, never re-joined from its fields.
 */
export function preambleText(sample: string, delimiter: Delimiter, headerLine: number): Map<number, string> {
  const starts: { line: number; at: number }[] = [];
  const parser = new CsvParser(delimiter, (_fields, line) => {
    if (starts.length === 0 || starts[starts.length - 1]!.line < headerLine) starts.push({ line, at: parser.recordStart });
  });
  parser.push(sample);
  parser.end();
  const out = new Map<number, string>();
  starts.forEach(({ line, at }, k) => {
    const next = starts[k + 1];
    // A record ends where the next one starts, less its line break.
    if (line < headerLine && next) out.set(line, sample.slice(at, next.at).replace(/(\r\n|\n|\r)$/, ''));
  });
  return out;
}

/**
 * For `--verify`, from the file alone: the line directly above `headerLine` when it is shaped like
 * the header of the records below (see {@link isNarrowHeader}), i.e. the header was moved out of the
 * table; else null.
 */
export function headerAbove(sample: string, complete: boolean, delimiter: Delimiter, headerLine: number): number | null {
  const records = sampleRecords(sample, delimiter, complete);
  const at = records.findIndex((r) => r.line >= headerLine);
  if (at <= 0) return null;
  const below = records.slice(at);
  return isNarrowHeader(records[at - 1]!, below, dominantCount(below)) ? records[at - 1]!.line : null;
}

/** The table's field count with a delimiter: the most frequent count of 2 or more (the first seen on a tie). */
function dominantCount(records: readonly SampledRecord[]): number {
  const frequency = new Map<number, number>();
  for (const r of records) if (r.count >= 2) frequency.set(r.count, (frequency.get(r.count) ?? 0) + 1);
  let best = 0;
  let bestFrequency = 0;
  for (const [count, n] of frequency) if (n > bestFrequency) [best, bestFrequency] = [count, n];
  return best;
}

const MAX_PREAMBLE_RECORDS = 20;

/**
 * Finds the table, whatever sits above it. For each candidate delimiter the sample is parsed
 * (quote-aware) and the table's width is the most frequent field count over many records, not the
 * first line's; a candidate counts only when most records, or the header, have that width. Above the first record of
 * that width with two filled fields, up to 20 narrower records (a title, `# comments`, lines of
 * delimiters only) are a preamble — only when the records below agree (four in five at least).
 * The candidate whose records agree most wins; ties go to the order of {@link DELIMITERS}.
 * `delimiter` fixes the delimiter; `headerLine` fixes the header.
 */
export function detectTable(sample: string, complete: boolean, options: { delimiter?: Delimiter; headerLine?: number } = {}): TableLayout {
  let best: TableLayout | null = null;
  let bestScore = -1;
  for (const delimiter of options.delimiter ? [options.delimiter] : DELIMITERS) {
    // A candidate that sees only blank lines still takes part (at score 0): ties keep the order.
    const records = sampleRecords(sample, delimiter, complete);
    const width = dominantCount(records);
    let start = 0;
    let trailingEmpty = 0;
    if (options.headerLine !== undefined) {
      start = Math.max(0, records.findIndex((r) => r.line >= options.headerLine!));
    } else if (width >= 2) {
      const found = records.findIndex((r) => r.count === width && r.filled >= 2);
      const below = records.slice(found);
      const preambleIsNarrower = records.slice(0, found).every((r) => r.count < width);
      if (found > 0 && found <= MAX_PREAMBLE_RECORDS && preambleIsNarrower && below.filter((r) => r.count === width).length >= 0.8 * below.length) start = found;
      // The line just above is the header when only a trailing delimiter makes it narrower; never
      // when the wide line found is itself shaped like a header (then a title sits above it).
      if (start > 0 && !records[start]!.headerLike && isNarrowHeader(records[start - 1]!, below, width)) {
        start--;
        trailingEmpty = width - records[start]!.count;
      }
    }
    if (options.headerLine !== undefined && records[start] && width > records[start]!.count && isNarrowHeader({ ...records[start]!, headerLike: true }, records.slice(start + 1), width)) {
      trailingEmpty = width - records[start]!.count;
    }
    const table = records.slice(start);
    // A header narrower only by the data's trailing delimiter agrees with its table.
    const agreeing = table.filter((r) => r.count === width).length + (trailingEmpty > 0 ? 1 : 0);
    // A width that only a minority of records have, and the header does not have, is not the table's
    // (a `;` inside some cells of a one-column file); a ragged file whose header has it still is.
    const score = width >= 2 && (agreeing * 2 > table.length || table[0]?.count === width) ? agreeing : 0;
    if (score > bestScore) {
      bestScore = score;
      const header = table[0] ?? records[0];
      best = {
        delimiter,
        headerLine: options.headerLine ?? header?.line ?? 1,
        columns: score > 0 && header ? header.count : 1,
        uncertain: score === 0 || agreeing < 0.8 * table.length,
        trailingEmpty: score > 0 ? trailingEmpty : 0,
      };
    }
  }
  return best ?? { delimiter: options.delimiter ?? ';', headerLine: options.headerLine ?? 1, columns: 1, uncertain: false, trailingEmpty: 0 };
}
