import { createWriteStream, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { aborted, FileError, readFailure } from './errors.js';
import { releaseTemp, trackTemp } from './signals.js';

/**
 * Reads a whole input, at most `limit` bytes counted as they are read (not from `stat`, which says 0
 * for `/dev/zero`, a FIFO or stdin): one byte more gives `LIMIT_EXCEEDED`, and no more is read.
 * `tooBig` ends the French message (what the file cannot be, what to do).
 */
export async function readBounded(path: string, limit: number, label = path, tooBig = 'vérifiez le fichier donné'): Promise<Uint8Array> {
  let handle;
  try {
    handle = await fs.open(path, 'r');
  } catch (cause) {
    throw readFailure(label, cause);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw readFailure(label, Object.assign(new Error('directory'), { code: 'EISDIR' }));
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const buffer = new Uint8Array(Math.min(1 << 20, limit + 1 - total));
      const { bytesRead } = await handle.read(buffer, 0, buffer.byteLength, null);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > limit) {
        throw new FileError('LIMIT_EXCEEDED', `« ${label} » dépasse ${Math.round(limit / 1048576)} Mo : ${tooBig}.`, { path });
      }
    }
    return Buffer.concat(chunks, total);
  } catch (cause) {
    if (cause instanceof FileError) throw cause;
    throw readFailure(label, cause);
  } finally {
    await handle.close();
  }
}

/** Largest password file read: a password is one line, never kilobytes. */
export const PASSWORD_FILE_LIMIT = 4096;

/**
 * The first line of a password file, without its CR/LF and without a UTF-8 BOM; at most 4 KB are
 * read. Returns `''` for an empty first line (the caller decides what that means).
 */
export async function readFirstLine(path: string): Promise<string> {
  let handle;
  try {
    handle = await fs.open(path, 'r');
  } catch (cause) {
    throw readFailure(path, cause);
  }
  try {
    const buffer = new Uint8Array(PASSWORD_FILE_LIMIT);
    let length = 0;
    while (length < buffer.byteLength) {
      const { bytesRead } = await handle.read(buffer, length, buffer.byteLength - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (buffer.subarray(0, length).includes(10)) break;
    }
    const bytes = buffer.subarray(0, length);
    const end = bytes.indexOf(10);
    if (end < 0 && length === buffer.byteLength) {
      throw new FileError('LIMIT_EXCEEDED', `La première ligne de « ${path} » dépasse ${PASSWORD_FILE_LIMIT} octets : ce n'est pas un fichier de mot de passe.`, { path });
    }
    const line = new TextDecoder('utf-8').decode(end < 0 ? bytes : bytes.subarray(0, end));
    return line.replace(/^\uFEFF/, '').replace(/\r$/, '');
  } catch (cause) {
    if (cause instanceof FileError) throw cause;
    throw readFailure(path, cause);
  } finally {
    await handle.close();
  }
}

/** Why a private copy could not be written: the temp folder (TMPDIR), not the user's -o, is at fault. */
function tempFailure(cause: unknown): FileError {
  const code = (cause as NodeJS.ErrnoException)?.code;
  const why = code === 'ENOSPC' || code === 'EDQUOT' ? 'il est plein : libérez de la place' : `erreur ${code ?? String(cause)}`;
  return new FileError('WRITE_FAILED', `Impossible de copier l'entrée dans le dossier temporaire « ${tmpdir()} » (${why}), ou choisissez-en un autre avec la variable TMPDIR (TEMP sous Windows).`, { cause, path: tmpdir() });
}

/** A private copy of a stream, to read it twice; `cleanup` removes it. */
export interface Spool {
  path: string;
  cleanup: () => Promise<void>;
}

/** Options of {@link spoolToTempFile}. */
export interface SpoolOptions {
  /** The input's name: only its extension (`.csv`, `.txt`) is kept in the temp file's name. */
  name?: string;
  /** Stops the copy at once; the temp folder is removed and `ABORTED` thrown. */
  signal?: AbortSignal;
  /** Called once with the first `headSize` bytes (or all of them if fewer): throw to refuse the input early. */
  inspectHead?: (head: Uint8Array) => void;
  headSize?: number;
}

/**
 * Copies a one-shot stream (stdin, a FIFO, a device) into a private temp folder (0700, file 0600)
 * so it can be read twice. A signal or an error removes the copy; the head check lets the caller
 * refuse `/dev/zero` after the first megabyte instead of reading forever.
 */
export async function spoolToTempFile(input: AsyncIterable<Uint8Array> | NodeJS.ReadableStream, options: SpoolOptions = {}): Promise<Spool> {
  const { signal } = options;
  if (signal?.aborted) throw aborted();
  let dir: string;
  try {
    dir = await fs.mkdtemp(join(tmpdir(), 'sne-toolbox-'));
  } catch (cause) {
    throw tempFailure(cause);
  }
  trackTemp(dir);
  // The name inside the private folder never comes from the input (a 250-character zip member
  // name, control characters): only a short extension is kept, for messages about its kind.
  const path = join(dir, `entree${/\.[a-z0-9]{1,8}$/i.exec(options.name ?? '.csv')?.[0]?.toLowerCase() ?? ''}`);
  const cleanup = async () => {
    await fs.rm(dir, { recursive: true, force: true });
    releaseTemp(dir);
  };
  const headSize = options.headSize ?? 1 << 20;
  let head: Uint8Array | null = options.inspectHead ? new Uint8Array(0) : null;
  const inspect = () => {
    if (head === null) return;
    const h = head;
    head = null;
    options.inspectHead!(h);
  };
  const watch = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      try {
        if (head !== null) {
          const merged = new Uint8Array(head.byteLength + chunk.byteLength);
          merged.set(head);
          merged.set(chunk, head.byteLength);
          head = merged;
          if (head.byteLength >= headSize) {
            head = head.subarray(0, headSize);
            inspect();
          }
        }
        callback(null, chunk);
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback) {
      try {
        inspect();
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
  try {
    await pipeline(input as AsyncIterable<Uint8Array>, watch, createWriteStream(path, { mode: 0o600, flags: 'wx' }), signal ? { signal } : {});
  } catch (cause) {
    await cleanup();
    if (signal?.aborted) throw aborted();
    if (/^E[A-Z]+$/.test(String((cause as NodeJS.ErrnoException)?.code))) throw tempFailure(cause);
    throw cause;
  }
  return { path, cleanup };
}

