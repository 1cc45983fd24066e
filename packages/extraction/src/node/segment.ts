// One segment of a data sheet (see node-parallel.ts): reads the bytes [start, end) of the file, turns
// their records into `<row>` XML with the same code as the sequential pass, and compresses it as a
// raw DEFLATE piece ending on a sync flush. Runs in a worker thread or on the main thread.
import { createReadStream, promises as fs } from 'node:fs';
import type { ColumnInfo } from '../core/column-types.js';
import type { Delimiter } from '../core/detect.js';
import type { TextEncoding } from '../core/decode.js';
import { inputChangedError } from '../core/errors.js';
import { type SerialisedError, serialiseError } from './worker-errors.js';
import { nodePlatform } from './platform.js';
import { constants as zlibConstants, deflateRawSync } from 'node:zlib';
import { writeSegment } from '../core/xlsx/segment.js';
import { XmlBytes } from '../core/xlsx/xml-bytes.js';
import { crc32 as jsCrc32 } from '@sne-toolbox/zip-reader';

export interface SegmentJob {
  id: number;
  path: string;
  /** Size and modification time of the file in the first pass: any change is `INPUT_CHANGED`. */
  size: number;
  mtimeMs: number;
  start: number;
  end: number;
  firstRow: number;
  records: number;
  level: number;
  analysis: { columns: ColumnInfo[]; encoding: TextEncoding; delimiter: Delimiter };
}

async function same(job: SegmentJob): Promise<void> {
  const stat = await fs.stat(job.path).catch(() => null);
  if (!stat || stat.size !== job.size || stat.mtimeMs !== job.mtimeMs) throw inputChangedError();
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

export async function runSegment(job: SegmentJob): Promise<{ data: Uint8Array; crc: number; length: number }> {
  await same(job);
  const chunks = job.end > job.start ? createReadStream(job.path, { start: job.start, end: job.end - 1, highWaterMark: 1 << 16 }) : [];
  const xml = takeBuffer();
  try {
    await writeSegment(chunks as AsyncIterable<Uint8Array>, job.analysis, job, xml, { platform: nodePlatform });
    const bytes = xml.view();
    // Compressed in one synchronous call on this thread. A sync flush ends the piece on a byte
    // boundary without a final block: pieces join into one DEFLATE stream.
    const compressed = deflateRawSync(bytes, { level: job.level, memLevel: 9, finishFlush: zlibConstants.Z_SYNC_FLUSH });
    // A compact copy: its buffer is transferred to the main thread, and zlib's may be a slice of a
    // larger one, or of Node's shared pool.
    const piece = { data: new Uint8Array(compressed), crc: (nodePlatform.crc32 ?? jsCrc32)(bytes, 0), length: bytes.byteLength };
    await same(job);
    return piece;
  } finally {
    giveBack(xml);
  }
}

/** What a segment thread answers for a job: its piece, or its error. */
export type SegmentReply = { id: number; piece: { data: Uint8Array; crc: number; length: number } } | { id: number; error: SerialisedError };

/** Runs one job and makes the reply a segment thread posts (the same whichever thread runs it). */
export function segmentReply(job: SegmentJob): Promise<SegmentReply> {
  return runSegment(job).then(
    (piece) => ({ id: job.id, piece }),
    (error: unknown) => ({ id: job.id, error: serialiseError(error) }),
  );
}
