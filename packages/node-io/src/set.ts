import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { aborted, FileError, FOLDER_HINT, writeFailure } from './errors.js';
import { releaseTemp, trackTemp } from './signals.js';
import { commit } from './write.js';

/** One file of a set. `name` is a plain file name (no folder part). */
export interface SetFile {
  name: string;
  bytes: Uint8Array;
  /** Permission bits (0o600 for anything holding a private key). */
  mode: number;
}

/** The file-system calls the set writer makes; tests pass one that fails on purpose. */
export type SetFs = Pick<typeof fs, 'mkdir' | 'mkdtemp' | 'open' | 'rename' | 'link' | 'rm' | 'lstat' | 'stat' | 'unlink'>;

/** Options of {@link writeFileSet}. */
export interface SetOptions {
  force?: boolean;
  signal?: AbortSignal;
  fs?: SetFs;
}

function checkName(name: string): void {
  if (!name || name.startsWith('.') || /[\\/]/.test(name) || name === '..') throw new Error(`unsafe output name ${JSON.stringify(name)}`);
}

/**
 * Writes a set of files into `dir`, all or nothing. Every file is first written and flushed in a
 * private temp folder inside `dir` (0700, same file system); only when all are complete are they
 * moved into place. With `force`, each file being replaced is first kept aside (hard link, or a
 * rename where links are unavailable); if any move fails, the ones already made are undone and the
 * kept files put back. Whatever happens — disk full, permission, signal — `dir` ends up holding
 * exactly what it held before, or the whole new set.
 */
export async function writeFileSet(dir: string, files: readonly SetFile[], options: SetOptions = {}): Promise<string[]> {
  const io = options.fs ?? fs;
  const { signal } = options;
  for (const f of files) checkName(f.name);
  if (signal?.aborted) throw aborted();
  const folder = await io.stat(dir).catch(() => null);
  if (folder && !folder.isDirectory()) throw new FileError('WRITE_FAILED', `« ${dir} » n'est pas un dossier : donnez un dossier (il est créé s'il n'existe pas).`, { path: dir, hint: FOLDER_HINT });
  try {
    await io.mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (cause) {
    throw writeFailure(dir, cause);
  }
  const existing: string[] = [];
  for (const f of files) {
    const stat = await io.lstat(join(dir, f.name)).catch(() => null);
    if (!stat) continue;
    if (!stat.isFile()) throw new FileError('WRITE_FAILED', `« ${join(dir, f.name)} » existe et n'est pas un fichier ordinaire (lien, dossier…) : rien n'a été écrit. Choisissez un autre dossier.`, { hint: FOLDER_HINT, path: join(dir, f.name) });
    existing.push(f.name);
  }
  if (existing.length && !options.force) {
    throw new FileError('OUTPUT_EXISTS', `Des fichiers existent déjà dans « ${dir} » (${existing.join(', ')}) : rien n'a été écrit. Autorisez leur remplacement, ou choisissez un autre dossier.`, {
      path: dir,
      hint: 'Ajoutez --force pour les remplacer, ou choisissez un autre dossier avec -o.',
    });
  }

  let staging: string;
  try {
    staging = await io.mkdtemp(join(dir, '.sne-ecriture-'));
  } catch (cause) {
    throw writeFailure(dir, cause);
  }
  trackTemp(staging);
  try {
    for (const f of files) {
      if (signal?.aborted) throw aborted();
      const path = join(staging, f.name);
      try {
        const handle = await io.open(path, 'wx', f.mode);
        try {
          await handle.writeFile(f.bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
      } catch (cause) {
        throw writeFailure(join(dir, f.name), cause);
      }
    }
    if (signal?.aborted) throw aborted();
    await moveIntoPlace(io, dir, staging, files, options.force ?? false);
    return files.map((f) => join(dir, f.name));
  } finally {
    await io.rm(staging, { recursive: true, force: true }).catch(() => {});
    releaseTemp(staging);
  }
}

/** Moves every staged file into place, or none: on failure, undoes the moves already made. */
async function moveIntoPlace(io: SetFs, dir: string, staging: string, files: readonly SetFile[], force: boolean): Promise<void> {
  const backups = join(staging, 'remplaces');
  await io.mkdir(backups, { mode: 0o700 });
  const done: { target: string; backup: string | null }[] = [];
  try {
    for (const f of files) {
      const target = join(dir, f.name);
      const staged = join(staging, f.name);
      let backup: string | null = null;
      if (force && (await io.lstat(target).catch(() => null))) {
        backup = join(backups, f.name);
        // A hard link keeps the old file under its name until the new one replaces it.
        await io.link(target, backup).catch(() => io.rename(target, backup!));
      }
      try {
        await commit(staged, target, force, io);
      } catch (error) {
        if (backup) await io.rename(backup, target).catch(() => {});
        throw error;
      }
      done.push({ target, backup });
    }
  } catch (error) {
    for (const { target, backup } of done.reverse()) {
      if (backup) await io.rename(backup, target).catch(() => {});
      else await io.unlink(target).catch(() => {});
    }
    throw error;
  }
}
