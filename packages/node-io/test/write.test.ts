import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { writeFileSafely } from '@sne-toolbox/node-io';
import { IS_ROOT, mkfifo, mknodChar, tempFolder } from './helpers.js';

let dir: string;
let remove: () => void;
beforeEach(() => {
  ({ dir, remove } = tempFolder());
});
afterEach(() => remove());

async function* chunks(...parts: string[]) {
  for (const p of parts) yield new TextEncoder().encode(p);
}
const temps = () => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('writeFileSafely: regular files', () => {
  test('writes through a temp file with the asked mode, leaves no temp', async () => {
    await writeFileSafely(join(dir, 'out.xlsx'), chunks('ab', 'cd'), { mode: 0o600 });
    expect(readFileSync(join(dir, 'out.xlsx'), 'utf8')).toBe('abcd');
    expect(statSync(join(dir, 'out.xlsx')).mode & 0o777).toBe(0o600);
    expect(temps()).toEqual([]);
  });

  test('a name as long as the file system allows is written: the temp name does not grow with it', async () => {
    const name = `${'n'.repeat(250)}.xlsx`;
    await writeFileSafely(join(dir, name), [new Uint8Array([1, 2, 3])]);
    expect(readFileSync(join(dir, name))).toEqual(Buffer.from([1, 2, 3]));
    expect(temps()).toEqual([]);
  });

  test('an existing file is kept without force (OUTPUT_EXISTS), replaced with it', async () => {
    writeFileSync(join(dir, 'out.xlsx'), 'old');
    await expect(writeFileSafely(join(dir, 'out.xlsx'), chunks('new'))).rejects.toMatchObject({ code: 'OUTPUT_EXISTS' });
    expect(readFileSync(join(dir, 'out.xlsx'), 'utf8')).toBe('old');
    await writeFileSafely(join(dir, 'out.xlsx'), chunks('new'), { force: true });
    expect(readFileSync(join(dir, 'out.xlsx'), 'utf8')).toBe('new');
  });

  test('an output that is a symlink stays a link; the file it names is replaced', async () => {
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real', 'target.xlsx'), 'old');
    symlinkSync(join(dir, 'real', 'target.xlsx'), join(dir, 'link.xlsx'));
    await writeFileSafely(join(dir, 'link.xlsx'), chunks('new'), { force: true });
    expect(lstatSync(join(dir, 'link.xlsx')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link.xlsx'))).toBe(join(dir, 'real', 'target.xlsx'));
    expect(readFileSync(join(dir, 'real', 'target.xlsx'), 'utf8')).toBe('new');
    expect(readdirSync(join(dir, 'real'))).toEqual(['target.xlsx']);
  });

  test('a dangling link is refused, nothing is created', async () => {
    symlinkSync(join(dir, 'nowhere.xlsx'), join(dir, 'dangling.xlsx'));
    await expect(writeFileSafely(join(dir, 'dangling.xlsx'), chunks('x'), { force: true })).rejects.toMatchObject({ code: 'WRITE_FAILED' });
    expect(readdirSync(dir)).toEqual(['dangling.xlsx']);
  });

  test('a failing body removes the temp file and keeps the old output', async () => {
    writeFileSync(join(dir, 'out.xlsx'), 'old');
    async function* failing() {
      yield new Uint8Array(10);
      throw Object.assign(new Error('source changed'), { code: 'INPUT_CHANGED' });
    }
    await expect(writeFileSafely(join(dir, 'out.xlsx'), failing(), { force: true })).rejects.toMatchObject({ code: 'INPUT_CHANGED' });
    expect(readFileSync(join(dir, 'out.xlsx'), 'utf8')).toBe('old');
    expect(temps()).toEqual([]);
  });

  test('an abort mid-write → ABORTED, no temp, no output', async () => {
    const controller = new AbortController();
    async function* slow() {
      yield new Uint8Array(10);
      controller.abort();
      yield new Uint8Array(10);
    }
    await expect(writeFileSafely(join(dir, 'out.xlsx'), slow(), { signal: controller.signal })).rejects.toMatchObject({ code: 'ABORTED' });
    expect(readdirSync(dir)).toEqual([]);
  });

  test('a failed verification (beforeCommit) leaves nothing', async () => {
    await expect(
      writeFileSafely(join(dir, 'out.xlsx'), chunks('x'), {
        beforeCommit: async () => {
          throw new Error('différence');
        },
      }),
    ).rejects.toThrow('différence');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('writeFileSafely: devices and FIFOs are streamed into, never replaced', () => {
  test('a FIFO receives the bytes and stays a FIFO; no temp file', async () => {
    mkfifo(join(dir, 'pipe'));
    const received: Buffer[] = [];
    const reader = new Promise<void>((resolve) => {
      createReadStream(join(dir, 'pipe')).on('data', (c) => received.push(Buffer.from(c))).on('end', resolve);
    });
    await writeFileSafely(join(dir, 'pipe'), chunks('PK', 'data'), { force: true });
    await reader;
    expect(Buffer.concat(received).toString()).toBe('PKdata');
    expect(lstatSync(join(dir, 'pipe')).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(['pipe']);
  });

  test.skipIf(!IS_ROOT)('our own null device node stays a device, with or without force', async () => {
    expect(mknodChar(join(dir, 'null'), 1, 3)).toBe(true);
    await writeFileSafely(join(dir, 'null'), chunks('x'.repeat(100_000)), { force: true });
    await writeFileSafely(join(dir, 'null'), chunks('y'));
    expect(lstatSync(join(dir, 'null')).isCharacterDevice()).toBe(true);
    expect(readdirSync(dir)).toEqual(['null']);
  });

  test.skipIf(!IS_ROOT)('a symlink to a device node: the link and the device both stay', async () => {
    expect(mknodChar(join(dir, 'null'), 1, 3)).toBe(true);
    symlinkSync(join(dir, 'null'), join(dir, 'stdout-like'));
    await writeFileSafely(join(dir, 'stdout-like'), chunks('x'), { force: true });
    expect(lstatSync(join(dir, 'stdout-like')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(dir, 'null')).isCharacterDevice()).toBe(true);
  });

  test.skipIf(!IS_ROOT)('a full device (our own /dev/full node) → WRITE_FAILED, the node stays', async () => {
    expect(mknodChar(join(dir, 'full'), 1, 7)).toBe(true);
    await expect(writeFileSafely(join(dir, 'full'), chunks('x'), { force: true })).rejects.toMatchObject({ code: 'WRITE_FAILED', errno: 'ENOSPC' });
    expect(lstatSync(join(dir, 'full')).isCharacterDevice()).toBe(true);
  });
});
