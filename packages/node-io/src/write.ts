import { randomBytes } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { aborted, FileError, NAME_HINT, writeFailure } from './errors.js';
import { releaseTemp, trackTemp } from './signals.js';

/** Bytes to write: an async iterable pulled chunk by chunk (back-pressure respected). */
export type Body = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** Options of {@link writeFileSafely}. */
export interface WriteOptions {
  /** Replace an existing regular file (never an input: see `checkPlan`). */
  force?: boolean;
  /** Permission bits of a new file (the umask still applies). */
  mode?: number;
  /** Stops the write: the temp file is removed and `ABORTED` is thrown. */
  signal?: AbortSignal;
  /** Runs on the complete temp file before it is put in place (verification); a throw cancels. */
  beforeCommit?: (tempPath: string) => Promise<void>;
}

/** Where a write goes: a regular file replaced atomically, or a device / FIFO streamed into. */
export type WriteTarget = { kind: 'replace'; path: string; exists: boolean } | { kind: 'stream'; path: string };

function outputExists(path: string): FileError {
  return new FileError('OUTPUT_EXISTS', `Le fichier « ${path} » existe déjà : il n'a pas été modifié. Autorisez son remplacement, ou choisissez un autre nom.`, {
    path,
    hint: 'Ajoutez --force pour le remplacer, ou choisissez un autre nom avec -o.',
  });
}

/**
 * Decides how `path` is written. A symlink is kept and the file it names is replaced (as `cp`
 * writes through a link); a character device, FIFO or socket is streamed into — never renamed
 * over; a folder or a dangling link is refused.
 */
export async function resolveWriteTarget(path: string): Promise<WriteTarget> {
  let link;
  try {
    link = await fs.lstat(path);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'replace', path, exists: false };
    throw writeFailure(path, cause);
  }
  let stat = link;
  if (link.isSymbolicLink()) {
    try {
      stat = await fs.stat(path);
    } catch (cause) {
      throw new FileError('WRITE_FAILED', `« ${path} » est un lien vers un fichier qui n'existe pas : rien n'a été écrit. Supprimez le lien ou choisissez un autre nom.`, { cause, path, hint: NAME_HINT });
    }
  }
  if (stat.isCharacterDevice() || stat.isFIFO() || stat.isSocket()) return { kind: 'stream', path };
  if (stat.isDirectory()) throw writeFailure(path, Object.assign(new Error('directory'), { code: 'EISDIR' }));
  if (!stat.isFile()) throw new FileError('WRITE_FAILED', `« ${path} » n'est pas un fichier ordinaire : rien n'a été écrit. Choisissez un autre nom.`, { path, hint: NAME_HINT });
  const real = link.isSymbolicLink() ? await fs.realpath(path) : path;
  return { kind: 'replace', path: real, exists: true };
}

/**
 * A fresh temp name beside `path` (same folder: the final rename stays on one file system). It
 * never contains the final name: a name near the file system's 255-byte limit would overflow.
 */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.sne-toolbox-${randomBytes(6).toString('hex')}.tmp`);
}

async function streamInto(body: Body, destination: Writable, signal: AbortSignal | undefined): Promise<void> {
  await pipeline(Readable.from(body, { highWaterMark: 1, objectMode: false }), destination, signal ? { signal } : {});
}

function rethrow(path: string, cause: unknown, signal: AbortSignal | undefined): never {
  if (signal?.aborted) throw aborted();
  // System errors (ENOSPC, EPIPE…) get a French message; errors raised by the body itself pass through.
  if (/^E[A-Z]+$/.test(String((cause as NodeJS.ErrnoException)?.code))) throw writeFailure(path, cause);
  throw cause;
}

/**
 * Writes `body` to `path` so that nothing is ever half-written or lost:
 * - a regular file goes to a temp file beside it, created exclusively (`O_EXCL`) with its final
 *   mode, flushed to disk, then renamed into place (`force`) or hard-linked (never replaces a file
 *   that appeared meanwhile); any failure or abort removes the temp file;
 * - a device or FIFO (`/dev/null`, a named pipe) is streamed into: nothing is renamed over it.
 */
export async function writeFileSafely(path: string, body: Body, options: WriteOptions = {}): Promise<WriteTarget> {
  const { signal } = options;
  if (signal?.aborted) throw aborted();
  const target = await resolveWriteTarget(path);
  if (target.kind === 'stream') {
    try {
      await streamInto(body, createWriteStream(target.path, { flags: 'w' }), signal);
    } catch (cause) {
      rethrow(target.path, cause, signal);
    }
    return target;
  }
  if (target.exists && !options.force) throw outputExists(path);
  const temp = tempPathFor(target.path);
  trackTemp(temp);
  try {
    let handle;
    try {
      handle = await fs.open(temp, 'wx', options.mode ?? 0o666);
    } catch (cause) {
      throw writeFailure(target.path, cause);
    }
    try {
      for await (const chunk of body) {
        if (signal?.aborted) throw aborted();
        // write() may take fewer bytes than given: loop until the chunk is all on disk.
        for (let offset = 0; offset < chunk.byteLength; ) offset += (await handle.write(chunk, offset, chunk.byteLength - offset)).bytesWritten;
      }
      await handle.sync();
    } catch (cause) {
      rethrow(target.path, cause, signal);
    } finally {
      await handle.close().catch(() => {});
    }
    await options.beforeCommit?.(temp);
    if (signal?.aborted) throw aborted();
    await commit(temp, target.path, options.force ?? false);
  } finally {
    await fs.rm(temp, { force: true });
    releaseTemp(temp);
  }
  return target;
}

/**
 * Puts a complete temp file in place. Without `force`, `link()` refuses an existing target; where
 * the file system has no hard links (FAT, some shares), the name is first reserved with an
 * exclusive create, so a file that appeared meanwhile is never replaced.
 */
export async function commit(temp: string, target: string, force: boolean, io: Pick<typeof fs, 'rename' | 'link' | 'open' | 'rm'> = fs): Promise<void> {
  if (force) {
    await io.rename(temp, target).catch((cause: unknown) => {
      throw writeFailure(target, cause);
    });
    return;
  }
  try {
    await io.link(temp, target);
    return;
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'EEXIST') throw outputExists(target);
  }
  let reserved;
  try {
    reserved = await io.open(target, 'wx');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'EEXIST') throw outputExists(target);
    throw writeFailure(target, cause);
  }
  await reserved.close();
  await io.rename(temp, target).catch(async (cause: unknown) => {
    await io.rm(target, { force: true });
    throw writeFailure(target, cause);
  });
}
