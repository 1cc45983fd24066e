import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { readBounded, readFirstLine, spoolToTempFile } from '@sne-toolbox/node-io';
import { IS_ROOT, mknodChar, mountTmpfs, tempFolder } from './helpers.js';

let dir: string;
let remove: () => void;
beforeEach(() => {
  ({ dir, remove } = tempFolder());
});
afterEach(() => remove());

describe('readFirstLine (password files)', () => {
  test.each([
    ['nouveau-mdp\n\n', 'nouveau-mdp'],
    ['nouveau-mdp\r\nligne 2\r\n', 'nouveau-mdp'],
    ['\uFEFFÉté-€\n', 'Été-€'],
    ['sans fin de ligne', 'sans fin de ligne'],
    ['\nmot-de-passe-en-ligne-2\n', ''],
    ['', ''],
  ])('%j → %j', async (content, expected) => {
    writeFileSync(join(dir, 'pw.txt'), content);
    expect(await readFirstLine(join(dir, 'pw.txt'))).toBe(expected);
  });

  test('a first line longer than 4 KB is refused', async () => {
    writeFileSync(join(dir, 'pw.txt'), 'x'.repeat(10_000));
    await expect(readFirstLine(join(dir, 'pw.txt'))).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
  });
});

describe('readBounded counts the bytes read, not stat', () => {
  test('a file over the limit → LIMIT_EXCEEDED', async () => {
    writeFileSync(join(dir, 'big'), new Uint8Array(2049));
    await expect(readBounded(join(dir, 'big'), 2048)).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
    expect((await readBounded(join(dir, 'big'), 4096)).byteLength).toBe(2049);
  });

  test.skipIf(!IS_ROOT)('an endless device (our own /dev/zero node) stops at the limit', async () => {
    expect(mknodChar(join(dir, 'zero'), 1, 5)).toBe(true);
    await expect(readBounded(join(dir, 'zero'), 1 << 20)).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
  });

  test('a folder → INPUT_NOT_FOUND', async () => {
    await expect(readBounded(dir, 10)).rejects.toMatchObject({ code: 'INPUT_NOT_FOUND' });
  });
});

describe('spoolToTempFile', () => {
  const ours = () => readdirSync(tmpdir()).filter((f) => f.startsWith('sne-toolbox-'));

  test('the temp name never depends on the given name: a 250-character name spools', async () => {
    const name = `${'é'.repeat(250)}\u001b.csv`;
    const spool = await spoolToTempFile(Readable.from([Buffer.from('a;b\n')]), { name });
    try {
      expect(basename(spool.path)).toBe('entree.csv');
    } finally {
      await spool.cleanup();
    }
  });

  test.skipIf(!IS_ROOT)('a full temp disk is WRITE_FAILED (ENOSPC) saying where, and leaves nothing', async () => {
    const mount = join(dir, 'small');
    mkdirSync(mount);
    const unmount = mountTmpfs(mount, '64k');
    if (!unmount) throw new Error('tmpfs could not be mounted (root is needed)');
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = mount;
    try {
      const big = Readable.from((function* () {
        for (let i = 0; i < 64; i++) yield Buffer.alloc(16384, 97);
      })());
      const error = await spoolToTempFile(big).then(() => null, (e: unknown) => e);
      expect(error).toMatchObject({ code: 'WRITE_FAILED', errno: 'ENOSPC' });
      expect((error as Error).message).toMatch(/dossier temporaire/);
      expect(readdirSync(mount)).toEqual([]);
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
      unmount();
    }
  });

  test('copies a stream privately (0600) and cleans up', async () => {
    const before = ours();
    const spool = await spoolToTempFile(Readable.from([Buffer.from('a;b\n'), Buffer.from('1;2\n')]));
    expect((await import('node:fs')).readFileSync(spool.path, 'utf8')).toBe('a;b\n1;2\n');
    expect((await import('node:fs')).statSync(spool.path).mode & 0o777).toBe(0o600);
    await spool.cleanup();
    expect(existsSync(spool.path)).toBe(false);
    expect(ours()).toEqual(before);
  });

  test('an abort during the copy stops it and leaves nothing in the system temp folder', async () => {
    const before = ours();
    const controller = new AbortController();
    async function* endless() {
      for (let i = 0; ; i++) {
        if (i === 3) controller.abort();
        yield new Uint8Array(1024).fill(65);
        await new Promise((r) => setTimeout(r, 1));
      }
    }
    await expect(spoolToTempFile(endless(), { signal: controller.signal })).rejects.toMatchObject({ code: 'ABORTED' });
    expect(ours()).toEqual(before);
  });

  test('the head check refuses an endless binary stream after the first megabyte', async () => {
    const before = ours();
    let sent = 0;
    async function* zeros() {
      for (;;) {
        sent += 65536;
        yield new Uint8Array(65536);
      }
    }
    const refuse = (head: Uint8Array) => {
      if (head.every((b) => b === 0)) throw Object.assign(new Error('binary'), { code: 'NOT_CSV' });
    };
    await expect(spoolToTempFile(zeros(), { inspectHead: refuse })).rejects.toMatchObject({ code: 'NOT_CSV' });
    expect(sent).toBeLessThan(4 << 20);
    expect(ours()).toEqual(before);
  });
});
