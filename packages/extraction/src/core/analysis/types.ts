import type { ColumnInfo, NumberConvention } from '../column-types.js';
import type { Delimiter } from '../csv-parser.js';
import type { EncodingSource, Platform, TextEncoding } from '../decode.js';
import type { ExtractionWarning, ExtractionWarningCode } from '../errors.js';

/** Where a conversion is, for progress bars. */
export interface ConversionProgress {
  phase: 'analyze' | 'write' | 'long-values';
  bytesRead: number;
  totalBytes: number | undefined;
}

/** Options shared by {@link analyzeExtraction} and the conversion. */
export interface AnalyzeOptions {
  /** `auto` (default): BOM, then strict UTF-8, else windows-1252. */
  encoding?: TextEncoding | 'auto' | undefined;
  /** `auto` (default): detected among `;` `,` tab `|` from the data. */
  delimiter?: Delimiter | 'auto' | undefined;
  /** Columns kept as text whatever their values: header names (any case/accents), 1-based numbers or Excel letters. */
  textColumns?: readonly string[] | undefined;
  /** Keep every cell as text. */
  raw?: boolean | undefined;
  /**
   * How numbers are written: `auto` (default) decides each column from all its values and keeps as
   * text (with `AMBIGUOUS_NUMBER`) a column whose values like `6,718` could mean 6.718 or 6718;
   * `fr` reads `1 234,56`; `en` reads `1,234.56`.
   */
  numbers?: NumberConvention | 'auto' | undefined;
  /** 1-based line of the header, when the detection of the table (after a title, comments) must be overridden. */
  headerLine?: number | undefined;
  /** Data rows per sheet before continuing on the next one (default and maximum: 1,048,575). */
  maxRowsPerSheet?: number | undefined;
  /** @internal Bytes between two places where the writing pass may cut the file (default 1 MiB; tests set less). */
  segmentBytes?: number | undefined;
  onProgress?: ((progress: ConversionProgress) => void) | undefined;
  signal?: AbortSignal | undefined;
  /** @internal Native speed-ups of the host (the Node adapter sets this); the result is the same without. */
  platform?: Platform | undefined;
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
  /** True when the caller gave the header line (`headerLine`): `--verify` then does not question it. */
  headerLineForced?: boolean;
  /** Lines above the header (a title, comments), kept as text: listed in `Informations` and the report. */
  preamble: string[];
  warnings: ExtractionWarning[];
  /** Count of warnings per code (the list itself is capped). */
  warningCounts: Partial<Record<ExtractionWarningCode, number>>;
}

/** What the detection decided before the first pass. */
export interface ScanSettings {
  encoding: TextEncoding;
  encodingSource: EncodingSource;
  bomLength: number;
  delimiter: Delimiter;
  headerLine: number;
  /** Empty fields that end every data record beyond the header (a trailing delimiter): see `TableLayout`. */
  trailingEmpty: number;
  /** The lines above the header as the file writes them, by line (from the head of the file). */
  preambleText: ReadonlyMap<number, string>;
}
