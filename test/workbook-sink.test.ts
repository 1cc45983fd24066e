import { describe, expect, test } from 'vitest';
import { openSink } from '../packages/web/src/workbook-sink.js';

// The file chosen in Chromium's save dialog, as the page's worker writes it: a piece is written while
// the next is gathered, so these check that nothing is lost, reordered or reported late.

/** A chosen file whose writable stream keeps what it is given, or fails once `room` bytes are written. */
function chosenFile(room = Infinity) {
  const written: Uint8Array[] = [];
  const state = { closed: false };
  const handle = {
    createWritable: async () =>
      new WritableStream<Uint8Array>({
        async write(chunk) {
          await new Promise((resolve) => setTimeout(resolve, 1));
          if (written.reduce((n, c) => n + c.byteLength, 0) + chunk.byteLength > room) throw new DOMException('plein', 'QuotaExceededError');
          written.push(chunk.slice());
        },
        close() {
          state.closed = true;
        },
      }),
  } as unknown as FileSystemFileHandle;
  return { handle, written, state };
}

/** 30 chunks of 1 MB, each filled with its own number. */
const chunks = () => Array.from({ length: 30 }, (_, i) => new Uint8Array(1 << 20).fill(i));

describe('the chosen file', () => {
  test('receives every byte in order, in pieces of about 4 MB, and is closed', async () => {
    const file = chosenFile();
    const sink = await openSink(file.handle, 'test-page');
    for (const chunk of chunks()) await sink.write(chunk);
    expect(await sink.finish()).toBeNull();
    const whole = Buffer.concat(file.written);
    expect(whole.equals(Buffer.concat(chunks()))).toBe(true);
    expect(file.written.length).toBe(8); // 7 pieces of 4 MB, then the last 2 MB
    expect(file.state.closed).toBe(true);
  });

  test('one piece is written while the next is gathered; the one after waits: at most two are held', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const writes: number[] = [];
    const handle = {
      createWritable: async () =>
        new WritableStream<Uint8Array>({
          async write(chunk) {
            writes.push(chunk.byteLength);
            await gate; // The disk is slow: no write completes until the gate opens.
          },
        }),
    } as unknown as FileSystemFileHandle;
    const sink = await openSink(handle, 'test-page');
    const parts = chunks().slice(0, 8);
    const gathered = (async () => {
      for (const chunk of parts.slice(0, 7)) await sink.write(chunk);
    })();
    const late = new Promise((_, reject) => setTimeout(() => reject(new Error('the conversion waited for the disk')), 2000));
    await Promise.race([gathered, late]);
    expect(writes).toEqual([4 << 20]);
    let eighth = false;
    const next = Promise.resolve(sink.write(parts[7]!)).then(() => (eighth = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(eighth).toBe(false);
    open();
    await next;
    expect(await sink.finish()).toBeNull();
    expect(writes).toEqual([4 << 20, 4 << 20]);
  });

  test('a full disk is reported as QuotaExceededError, by a write or at the end, and nothing is closed as if whole', async () => {
    const file = chosenFile(10 << 20);
    const sink = await openSink(file.handle, 'test-page');
    const failure = await (async () => {
      for (const chunk of chunks()) await sink.write(chunk);
      await sink.finish();
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DOMException);
    expect((failure as DOMException).name).toBe('QuotaExceededError');
    await sink.discard();
    expect(file.state.closed).toBe(false);
    // What reached the file is the start of the workbook, in order; the file is never closed as if whole.
    const reached = Buffer.concat(file.written);
    expect(reached.equals(Buffer.concat(chunks()).subarray(0, reached.length))).toBe(true);
  });

  test('a failure of the last piece is reported by finish, not lost', async () => {
    const file = chosenFile(29 << 20);
    const sink = await openSink(file.handle, 'test-page');
    for (const chunk of chunks()) await sink.write(chunk);
    await expect(sink.finish()).rejects.toMatchObject({ name: 'QuotaExceededError' });
    expect(file.state.closed).toBe(false);
  });
});

describe('the workbook kept in memory (no chosen file, no private storage: Chromium from file://)', () => {
  test('is the Blob of every byte, in order, with the workbook\'s type', async () => {
    const sink = await openSink(undefined, 'test-page');
    expect(sink.kind).toBe('memory');
    for (const chunk of chunks()) await sink.write(chunk);
    const blob = await sink.finish();
    expect(blob!.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(Buffer.from(await blob!.arrayBuffer()).equals(Buffer.concat(chunks()))).toBe(true);
  });
});
