import { frenchTypography } from '@sne-toolbox/text';
import { ABORTED_MESSAGE, INPUT_CHANGED_MESSAGE, unexpectedErrorMessage } from './messages.js';

/**
 * Stable error codes of `@sne-toolbox/extraction`. Tests and callers switch on these, never on messages.
 *
 * - `INPUT_NOT_FOUND`: the input file does not exist or cannot be read.
 * - `EMPTY_INPUT`: the input holds no data at all (no byte, or only a BOM / blank lines).
 * - `NOT_CSV`: the input is another kind of file (an .xlsx, a PDF, a zip, binary data).
 * - `ENCODING_INVALID`: the bytes are not valid in the encoding that was asked for.
 * - `TOO_MANY_COLUMNS`: more than 16,384 columns, the Excel limit.
 * - `OUTPUT_EXISTS`: the output file exists and overwriting was not allowed.
 * - `OUTPUT_IS_INPUT`: the output is the input itself (a link, a hard link, another case): refused even with `force`.
 * - `WRITE_FAILED`: the workbook could not be written (disk full, folder not writable…).
 * - `INPUT_CHANGED`: the input changed or disappeared while it was being converted.
 * - `ABORTED`: the conversion was cancelled.
 * - `VERIFY_FAILED`: `--verify` found a cell of the workbook that differs from the source (no output is left).
 * - `USAGE`: invalid options (unknown column to keep as text, unknown encoding…): `details.option` names it.
 * - `INPUT_TOO_LARGE`: the input is larger than the caller's `maxInputBytes` (counted as read).
 * - `ZIP_CORRUPT`: a member of a zip archive whose CRC-32 or sizes disagree with the archive's own
 *   records (altered or damaged after zipping): no workbook for it; `details.member` names it.
 * - `CELL_TOO_LARGE`: one cell holds more than 64 Mi characters of text (`details.line`, `details.column`):
 *   refused as soon as the reading passes that size, never held whole.
 */
export type ExtractionErrorCode =
  | 'INPUT_NOT_FOUND'
  | 'EMPTY_INPUT'
  | 'NOT_CSV'
  | 'ENCODING_INVALID'
  | 'TOO_MANY_COLUMNS'
  | 'OUTPUT_EXISTS'
  | 'OUTPUT_IS_INPUT'
  | 'WRITE_FAILED'
  | 'INPUT_CHANGED'
  | 'ABORTED'
  | 'VERIFY_FAILED'
  | 'USAGE'
  | 'INPUT_TOO_LARGE'
  | 'ZIP_CORRUPT'
  | 'CELL_TOO_LARGE';

/** French typography for what people read, shared by every package and the page. */
export { frenchTypography };

/** The one error class of the package: `code` is stable, `message` is French and says what to do. */
export class ExtractionError extends Error {
  readonly code: ExtractionErrorCode;
  /** Extra context (file kind for `NOT_CSV`, byte offset for `ENCODING_INVALID`…). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: ExtractionErrorCode,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown>; hint?: string } = {},
  ) {
    super(frenchTypography(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
    this.hint = options.hint;
  }

  /** What a CLI user types next (`--force`, `-o`…), kept out of `message`: the CLI prints it after. */
  readonly hint: string | undefined;

  /** `AbortError` for `ABORTED`, as `fetch` and streams name an abort; `ExtractionError` otherwise. */
  override get name(): string {
    return this.code === 'ABORTED' ? 'AbortError' : 'ExtractionError';
  }
}

/** Returns true when `error` is an {@link ExtractionError}, optionally with the given code. */
export function isExtractionError(error: unknown, code?: ExtractionErrorCode): error is ExtractionError {
  return error instanceof ExtractionError && (code === undefined || error.code === code);
}

/**
 * Stable warning codes. A warning never stops a conversion; it is reported in the summary, the JSON
 * report and the `Informations` sheet.
 */
export type ExtractionWarningCode =
  | 'RAGGED_ROW'
  | 'UNCLOSED_QUOTE'
  | 'EMPTY_HEADER'
  | 'DUPLICATE_HEADER'
  | 'CELL_TOO_LONG'
  | 'SHEET_SPLIT'
  | 'BLANK_LINES_SKIPPED'
  | 'AMBIGUOUS_NUMBER'
  | 'EXCEL_DAMAGED'
  | 'MALFORMED_QUOTE'
  | 'DELIMITER_UNCERTAIN'
  | 'ENCODING_UNCERTAIN'
  | 'TRAILING_DELIMITER';

/** A non-fatal finding. `line` is the 1-based physical line of the source where the record starts. */
export interface ExtractionWarning {
  code: ExtractionWarningCode;
  line: number | null;
  /** 1-based column number, when the warning is about one column. */
  column?: number;
  message: string;
  /**
   * What the user can do about it, as data: the message names no option of any caller; the CLI turns
   * this into its flags, the page into a button that converts again.
   */
  remedy?: WarningRemedy;
}

/**
 * An option that answers a warning: `numbers` (the convention of a column's numbers), `delimiter`,
 * `encoding` (the values worth trying, best first), `textColumns` (keep the 1-based `column` as text).
 */
export type WarningRemedy =
  | { option: 'numbers'; values: readonly ('fr' | 'en')[]; column: number }
  | { option: 'delimiter'; values: readonly (';' | ',' | '\t' | '|')[] }
  | { option: 'encoding'; values: readonly ('utf-8' | 'windows-1252' | 'iso-8859-15' | 'utf-16le' | 'utf-16be')[] }
  | { option: 'textColumns'; column: number };

/** `ABORTED`: the conversion was interrupted; `cause` is the signal's reason, when known. */
export function abortedError(cause?: unknown): ExtractionError {
  return new ExtractionError('ABORTED', ABORTED_MESSAGE, { cause });
}

/** Throws `ABORTED` when `signal` has fired. */
export function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortedError(signal.reason);
}

/** `INPUT_CHANGED` for a source that no longer holds what the first pass read. */
export function inputChangedError(): ExtractionError {
  return new ExtractionError('INPUT_CHANGED', INPUT_CHANGED_MESSAGE);
}

/** `WRITE_FAILED` for a failure nobody foresaw (a crashed worker, a library error). */
export function unexpectedError(error: unknown): ExtractionError {
  return new ExtractionError('WRITE_FAILED', unexpectedErrorMessage((error as Error)?.message ?? String(error)), { cause: error });
}
