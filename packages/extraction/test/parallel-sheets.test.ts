import { expect, test } from 'vitest';
import type { ExtractionAnalysis } from '../src/core/analysis/types.js';
import { ParallelSheets, type SegmentRunner, workerRunner } from '../src/core/xlsx/parallel-sheets.js';
import type { SheetJob } from '../src/core/xlsx/types.js';

// The scheduler shared by Node's worker threads and the page's web workers, with runners that
// answer like workers: every segment settles, in order, whatever a worker does and when.

const piece = (n: number) => ({ data: new Uint8Array([n]), crc: n, length: 1 });
const job: SheetJob = { prologue: new Uint8Array(0), epilogue: new Uint8Array(0), segments: Array.from({ length: 8 }, (_, i) => ({ start: i, end: i + 1, firstRow: 2 + i, records: 1 })), plans: [] };
const analysis = { columns: [], encoding: 'utf-8', delimiter: ';' } as unknown as ExtractionAnalysis;
const host = (runners: () => SegmentRunner<{ id: number; start: number }>[]) =>
  new ParallelSheets<{ id: number; start: number }>({ start: runners, task: (segment, id) => ({ id, start: segment.start }), deflate: async () => new Uint8Array(0), crc32: () => 0 });

/** This thread, slower than the worker, so the worker is idle when it dies. */
const own: SegmentRunner<{ id: number; start: number }> = { alive: true, run: async (task) => (await new Promise((r) => setTimeout(r, 30)), piece(task.start)), close: () => undefined };

test('a worker that dies while idle is given nothing more: every segment is written, in order, by the others', async () => {
  let posted = 0;
  let dead = false;
  const worker = workerRunner<{ id: number; start: number }>((task) => {
    posted++;
    if (!dead) setTimeout(() => worker.answer({ id: task.id, piece: piece(task.start) }), 5);
  }, () => undefined);
  setTimeout(() => {
    dead = true;
    worker.crash(new Error('exited between two segments'));
  }, 20);
  const writer = host(() => [own, worker]);
  const out: number[] = [];
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('hang: a segment never settled')), 3000));
  await Promise.race([(async () => {
    for await (const p of writer.sheet(job, analysis)) if (p.length) out.push(p.crc);
  })(), timeout]);
  expect(out).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  expect(posted).toBeLessThanOrEqual(2);
});

test('when every thread has died while idle, the queued segments fail instead of waiting forever', async () => {
  const worker = workerRunner<{ id: number; start: number }>((task) => {
    // Answers the first segment, then dies between two.
    setTimeout(() => {
      worker.answer({ id: task.id, piece: piece(task.start) });
      worker.crash(new Error('out of memory'));
    });
  }, () => undefined);
  const writer = host(() => [worker]);
  await expect((async () => {
    for await (const _ of writer.sheet(job, analysis)) void _;
  })()).rejects.toMatchObject({ code: 'WRITE_FAILED' });
});
