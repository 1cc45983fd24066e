import type { ExtractionAnalysis } from '../analysis/types.js';
import { CsvParser } from '../csv-parser.js';
import { createDecoder, fieldRemap, type Platform } from '../decode.js';
import { abortedError, inputChangedError } from '../errors.js';
import { LATER_PASS_LIMITS, segmentRecordKind } from '../records.js';
import type { ByteSource } from '../source.js';
import type { CompressedPiece } from '../zip/zip-writer.js';
import { writeRow } from './sheet.js';
import type { SheetJob, SheetSegment, WriteOptions } from './types.js';
import { XmlBytes } from './xml-bytes.js';
import type { SegmentParsing, SegmentPiece } from './parallel-sheets.js';

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
  analysis: SegmentParsing,
  segment: Pick<SheetSegment, 'firstRow' | 'records'>,
  out: XmlBytes,
  options: { platform?: Platform | undefined; signal?: AbortSignal } = {},
): Promise<void> {
  const plans = analysis.plans;
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

/**
 * The XML buffer of this thread, reused from segment to segment: a new one (and the copy that
 * joined its chunks) per segment was about 10 MB of garbage per MiB of CSV, which the collector let
 * pile up to tens of MB before freeing it.
 */
let spare: XmlBytes | null = null;

/**
 * Largest buffer kept for the next segment. A segment is about 5 MB of XML; one that holds a huge
 * record (a quoted field of 100 MB: no cut can fall inside it) grows the buffer as much, and a batch
 * worker would otherwise keep that for every file after it.
 */
export const KEEP_AT_MOST = 32 << 20;

/** @internal This thread's XML buffer, or a new one. */
export function takeBuffer(): XmlBytes {
  const xml = spare ?? new XmlBytes(1 << 20);
  spare = null;
  xml.clear();
  return xml;
}

/** @internal Gives a buffer back for the next segment, unless it grew past {@link KEEP_AT_MOST}. */
export function giveBack(xml: XmlBytes): void {
  xml.clear();
  spare = xml.size <= KEEP_AT_MOST ? xml : null;
}

/**
 * One segment, as any segment thread makes it: its rows written into this thread's buffer, then
 * compressed whole by `deflate` (before the buffer is reused), which must end on a sync flush (a byte boundary
 * and no final block), so that pieces join into one DEFLATE stream. The result owns its bytes: it is
 * transferred to the thread that joins the pieces.
 */
export async function segmentPiece(
  chunks: AsyncIterable<Uint8Array>,
  parsing: SegmentParsing,
  segment: Pick<SheetSegment, 'firstRow' | 'records'>,
  codec: { deflate: (xml: Uint8Array) => Uint8Array | Promise<Uint8Array>; crc32: (bytes: Uint8Array) => number; platform?: Platform | undefined },
): Promise<SegmentPiece> {
  const xml = takeBuffer();
  try {
    await writeSegment(chunks, parsing, segment, xml, { platform: codec.platform });
    const bytes = xml.view();
    const compressed = await codec.deflate(bytes);
    // A compact copy when the deflater's result is a view of a larger buffer (zlib's may be a slice of Node's pool).
    const data = compressed.byteOffset === 0 && compressed.byteLength === compressed.buffer.byteLength ? compressed : new Uint8Array(compressed);
    return { data, crc: codec.crc32(bytes), length: bytes.byteLength };
  } finally {
    giveBack(xml);
  }
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

