import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const IS_ROOT = process.getuid?.() === 0;

/** A fresh temp folder, removed by the returned function. */
export function tempFolder(prefix = 'sne-node-io-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A FIFO made with mkfifo. */
export function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

/**
 * A character device node of our own (never the machine's /dev/null or /dev/zero): `mknod` in a
 * temp folder, root only. Returns false when it cannot be made.
 */
export function mknodChar(path: string, major: number, minor: number): boolean {
  return spawnSync('mknod', [path, 'c', String(major), String(minor)]).status === 0;
}

/** Mounts a small tmpfs at `path` (root only); the returned function unmounts it. */
export function mountTmpfs(path: string, size: string): (() => void) | null {
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', path]).status !== 0) return null;
  return () => {
    spawnSync('umount', [path]);
  };
}
