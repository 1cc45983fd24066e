import { type ExtractionAnalysis, EXCEL_MAX_CELL_LENGTH, EXCEL_MAX_COLUMNS, type ConversionProgress, decodeSource, isSepLine } from './analyze.js';
import { type ColumnInfo, fastDateSerial, isPlainInteger, type NumberConvention, parseDate, parseNumber } from './column-types.js';
import { CsvParser } from './csv-parser.js';
import { describeDelimiter } from './delimiter.js';
import { createDecoder, fieldRemap, type Platform } from './encoding.js';
import { ExtractionError } from './errors.js';
import { columnLetters, escapeCellText, escapeXml, needsPreserve } from './ooxml-text.js';
import type { ByteSource } from './source.js';
import { HEADER_STYLE, StyleSheet } from './styles.js';
import { type CompressedPiece, type Deflater, ZipWriter, webDeflate } from './zip-writer.js';
import { utf8Bytes, XmlBytes } from './xml-bytes.js';

/** Options of the writing pass. */
export interface WriteOptions {
  /** Native speed-ups of the host (the Node adapter sets this); the result is the same without. */
  platform?: Platform;
  /** Raw DEFLATE implementation; defaults to the web `CompressionStream`. Node passes zlib. */
  deflate?: Deflater;
  signal?: AbortSignal;
  onProgress?: (progress: ConversionProgress) => void;
  /** Conversion date shown in the `Informations` sheet (default: now). */
  now?: Date;
  /**
   * Writes the rows of a data sheet in parallel, already compressed (the Node adapter gives one that
   * runs worker threads). Used when the analysis found places to cut the file (`cuts`).
   */
  parallel?: ParallelSheetWriter;
}

/** Rows `firstRow`… of a sheet, from the bytes `[start, end)` of the source, which hold `records` records. */
export interface SheetSegment {
  start: number;
  end: number;
  firstRow: number;
  records: number;
}

/** The parts of one data sheet, for a {@link ParallelSheetWriter}. */
export interface SheetJob {
  /** Everything before the data rows, and everything after, as UTF-8 bytes. */
  prologue: Uint8Array;
  epilogue: Uint8Array;
  segments: SheetSegment[];
}

/**
 * Compresses a sheet as pieces in order: the prologue, each segment's rows (see {@link writeSegment}),
 * and the epilogue, the last piece closing the DEFLATE stream.
 */
export interface ParallelSheetWriter {
  sheet(job: SheetJob, analysis: ExtractionAnalysis): AsyncIterable<CompressedPiece>;
}

/** Name of the n-th data sheet (0-based): `Extraction`, `Extraction (2)`… */
export function dataSheetName(index: number): string {
  return index === 0 ? 'Extraction' : `Extraction (${index + 1})`;
}
/** Sheet holding the full text of cells longer than Excel's limit. */
export const LONG_VALUES_SHEET = 'Valeurs longues';
/** Last sheet: what the conversion did, for an agent without a terminal. */
export const INFO_SHEET = 'Informations';

const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const FLUSH_AT = 1 << 17;
const encoder = new TextEncoder();

const KIND_TEXT = 0;
const KIND_NUMBER = 1;
const KIND_DATE = 2;

interface ColumnPlan {
  /** `<c r="B` — the cell up to its row number, as bytes. */
  open: Uint8Array;
  /** `" s="3"><v>` — after the row number, for a number or date cell. */
  valueTail: Uint8Array;
  /** `" s="5" t="inlineStr"><is><t>` (and with `xml:space="preserve"`) for a text cell of a text column. */
  textTail: Uint8Array;
  textTailPreserve: Uint8Array;
  /** For a column in the shared-strings table: each value → the bytes of its index, and `" s="5" t="s"><v>`. */
  shared: Map<string, Uint8Array> | null;
  sharedTail: Uint8Array;
  kind: number;
  style: number;
  /** How the column's numbers are written (`1 234,56` or `1,234.56`). */
  numbers: NumberConvention;
}

/**
 * The shared-strings table: the distinct values of the text columns that have few (`shared`), in
 * column order then first-seen order, each once. Deterministic, so that worker threads writing parts
 * of a sheet compute the same indexes from the same columns.
 */
export function sharedStrings(columns: readonly ColumnInfo[]): { strings: string[]; index: Map<string, number> } {
  const index = new Map<string, number>();
  const strings: string[] = [];
  for (const column of columns) {
    if (column.type !== 'text' || !column.shared) continue;
    for (const value of column.shared) {
      if (index.has(value)) continue;
      index.set(value, strings.length);
      strings.push(value);
    }
  }
  return { strings, index };
}

function planColumns(columns: readonly ColumnInfo[], styles: StyleSheet): ColumnPlan[] {
  const table = sharedStrings(columns).index;
  return columns.map((column, i) => {
    const style = styles.styleForColumn(column);
    const s = style ? ` s="${style}"` : '';
    const shared = column.type === 'text' && column.shared ? new Map(column.shared.map((value) => [value, utf8Bytes(String(table.get(value)))])) : null;
    return {
      open: utf8Bytes(`<c r="${columnLetters(i)}`),
      valueTail: utf8Bytes(`"${s}><v>`),
      textTail: utf8Bytes(`"${s} t="inlineStr"><is><t>`),
      textTailPreserve: utf8Bytes(`"${s} t="inlineStr"><is><t xml:space="preserve">`),
      shared,
      sharedTail: utf8Bytes(`"${s} t="s"><v>`),
      kind: column.type === 'integer' || column.type === 'decimal' ? KIND_NUMBER : column.type === 'date' || column.type === 'datetime' ? KIND_DATE : KIND_TEXT,
      style,
      numbers: column.numbers ?? 'fr',
    };
  });
}

/** `xl/sharedStrings.xml`, or null when no column uses it. */
function sharedStringsXml(columns: readonly ColumnInfo[]): string | null {
  const { strings } = sharedStrings(columns);
  if (strings.length === 0) return null;
  let xml = XML_DECL + `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="${strings.length}">`;
  for (const value of strings) xml += `<si><t${needsPreserve(value) ? ' xml:space="preserve"' : ''}>${escapeCellText(value)}</t></si>`;
  return xml + '</sst>';
}

/** Cuts a value to Excel's cell limit without splitting a surrogate pair. */
export function truncateForCell(value: string): string {
  if (value.length <= EXCEL_MAX_CELL_LENGTH) return value;
  let end = EXCEL_MAX_CELL_LENGTH;
  const code = value.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return value.slice(0, end);
}

function textCell(ref: string, value: string, style = 0): string {
  return textCellAttrs(` r="${ref}"`, value, style);
}

function textCellAttrs(attrs: string, value: string, style = 0): string {
  const text = escapeCellText(truncateForCell(value));
  return `<c${attrs}${style ? ` s="${style}"` : ''} t="inlineStr"><is><t${needsPreserve(value) ? ' xml:space="preserve"' : ''}>${text}</t></is></c>`;
}

const ROW_OPEN = utf8Bytes('<row r="');
const QUOTE_GT = utf8Bytes('">');
const ROW_CLOSE = utf8Bytes('</row>');
const VALUE_CLOSE = utf8Bytes('</v></c>');
const TEXT_CLOSE = utf8Bytes('</t></is></c>');
const TEXT_TAIL = utf8Bytes('" t="inlineStr"><is><t>');
const TEXT_TAIL_PRESERVE = utf8Bytes('" t="inlineStr"><is><t xml:space="preserve">');

/**
 * Serialises one data row straight into bytes. Every cell carries its reference: OOXML makes it
 * optional, but readers such as exceljs fail without it. Values that fail their column's parser
 * (impossible after analysis) stay text. The bytes are those of the string form
 * `<c r="B12" s="3" t="inlineStr"><is><t>…</t></is></c>` encoded as UTF-8.
 */
function writeRow(out: XmlBytes, rowNumber: number, fields: readonly string[], plans: readonly ColumnPlan[]): void {
  const row = String(rowNumber);
  out.bytes(ROW_OPEN);
  out.ascii(row);
  out.bytes(QUOTE_GT);
  for (let i = 0; i < fields.length; i++) {
    const value = fields[i]!;
    if (value === '') continue;
    const plan = plans[i]!;
    if (plan.kind === KIND_NUMBER || plan.kind === KIND_DATE) {
      const number = plan.kind === KIND_NUMBER ? numberXml(value, plan.numbers) : dateSerial(value);
      if (number !== null) {
        out.bytes(plan.open);
        out.ascii(row);
        out.bytes(plan.valueTail);
        out.ascii(typeof number === 'number' ? String(number) : number);
        out.bytes(VALUE_CLOSE);
        continue;
      }
    }
    if (plan.shared !== null) {
      const index = plan.shared.get(value);
      if (index !== undefined) {
        out.bytes(plan.open);
        out.ascii(row);
        out.bytes(plan.sharedTail);
        out.bytes(index);
        out.bytes(VALUE_CLOSE);
        continue;
      }
    }
    const styled = plan.kind === KIND_TEXT && plan.style !== 0;
    out.bytes(plan.open);
    out.ascii(row);
    out.bytes(needsPreserve(value) ? (styled ? plan.textTailPreserve : TEXT_TAIL_PRESERVE) : styled ? plan.textTail : TEXT_TAIL);
    out.cellText(value, truncateForCell);
    out.bytes(TEXT_CLOSE);
  }
  out.bytes(ROW_CLOSE);
}

/** `<v>` text of a number cell; plain integers (the common case) are their own text. */
function numberXml(value: string, convention: NumberConvention): string | null {
  return isPlainInteger(value) ? value : (parseNumber(value, convention)?.xml ?? null);
}

/** Excel serial of a date cell: the SNE's `dd/mm/yyyy[ hh:mm[:ss]]` without a regular expression. */
export function dateSerial(value: string): number | null {
  const fast = fastDateSerial(value);
  return fast !== undefined ? fast : (parseDate(value)?.serial ?? null);
}

function columnWidth(column: ColumnInfo, header: string): number {
  let content = column.maxLength;
  if (column.type === 'date') content = 10;
  else if (column.type === 'datetime') content = column.seconds ? 19 : 16;
  else if (column.type === 'integer' || column.type === 'decimal') content += 2;
  // Room for the header and its filter button.
  const width = Math.max(content, Math.min(header.length, 40) + 3, 6) + 1.5;
  return Math.min(width, 60);
}

export interface Rec {
  fields: string[];
  line: number;
}

/** @internal Data records of the source (header and blank lines skipped), in batches of one decoded chunk. */
export async function* dataRecords(source: ByteSource, analysis: ExtractionAnalysis, options: WriteOptions, phase: ConversionProgress['phase']): AsyncGenerator<Rec[]> {
  let batch: Rec[] = [];
  let headerSeen = false;
  const parser = new CsvParser(analysis.delimiter, (fields, line) => {
    if (fields.length === 1 && fields[0] === '') return;
    if (isSepLine(fields, line)) return;
    if (line < analysis.headerLine) return;
    if (!headerSeen) {
      headerSeen = true;
      return;
    }
    if (fields.length > EXCEL_MAX_COLUMNS) throw inputChanged();
    batch.push({ fields, line });
  }, fieldRemap(analysis.encoding, options.platform));
  for await (const text of decodeSource(source, analysis.encoding, analysis.bomLength, {
    signal: options.signal,
    platform: options.platform,
    raw: true,
    onBytes: (bytesRead) => options.onProgress?.({ phase, bytesRead, totalBytes: source.size }),
  })) {
    parser.push(text);
    if (batch.length > 0) {
      yield batch;
      batch = [];
    }
  }
  parser.end();
  if (batch.length > 0) yield batch;
}

function inputChanged(): ExtractionError {
  return new ExtractionError(
    'INPUT_CHANGED',
    'Le fichier a changé pendant la conversion (modifié, tronqué ou supprimé). Attendez la fin de l\'export ou de la copie, puis relancez.',
  );
}

/** Pulls records across sheet boundaries from one pass over the source. */
class RecordFeed {
  batch: Rec[] = [];
  pos = 0;
  private finished = false;
  constructor(private readonly iterator: AsyncIterator<Rec[]>) {}

  async ready(): Promise<boolean> {
    while (this.pos >= this.batch.length) {
      if (this.finished) return false;
      const next = await this.iterator.next();
      if (next.done) {
        this.finished = true;
        return false;
      }
      this.batch = next.value;
      this.pos = 0;
    }
    return true;
  }
}

/**
 * No green triangle on text that looks like a number (a numéro unique, a code postal `09000`): one
 * click on Excel's « Convertir en nombre » would destroy it. Covers the text columns down to the
 * last row Excel has, so later entries are covered too.
 */
function ignoredErrors(plans: readonly ColumnPlan[]): string {
  const ranges: string[] = [];
  for (let i = 0; i < plans.length; i++) {
    if (plans[i]!.kind !== KIND_TEXT) continue;
    let j = i;
    while (j + 1 < plans.length && plans[j + 1]!.kind === KIND_TEXT) j++;
    ranges.push(`${columnLetters(i)}1:${columnLetters(j)}1048576`);
    i = j;
  }
  return ranges.length ? `<ignoredErrors><ignoredError sqref="${ranges.join(' ')}" numberStoredAsText="1"/></ignoredErrors>` : '';
}

function sheetPrologue(columns: readonly ColumnInfo[], header: readonly string[], lastRow: number, selected: boolean, plans: readonly ColumnPlan[]): string {
  const lastCol = columnLetters(Math.max(columns.length, 1) - 1);
  // A text column's style on the column itself: what is typed there later stays text.
  const cols = columns
    .map((c, i) => {
      const plan = plans[i];
      const style = plan && plan.kind === KIND_TEXT && plan.style ? ` style="${plan.style}"` : '';
      return `<col min="${i + 1}" max="${i + 1}" width="${columnWidth(c, header[i] ?? '').toFixed(2)}"${style} customWidth="1"/>`;
    })
    .join('');
  return (
    XML_DECL +
    `<worksheet ${NS}><dimension ref="A1:${lastCol}${lastRow}"/>` +
    `<sheetViews><sheetView${selected ? ' tabSelected="1"' : ''} workbookViewId="0">` +
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    (cols ? `<cols>${cols}</cols>` : '') +
    '<sheetData>' +
    `<row r="1">${header.map((h, i) => textCell(`${columnLetters(i)}1`, h, HEADER_STYLE)).join('')}</row>`
  );
}

function sheetEpilogue(analysis: ExtractionAnalysis, lastRow: number, plans: readonly ColumnPlan[]): string {
  const lastCol = columnLetters(Math.max(analysis.columns.length, 1) - 1);
  return `</sheetData><autoFilter ref="A1:${lastCol}${lastRow}"/>${ignoredErrors(plans)}</worksheet>`;
}

/**
 * Writes the `<row>` elements of one segment of a data sheet into `out`, from the bytes of that
 * segment alone: a fresh decoder and parser start at a record start found by the first pass (`cuts`),
 * and write exactly the bytes the sequential pass writes for those rows. A segment that does not hold
 * the `records` it held in the first pass means the file changed: `INPUT_CHANGED`.
 *
 * The whole segment goes into `out` (about 5 MB of XML per MiB of CSV), to be compressed in one call:
 * a thread that reuses its `out` from segment to segment makes no garbage of it.
 */
export async function writeSegment(
  chunks: AsyncIterable<Uint8Array>,
  analysis: Pick<ExtractionAnalysis, 'columns' | 'encoding' | 'delimiter'>,
  segment: Pick<SheetSegment, 'firstRow' | 'records'>,
  out: XmlBytes,
  options: { platform?: Platform; signal?: AbortSignal } = {},
): Promise<void> {
  const plans = planColumns(analysis.columns, new StyleSheet());
  const decoder = createDecoder(analysis.encoding, options.platform, { raw: true });
  let row = segment.firstRow;
  let seen = 0;
  let changed = false;
  const parser = new CsvParser(analysis.delimiter, (fields) => {
    if (fields.length === 1 && fields[0] === '') return;
    if (fields.length > EXCEL_MAX_COLUMNS || seen >= segment.records) {
      changed = true;
      return;
    }
    writeRow(out, row++, fields, plans);
    seen++;
  }, fieldRemap(analysis.encoding, options.platform));
  for await (const chunk of chunks) {
    if (options.signal?.aborted) throw new ExtractionError('ABORTED', 'Conversion interrompue : aucun fichier n\'a été écrit.');
    parser.push(decoder.decode(chunk));
    if (changed) throw inputChanged();
  }
  parser.push(decoder.decode(new Uint8Array(0), true));
  parser.end();
  if (changed || seen !== segment.records) throw inputChanged();
}

/** Reports writing progress as the pieces of a sheet come back: piece k + 1 is segment k. */
async function* withProgress(pieces: AsyncIterable<CompressedPiece>, job: SheetJob, source: ByteSource, options: WriteOptions): AsyncGenerator<CompressedPiece> {
  let k = 0;
  for await (const piece of pieces) {
    const segment = job.segments[k - 1];
    if (segment) options.onProgress?.({ phase: 'write', bytesRead: segment.end, totalBytes: source.size });
    k++;
    yield piece;
  }
}

/** The segments of data sheet `s`, from the first pass's cuts. */
function sheetSegments(analysis: ExtractionAnalysis, s: number): SheetSegment[] {
  const first = s * analysis.rowsPerSheet;
  const last = Math.min(first + analysis.rowsPerSheet, analysis.rows);
  const cuts = analysis.cuts;
  const segments: SheetSegment[] = [];
  for (let k = 0; k < cuts.length; k++) {
    const cut = cuts[k]!;
    if (cut.record < first || cut.record >= last) continue;
    const next = cuts[k + 1];
    segments.push({ start: cut.byte, end: next ? next.byte : analysis.bytes, firstRow: cut.record - first + 2, records: (next ? next.record : analysis.rows) - cut.record });
  }
  return segments;
}

async function* dataSheet(
  feed: RecordFeed,
  analysis: ExtractionAnalysis,
  plans: readonly ColumnPlan[],
  rowsInSheet: number,
  selected: boolean,
): AsyncGenerator<Uint8Array> {
  const lastRow = rowsInSheet + 1;
  const out = new XmlBytes(2 * FLUSH_AT);
  out.utf8(sheetPrologue(analysis.columns, analysis.header, lastRow, selected, plans));
  let row = 1;
  while (row < lastRow) {
    if (!(await feed.ready())) throw inputChanged();
    const batch = feed.batch;
    let pos = feed.pos;
    while (pos < batch.length && row < lastRow) {
      row++;
      writeRow(out, row, batch[pos]!.fields, plans);
      pos++;
      if (out.pos > FLUSH_AT) {
        feed.pos = pos;
        yield out.take();
      }
    }
    feed.pos = pos;
  }
  out.utf8(sheetEpilogue(analysis, lastRow, plans));
  yield out.take();
}

/** A cell of the small sheets (`Informations`, `Valeurs longues`). */
type InfoCell = string | number | { serial: number; style: number } | null;

function simpleSheet(rows: readonly (readonly InfoCell[])[], widths: readonly number[], boldRows: ReadonlySet<number>): string {
  let xml = XML_DECL + `<worksheet ${NS}><sheetFormatPr defaultRowHeight="15"/>`;
  if (widths.length) xml += `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`;
  xml += '<sheetData>';
  rows.forEach((cells, r) => {
    const n = r + 1;
    xml += `<row r="${n}">`;
    cells.forEach((cell, c) => {
      if (cell === null || cell === '') return;
      const ref = columnLetters(c) + n;
      if (typeof cell === 'string') xml += textCell(ref, cell, boldRows.has(r) ? HEADER_STYLE : 0);
      else if (typeof cell === 'number') xml += `<c r="${ref}"><v>${cell}</v></c>`;
      else xml += `<c r="${ref}" s="${cell.style}"><v>${cell.serial}</v></c>`;
    });
    xml += '</row>';
  });
  return xml + '</sheetData></worksheet>';
}

const TYPE_LABELS: Record<ColumnInfo['type'], string> = {
  text: 'texte',
  integer: 'nombre entier',
  decimal: 'nombre décimal',
  date: 'date',
  datetime: 'date et heure',
  empty: 'vide',
};

/** French remarks for the reasons a column is text (Informations sheet, `inspect`). */
export const REASON_LABELS: Record<string, string> = {
  raw: 'tout en texte (--raw)',
  forced: 'texte demandé (--text)',
  'identifier-header': 'identifiant (nom de colonne) : gardé en texte',
  'numero-unique': 'numéro unique : gardé en texte',
  'leading-zero': 'zéro en tête : gardé en texte',
  'too-many-digits': 'plus de 15 chiffres : gardé en texte',
  'invalid-date': 'date impossible ou hors des limites d\'Excel : gardé en texte',
  'ambiguous-number': 'nombres ambigus (6,718 : virgule décimale ou séparateur de milliers ?) : gardé en texte',
};

/** French label of a column type. */
export function columnTypeLabel(column: ColumnInfo): string {
  return TYPE_LABELS[column.type];
}

/** French remark explaining why a column is text, if any. */
export function columnReasonLabel(column: ColumnInfo): string {
  return column.reason ? (REASON_LABELS[column.reason] ?? '') : '';
}

function localSerial(date: Date): number {
  // The conversion date is shown in the user's own time zone: build the serial from local parts.
  const days = Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / 86_400_000 + 25_569;
  return days + (date.getHours() * 3600 + date.getMinutes() * 60 + date.getSeconds()) / 86_400;
}

const ENCODING_SOURCES = { bom: 'marque BOM', detected: 'détecté', forced: 'imposé' } as const;

function infoSheet(analysis: ExtractionAnalysis, styles: StyleSheet, now: Date): string {
  const when = { serial: localSerial(now), style: styles.styleFor('[$-40C]dd/mm/yyyy hh:mm:ss') };
  const rows: InfoCell[][] = [
    ['Conversion d\'une extraction SNE', null],
    ['Fichier source', analysis.name ?? '(flux)'],
    ['Taille (octets)', analysis.bytes],
    ['Encodage', `${analysis.encoding} (${ENCODING_SOURCES[analysis.encodingSource]})`],
    ['Séparateur', `${describeDelimiter(analysis.delimiter)}${analysis.sepLine ? ' (donné par la ligne « sep= » d\'Excel, non convertie)' : ''}`],
    ['Lignes de données', analysis.rows],
    ['Colonnes', analysis.columns.length],
    ['Feuilles de données', analysis.sheets],
    ['Date de conversion', when],
    ['Avertissements', analysis.warnings.length ? Object.values(analysis.warningCounts).reduce((a, b) => a + (b ?? 0), 0) : 'aucun'],
    [],
    ['N°', 'Colonne', 'Type', 'Remarque'],
  ];
  const bold = new Set([0, rows.length - 1]);
  analysis.columns.forEach((c, i) => rows.push([i + 1, analysis.header[i] ?? c.name, columnTypeLabel(c), columnReasonLabel(c)]));
  if (analysis.preamble.length) {
    // Lines above the table (a title, comments): not data, but never lost.
    rows.push([]);
    bold.add(rows.length);
    rows.push(['Lignes avant l\'en-tête', 'Ligne', 'Texte']);
    analysis.preamble.forEach((text, i) => rows.push([null, i + 1, text]));
  }
  if (analysis.warnings.length) {
    rows.push([]);
    bold.add(rows.length);
    rows.push(['Code', 'Ligne', 'Message']);
    for (const w of analysis.warnings) rows.push([w.code, w.line, w.message]);
    const kept = analysis.warnings.length;
    const total = Object.values(analysis.warningCounts).reduce((a, b) => a + (b ?? 0), 0);
    if (total > kept) rows.push(['…', null, `${total - kept} autre(s) avertissement(s) du même type non listé(s).`]);
  }
  return simpleSheet(rows, [24, 40, 18, 60], bold);
}

async function* longValuesSheet(source: ByteSource, analysis: ExtractionAnalysis, options: WriteOptions): AsyncGenerator<Uint8Array> {
  const head = ['Feuille', 'Cellule', 'Ligne du fichier', 'Longueur'];
  let xml = XML_DECL + `<worksheet ${NS}><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>`;
  xml += `<row r="1">${head.map((h, i) => textCell(`${columnLetters(i)}1`, h, HEADER_STYLE)).join('')}<c r="E1" s="${HEADER_STYLE}" t="inlineStr"><is><t>Texte complet (parties à mettre bout à bout)</t></is></c></row>`;
  let out = 1;
  let index = 0;
  const longRow = (sheet: string, cell: string, line: number, value: string) => {
    out++;
    let row = `<row r="${out}">` + textCell(`A${out}`, sheet) + textCell(`B${out}`, cell);
    row += `<c r="C${out}"><v>${line}</v></c><c r="D${out}"><v>${value.length}</v></c>`;
    let col = 4;
    for (let start = 0; start < value.length && col < EXCEL_MAX_COLUMNS; col++) {
      const part = truncateForCell(value.slice(start, start + EXCEL_MAX_CELL_LENGTH));
      row += textCell(columnLetters(col) + out, part);
      start += part.length;
    }
    return row + '</row>';
  };
  analysis.header.forEach((name, i) => {
    if (name.length > EXCEL_MAX_CELL_LENGTH) xml += longRow(dataSheetName(0), `${columnLetters(i)}1`, 1, name);
  });
  for await (const batch of dataRecords(source, analysis, options, 'long-values')) {
    for (const { fields, line } of batch) {
      const sheet = Math.floor(index / analysis.rowsPerSheet);
      const rowNumber = (index % analysis.rowsPerSheet) + 2;
      index++;
      for (let i = 0; i < fields.length; i++) {
        const value = fields[i]!;
        if (value.length <= EXCEL_MAX_CELL_LENGTH) continue;
        xml += longRow(dataSheetName(sheet), columnLetters(i) + rowNumber, line, value);
        if (xml.length > FLUSH_AT) {
          yield encoder.encode(xml);
          xml = '';
        }
      }
    }
  }
  yield encoder.encode(xml + '</sheetData></worksheet>');
}

function workbookParts(sheetNames: readonly string[], dataSheets: number, analysis: ExtractionAnalysis, shared: boolean): { workbook: string; rels: string; types: string } {
  const lastCol = columnLetters(Math.max(analysis.columns.length, 1) - 1);
  const sheets = sheetNames.map((name, i) => `<sheet name="${escapeXml(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  const filters = Array.from({ length: dataSheets }, (_, i) => {
    const rows = Math.min(analysis.rowsPerSheet, analysis.rows - i * analysis.rowsPerSheet);
    return `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">'${sheetNames[i]}'!$A$1:$${lastCol}$${Math.max(rows, 0) + 1}</definedName>`;
  }).join('');
  const workbook =
    XML_DECL +
    `<workbook ${NS}><bookViews><workbookView activeTab="0"/></bookViews><sheets>${sheets}</sheets>` +
    `<definedNames>${filters}</definedNames><calcPr calcId="191029"/></workbook>`;
  const rels =
    XML_DECL +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    sheetNames
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join('') +
    `<Relationship Id="rId${sheetNames.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
    (shared ? `<Relationship Id="rId${sheetNames.length + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` : '') +
    '</Relationships>';
  const types =
    XML_DECL +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    (shared ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : '') +
    sheetNames
      .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
      .join('') +
    '</Types>';
  return { workbook, rels, types };
}

const ROOT_RELS =
  XML_DECL +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  '</Relationships>';

/**
 * Second pass: streams the `.xlsx` (a zip) while reading the source again. Memory stays flat: rows are
 * serialised as they are parsed and compressed as they are produced, and the consumer paces the whole
 * chain by pulling. A third pass runs only when some cell is longer than Excel's limit.
 */
export async function* writeWorkbook(source: ByteSource, analysis: ExtractionAnalysis, options: WriteOptions = {}): AsyncGenerator<Uint8Array> {
  const now = options.now ?? new Date();
  const zip = new ZipWriter(options.deflate ?? webDeflate, now, options.platform?.crc32);
  const styles = new StyleSheet();
  const plans = planColumns(analysis.columns, styles);
  const info = infoSheet(analysis, styles, now);
  const names = Array.from({ length: analysis.sheets }, (_, i) => dataSheetName(i));
  if (analysis.longCells > 0) names.push(LONG_VALUES_SHEET);
  names.push(INFO_SHEET);
  const sst = sharedStringsXml(analysis.columns);
  const parts = workbookParts(names, analysis.sheets, analysis, sst !== null);

  yield* zip.entry('[Content_Types].xml', encoder.encode(parts.types));
  yield* zip.entry('_rels/.rels', encoder.encode(ROOT_RELS));
  yield* zip.entry('xl/workbook.xml', encoder.encode(parts.workbook));
  yield* zip.entry('xl/_rels/workbook.xml.rels', encoder.encode(parts.rels));
  yield* zip.entry('xl/styles.xml', encoder.encode(styles.toXml()));
  if (sst !== null) yield* zip.entry('xl/sharedStrings.xml', encoder.encode(sst));

  if (options.parallel && analysis.cuts.length > 0 && analysis.rows > 0) {
    for (let s = 0; s < analysis.sheets; s++) {
      const lastRow = Math.min(analysis.rowsPerSheet, analysis.rows - s * analysis.rowsPerSheet) + 1;
      const job: SheetJob = {
        prologue: utf8Bytes(sheetPrologue(analysis.columns, analysis.header, lastRow, s === 0, plans)),
        epilogue: utf8Bytes(sheetEpilogue(analysis, lastRow, plans)),
        segments: sheetSegments(analysis, s),
      };
      options.onProgress?.({ phase: 'write', bytesRead: job.segments[0]?.start ?? 0, totalBytes: source.size });
      yield* zip.compressedEntry(`xl/worksheets/sheet${s + 1}.xml`, withProgress(options.parallel.sheet(job, analysis), job, source, options));
    }
  } else {
    const records = dataRecords(source, analysis, options, 'write');
    const feed = new RecordFeed(records[Symbol.asyncIterator]());
    for (let s = 0; s < analysis.sheets; s++) {
      const rowsInSheet = Math.max(0, Math.min(analysis.rowsPerSheet, analysis.rows - s * analysis.rowsPerSheet));
      yield* zip.entry(`xl/worksheets/sheet${s + 1}.xml`, dataSheet(feed, analysis, plans, rowsInSheet, s === 0));
    }
    if (await feed.ready()) throw inputChanged();
  }
  let next = analysis.sheets + 1;
  if (analysis.longCells > 0) yield* zip.entry(`xl/worksheets/sheet${next++}.xml`, longValuesSheet(source, analysis, options));
  yield* zip.entry(`xl/worksheets/sheet${next}.xml`, encoder.encode(info));
  yield* zip.finish();
}
