// One segment of a data sheet (see parallel.ts), on Node: reads the bytes [start, end) of the file,
// turns their records into `<row>` XML with the same code as the sequential pass, and compresses it
// with zlib as a raw DEFLATE piece ending on a sync flush. Runs in a worker thread or on the main thread.
import { createReadStream, promises as fs } from 'node:fs';
import { constants as zlibConstants, deflateRawSync } from 'node:zlib';
import { crc32 as jsCrc32 } from '@sne-toolbox/zip-reader';
import { inputChangedError } from '../core/errors.js';
import type { SegmentParsing, SegmentPiece } from '../core/xlsx/parallel-sheets.js';
import { segmentPiece } from '../core/xlsx/segment.js';
import { nodePlatform } from './platform.js';

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
  analysis: SegmentParsing;
}

async function same(job: SegmentJob): Promise<void> {
  const stat = await fs.stat(job.path).catch(() => null);
  if (!stat || stat.size !== job.size || stat.mtimeMs !== job.mtimeMs) throw inputChangedError();
}

export async function runSegment(job: SegmentJob): Promise<SegmentPiece> {
  await same(job);
  const chunks = job.end > job.start ? createReadStream(job.path, { start: job.start, end: job.end - 1, highWaterMark: 1 << 16 }) : [];
  const piece = await segmentPiece(chunks as AsyncIterable<Uint8Array>, job.analysis, job, {
    deflate: (xml) => deflateRawSync(xml, { level: job.level, memLevel: 9, finishFlush: zlibConstants.Z_SYNC_FLUSH }),
    crc32: (bytes) => (nodePlatform.crc32 ?? jsCrc32)(bytes, 0),
    platform: nodePlatform,
  });
  await same(job);
  return piece;
}
