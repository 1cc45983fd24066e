import { promises as fs, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type SetFs, writeFileSet } from '@sne-toolbox/node-io';
import { IS_ROOT, mountTmpfs, tempFolder } from './helpers.js';

let dir: string;
let remove: () => void;
beforeEach(() => {
  ({ dir, remove } = tempFolder());
});
afterEach(() => remove());

const enc = (s: string) => new TextEncoder().encode(s);
const SET = [
  { name: 'chiffrement.cer', bytes: enc('cer-new'), mode: 0o644 },
  { name: 'signature.p12', bytes: enc('sig-new'), mode: 0o600 },
  { name: 'LISEZMOI.txt', bytes: enc('readme-new'), mode: 0o644 },
];

function snapshot(folder: string): Record<string, string> {
  return Object.fromEntries(readdirSync(folder).sort().map((f) => [f, readFileSync(join(folder, f), 'utf8')]));
}

/** The real file system, but the listed calls of each method fail with the given errno ('*': every call). */
function failingFs(failures: Partial<Record<'open' | 'rename' | 'link', { calls: readonly number[] | '*'; errno: string }>>): SetFs {
  const stub: Record<string, unknown> = { ...fs };
  for (const [method, { calls, errno }] of Object.entries(failures)) {
    let n = 0;
    stub[method] = async (...args: unknown[]) => {
      n++;
      if (calls === '*' || calls.includes(n)) throw Object.assign(new Error(errno), { code: errno });
      return (fs[method as 'open'] as (...a: unknown[]) => unknown)(...args);
    };
  }
  return stub as SetFs;
}

describe('writeFileSet: all or nothing', () => {
  test('writes every file with its mode; nothing else is left', async () => {
    await writeFileSet(join(dir, 'out'), SET);
    expect(snapshot(join(dir, 'out'))).toEqual({ 'LISEZMOI.txt': 'readme-new', 'chiffrement.cer': 'cer-new', 'signature.p12': 'sig-new' });
    expect(statSync(join(dir, 'out', 'signature.p12')).mode & 0o777).toBe(0o600);
  });

  test('an existing file without force: OUTPUT_EXISTS, nothing written', async () => {
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'signature.p12'), 'sig-old');
    await expect(writeFileSet(join(dir, 'out'), SET)).rejects.toMatchObject({ code: 'OUTPUT_EXISTS' });
    expect(snapshot(join(dir, 'out'))).toEqual({ 'signature.p12': 'sig-old' });
  });

  test.each([
    ['third file cannot be created (disk full)', 'open', 3, 'ENOSPC'],
    ['second move fails', 'rename', 2, 'EIO'],
    ['third move fails', 'rename', 3, 'EACCES'],
    ['no hard links (FAT, share), third move fails', 'link', '*', 'EPERM'],
  ] as const)('%s, with --force: the folder holds exactly what it held', async (_, method, n, errno) => {
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'chiffrement.cer'), 'cer-old');
    writeFileSync(join(dir, 'out', 'LISEZMOI.txt'), 'readme-old');
    writeFileSync(join(dir, 'out', 'autre.txt'), 'untouched');
    const before = snapshot(join(dir, 'out'));
    const failures = method === 'link' ? { link: { calls: '*' as const, errno }, rename: { calls: [3], errno: 'EIO' } } : { [method]: { calls: [n as number], errno } };
    await expect(writeFileSet(join(dir, 'out'), SET, { force: true, fs: failingFs(failures) })).rejects.toMatchObject({ code: 'WRITE_FAILED' });
    expect(snapshot(join(dir, 'out'))).toEqual(before);
  });

  test.each([
    ['second file cannot be created (disk full)', { open: { calls: [2], errno: 'ENOSPC' } }],
    ['no hard links, second move fails', { link: { calls: '*', errno: 'EPERM' }, rename: { calls: [2], errno: 'EIO' } }],
  ] as const)('without --force, %s: the folder stays empty', async (_, failures) => {
    await expect(writeFileSet(join(dir, 'out'), SET, { fs: failingFs(failures as Parameters<typeof failingFs>[0]) })).rejects.toMatchObject({ code: 'WRITE_FAILED' });
    expect(readdirSync(join(dir, 'out'))).toEqual([]);
  });

  test('without hard links (FAT, shares) the set is still written, by exclusive reservation', async () => {
    await writeFileSet(join(dir, 'out'), SET, { fs: failingFs({ link: { calls: '*', errno: 'EPERM' } }) });
    expect(Object.keys(snapshot(join(dir, 'out')))).toHaveLength(3);
  });

  test('an abort before the move: ABORTED, nothing written', async () => {
    const controller = new AbortController();
    const io = { ...fs, open: async (...args: Parameters<typeof fs.open>) => {
      controller.abort();
      return fs.open(...args);
    } } as SetFs;
    await expect(writeFileSet(join(dir, 'out'), SET, { signal: controller.signal, fs: io })).rejects.toMatchObject({ code: 'ABORTED' });
    expect(readdirSync(join(dir, 'out'))).toEqual([]);
  });

  test.skipIf(!IS_ROOT)('a real full disk (64 KB tmpfs): nothing of the new set, the old files intact', async () => {
    const mount = join(dir, 'mnt');
    mkdirSync(mount);
    const unmount = mountTmpfs(mount, '64k');
    expect(unmount).not.toBeNull();
    try {
      writeFileSync(join(mount, 'chiffrement.cer'), 'cer-old');
      const big = [SET[0]!, { name: 'signature.p12', bytes: new Uint8Array(200_000), mode: 0o600 }, SET[2]!];
      for (const force of [false, true]) {
        const error = await writeFileSet(mount, big, { force }).catch((e: unknown) => e);
        expect(error).toMatchObject({ code: force ? 'WRITE_FAILED' : 'OUTPUT_EXISTS' });
        expect(snapshot(mount)).toEqual({ 'chiffrement.cer': 'cer-old' });
      }
    } finally {
      unmount!();
    }
  });
});
