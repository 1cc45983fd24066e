import { ColumnTracker } from '../column-tracker.js';
import type { TextReason } from '../column-types.js';
import { CsvParser, type ParserLimits } from '../csv-parser.js';
import { decodeSource, fieldRemap } from '../decode.js';
import { ExtractionError } from '../errors.js';
import { EXCEL_MAX_CELL_LENGTH, EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS, MAX_CELL_TEXT } from '../limits.js';
import { ANALYSIS_ERROR_TEXT, generatedHeader, WARNING_TEXT } from '../messages.js';
import { RecordClassifier } from '../records.js';
import type { ByteSource } from '../source.js';
import { CutPlanner } from './cuts.js';
import { nameHeader, resolveTextColumns } from './header.js';
import type { AnalyzeOptions, ExtractionAnalysis, ScanSettings } from './types.js';
import { WarningList } from './warnings.js';

/**
 * What the first pass learns record by record: the preamble, the header, the column types, ragged
 * rows and long cells. The records are classified by the shared {@link RecordClassifier}, as in every pass.
 */
class TableScan {
  readonly warnings = new WarningList();
  readonly preamble: string[] = [];
  header: string[] | null = null;
  trackers: ColumnTracker[] = [];
  rows = 0;
  blankLines = 0;
  longCells = 0;
  sepLine = false;
  private headerCount = 0;
  private textColumns = new Set<number>();
  private readonly classifier: RecordClassifier;

  constructor(
    private readonly options: AnalyzeOptions,
    private readonly settings: ScanSettings,
    private readonly cuts: CutPlanner,
  ) {
    this.classifier = new RecordClassifier(settings.headerLine);
  }

  record(fields: string[], line: number, recordStart: number): void {
    switch (this.classifier.kind(fields, line)) {
      case 'blank':
        this.blankLines++;
        return;
      case 'sep':
        this.sepLine = true;
        return;
      case 'preamble':
        // A title or comment above the table: never data, never lost, shown as the file writes it.
        this.preamble.push(this.settings.preambleText.get(line) ?? fields.join(this.settings.delimiter));
        return;
      case 'header':
        this.onHeader(fields, line);
        return;
      case 'data':
        // Wider records never reach here: the parser stops at the field past EXCEL_MAX_COLUMNS (SCAN_LIMITS).
        this.cuts.record(recordStart, this.rows);
        this.rows++;
        this.onData(fields, line);
    }
  }

  private newTracker(name: string, index: number): ColumnTracker {
    const text: TextReason | undefined = this.options.raw ? 'raw' : this.textColumns.has(index) ? 'forced' : undefined;
    return new ColumnTracker(name, { ...(text ? { text } : {}), numbers: this.options.numbers ?? 'auto' });
  }

  private onHeader(fields: readonly string[], line: number): void {
    // The data's trailing delimiter: as many unnamed columns as it adds, dropped at the end if empty.
    this.headerCount = fields.length + this.settings.trailingEmpty;
    const named = nameHeader(fields, line, this.warnings);
    for (let i = fields.length; i < this.headerCount; i++) named.header.push(generatedHeader(i + 1));
    this.header = named.header;
    this.longCells += named.longCells;
    this.textColumns = resolveTextColumns(named.header, this.options.textColumns ?? []);
    this.trackers = named.header.map((name, i) => this.newTracker(name, i));
  }

  private onData(fields: readonly string[], line: number): void {
    if (fields.length !== this.headerCount) {
      this.warnings.add({ code: 'RAGGED_ROW', line, message: WARNING_TEXT.raggedRow(line, fields.length, this.headerCount) });
      const header = this.header!;
      while (this.trackers.length < fields.length) {
        const name = generatedHeader(this.trackers.length + 1);
        header.push(name);
        this.trackers.push(this.newTracker(name, this.trackers.length));
      }
    }
    for (let i = 0; i < fields.length; i++) {
      const value = fields[i]!;
      this.trackers[i]!.add(value, line);
      if (value.length > EXCEL_MAX_CELL_LENGTH) {
        this.longCells++;
        this.warnings.add({ code: 'CELL_TOO_LONG', line, column: i + 1, message: WARNING_TEXT.longCell(line, i + 1, value.length, EXCEL_MAX_CELL_LENGTH) });
      }
    }
  }
}

function tooManyColumns(line: number): ExtractionError {
  return new ExtractionError('TOO_MANY_COLUMNS', ANALYSIS_ERROR_TEXT.tooManyColumns(line, EXCEL_MAX_COLUMNS), { details: { line, columns: EXCEL_MAX_COLUMNS + 1 } });
}

/**
 * The first pass stops a record as soon as it passes Excel's column limit or a cell passes
 * {@link MAX_CELL_TEXT}: the rest of the line is never read into memory.
 */
const SCAN_LIMITS: ParserLimits = {
  maxFields: EXCEL_MAX_COLUMNS,
  maxFieldLength: MAX_CELL_TEXT,
  onLimit: (kind, line, column) => {
    if (kind === 'columns') throw tooManyColumns(line);
    throw new ExtractionError('CELL_TOO_LARGE', ANALYSIS_ERROR_TEXT.cellTooLarge(line, column, MAX_CELL_TEXT), { details: { line, column } });
  },
};

/**
 * The unnamed columns a trailing delimiter adds: dropped when empty in every row (as nothing is
 * lost), kept otherwise; `TRAILING_DELIMITER` says which.
 */
function trailingColumns(table: TableScan, trailing: number): void {
  if (trailing === 0 || table.header === null) return;
  const first = table.header.length - trailing;
  const empty = table.trackers.slice(first).every((t) => t.filled === 0) && table.trackers.length === table.header.length;
  if (empty) {
    table.header.splice(first);
    table.trackers.splice(first);
  }
  table.warnings.add({ code: 'TRAILING_DELIMITER', line: null, message: WARNING_TEXT.trailingDelimiter(trailing, empty) });
}

/** Warnings the parser found on its way: quotes misplaced or never closed. */
function parserWarnings(parser: CsvParser, warnings: WarningList): void {
  for (const line of parser.malformedQuoteLines) {
    warnings.add({ code: 'MALFORMED_QUOTE', line, message: WARNING_TEXT.malformedQuote(line) });
  }
  if (parser.malformedQuoteCount > parser.malformedQuoteLines.length) {
    warnings.counts.MALFORMED_QUOTE = parser.malformedQuoteCount;
  }
  if (parser.unclosedQuoteLine) {
    warnings.add({ code: 'UNCLOSED_QUOTE', line: parser.unclosedQuoteLine, message: WARNING_TEXT.unclosedQuote(parser.unclosedQuoteLine) });
  }
}

/** Warnings about whole columns, once all their values are seen. */
function columnWarnings(columns: ReturnType<ColumnTracker['result']>[], warnings: WarningList): void {
  columns.forEach((column, i) => {
    if (column.excelDamage) {
      const { example, count, cut, line } = column.excelDamage;
      const message = cut ? WARNING_TEXT.excelCut(column.name, example, count, line!) : WARNING_TEXT.excelDamaged(column.name, example, count);
      warnings.add({ code: 'EXCEL_DAMAGED', line: cut ? line! : null, column: i + 1, message });
    }
    if (column.ambiguousNumber === undefined) return;
    warnings.add({ code: 'AMBIGUOUS_NUMBER', line: null, column: i + 1, message: WARNING_TEXT.ambiguousNumber(column.name, column.ambiguousNumber), remedy: { option: 'numbers', values: ['fr', 'en'], column: i + 1 } });
  });
}

/** Reads the whole source once with the detected settings: the analysis, before the detection's own warnings. */
export async function scan(source: ByteSource, options: AnalyzeOptions, settings: ScanSettings): Promise<ExtractionAnalysis> {
  const rowsPerSheet = Math.max(1, Math.min(options.maxRowsPerSheet ?? EXCEL_MAX_ROWS - 1, EXCEL_MAX_ROWS - 1));
  const cuts = new CutPlanner(settings.encoding, settings.bomLength, rowsPerSheet, options.segmentBytes ?? 1 << 20);
  const table = new TableScan(options, settings, cuts);
  const parser: CsvParser = new CsvParser(settings.delimiter, (fields, line) => table.record(fields, line, parser.recordStart), fieldRemap(settings.encoding, options.platform), SCAN_LIMITS);
  let bytes = 0;
  for await (const text of decodeSource(source, settings.encoding, settings.bomLength, {
    signal: options.signal,
    platform: options.platform,
    raw: true,
    onText: (text, byteStart) => cuts.onText(text, byteStart),
    onBytes: (read) => {
      bytes = read;
      options.onProgress?.({ phase: 'analyze', bytesRead: read, totalBytes: source.size });
    },
  })) {
    parser.push(text);
  }
  parser.end();

  if (table.header === null) throw new ExtractionError('EMPTY_INPUT', ANALYSIS_ERROR_TEXT.noData);
  const { warnings, rows } = table;
  parserWarnings(parser, warnings);
  if (table.blankLines > 0) warnings.add({ code: 'BLANK_LINES_SKIPPED', line: null, message: WARNING_TEXT.blankLines(table.blankLines) });
  const sheets = Math.max(1, Math.ceil(rows / rowsPerSheet));
  if (sheets > 1) warnings.add({ code: 'SHEET_SPLIT', line: null, message: WARNING_TEXT.sheetSplit(rows, sheets) });
  trailingColumns(table, settings.trailingEmpty);
  const columns = table.trackers.map((t) => t.result());
  columnWarnings(columns, warnings);
  return {
    name: source.name,
    bytes,
    encoding: settings.encoding,
    encodingSource: settings.encodingSource,
    bomLength: settings.bomLength,
    delimiter: settings.delimiter,
    rows,
    columns,
    header: table.header,
    rowsPerSheet,
    cuts: cuts.result(),
    sheets,
    longCells: table.longCells,
    blankLines: table.blankLines,
    sepLine: table.sepLine,
    headerLine: settings.headerLine,
    ...(options.headerLine !== undefined ? { headerLineForced: true } : {}),
    preamble: table.preamble,
    warnings: warnings.list,
    warningCounts: warnings.counts,
  };
}
