/**
 * @internal What the page and the command line share with the core, and users should not rely on:
 * this entry is resolved from the sources inside the workspace only (the `source` condition) and is
 * not in the published package.
 * @packageDocumentation
 */
export { MAX_THREADS, PARALLEL_MIN_BYTES, ParallelSheets, segmentReply, threadCount, workerRunner } from './core/xlsx/parallel-sheets.js';
export type { SegmentHost, SegmentParsing, SegmentPiece, SegmentReply, SegmentRunner } from './core/xlsx/parallel-sheets.js';
export { segmentPiece } from './core/xlsx/segment.js';
export { blobChunks, EXTRACTION_EXTENSIONS_TEXT, readerChunks } from './core/source.js';
export { unfinish } from './core/zip/deflate-join.js';
export { webDeflate, ZipWriter } from './core/zip/zip-writer.js';
