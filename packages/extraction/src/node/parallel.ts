import { Worker } from 'node:worker_threads';
import { deflateRawSync, constants } from 'node:zlib';
import type { ExtractionAnalysis } from '../core/analysis/types.js';
import { abortedError, unexpectedError } from '../core/errors.js';
import { defaultWorkerCount, workerScript } from './pool.js';
import { runSegment, type SegmentJob, type SegmentReply } from './segment.js';
import { deserialiseError } from './worker-errors.js';
import type { ParallelSheetWriter, SheetJob } from '../core/xlsx/types.js';
import { crc32 } from '@sne-toolbox/zip-reader';
import type { CompressedPiece } from '../core/zip/zip-writer.js';

const SCRIPT = workerScript('node-segment-worker', import.meta.url);

/** Threads that write one file's sheets by default: one per core, at most 4. */
export function defaultThreads(): number {
  return defaultWorkerCount();
}

/** True in the built package, where the worker script exists (the sources, as unit tests run them, write sequentially). */
export function segmentWorkersAvailable(): boolean {
  return SCRIPT.available();
}

/** A thread that runs segment jobs: a worker thread, or (in tests) anything that answers like one. */
export interface SegmentThread {
  postMessage(job: SegmentJob): void;
  on(event: 'message', listener: (reply: SegmentReply) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  terminate(): Promise<unknown>;
}

function spawnSegmentWorker(): SegmentThread {
  return new Worker(SCRIPT.url, { resourceLimits: { maxYoungGenerationSizeMb: 4 } }) as SegmentThread;
}

/**
 * Writes the data sheets of one file on several threads: this one and `threads - 1` workers (this
 * thread has nothing else to do meanwhile, and each worker costs an isolate, about 60 MB). Each turns
 * a segment of the file (cut by the first pass at a record start) into `<row>` XML and compresses
 * it; the pieces are joined in order into one DEFLATE stream (pigz's method) and their CRCs combined.
 * At most `threads + 1` segments are in flight, so memory stays bounded whatever the file size.
 * Workers start on the first sheet and end with {@link close}.
 */
export class NodeParallelWriter implements ParallelSheetWriter {
  private workers: SegmentThread[] = [];
  private readonly idle: SegmentThread[] = [];
  private readonly waiting = new Map<number, { resolve: (piece: CompressedPiece) => void; reject: (error: unknown) => void }>();
  private readonly current = new Map<SegmentThread, number>();
  private readonly queue: SegmentJob[] = [];
  private nextId = 0;
  /** True while this thread writes a segment itself. */
  private localBusy = false;
  private started = false;

  constructor(
    private readonly file: { path: string; size: number; mtimeMs: number },
    private readonly level: number,
    private readonly threads: number,
    private readonly signal?: AbortSignal,
    /** @internal How a thread is started: tests run the segments in-process, from the sources. */
    private readonly spawn: () => SegmentThread = spawnSegmentWorker,
  ) {}

  private start(): void {
    if (this.started) return;
    this.started = true;
    for (let i = 1; i < this.threads; i++) {
      const worker = this.spawn();
      worker.on('message', (reply: SegmentReply) => this.receive(worker, reply));
      worker.on('error', (error) => this.fail(worker, error));
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  private receive(worker: SegmentThread, reply: SegmentReply): void {
    const pending = this.waiting.get(reply.id);
    this.waiting.delete(reply.id);
    this.current.delete(worker);
    this.idle.push(worker);
    this.pump();
    if (!pending) return;
    if ('piece' in reply) pending.resolve({ data: [reply.piece.data], crc: reply.piece.crc, length: reply.piece.length });
    else pending.reject(deserialiseError(reply.error));
  }

  private settleLocal(id: number, piece?: CompressedPiece, error?: unknown): void {
    this.localBusy = false;
    const pending = this.waiting.get(id);
    this.waiting.delete(id);
    this.pump();
    if (!pending) return;
    if (piece) pending.resolve(piece);
    else pending.reject(error);
  }

  private fail(worker: SegmentThread, error: Error): void {
    const id = this.current.get(worker);
    this.current.delete(worker);
    this.workers = this.workers.filter((w) => w !== worker);
    const pending = id === undefined ? undefined : this.waiting.get(id);
    if (id !== undefined) this.waiting.delete(id);
    pending?.reject(unexpectedError(error));
  }

  private pump(): void {
    if (!this.localBusy && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.localBusy = true;
      runSegment(job).then(
        (piece) => this.settleLocal(job.id, { data: [piece.data], crc: piece.crc, length: piece.length }),
        (error: unknown) => this.settleLocal(job.id, undefined, error),
      );
    }
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.current.set(worker, job.id);
      worker.postMessage(job);
    }
  }

  private submit(segment: SheetJob['segments'][number], analysis: SegmentJob['analysis']): Promise<CompressedPiece> {
    const job: SegmentJob = { id: this.nextId++, path: this.file.path, size: this.file.size, mtimeMs: this.file.mtimeMs, ...segment, level: this.level, analysis };
    const promise = new Promise<CompressedPiece>((resolve, reject) => this.waiting.set(job.id, { resolve, reject }));
    promise.catch(() => {}); // awaited in order below
    this.queue.push(job);
    this.pump();
    return promise;
  }

  async *sheet(job: SheetJob, analysis: ExtractionAnalysis): AsyncGenerator<CompressedPiece> {
    this.start();
    const parsing = { columns: analysis.columns, encoding: analysis.encoding, delimiter: analysis.delimiter };
    yield { data: [deflateRawSync(job.prologue, { level: this.level, finishFlush: constants.Z_SYNC_FLUSH })], crc: crc32(job.prologue), length: job.prologue.byteLength };
    const inFlight: Promise<CompressedPiece>[] = [];
    let next = 0;
    const fill = () => {
      while (next < job.segments.length && inFlight.length < this.threads + 1) inFlight.push(this.submit(job.segments[next++]!, parsing));
    };
    fill();
    while (inFlight.length > 0) {
      if (this.signal?.aborted) throw abortedError();
      const piece = await inFlight.shift()!;
      fill();
      yield piece;
    }
    yield { data: [deflateRawSync(job.epilogue, { level: this.level })], crc: crc32(job.epilogue), length: job.epilogue.byteLength };
  }

  /** Stops the workers (queued segments are dropped). */
  async close(): Promise<void> {
    this.queue.length = 0;
    for (const [, pending] of this.waiting) pending.reject(abortedError());
    this.waiting.clear();
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers = [];
  }
}
