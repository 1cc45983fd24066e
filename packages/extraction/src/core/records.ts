import { CsvParser, type Delimiter, type ParserLimits } from './csv-parser.js';
import { decodeSource, fieldRemap, type Platform, type TextEncoding } from './decode.js';
import { inputChangedError } from './errors.js';
import { EXCEL_MAX_COLUMNS, MAX_CELL_TEXT } from './limits.js';
import type { ByteSource } from './source.js';

// Which records of a file are data: the one rule that the analysis, the writing pass, the parallel
// segments and `--verify` share. If two passes disagreed, a file that did not change would fail with
// `INPUT_CHANGED`, or a row would shift.

/** What a parsed record is, in file order: only `data` records become rows. */
export type RecordKind = 'blank' | 'sep' | 'preamble' | 'header' | 'data';

/** A record with no field but one empty one: a blank line, skipped everywhere (and counted by the analysis). */
export function isBlankRecord(fields: readonly string[]): boolean {
  return fields.length === 1 && fields[0] === '';
}

/**
 * Excel's `sep=;` first line (a hint written by Excel and some exports) is metadata, not data: it
 * decides the delimiter and is not converted.
 */
export function isSepLine(fields: readonly string[], line: number): boolean {
  return line === 1 && fields.length === 2 && fields[0] === 'sep=' && fields[1] === '';
}

/**
 * Tells what each record of a whole file is, in order: blank records, the `sep=` line, the lines above the
 * header (a preamble), the header (the first record left from `headerLine` on), then data.
 */
export class RecordClassifier {
  private headerSeen = false;
  /** @param headerLine 1-based physical line of the header, as the detection found it. */
  constructor(private readonly headerLine: number) {}

  kind(fields: readonly string[], line: number): RecordKind {
    if (isBlankRecord(fields)) return 'blank';
    if (isSepLine(fields, line)) return 'sep';
    if (line < this.headerLine) return 'preamble';
    if (!this.headerSeen) {
      this.headerSeen = true;
      return 'header';
    }
    return 'data';
  }
}

/**
 * Tells what each record of a segment is: it starts at a data record found by the first pass, so every
 * record but a blank one is data (its line numbers count from the segment's start).
 */
export function segmentRecordKind(fields: readonly string[]): RecordKind {
  return isBlankRecord(fields) ? 'blank' : 'data';
}

/**
 * The record bounds of every pass after the analysis: the analysis refused wider records and larger
 * cells, so meeting one now means the file changed (`INPUT_CHANGED`), found as soon as it passes.
 */
export const LATER_PASS_LIMITS: ParserLimits = {
  maxFields: EXCEL_MAX_COLUMNS,
  maxFieldLength: MAX_CELL_TEXT,
  onLimit: () => {
    throw inputChangedError();
  },
};

/** A data record and its 1-based physical line. */
export interface DataRecord {
  fields: string[];
  line: number;
}

/** What {@link dataRecords} needs to know of the first pass. */
export interface RecordLayout {
  encoding: TextEncoding;
  bomLength: number;
  delimiter: Delimiter;
  headerLine: number;
}

/**
 * The data records of a source (every other record skipped by {@link RecordClassifier}), in batches of
 * one decoded chunk. A record wider than Excel allows was refused by the first pass: meeting one now
 * means the file changed.
 */
export async function* dataRecords(
  source: ByteSource,
  layout: RecordLayout,
  options: { signal?: AbortSignal; platform?: Platform; onBytes?: (bytesRead: number) => void },
): AsyncGenerator<DataRecord[]> {
  let batch: DataRecord[] = [];
  const classifier = new RecordClassifier(layout.headerLine);
  const parser = new CsvParser(layout.delimiter, (fields, line) => {
    if (classifier.kind(fields, line) !== 'data') return;
    batch.push({ fields, line });
  }, fieldRemap(layout.encoding, options.platform), LATER_PASS_LIMITS);
  for await (const text of decodeSource(source, layout.encoding, layout.bomLength, {
    signal: options.signal,
    platform: options.platform,
    raw: true,
    ...(options.onBytes ? { onBytes: options.onBytes } : {}),
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
