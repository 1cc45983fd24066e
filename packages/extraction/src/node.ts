import { createReadStream, promises as fs, type Stats } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { checkPlan, FileError, identify, readFailure, spoolToTempFile as spool, writeFailure, writeFileSafely } from '@sne-toolbox/node-io';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import { refuseNonCsv } from './analyze.js';
import { type Conversion, type ConversionReport, type ConvertOptions, convertExtraction } from './convert.js';
import type { Platform } from './encoding.js';
import { ExtractionError } from './errors.js';
import { defaultThreads, NodeParallelWriter, segmentWorkersAvailable } from './node-parallel.js';
import { type VerificationReport, verifyWorkbook } from './node-verify.js';
import type { ByteSource } from './source.js';
import type { Deflater } from './zip-writer.js';

/**
 * zlib level used by default. Measured on the sheet XML of the 1M-row bench file (Node 20's zlib):
 * level 4 compresses 10 % faster than level 3 and 0.6 % smaller (1.13 s against 1.26 s for 200 MB of
 * XML); level 2 is faster still but 5 % larger, level 5 is 10 % smaller but 40 % slower.
 */
export const DEFAULT_COMPRESSION_LEVEL = 4;

/**
 * Raw DEFLATE with Node's zlib. zlib runs in libuv's thread pool, so compression happens on the
 * second core while the main thread parses and serialises.
 */
export function nodeDeflate(level = DEFAULT_COMPRESSION_LEVEL): Deflater {
  return (input) => {
    // A deep input buffer lets the main thread serialise the next rows while zlib compresses on
    // the thread pool; with the default 16 KB the two would take turns.
    const deflate = zlib.createDeflateRaw({ level, memLevel: 9, strategy: zlib.constants.Z_DEFAULT_STRATEGY, chunkSize: 1 << 16, writableHighWaterMark: 1 << 22 } as zlib.ZlibOptions);
    const done = pipeline(Readable.from(input, { objectMode: false, highWaterMark: 1 }), deflate);
    done.catch(() => {});
    return (async function* () {
      for await (const chunk of deflate as AsyncIterable<Uint8Array>) yield chunk;
      await done;
    })();
  };
}

/** zlib's CRC-32 (Node ≥ 20.15), five times faster than ours on the sheet XML; the same numbers. */
const nativeCrc32 = (zlib as { crc32?: (bytes: Uint8Array, crc: number) => number }).crc32;

/** Node's native Latin-1 decoding (about 20 times faster than decoding in JavaScript) and CRC-32. */
export const nodePlatform: Platform = {
  decodeLatin1: (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'),
  ...(nativeCrc32 ? { crc32: nativeCrc32 } : {}),
};

/** A file-safety error of the shared Node layer, as this package's error (same code and message). */
export function asExtractionError(error: unknown): unknown {
  if (!(error instanceof FileError)) return error;
  const code = error.code === 'OUTPUT_CONFLICT' ? 'USAGE' : error.code === 'LIMIT_EXCEEDED' ? 'INPUT_NOT_FOUND' : error.code;
  return new ExtractionError(code, error.message, { cause: error, details: { path: error.path, errno: error.errno } });
}

function inputError(path: string, cause: unknown): ExtractionError {
  return asExtractionError(readFailure(path, cause)) as ExtractionError;
}

/**
 * A file as a {@link ByteSource}. Each opening checks the file has not changed since the first one
 * (size and modification time) and that it delivers all its bytes: a file rewritten, truncated or
 * deleted during the conversion gives `INPUT_CHANGED`, never a silently partial workbook.
 */
export async function fileSource(path: string): Promise<ByteSource> {
  let first: Stats;
  try {
    first = await fs.stat(path);
    if (first.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
  } catch (cause) {
    throw inputError(path, cause);
  }
  const changed = () =>
    new ExtractionError('INPUT_CHANGED', `Le fichier « ${path} » a changé ou disparu pendant la conversion. Attendez la fin de la copie, puis relancez.`, { details: { path } });
  return {
    name: basename(path),
    size: first.size,
    async *open() {
      let now: Stats;
      try {
        now = await fs.stat(path);
      } catch {
        throw changed();
      }
      if (now.size !== first.size || now.mtimeMs !== first.mtimeMs) throw changed();
      let read = 0;
      const stream = createReadStream(path, { highWaterMark: 1 << 16 });
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          read += chunk.byteLength;
          yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        }
      } catch (cause) {
        if ((cause as NodeJS.ErrnoException).code === 'ENOENT') throw changed();
        throw inputError(path, cause);
      } finally {
        stream.destroy();
      }
      if (read !== first.size) throw changed();
    },
  };
}

/**
 * Copies a one-shot stream (stdin, a FIFO, a device) to a private temp file so that it can be read
 * twice. The first megabyte is checked as it arrives: `/dev/zero` or a binary stream ends with
 * `NOT_CSV` at once instead of being read forever. A signal stops the copy and removes it.
 */
export async function spoolToTempFile(
  input: NodeJS.ReadableStream | AsyncIterable<Uint8Array>,
  name = 'stdin.csv',
  options: { signal?: AbortSignal } = {},
): Promise<{ path: string; cleanup: () => Promise<void> }> {
  try {
    return await spool(input, { name, signal: options.signal, inspectHead: refuseNonCsv });
  } catch (error) {
    if (error instanceof FileError && error.code === 'ABORTED') throw abortedError();
    throw asExtractionError(error);
  }
}

function abortedError(): ExtractionError {
  return new ExtractionError('ABORTED', 'Conversion interrompue : aucun fichier n\'a été écrit.');
}

/** An input ready to be read twice: the file itself, or a private copy of a device, FIFO or stdin. */
export interface OpenedInput {
  source: ByteSource;
  /** Permission bits for the workbook: never more readable than the input. */
  mode: number;
  cleanup: () => Promise<void>;
}

/**
 * Opens a path for conversion. A regular file is read in place; anything that can be read only
 * once (`/dev/stdin`, a named pipe, a device) is copied first, bounded by the binary check.
 */
export async function openInput(path: string, options: { signal?: AbortSignal; name?: string } = {}): Promise<OpenedInput> {
  let id;
  try {
    id = await identify(path);
  } catch (cause) {
    throw inputError(path, cause);
  }
  if (!id) throw inputError(path, Object.assign(new Error('missing'), { code: 'ENOENT' }));
  if (id.kind === 'directory') throw inputError(path, Object.assign(new Error('directory'), { code: 'EISDIR' }));
  if (id.kind === 'file') return { source: await fileSource(path), mode: id.mode & 0o666, cleanup: async () => {} };
  const copy = await spoolToTempFile(createReadStream(path), options.name ?? basename(path), options);
  return { source: { ...(await fileSource(copy.path)), name: options.name ?? basename(path) }, mode: 0o600, cleanup: copy.cleanup };
}

/** Default output path: the input's name with `.xlsx`, beside it. */
export function defaultOutputPath(input: string, outputDir?: string): string {
  const ext = extname(input);
  const stem = basename(input, ext && /^\.(csv|txt|tsv)$/i.test(ext) ? ext : '');
  return join(outputDir ?? dirname(input), `${stem}.xlsx`);
}

/** Options of {@link convertFile}. */
export interface ConvertFileOptions extends ConvertOptions {
  /** Output path (default: beside the input, with `.xlsx`). */
  output?: string;
  /** Overwrite an existing output (never the input itself: that is `OUTPUT_IS_INPUT`). */
  force?: boolean;
  /** zlib level 1–9 (default 4, {@link DEFAULT_COMPRESSION_LEVEL}: the best time/size trade-off measured on extractions). */
  compressionLevel?: number;
  /**
   * Re-read the written workbook and compare every cell with the source before it is put in place;
   * any difference fails with `VERIFY_FAILED` and leaves no output.
   */
  verify?: boolean;
  /**
   * Threads that write the sheets of a large file (any encoding; 8 MB and more, any size when
   * `segmentBytes` is given) in parallel; default one per core, at most 4; 1 writes on this thread
   * only. The workbook is the same either way.
   */
  threads?: number;
  /**
   * @internal With `threads: 1`, compress the sheet on this thread, in pieces (as the segment
   * workers do), instead of on libuv's thread pool. For batch workers: one busy thread per file,
   * so that two workers on two cores do not run four threads (measured: 8 files of 100k rows in
   * 8.0 s instead of 9.2 s, medians of three alternated runs).
   */
  compressHere?: boolean;
}

/** Below this size a file is written on one thread: starting workers would cost more than they save. */
const PARALLEL_MIN_BYTES = 8 << 20;

/** Report of {@link convertFile}: the conversion report, plus the verification when asked. */
export type FileConversionReport = ConversionReport & { verification?: VerificationReport };

/**
 * Converts a CSV file to an `.xlsx` file. Before anything is written, an output that is the input
 * itself (through a link, a hard link or another case) is refused with `OUTPUT_IS_INPUT`. The
 * workbook goes to a temp file beside the target (created exclusively, with the input's permission
 * bits), is verified if asked, then renamed into place; a device or FIFO output is streamed into.
 * An error or an interruption never leaves a partial file, and an existing file is never replaced
 * without `force`.
 */
export async function convertFile(input: string, options: ConvertFileOptions = {}): Promise<FileConversionReport> {
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
    const conversion = await convertExtraction(opened.source, { deflate: nodeDeflate(options.compressionLevel), platform: nodePlatform, ...options, ...(parallel ? { parallel } : {}), name: options.name ?? basename(input) });
    let verification: VerificationReport | undefined;
    await writeConversion(conversion, output, options.force ?? false, async (temp) => {
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
    return { ...conversion.report, input, output, ...(verification ? { verification } : {}) };
  } finally {
    await parallel?.close();
    await opened.cleanup();
  }
}

/**
 * Writes a conversion's workbook to `output` through the shared safe writer: temp file and rename
 * for a regular file (a symlink keeps pointing at the replaced file), streaming for a device or FIFO.
 */
export async function writeConversion(
  conversion: Conversion,
  output: string,
  force: boolean,
  beforeCommit?: (temp: string) => Promise<void>,
  options: { mode?: number; signal?: AbortSignal } = {},
): Promise<void> {
  try {
    await writeFileSafely(output, conversion.workbook(), { force, mode: options.mode ?? 0o600, signal: options.signal, ...(beforeCommit ? { beforeCommit } : {}) });
  } catch (error) {
    if (error instanceof FileError && error.code === 'ABORTED') throw abortedError();
    throw asExtractionError(error);
  }
}

/** Streams a conversion's workbook to a writable stream (stdout). */
export async function writeConversionTo(conversion: Conversion, destination: NodeJS.WritableStream): Promise<void> {
  try {
    await pipeline(Readable.from(conversion.workbook(), { highWaterMark: 1 }), destination, { end: false });
  } catch (cause) {
    if (cause instanceof ExtractionError) throw cause;
    throw asExtractionError(writeFailure('sortie standard', cause));
  }
}

export { verifyWorkbook } from './node-verify.js';
export type { CellDifference, VerificationReport } from './node-verify.js';
