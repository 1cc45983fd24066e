import type { ConversionProgress, ExtractionAnalysis } from '../analysis/types.js';
import type { Platform } from '../decode.js';
import type { CompressedPiece, Deflater } from '../zip/zip-writer.js';
import type { ColumnPlan } from './sheet.js';

/** Options of the writing pass. */
export interface WriteOptions {
  /** @internal Native speed-ups of the host (the Node adapter sets this); the result is the same without. */
  platform?: Platform | undefined;
  /** Raw DEFLATE implementation; defaults to the web `CompressionStream`. Node passes zlib. */
  deflate?: Deflater | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: ConversionProgress) => void) | undefined;
  /** Conversion date shown in the `Informations` sheet (default: now). */
  now?: Date | undefined;
  /**
   * @internal Writes the rows of a data sheet in parallel, already compressed (the Node adapter gives one that
   * runs worker threads). Used when the analysis found places to cut the file (`cuts`).
   */
  parallel?: ParallelSheetWriter | undefined;
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
  /** How each column is written, with the style numbers of the workbook's styles.xml. */
  plans: ColumnPlan[];
}

/**
 * Compresses a sheet as pieces in order: the prologue, each segment's rows (see {@link writeSegment}),
 * and the epilogue, the last piece closing the DEFLATE stream.
 */
export interface ParallelSheetWriter {
  sheet(job: SheetJob, analysis: ExtractionAnalysis): AsyncIterable<CompressedPiece>;
}
