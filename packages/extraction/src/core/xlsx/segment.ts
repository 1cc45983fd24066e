import type { ExtractionAnalysis } from '../analysis/types.js';
import { CsvParser } from '../csv-parser.js';
import { createDecoder, fieldRemap, type Platform } from '../decode.js';
import { abortedError, inputChangedError } from '../errors.js';
import { LATER_PASS_LIMITS, segmentRecordKind } from '../records.js';
import type { ByteSource } from '../source.js';
import type { CompressedPiece } from '../zip/zip-writer.js';
import { planColumns, writeRow } from './sheet.js';
import { StyleSheet } from './styles.js';
import type { SheetJob, SheetSegment, WriteOptions } from './types.js';
import type { XmlBytes } from './xml-bytes.js';

// A data sheet cut into segments, for a ParallelSheetWriter: where the segments are, and how one is
// written from its own bytes.

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
    if (segmentRecordKind(fields) !== 'data') return;
    if (seen >= segment.records) {
      changed = true;
      return;
    }
    writeRow(out, row++, fields, plans);
    seen++;
  }, fieldRemap(analysis.encoding, options.platform), LATER_PASS_LIMITS);
  for await (const chunk of chunks) {
    if (options.signal?.aborted) throw abortedError();
    parser.push(decoder.decode(chunk));
    if (changed) throw inputChangedError();
  }
  parser.push(decoder.decode(new Uint8Array(0), true));
  parser.end();
  if (changed || seen !== segment.records) throw inputChangedError();
}

/** Reports writing progress as the pieces of a sheet come back: piece k + 1 is segment k. */
export async function* withProgress(pieces: AsyncIterable<CompressedPiece>, job: SheetJob, source: ByteSource, options: WriteOptions): AsyncGenerator<CompressedPiece> {
  let k = 0;
  for await (const piece of pieces) {
    const segment = job.segments[k - 1];
    if (segment) options.onProgress?.({ phase: 'write', bytesRead: segment.end, totalBytes: source.size });
    k++;
    yield piece;
  }
}

/** The segments of data sheet `s`, from the first pass's cuts. */
export function sheetSegments(analysis: ExtractionAnalysis, s: number): SheetSegment[] {
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

