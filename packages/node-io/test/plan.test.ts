import { closeSync, constants, linkSync, mkdirSync, openSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { checkPlan, FileError } from '@sne-toolbox/node-io';
import { mkfifo, tempFolder } from './helpers.js';

let dir: string;
let remove: () => void;
beforeEach(() => {
  ({ dir, remove } = tempFolder());
  mkdirSync(join(dir, 'real'));
  writeFileSync(join(dir, 'real', 'in.csv'), 'a;b\n1;2\n');
  symlinkSync(join(dir, 'real'), join(dir, 'link'));
});
afterEach(() => remove());

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof FileError)) throw new Error(`expected a FileError, got ${String(error)}`);
  return error.code;
}

describe('checkPlan: an output is never an input', () => {
  test.each([
    ['the same path', 'real/in.csv'],
    ['through a symlinked folder', 'link/in.csv'],
    ['with .. in the path', 'real/../link/in.csv'],
  ])('%s → OUTPUT_IS_INPUT', async (_, output) => {
    expect(await codeOf(checkPlan([join(dir, 'real/in.csv')], [{ input: 'in.csv', output: join(dir, output) }]))).toBe('OUTPUT_IS_INPUT');
  });

  test('a hard link to the input → OUTPUT_IS_INPUT', async () => {
    linkSync(join(dir, 'real/in.csv'), join(dir, 'hard.xlsx'));
    expect(await codeOf(checkPlan([join(dir, 'real/in.csv')], [{ input: 'in.csv', output: join(dir, 'hard.xlsx') }]))).toBe('OUTPUT_IS_INPUT');
  });

  test('a symlink to the input → OUTPUT_IS_INPUT', async () => {
    symlinkSync(join(dir, 'real/in.csv'), join(dir, 'alias.xlsx'));
    expect(await codeOf(checkPlan([join(dir, 'real/in.csv')], [{ input: 'in.csv', output: join(dir, 'alias.xlsx') }]))).toBe('OUTPUT_IS_INPUT');
  });

  test('any input, not only the one the output comes from', async () => {
    writeFileSync(join(dir, 'other.csv'), 'x\n');
    const inputs = [join(dir, 'real/in.csv'), join(dir, 'other.csv')];
    expect(await codeOf(checkPlan(inputs, [{ input: 'in.csv', output: join(dir, 'other.csv') }]))).toBe('OUTPUT_IS_INPUT');
  });

  test('a distinct existing file passes (replacing it is --force\'s business)', async () => {
    writeFileSync(join(dir, 'out.xlsx'), 'old');
    await expect(checkPlan([join(dir, 'real/in.csv')], [{ input: 'in.csv', output: join(dir, 'out.xlsx') }])).resolves.toBeUndefined();
  });
});

describe('checkPlan: two inputs, one output', () => {
  test('same landing file through a link → OUTPUT_CONFLICT naming both inputs', async () => {
    const error = await checkPlan([], [
      { input: 'a/x.csv', output: join(dir, 'real/x.xlsx') },
      { input: 'b/x.txt', output: join(dir, 'link/x.xlsx') },
    ]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'OUTPUT_CONFLICT' });
    expect((error as Error).message).toContain('a/x.csv');
    expect((error as Error).message).toContain('b/x.txt');
  });

  test('two different outputs pass', async () => {
    await expect(checkPlan([], [
      { input: 'x.csv', output: join(dir, 'x.xlsx') },
      { input: 'y.csv', output: join(dir, 'y.xlsx') },
    ])).resolves.toBeUndefined();
  });

  test('a FIFO is a stream, not a file: it is neither an input clash nor a conflict', async () => {
    mkfifo(join(dir, 'pipe'));
    await expect(checkPlan([join(dir, 'real/in.csv')], [{ input: 'in.csv', output: join(dir, 'pipe') }])).resolves.toBeUndefined();
  });
});

describe('checkPlan: standard streams are part of the plan (as GNU cat compares them)', () => {
  // The fds stand for the process's 0 and 1: a test cannot redirect its own, so it opens files.
  function withFds<T>(stdin: string | null, stdout: string | null, body: (fds: { stdin?: number; stdout?: number }) => Promise<T>): Promise<T> {
    const fds: { stdin?: number; stdout?: number } = {};
    if (stdin) fds.stdin = openSync(stdin, 'r');
    if (stdout) fds.stdout = openSync(stdout, 'a');
    return body(fds).finally(() => {
      if (fds.stdin !== undefined) closeSync(fds.stdin);
      if (fds.stdout !== undefined) closeSync(fds.stdout);
    });
  }
  const input = () => join(dir, 'real/in.csv');

  test.each([
    ['convert data.csv -o - 1<>data.csv (or >> data.csv)', () => withFds(null, input(), (fds) => checkPlan([input()], [{ input: 'in.csv', output: '-' }], { standardStreams: fds }))],
    ['convert - -o data.csv --force < data.csv', () => withFds(input(), null, (fds) => checkPlan(['-'], [{ input: null, output: input() }], { standardStreams: fds }))],
    ['convert - -o /dev/stdin --force < data.csv', () => withFds(input(), null, (fds) => checkPlan(['-'], [{ input: null, output: `/proc/self/fd/${fds.stdin}` }], { standardStreams: fds }))],
    ['convert - -o - < data.csv 1<>data.csv', () => withFds(input(), input(), (fds) => checkPlan(['-'], [{ input: null, output: '-' }], { standardStreams: fds }))],
  ])('%s → OUTPUT_IS_INPUT', async (_, plan) => {
    expect(await codeOf(plan())).toBe('OUTPUT_IS_INPUT');
  });

  test('stdout on another regular file, a FIFO or stdin from another file: allowed', async () => {
    writeFileSync(join(dir, 'other.xlsx'), '');
    await withFds(null, join(dir, 'other.xlsx'), (fds) => checkPlan([input()], [{ input: 'in.csv', output: '-' }], { standardStreams: fds }));
    mkfifo(join(dir, 'pipe'));
    const reader = openSync(join(dir, 'pipe'), constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      await withFds(null, join(dir, 'pipe'), (fds) => checkPlan([input()], [{ input: 'in.csv', output: '-' }], { standardStreams: fds }));
    } finally {
      closeSync(reader);
    }
    await withFds(input(), null, (fds) => checkPlan(['-'], [{ input: null, output: join(dir, 'other.xlsx') }], { standardStreams: fds }));
  });

  test('without standardStreams, "-" is a name like any other (the certificate CLI has no stdin input)', async () => {
    await checkPlan(['-'], [{ input: null, output: join(dir, 'x.xlsx') }]);
  });
});
