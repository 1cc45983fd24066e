import { fstatSync, promises as fs, readlinkSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

/** What kind of thing a path names, links followed. */
export type FileKind = 'file' | 'directory' | 'device' | 'fifo' | 'socket' | 'other';

/** A file as the system sees it: the same file has the same identity whatever path names it. */
export interface FileIdentity {
  /** Real path (links and `..` resolved). */
  real: string;
  dev: bigint;
  ino: bigint;
  kind: FileKind;
  /** Permission bits (0o777 part of the mode). */
  mode: number;
}

/** File names compare case-insensitively on Windows and macOS (their default file systems). */
export const CASE_INSENSITIVE = process.platform === 'win32' || process.platform === 'darwin';

/** The key under which two paths name the same place. */
export function pathKey(real: string, caseInsensitive = CASE_INSENSITIVE): string {
  return caseInsensitive ? real.normalize('NFC').toLowerCase() : real;
}

function kindOf(stat: { isFile(): boolean; isDirectory(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isFIFO(): boolean; isSocket(): boolean }): FileKind {
  if (stat.isFile()) return 'file';
  if (stat.isDirectory()) return 'directory';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'device';
  if (stat.isFIFO()) return 'fifo';
  if (stat.isSocket()) return 'socket';
  return 'other';
}

/** The identity of what `path` names (links followed), or `null` when nothing is there. */
export async function identify(path: string): Promise<FileIdentity | null> {
  let stat;
  try {
    stat = await fs.stat(path, { bigint: true });
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw cause;
  }
  const real = await fs.realpath(path).catch(() => resolve(path));
  return { real, dev: stat.dev, ino: stat.ino, kind: kindOf(stat), mode: Number(stat.mode & 0o777n) };
}

/**
 * The identity of an open file descriptor (the process's standard input or output), or `null`
 * when it is closed. Its real path is read from /proc where there is one (for messages only).
 */
export function identifyDescriptor(fd: number): FileIdentity | null {
  let stat;
  try {
    stat = fstatSync(fd, { bigint: true });
  } catch {
    return null;
  }
  let real = `/proc/self/fd/${fd}`;
  try {
    real = readlinkSync(real);
  } catch {
    // No /proc (Windows, macOS): device and inode still compare.
  }
  return { real, dev: stat.dev, ino: stat.ino, kind: kindOf(stat), mode: Number(stat.mode & 0o777n) };
}

/**
 * True when the descriptor is the null device: what Node opens in place of a standard stream that
 * was closed (`>&-`), as well as `> /dev/null`. Nothing written there is kept. False on Windows and
 * whenever it cannot be told.
 */
export function isNullDevice(fd: number): boolean {
  if (process.platform === 'win32') return false;
  try {
    const stat = fstatSync(fd);
    return stat.isCharacterDevice() && stat.rdev === statSync('/dev/null').rdev;
  } catch {
    return false;
  }
}

/** True when both identities are one file: same device and inode, or same real path ignoring case where the system does. */
export function sameFile(a: FileIdentity, b: FileIdentity): boolean {
  if (a.dev === b.dev && a.ino === b.ino && a.ino !== 0n) return true;
  return pathKey(a.real) === pathKey(b.real);
}

/**
 * Where a path will land once written: the real path of its folder plus its name, so that
 * `linkdir/x.xlsx` and `realdir/x.xlsx` compare equal before either exists. A symlink that
 * exists is followed to the file it names (that is the file a write through it replaces).
 */
export async function landingPath(path: string): Promise<string> {
  const absolute = resolve(path);
  const existing = await fs.realpath(absolute).catch(() => null);
  if (existing) return existing;
  const folder = await fs.realpath(dirname(absolute)).catch(() => dirname(absolute));
  return resolve(folder, basename(absolute));
}
