import type { ExtractionAnalysis } from '../analysis/types.js';
import { abortedError, unexpectedError } from '../errors.js';
import { deserialiseError, type SerialisedError, serialiseError } from '../worker-errors.js';
import type { CompressedPiece } from '../zip/zip-writer.js';
import type { ColumnPlan } from './sheet.js';
import type { ParallelSheetWriter, SheetJob, SheetSegment } from './types.js';

// The one scheduler of parallel segments, whatever runs them: Node's worker threads (node/parallel.ts)
// or the page's web workers. Each host says how a segment is read and compressed; this file says in
// which order segments go out, how many are in flight, and what a crashed thread does.

/** Most threads worth running: measured, a fifth one brings nothing on the machines agents use. */
export const MAX_THREADS = 4;

/** Threads to run on a machine of `cores` cores: one per core, at most {@link MAX_THREADS}, never more than `work` items. */
export function threadCount(cores: number, work = Infinity): number {
  return Math.max(1, Math.min(work, Number.isFinite(cores) ? Math.floor(cores) : 1, MAX_THREADS));
}

/** Smallest file written in parallel segments: under it, starting the threads costs more than they save. */
export const PARALLEL_MIN_BYTES = 8 << 20;

/** A segment written and compressed: raw DEFLATE ending on a sync flush, its CRC-32 and its length. */
export interface SegmentPiece {
  data: Uint8Array;
  crc: number;
  length: number;
}

/**
 * What a segment thread needs besides the segment: how to parse its bytes, and how to write each
 * column, planned once by the packager with the workbook's own style sheet (so a segment's style
 * numbers are those of styles.xml by construction).
 */
export type SegmentParsing = Pick<ExtractionAnalysis, 'columns' | 'encoding' | 'delimiter'> & { plans: ColumnPlan[] };

/** What a segment thread answers for a task: its piece, or its error. */
export type SegmentReply = { id: number; piece: SegmentPiece } | { id: number; error: SerialisedError };

/** One thread that writes segments, one at a time: the caller's own, or a worker. */
export interface SegmentRunner<Task> {
  run(task: Task): Promise<SegmentPiece>;
  /** False once the thread died: it is given nothing more. */
  readonly alive: boolean;
  /** Calls `listener` when the thread dies, busy or idle (a worker only). */
  onDeath?(listener: () => void): void;
  /** Stops a worker (nothing to do for the caller's own thread). */
  close(): unknown;
}

/** How a host writes segments. */
export interface SegmentHost<Task> {
  /** The threads, started with the first sheet; the caller's own thread first, then `threads - 1` workers. */
  start(): SegmentRunner<Task>[];
  /** The task of one segment. */
  task(segment: SheetSegment, id: number, parsing: SegmentParsing): Task;
  /** Compresses a sheet's prologue (`final` false: a sync flush) or epilogue (`final`: the last block). */
  deflate(bytes: Uint8Array, final: boolean): Uint8Array | Promise<Uint8Array>;
  crc32(bytes: Uint8Array): number;
}

/**
 * A worker as a {@link SegmentRunner}: `post` sends it a task; the host calls `answer` with each reply
 * and `crash` when the worker dies (the task it held fails, and it gets no other).
 */
export function workerRunner<Task>(post: (task: Task) => void, close: () => unknown): SegmentRunner<Task> & { answer(reply: SegmentReply): void; crash(error: unknown): void } {
  let pending: { resolve: (piece: SegmentPiece) => void; reject: (error: unknown) => void } | null = null;
  let alive = true;
  const deaths: (() => void)[] = [];
  const settle = () => {
    const current = pending;
    pending = null;
    return current;
  };
  return {
    get alive() {
      return alive;
    },
    run: (task) =>
      new Promise<SegmentPiece>((resolve, reject) => {
        if (!alive) throw unexpectedError(new Error('segment thread ended'));
        pending = { resolve, reject };
        post(task);
      }),
    onDeath: (listener) => void deaths.push(listener),
    answer(reply) {
      const current = settle();
      if ('piece' in reply) current?.resolve(reply.piece);
      else current?.reject(deserialiseError(reply.error));
    },
    crash(error) {
      if (!alive) return;
      alive = false;
      settle()?.reject(unexpectedError(error));
      for (const listener of deaths) listener();
    },
    close() {
      settle()?.reject(abortedError());
      return close();
    },
  };
}

/** Runs one task and makes the reply a segment thread posts (the same whichever thread runs it). */
export function segmentReply(id: number, piece: Promise<SegmentPiece>): Promise<SegmentReply> {
  return piece.then(
    (done) => ({ id, piece: done }),
    (error: unknown) => ({ id, error: serialiseError(error) }),
  );
}

interface Queued<Task> {
  task: Task;
  resolve: (piece: SegmentPiece) => void;
  reject: (error: unknown) => void;
}

/**
 * Writes the data sheets of one file on several threads. Each turns a segment (cut by the first
 * pass at a record start) into `<row>` XML and compresses it; the pieces are joined in order into one
 * DEFLATE stream (pigz's method). At most one segment per thread plus one are in flight, so memory
 * stays bounded whatever the file size. A thread that crashes fails its segment, and so the
 * conversion; the others are stopped by {@link close}.
 */
export class ParallelSheets<Task> implements ParallelSheetWriter {
  private runners: SegmentRunner<Task>[] = [];
  private idle: SegmentRunner<Task>[] = [];
  private readonly queue: Queued<Task>[] = [];
  private nextId = 0;
  private started = false;

  constructor(
    private readonly host: SegmentHost<Task>,
    private readonly signal?: AbortSignal,
  ) {}

  private pump(): void {
    // A thread that died while idle gets nothing more; with none left, what waits fails.
    this.idle = this.idle.filter((runner) => runner.alive);
    if (this.queue.length > 0 && !this.runners.some((runner) => runner.alive)) {
      for (const queued of this.queue.splice(0)) queued.reject(unexpectedError(new Error('no segment thread left')));
    }
    while (this.idle.length > 0 && this.queue.length > 0) {
      const runner = this.idle.pop()!;
      const { task, resolve, reject } = this.queue.shift()!;
      runner.run(task).then(
        (piece) => {
          this.idle.push(runner);
          this.pump();
          resolve(piece);
        },
        (error: unknown) => {
          if (runner.alive) this.idle.push(runner);
          this.pump();
          reject(error);
        },
      );
    }
  }

  private submit(segment: SheetSegment, parsing: SegmentParsing): Promise<SegmentPiece> {
    const task = this.host.task(segment, this.nextId++, parsing);
    const promise = new Promise<SegmentPiece>((resolve, reject) => this.queue.push({ task, resolve, reject }));
    promise.catch(() => {}); // awaited in order by sheet()
    this.pump();
    return promise;
  }

  async *sheet(job: SheetJob, analysis: ExtractionAnalysis): AsyncGenerator<CompressedPiece> {
    if (!this.started) {
      this.started = true;
      this.runners = this.host.start();
      this.idle = [...this.runners].reverse();
      for (const runner of this.runners) runner.onDeath?.(() => this.pump());
    }
    const parsing: SegmentParsing = { columns: analysis.columns, encoding: analysis.encoding, delimiter: analysis.delimiter, plans: job.plans };
    yield await this.edge(job.prologue, false);
    const inFlight: Promise<SegmentPiece>[] = [];
    let next = 0;
    const fill = () => {
      while (next < job.segments.length && inFlight.length < this.runners.length + 1) inFlight.push(this.submit(job.segments[next++]!, parsing));
    };
    fill();
    while (inFlight.length > 0) {
      if (this.signal?.aborted) throw abortedError(this.signal.reason);
      const piece = await inFlight.shift()!;
      fill();
      yield { data: [piece.data], crc: piece.crc, length: piece.length };
    }
    yield await this.edge(job.epilogue, true);
  }

  private async edge(bytes: Uint8Array, final: boolean): Promise<CompressedPiece> {
    return { data: [await this.host.deflate(bytes, final)], crc: this.host.crc32(bytes), length: bytes.byteLength };
  }

  /** Stops the workers; segments still queued fail with `ABORTED`. */
  async close(): Promise<void> {
    for (const queued of this.queue.splice(0)) queued.reject(abortedError());
    await Promise.all(this.runners.map((runner) => runner.close()));
    this.runners = [];
    this.idle = [];
  }
}
