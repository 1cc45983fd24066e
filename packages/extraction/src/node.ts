import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs, type Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants as zlibConstants, createDeflateRaw, type ZlibOptions } from 'node:zlib';
import { type Conversion, type ConversionReport, type ConvertOptions, convertExtraction } from './convert.js';
import type { Platform } from './encoding.js';
import { ExtractionError } from './errors.js';
import { type VerificationReport, verifyWorkbook } from './node-verify.js';
import type { ByteSource } from './source.js';
import type { Deflater } from './zip-writer.js';

/**
 * Raw DEFLATE with Node's zlib. zlib runs in libuv's thread pool, so compression happens on the
 * second core while the main thread parses and serialises.
 */
export function nodeDeflate(level = 3): Deflater {
  return (input) => {
    // A deep input buffer lets the main thread serialise the next rows while zlib compresses on
    // the thread pool; with the default 16 KB the two would take turns.
    const deflate = createDeflateRaw({ level, memLevel: 9, strategy: zlibConstants.Z_DEFAULT_STRATEGY, chunkSize: 1 << 16, writableHighWaterMark: 1 << 22 } as ZlibOptions);
    const done = pipeline(Readable.from(input, { objectMode: false, highWaterMark: 1 }), deflate);
    done.catch(() => {});
    return (async function* () {
      for await (const chunk of deflate as AsyncIterable<Uint8Array>) yield chunk;
      await done;
    })();
  };
}

/** Node's native Latin-1 decoding: about 20 times faster than decoding in JavaScript. */
export const nodePlatform: Platform = {
  decodeLatin1: (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'),
};

function inputError(path: string, cause: unknown): ExtractionError {
  const code = (cause as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT' ? 'n\'existe pas' : code === 'EISDIR' ? 'est un dossier, pas un fichier' : code === 'EACCES' || code === 'EPERM' ? 'ne peut pas être lu (droits insuffisants)' : 'ne peut pas être lu';
  return new ExtractionError('INPUT_NOT_FOUND', `Le fichier « ${path} » ${why}. Vérifiez le chemin et le nom du fichier.`, { cause, details: { path } });
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

/** Copies a stream (stdin) to a private temp file so that it can be read twice; returns its path. */
export async function spoolToTempFile(input: NodeJS.ReadableStream | AsyncIterable<Uint8Array>, name = 'stdin.csv'): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const dir = await fs.mkdtemp(join(tmpdir(), 'sne-extraction-'));
  const path = join(dir, name);
  const cleanup = () => fs.rm(dir, { recursive: true, force: true });
  try {
    await pipeline(input as AsyncIterable<Uint8Array>, createWriteStream(path, { mode: 0o600 }));
  } catch (cause) {
    await cleanup();
    throw writeError(path, cause);
  }
  return { path, cleanup };
}

/** Default output path: the input's name with `.xlsx`, beside it. */
export function defaultOutputPath(input: string, outputDir?: string): string {
  const ext = extname(input);
  const stem = basename(input, ext && /^\.(csv|txt|tsv)$/i.test(ext) ? ext : '');
  return join(outputDir ?? dirname(input), `${stem}.xlsx`);
}

function writeError(path: string, cause: unknown): ExtractionError {
  const code = (cause as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOSPC' ? 'le disque est plein' : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'le dossier n\'est pas accessible en écriture' : code === 'ENOENT' ? 'le dossier n\'existe pas' : 'erreur d\'écriture';
  return new ExtractionError('WRITE_FAILED', `Impossible d'écrire « ${path} » : ${why}. Choisissez un autre dossier avec -o, ou libérez de la place.`, {
    cause,
    details: { path, errno: code },
  });
}

async function exists(path: string): Promise<boolean> {
  try {
    await fs.lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** Options of {@link convertFile}. */
export interface ConvertFileOptions extends ConvertOptions {
  /** Output path (default: beside the input, with `.xlsx`). */
  output?: string;
  /** Overwrite an existing output. */
  force?: boolean;
  /** zlib level 1–9 (default 3: the best time/size trade-off measured on extractions). */
  compressionLevel?: number;
  /**
   * Re-read the written workbook and compare every cell with the source before it is put in place;
   * any difference fails with `VERIFY_FAILED` and leaves no output.
   */
  verify?: boolean;
}

/** Report of {@link convertFile}: the conversion report, plus the verification when asked. */
export type FileConversionReport = ConversionReport & { verification?: VerificationReport };

function outputExists(path: string): ExtractionError {
  return new ExtractionError('OUTPUT_EXISTS', `Le fichier « ${path} » existe déjà : il n'a pas été modifié. Ajoutez --force pour le remplacer, ou choisissez un autre nom avec -o.`, {
    details: { path },
  });
}

/**
 * Converts a CSV file to an `.xlsx` file. The workbook is written to a temp file beside the target and
 * renamed into place at the end, so an error or an interruption never leaves a partial file, and an
 * existing file is never replaced without `force`.
 */
export async function convertFile(input: string, options: ConvertFileOptions = {}): Promise<FileConversionReport> {
  const output = resolve(options.output ?? defaultOutputPath(input));
  if (output === resolve(input)) {
    throw new ExtractionError('USAGE', `Le fichier de sortie serait le fichier d'entrée « ${input} » : choisissez un autre nom avec -o.`);
  }
  const source = await fileSource(input);
  if (!options.force && (await exists(output))) throw outputExists(output);
  const conversion = await convertExtraction(source, { deflate: nodeDeflate(options.compressionLevel), platform: nodePlatform, ...options, name: options.name ?? basename(input) });
  let verification: VerificationReport | undefined;
  await writeConversion(conversion, output, options.force ?? false, async (temp) => {
    if (!options.verify) return;
    verification = await verifyWorkbook(source, conversion.analysis, temp);
    if (verification.differenceCount > 0) {
      const first = verification.differences[0]!;
      throw new ExtractionError(
        'VERIFY_FAILED',
        `La vérification a trouvé ${verification.differenceCount} différence(s) sur ${verification.cells} cellules (première : ${first.sheet}!${first.cell}, attendu « ${first.expected} », lu « ${first.actual} ») : le classeur n'a pas été écrit. Signalez ce problème avec le fichier.`,
        { details: { verification } },
      );
    }
  });
  return { ...conversion.report, input, output, ...(verification ? { verification } : {}) };
}

/** Writes a conversion's workbook atomically to `output`. */
export async function writeConversion(conversion: Conversion, output: string, force: boolean, beforeCommit?: (temp: string) => Promise<void>): Promise<void> {
  const temp = join(dirname(output), `.${basename(output)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    try {
      await pipeline(Readable.from(conversion.workbook(), { highWaterMark: 1 }), createWriteStream(temp, { flags: 'wx' }));
    } catch (cause) {
      if (cause instanceof ExtractionError) throw cause;
      throw writeError(output, cause);
    }
    await beforeCommit?.(temp);
    if (force) {
      await fs.rename(temp, output).catch((cause: unknown) => {
        throw writeError(output, cause);
      });
    } else {
      // link() fails if the target exists: no window in which another file could be overwritten.
      try {
        await fs.link(temp, output);
      } catch (cause) {
        const code = (cause as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') throw outputExists(output);
        if (await exists(output)) throw outputExists(output);
        await fs.rename(temp, output).catch((renameCause: unknown) => {
          throw writeError(output, renameCause);
        });
      }
    }
  } finally {
    await fs.rm(temp, { force: true });
  }
}

/** Streams a conversion's workbook to a writable stream (stdout). */
export async function writeConversionTo(conversion: Conversion, destination: NodeJS.WritableStream): Promise<void> {
  try {
    await pipeline(Readable.from(conversion.workbook(), { highWaterMark: 1 }), destination, { end: false });
  } catch (cause) {
    if (cause instanceof ExtractionError) throw cause;
    throw writeError('sortie standard', cause);
  }
}

export { verifyWorkbook } from './node-verify.js';
export type { CellDifference, VerificationReport } from './node-verify.js';
