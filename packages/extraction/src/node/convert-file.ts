import { promises as fs } from 'node:fs';
import { basename, resolve } from 'node:path';
import { checkPlan } from '@sne-toolbox/node-io';
import { type ConversionReport, type ConvertOptions, convertExtraction } from '../core/convert.js';
import { ExtractionError } from '../core/errors.js';
import { DEFAULT_COMPRESSION_LEVEL, nodeDeflate } from './deflate.js';
import { asExtractionError, defaultOutputPath, openInput, writeConversion } from './files.js';
import { defaultThreads, NodeParallelWriter, segmentWorkersAvailable } from './parallel.js';
import { nodePlatform } from './platform.js';
import { type VerificationReport, verifyWorkbook } from './verify.js';
import { checkNodeOptions } from '../core/options.js';
import { PARALLEL_MIN_BYTES } from '../core/xlsx/parallel-sheets.js';

/** Options of {@link convertFile}. */
export interface ConvertFileOptions extends ConvertOptions {
  /** Output path (default: beside the input, with `.xlsx`). */
  output?: string | undefined;
  /** Overwrite an existing output (never the input itself: that is `OUTPUT_IS_INPUT`). */
  force?: boolean | undefined;
  /** zlib level 1–9 (default 4, {@link DEFAULT_COMPRESSION_LEVEL}: the best time/size trade-off measured on extractions). */
  compressionLevel?: number | undefined;
  /**
   * Re-read the written workbook and compare every cell with the source before it is put in place;
   * any difference fails with `VERIFY_FAILED` and leaves no output.
   */
  verify?: boolean | undefined;
  /**
   * Threads that write the sheets of a large file (any encoding; 8 MB and more, any size when
   * `segmentBytes` is given) in parallel; default one per core, at most 4; 1 writes on this thread
   * only. The workbook is the same either way.
   */
  threads?: number | undefined;
  /**
   * @internal With `threads: 1`, compress the sheet on this thread, in pieces (as the segment
   * workers do), instead of on libuv's thread pool. For batch workers: one busy thread per file,
   * so that two workers on two cores do not run four threads (measured: 8 files of 100k rows in
   * 8.0 s instead of 9.2 s, medians of three alternated runs).
   */
  compressHere?: boolean | undefined;
}

/** Report of {@link convertFile}: the conversion report, plus the verification when asked. */
export type FileConversionReport = ConversionReport & {
  verification?: VerificationReport;
  /** True when an existing file was replaced (`force`); absent otherwise. */
  replaced?: true;
};

/**
 * Converts a CSV file to an `.xlsx` file. Before anything is written, an output that is the input
 * itself (through a link, a hard link or another case) is refused with `OUTPUT_IS_INPUT`. The
 * workbook goes to a temp file beside the target (created exclusively, with the input's permission
 * bits), is verified if asked, then renamed into place; a device or FIFO output is streamed into.
 * An error or an interruption never leaves a partial file, and an existing file is never replaced
 * without `force`.
 */
export async function convertFile(input: string, options: ConvertFileOptions = {}): Promise<FileConversionReport> {
  checkNodeOptions(options as unknown as Record<string, unknown>);
  const output = resolve(options.output ?? defaultOutputPath(input));
  try {
    await checkPlan([input], [{ input, output }]);
  } catch (error) {
    throw asExtractionError(error);
  }
  const stat = await fs.stat(input).catch(() => null);
  const threads = options.threads ?? defaultThreads();
  // Several threads for a large file; or, asked by a batch worker, pieces compressed on this thread.
  const inPieces = stat?.isFile() === true && (threads > 1 ? stat.size >= (options.segmentBytes !== undefined ? 0 : PARALLEL_MIN_BYTES) : options.compressHere === true);
  const parallel =
    inPieces && stat && segmentWorkersAvailable()
      ? new NodeParallelWriter({ path: input, size: stat.size, mtimeMs: stat.mtimeMs }, options.compressionLevel ?? DEFAULT_COMPRESSION_LEVEL, threads, options.signal)
      : undefined;
  const opened = await openInput(input, { signal: options.signal });
  try {
    // The conversion's own options, without the file's (checked above, read here only).
    const { output: _output, force: _force, compressionLevel, verify: _verify, threads: _threads, compressHere: _here, ...conversionOptions } = options;
    const conversion = await convertExtraction(opened.source, { deflate: nodeDeflate(compressionLevel), platform: nodePlatform, ...conversionOptions, ...(parallel ? { parallel } : {}), name: options.name ?? basename(input) });
    let verification: VerificationReport | undefined;
    const replaced = await writeConversion(conversion, output, options.force ?? false, async (temp) => {
      if (!options.verify) return;
      verification = await verifyWorkbook(opened.source, conversion.analysis, temp);
      if (verification.differenceCount > 0) {
        const first = verification.differences[0]!;
        throw new ExtractionError(
          'VERIFY_FAILED',
          `La vérification a trouvé ${verification.differenceCount} différence(s) sur ${verification.cells} cellules (première : ${first.sheet}!${first.cell}, attendu « ${first.expected} », lu « ${first.actual} ») : le classeur n'a pas été écrit. Signalez ce problème avec le fichier.`,
          { details: { verification } },
        );
      }
    }, { mode: opened.mode, signal: options.signal });
    return { ...conversion.report, input, output, ...(verification ? { verification } : {}), ...(replaced ? { replaced: true as const } : {}) };
  } finally {
    await parallel?.close();
    await opened.cleanup();
  }
}
