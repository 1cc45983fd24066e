import { ColumnTracker, type ColumnInfo, type TextReason, headerWords, type NumberConvention } from './column-types.js';
import { CsvParser } from './csv-parser.js';
import { type Delimiter, DELIMITERS, describeDelimiter, detectTable } from './delimiter.js';
import {
  createDecoder,
  describeFileKind,
  detectBom,
  fieldRemap,
  doesNotLookFrench,
  type EncodingSource,
  guessEncoding,
  sniffFileKind,
  type Platform,
  type TextEncoding,
} from './encoding.js';
import { ExtractionError, type ExtractionWarning, type ExtractionWarningCode, frenchTypography } from './errors.js';
import { type ByteSource, readHead } from './source.js';

/** Excel's row limit per sheet, header included. */
export const EXCEL_MAX_ROWS = 1_048_576;
/** Excel's column limit per sheet. */
export const EXCEL_MAX_COLUMNS = 16_384;
/** Excel's limit of characters in one cell. */
export const EXCEL_MAX_CELL_LENGTH = 32_767;

/** Where a conversion is, for progress bars. */
export interface ConversionProgress {
  phase: 'analyze' | 'write' | 'long-values';
  bytesRead: number;
  totalBytes: number | undefined;
}

/** Options shared by {@link analyzeExtraction} and the conversion. */
export interface AnalyzeOptions {
  /** `auto` (default): BOM, then strict UTF-8, else windows-1252. */
  encoding?: TextEncoding | 'auto';
  /** `auto` (default): detected among `;` `,` tab `|` from the data. */
  delimiter?: Delimiter | 'auto';
  /** Columns kept as text whatever their values: header names (any case/accents), 1-based numbers or Excel letters. */
  textColumns?: readonly string[];
  /** Keep every cell as text. */
  raw?: boolean;
  /**
   * How numbers are written: `auto` (default) decides each column from all its values and keeps as
   * text (with `AMBIGUOUS_NUMBER`) a column whose values like `6,718` could mean 6.718 or 6718;
   * `fr` reads `1 234,56`; `en` reads `1,234.56`.
   */
  numbers?: NumberConvention | 'auto';
  /** 1-based line of the header, when the detection of the table (after a title, comments) must be overridden. */
  headerLine?: number;
  /** Data rows per sheet before continuing on the next one (default and maximum: 1,048,575). */
  maxRowsPerSheet?: number;
  /** Bytes between two places where the writing pass may cut the file (default 1 MiB; tests set less). */
  segmentBytes?: number;
  onProgress?: (progress: ConversionProgress) => void;
  signal?: AbortSignal;
  /** Native speed-ups of the host (the Node adapter sets this); the result is the same without. */
  platform?: Platform;
}

/** Everything the first pass learned about an extraction. */
export interface ExtractionAnalysis {
  name: string | undefined;
  bytes: number;
  encoding: TextEncoding;
  encodingSource: EncodingSource;
  /** Bytes of BOM skipped at the start. */
  bomLength: number;
  delimiter: Delimiter;
  /** Number of data rows (header excluded). */
  rows: number;
  columns: ColumnInfo[];
  /** Header cells as written in the workbook (generated names for empty and extra columns). */
  header: string[];
  /** Data rows per sheet. */
  rowsPerSheet: number;
  /**
   * Where the writing pass may cut the file to write parts of a sheet in parallel: the byte offset
   * where a data record starts and its 0-based index, at every sheet start and then at least every
   * `segmentBytes`. For every encoding (a record start is a character boundary); empty only for
   * UTF-8 when a sheet would start inside a record longer than the texts kept.
   */
  cuts: { byte: number; record: number }[];
  sheets: number;
  /** Cells longer than Excel's limit; their full text goes to the `Valeurs longues` sheet. */
  longCells: number;
  blankLines: number;
  /** True when an Excel `sep=` first line gave the delimiter (and was not converted). */
  sepLine: boolean;
  /** 1-based physical line of the header. */
  headerLine: number;
  /** Lines above the header (a title, comments), kept as text: listed in `Informations` and the report. */
  preamble: string[];
  warnings: ExtractionWarning[];
  /** Count of warnings per code (the list itself is capped). */
  warningCounts: Partial<Record<ExtractionWarningCode, number>>;
}

const WARNINGS_KEPT_PER_CODE = 100;
const HEAD_BYTES = 1 << 16;

/**
 * Excel's `sep=;` first line (a hint written by Excel and some exports) is metadata, not data: it
 * decides the delimiter and is not converted.
 */
export function isSepLine(fields: readonly string[], line: number): boolean {
  return line === 1 && fields.length === 2 && fields[0] === 'sep=' && fields[1] === '';
}

const SEP_LINE = /^sep=([;,\t|])\r?\n/;

/** Generated header of the n-th column (1-based). */
export function generatedHeader(n: number): string {
  return `Colonne ${n}`;
}

/** `6,718` read the French way: « 6,718 » (six virgule sept cent dix-huit). */
function frenchReading(value: string): string {
  return `« ${value} »`;
}

/** `6,718` read the English way: « 6 718 ». */
function englishReading(value: string): string {
  return `« ${value.replace(',', '\u202f')} »`;
}

class WarningList {
  readonly list: ExtractionWarning[] = [];
  readonly counts: Partial<Record<ExtractionWarningCode, number>> = {};
  add(warning: ExtractionWarning): void {
    const count = (this.counts[warning.code] ?? 0) + 1;
    this.counts[warning.code] = count;
    if (count <= WARNINGS_KEPT_PER_CODE) this.list.push({ ...warning, message: frenchTypography(warning.message) });
  }
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ExtractionError('ABORTED', 'Conversion interrompue : aucun fichier n\'a été écrit.', { cause: signal.reason });
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

function resolveTextColumns(header: readonly string[], requested: readonly string[]): Set<number> {
  const wanted = new Set<number>();
  const normal = (s: string) => headerWords(s).join(' ');
  for (const item of requested) {
    const name = item.trim();
    if (!name) continue;
    let index = header.indexOf(name);
    if (index === -1) index = header.findIndex((h) => normal(h) === normal(name) && normal(name) !== '');
    if (index === -1 && /^\d+$/.test(name) && Number(name) >= 1 && Number(name) <= header.length) index = Number(name) - 1;
    if (index === -1 && /^[A-Za-z]{1,3}$/.test(name)) {
      // An Excel column letter, as agents see it in the workbook (A, K, AB).
      let n = 0;
      for (const ch of name.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
      if (n >= 1 && n <= header.length) index = n - 1;
    }
    if (index === -1) {
      throw new ExtractionError(
        'USAGE',
        `La colonne « ${name} » demandée dans --text n'existe pas. Colonnes disponibles : ${header.slice(0, 30).join(', ')}${header.length > 30 ? '…' : ''}.`,
        { details: { column: name } },
      );
    }
    wanted.add(index);
  }
  return wanted;
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

/**
 * First pass: reads the whole extraction once, at constant memory, and decides encoding, delimiter,
 * column types (from every value), sheets and warnings. Nothing is written.
 */
export async function analyzeExtraction(source: ByteSource, options: AnalyzeOptions = {}): Promise<ExtractionAnalysis> {
  checkAborted(options.signal);
  const head = await readHead(source, HEAD_BYTES);
  const bom = detectBom(head);
  if (head.byteLength === 0 || (bom && head.byteLength === bom.length)) {
    throw new ExtractionError('EMPTY_INPUT', 'Le fichier est vide : exportez à nouveau l\'extraction depuis le SNE.');
  }
  refuseNonCsv(head);
  const forced = options.encoding && options.encoding !== 'auto' ? options.encoding : undefined;
  const guessed = guessEncoding(head);
  let encoding: TextEncoding = forced ?? guessed.encoding;
  const encodingSource: EncodingSource = forced ? 'forced' : guessed.source;
  const bomLength = bom ? bom.length : 0;

  const sampleDecoder = new TextDecoder(encoding === 'windows-1252' || encoding === 'iso-8859-15' ? 'utf-8' : encoding, { fatal: false, ignoreBOM: true });
  const sample =
    encoding === 'windows-1252' || encoding === 'iso-8859-15'
      ? createDecoder(encoding).decode(head.subarray(bomLength), true)
      : sampleDecoder.decode(head.subarray(bomLength), { stream: true });
  const hint = SEP_LINE.exec(sample);
  const forcedDelimiter = options.delimiter && options.delimiter !== 'auto' ? options.delimiter : hint ? (hint[1] as Delimiter) : undefined;
  const layout = detectTable(sample, head.byteLength < HEAD_BYTES, {
    ...(forcedDelimiter ? { delimiter: forcedDelimiter } : {}),
    ...(options.headerLine !== undefined ? { headerLine: options.headerLine } : {}),
  });
  const settings = { encodingSource, bomLength, delimiter: layout.delimiter, headerLine: layout.headerLine };
  let analysis: ExtractionAnalysis;
  try {
    analysis = await scan(source, options, { ...settings, encoding });
  } catch (error) {
    // UTF-8 was only a guess from the first bytes: a file that turns out not to be UTF-8 further on
    // is read again as windows-1252, the encoding of Excel and of older SNE exports.
    if (!forced && !bom && encoding === 'utf-8' && error instanceof ExtractionError && error.code === 'ENCODING_INVALID') {
      encoding = 'windows-1252';
      analysis = await scan(source, options, { ...settings, encoding });
    } else throw error;
  }
  const garbled = encoding === 'windows-1252' && encodingSource === 'detected' ? doesNotLookFrench(head) : null;
  if (garbled !== null) {
    analysis.warnings.unshift({
      code: 'ENCODING_UNCERTAIN',
      line: null,
      message: frenchTypography(`Ce fichier n'est ni en UTF-8 ni, semble-t-il, en windows-1252 : lu ainsi, son texte ne ressemble pas à du français (par exemple « ${garbled} »). Les cellules sont écrites quand même et chaque octet reste retrouvable ; si le texte est illisible, demandez le fichier en UTF-8 ou indiquez son encodage avec --encoding.`),
    });
    analysis.warningCounts.ENCODING_UNCERTAIN = 1;
  }
  if (layout.uncertain && !forcedDelimiter) {
    const others = DELIMITERS.filter((d) => d !== layout.delimiter).map((d) => `--delimiter ${d === '\t' ? 'tab' : `'${d}'`}`);
    analysis.warnings.unshift({
      code: 'DELIMITER_UNCERTAIN',
      line: layout.headerLine,
      message: frenchTypography(
        layout.columns < 2
          ? `Aucun séparateur ne découpe ce fichier en colonnes : tout est dans une seule colonne. Si c'est une erreur, essayez ${others.join(', ')}.`
          : `Les lignes de ce fichier n'ont pas toutes le même nombre de champs avec le séparateur « ${describeDelimiter(layout.delimiter)} » : vérifiez le classeur, ou essayez ${others.join(', ')}.`,
      ),
    });
    analysis.warningCounts.DELIMITER_UNCERTAIN = 1;
  }
  return analysis;
}

async function scan(
  source: ByteSource,
  options: AnalyzeOptions,
  settings: { encoding: TextEncoding; encodingSource: EncodingSource; bomLength: number; delimiter: Delimiter; headerLine: number },
): Promise<ExtractionAnalysis> {
  const warnings = new WarningList();
  const rowsPerSheet = Math.max(1, Math.min(options.maxRowsPerSheet ?? EXCEL_MAX_ROWS - 1, EXCEL_MAX_ROWS - 1));
  const cuts: { byte: number; record: number }[] = [];
  const singleByte = settings.encoding === 'windows-1252' || settings.encoding === 'iso-8859-15';
  const utf8 = settings.encoding === 'utf-8';
  // UTF-16: two bytes per code unit, surrogate pairs included.
  const utf16 = settings.encoding === 'utf-16le' || settings.encoding === 'utf-16be';
  // The texts being parsed (the current one and the one before) and where they start, in characters
  // and in bytes: a UTF-8 record start is turned into a byte offset from them.
  // Each text remembers how far it was measured, so that the successive record starts of one text
  // are measured once in all (not from its beginning each time).
  type Measured = { text: string; char: number; byte: number; upTo: number; bytesUpTo: number };
  let current: Measured = { text: '', char: 0, byte: settings.bomLength, upTo: 0, bytesUpTo: 0 };
  let previous = current;
  let cutsPossible = singleByte || utf8 || utf16;
  const byteOf = (char: number): number | null => {
    if (singleByte) return settings.bomLength + char;
    if (utf16) return settings.bomLength + 2 * char;
    for (const t of [current, previous]) {
      if (char < t.char || char > t.char + t.text.length) continue;
      const local = char - t.char;
      if (local < t.upTo) {
        t.upTo = 0;
        t.bytesUpTo = 0;
      }
      t.bytesUpTo += utf8Length(t.text, local, t.upTo);
      t.upTo = local;
      return t.byte + t.bytesUpTo;
    }
    return null;
  };
  const segmentBytes = options.segmentBytes ?? 1 << 20;
  let lastCut = -Infinity;
  let lastCutChar = -Infinity;
  let header: string[] | null = null;
  let trackers: ColumnTracker[] = [];
  let textColumns = new Set<number>();
  let rows = 0;
  let blankLines = 0;
  let longCells = 0;
  let headerCount = 0;
  let sepLine = false;
  const preamble: string[] = [];

  const newTracker = (name: string, index: number): ColumnTracker => {
    const text: TextReason | undefined = options.raw ? 'raw' : textColumns.has(index) ? 'forced' : undefined;
    return new ColumnTracker(name, { ...(text ? { text } : {}), numbers: options.numbers ?? 'auto' });
  };
  const tooManyColumns = (count: number, line: number) =>
    new ExtractionError(
      'TOO_MANY_COLUMNS',
      `La ligne ${line} a ${count} colonnes : Excel n'en accepte que ${EXCEL_MAX_COLUMNS}. Vérifiez le séparateur (--delimiter) ou découpez le fichier.`,
      { details: { line, columns: count } },
    );

  const parser = new CsvParser(settings.delimiter, (fields, line) => {
    if (fields.length === 1 && fields[0] === '') {
      blankLines++;
      return;
    }
    if (isSepLine(fields, line)) {
      sepLine = true;
      return;
    }
    if (line < settings.headerLine) {
      // A title or comment above the table: never data, never lost.
      preamble.push(fields.join(settings.delimiter));
      return;
    }
    if (fields.length > EXCEL_MAX_COLUMNS) throw tooManyColumns(fields.length, line);
    if (header === null) {
      headerCount = fields.length;
      const seen = new Map<string, number>();
      header = fields.map((name, i) => {
        if (name.trim() === '') {
          warnings.add({
            code: 'EMPTY_HEADER',
            line,
            column: i + 1,
            message: `La colonne ${i + 1} n'a pas de nom : elle s'appelle « ${generatedHeader(i + 1)} » dans le classeur.`,
          });
          return name === '' ? generatedHeader(i + 1) : name;
        }
        const first = seen.get(name);
        if (first !== undefined) {
          warnings.add({
            code: 'DUPLICATE_HEADER',
            line,
            column: i + 1,
            message: `Le nom de colonne « ${name} » apparaît deux fois (colonnes ${first + 1} et ${i + 1}) : les deux sont conservées.`,
          });
        } else {
          seen.set(name, i);
        }
        return name;
      });
      header.forEach((name, i) => {
        if (name.length > EXCEL_MAX_CELL_LENGTH) {
          longCells++;
          warnings.add({
            code: 'CELL_TOO_LONG',
            line,
            column: i + 1,
            message: `Le nom de la colonne ${i + 1} fait ${name.length} caractères, plus que les ${EXCEL_MAX_CELL_LENGTH} qu'Excel affiche : l'en-tête montre le début ; le texte complet est dans la feuille « Valeurs longues ».`,
          });
        }
      });
      textColumns = resolveTextColumns(header, options.textColumns ?? []);
      trackers = header.map((name, i) => newTracker(name, i));
      return;
    }
    if (cutsPossible) {
      const mustCut = rows % rowsPerSheet === 0;
      // Cheap test first: in characters, a segment is at least as long as in bytes… for one-byte text.
      if (mustCut || parser.recordStart - lastCutChar >= segmentBytes / 4) {
        const byte = byteOf(parser.recordStart);
        if (byte === null) {
          // A record longer than the texts kept (a huge quoted field): no cut there.
          if (mustCut) cutsPossible = false;
        } else if (mustCut || byte - lastCut >= segmentBytes) {
          cuts.push({ byte, record: rows });
          lastCut = byte;
          lastCutChar = parser.recordStart;
        }
      }
    }
    rows++;
    if (fields.length !== headerCount) {
      warnings.add({
        code: 'RAGGED_ROW',
        line,
        message:
          fields.length > headerCount
            ? `La ligne ${line} a ${fields.length} champs au lieu de ${headerCount} : les champs en trop sont gardés dans des colonnes ajoutées.`
            : `La ligne ${line} a ${fields.length} champs au lieu de ${headerCount} : les cellules manquantes restent vides.`,
      });
      const h = header as string[];
      while (trackers.length < fields.length) {
        const name = generatedHeader(trackers.length + 1);
        h.push(name);
        trackers.push(newTracker(name, trackers.length));
      }
    }
    for (let i = 0; i < fields.length; i++) {
      const value = fields[i]!;
      trackers[i]!.add(value);
      if (value.length > EXCEL_MAX_CELL_LENGTH) {
        longCells++;
        warnings.add({
          code: 'CELL_TOO_LONG',
          line,
          column: i + 1,
          message: `Ligne ${line}, colonne ${i + 1} : ${value.length} caractères, plus que les ${EXCEL_MAX_CELL_LENGTH} qu'Excel affiche. La cellule montre le début ; le texte complet est dans la feuille « Valeurs longues ».`,
        });
      }
    }
  }, fieldRemap(settings.encoding, options.platform));

  let bytes = 0;
  let chars = 0;
  for await (const text of decodeSource(source, settings.encoding, settings.bomLength, {
    signal: options.signal,
    platform: options.platform,
    raw: true,
    onText: (text, byteStart) => {
      previous = current;
      current = { text, char: chars, byte: byteStart, upTo: 0, bytesUpTo: 0 };
      chars += text.length;
    },
    onBytes: (read) => {
      bytes = read;
      options.onProgress?.({ phase: 'analyze', bytesRead: read, totalBytes: source.size });
    },
  })) {
    parser.push(text);
  }
  parser.end();

  if (header === null) {
    throw new ExtractionError('EMPTY_INPUT', 'Le fichier ne contient aucune donnée (seulement des lignes vides) : exportez à nouveau l\'extraction.');
  }
  for (const line of parser.malformedQuoteLines) {
    warnings.add({
      code: 'MALFORMED_QUOTE',
      line,
      message: `Ligne ${line} : du texte suit un guillemet fermant (« "abc"def ») ; la cellule contient ce qu'Excel y lit (abcdef). Vérifiez cette ligne dans le fichier d'origine.`,
    });
  }
  if (parser.malformedQuoteCount > parser.malformedQuoteLines.length) {
    warnings.counts.MALFORMED_QUOTE = parser.malformedQuoteCount;
  }
  if (parser.unclosedQuoteLine) {
    warnings.add({
      code: 'UNCLOSED_QUOTE',
      line: parser.unclosedQuoteLine,
      message: `Un guillemet ouvert ligne ${parser.unclosedQuoteLine} n'est jamais refermé : tout le texte qui suit est gardé dans ce champ. Vérifiez la fin du fichier.`,
    });
  }
  if (blankLines > 0) {
    warnings.add({ code: 'BLANK_LINES_SKIPPED', line: null, message: `${blankLines} ligne(s) vide(s) ignorée(s).` });
  }
  const sheets = Math.max(1, Math.ceil(rows / rowsPerSheet));
  if (sheets > 1) {
    warnings.add({
      code: 'SHEET_SPLIT',
      line: null,
      message: `${rows} lignes dépassent la limite d'une feuille Excel : les données continuent sur ${sheets} feuilles (« Extraction », « Extraction (2) »…), l'en-tête répété sur chacune.`,
    });
  }
  const columns = trackers.map((t) => t.result());
  columns.forEach((column, i) => {
    if (column.excelDamage) {
      const { example, count } = column.excelDamage;
      warnings.add({
        code: 'EXCEL_DAMAGED',
        line: null,
        column: i + 1,
        message: `Colonne « ${column.name} » : ${count} numéro${count > 1 ? 's' : ''} unique${count > 1 ? 's' : ''} comme « ${example} » ${count > 1 ? 'ont' : 'a'} déjà été abîmé${count > 1 ? 's' : ''} par Excel avant la conversion (notation scientifique ou zéro initial perdu) : les chiffres perdus ne peuvent pas être retrouvés. ${count > 1 ? 'Ils sont gardés' : 'Il est gardé'} tel${count > 1 ? 's' : ''} quel${count > 1 ? 's' : ''}, en texte. Exportez à nouveau l'extraction depuis le SNE et convertissez-la sans l'ouvrir dans Excel.`,
      });
    }
    if (column.ambiguousNumber === undefined) return;
    warnings.add({
      code: 'AMBIGUOUS_NUMBER',
      line: null,
      column: i + 1,
      message: `Colonne « ${column.name} » : des nombres comme « ${column.ambiguousNumber} » se lisent ${frenchReading(column.ambiguousNumber)} à la française et ${englishReading(column.ambiguousNumber)} à l'anglaise, et aucune valeur de la colonne ne tranche : elle est gardée en texte. Si vous savez lesquels, relancez avec --numbers fr ou --numbers en (ou --text pour la garder en texte sans avertissement).`,
    });
  });
  return {
    name: source.name,
    bytes,
    encoding: settings.encoding,
    encodingSource: settings.encodingSource,
    bomLength: settings.bomLength,
    delimiter: settings.delimiter,
    rows,
    columns,
    header: header as string[],
    rowsPerSheet,
    cuts: cutsPossible ? cuts : [],
    sheets,
    longCells,
    blankLines,
    sepLine,
    headerLine: settings.headerLine,
    preamble,
    warnings: warnings.list,
    warningCounts: warnings.counts,
  };
}
