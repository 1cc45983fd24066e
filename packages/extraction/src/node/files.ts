import { createReadStream, promises as fs, type Stats } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileError, identify, readFailure, spoolToTempFile as spool, writeFailure, writeFileSafely } from '@sne-toolbox/node-io';
import type { Conversion } from '../core/convert.js';
import { refuseNonCsv } from '../core/detect.js';
import { abortedError, ExtractionError } from '../core/errors.js';
import { type ByteSource, EXTRACTION_FILE } from '../core/source.js';

// Files for the conversion: the checked file source, one-shot inputs copied first, the safe writer.

/** A file-safety error of the shared Node layer, as this package's error (same code and message). */
export function asExtractionError(error: unknown): unknown {
  if (!(error instanceof FileError)) return error;
  const code = error.code === 'OUTPUT_CONFLICT' ? 'USAGE' : error.code === 'LIMIT_EXCEEDED' ? 'INPUT_NOT_FOUND' : error.code;
  return new ExtractionError(code, error.message, { cause: error, details: { path: error.path, errno: error.errno }, ...(error.hint ? { hint: error.hint } : {}) });
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
  const stem = basename(input, ext && EXTRACTION_FILE.test(ext) ? ext : '');
  return join(outputDir ?? dirname(input), `${stem}.xlsx`);
}

/**
 * Writes a conversion's workbook to `output` through the shared safe writer: temp file and rename
 * for a regular file (a symlink keeps pointing at the replaced file), streaming for a device or FIFO.
 * Resolves to true when an existing file was replaced (`force`).
 */
export async function writeConversion(
  conversion: Conversion,
  output: string,
  force: boolean,
  beforeCommit?: (temp: string) => Promise<void>,
  options: { mode?: number; signal?: AbortSignal } = {},
): Promise<boolean> {
  try {
    const target = await writeFileSafely(output, conversion.workbook(), { force, mode: options.mode ?? 0o600, signal: options.signal, ...(beforeCommit ? { beforeCommit } : {}) });
    return target.kind === 'replace' && target.exists;
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
