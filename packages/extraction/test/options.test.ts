import { describe, expect, it } from 'vitest';
import { convertToBytes, inspectExtraction, isExtractionError } from '../src/index.js';
import { convertFile } from '../src/node/index.js';

const CSV = new TextEncoder().encode('a;b\n1;2\n');

async function usage(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!isExtractionError(error, 'USAGE')) throw new Error(`expected USAGE, got ${String(error)}`);
  return { ...error.details };
}

describe('options are checked where they enter: USAGE naming the option and the allowed values', () => {
  it.each([
    ['encoding', { encoding: 'latin1' }, /utf-8.*windows-1252/],
    ['delimiter', { delimiter: ':' }, /";"/],
    ['numbers', { numbers: 'de' }, /"fr", "en"/],
    ['headerLine', { headerLine: 0 }, /entier de 1/],
    ['headerLine', { headerLine: 2.5 }, /entier de 1/],
    ['maxRowsPerSheet', { maxRowsPerSheet: 2_000_000 }, /1048575/],
    ['textColumns', { textColumns: 'Code' }, /liste/],
  ])('%s: %j', async (option, options, allowed) => {
    for (const task of [convertToBytes, inspectExtraction]) {
      const details = await usage(task(CSV, options as never));
      expect(details.option).toBe(option);
      expect(String(details.allowed)).toMatch(allowed);
    }
  });

  it('compressionLevel 99 is USAGE, not a raw RangeError', async () => {
    const details = await usage(convertFile('nothing.csv', { compressionLevel: 99 }));
    expect(details).toMatchObject({ option: 'compressionLevel', value: 99 });
  });

  it.each([0, -1, 1.5, 'x'])('threads %j is USAGE (issue 28)', async (threads) => {
    const details = await usage(convertFile('nothing.csv', { threads: threads as number }));
    expect(details).toMatchObject({ option: 'threads', value: threads });
  });

  it('an unknown option key is USAGE in both entries, never ignored (issue 28)', async () => {
    expect(await usage(convertToBytes(CSV, { delimitor: ';' } as never))).toMatchObject({ option: 'delimitor' });
    expect(await usage(convertFile('nothing.csv', { outptu: 'x.xlsx' } as never))).toMatchObject({ option: 'outptu' });
    // The Node adapter's own options are known there, not in '.'.
    expect(await usage(convertToBytes(CSV, { verify: true } as never))).toMatchObject({ option: 'verify' });
  });

  it('good values pass', async () => {
    const { report } = await convertToBytes(CSV, { encoding: 'utf-8', delimiter: ';', numbers: 'fr', headerLine: 1, textColumns: ['a'] });
    expect(report.rows).toBe(1);
  });

  it('an abort rejects with an AbortError (name), still an ExtractionError with code ABORTED', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await convertToBytes(CSV, { signal: controller.signal }).then(() => null, (e: unknown) => e);
    expect(isExtractionError(error, 'ABORTED')).toBe(true);
    expect((error as Error).name).toBe('AbortError');
  });

  it('a library error names no CLI flag, in its message or its hint; details say which option', async () => {
    const error = await convertToBytes(CSV, { textColumns: ['nope'] }).then(() => null, (e: unknown) => e);
    expect(isExtractionError(error, 'USAGE')).toBe(true);
    expect((error as Error).message).not.toMatch(/--/);
    expect((error as { hint?: string }).hint).toBeUndefined();
    expect((error as { details: { option?: string } }).details.option).toBe('textColumns');
  });
});

describe('maxInputBytes: a one-shot stream stops as soon as it goes over', () => {
  it('stops reading an endless stream: INPUT_TOO_LARGE after limit + one chunk', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new TextEncoder().encode('a;b\n1;2\n'.repeat(1000)));
      },
    });
    const error = await convertToBytes(endless, { maxInputBytes: 100_000 }).then(() => null, (e: unknown) => e);
    expect(isExtractionError(error, 'INPUT_TOO_LARGE')).toBe(true);
    expect(pulled).toBeLessThan(20);
  });

  it('bytes over the limit are refused, bytes under it convert', async () => {
    expect(await convertToBytes(CSV, { maxInputBytes: 3 }).then(() => null, (e: unknown) => (e as { code?: string }).code)).toBe('INPUT_TOO_LARGE');
    expect((await convertToBytes(CSV, { maxInputBytes: 1000 })).report.rows).toBe(1);
  });
});
