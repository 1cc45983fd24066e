import { Worker } from 'node:worker_threads';
import { releaseTemp, trackTemp } from '@sne-toolbox/node-io';
import type { ConversionProgress } from '../core/analysis/types.js';
import { abortedError, unexpectedError } from '../core/errors.js';
import type { ConvertFileOptions, FileConversionReport } from './convert-file.js';
import { defaultWorkerCount, workerScript } from './pool.js';
import { deserialiseError, type SerialisedError } from '../core/worker-errors.js';

/** The worker script, beside the built CLI (`dist/node-convert-worker.js`). */
const SCRIPT = workerScript('node-convert-worker', import.meta.url);

/**
 * Files converted at once by default: one per core, at most 4 (each conversion holds about 130 MB
 * and already keeps a second thread busy with zlib), never more than there are files.
 */
export function defaultJobs(files: number): number {
  return defaultWorkerCount(files);
}

/**
 * True when batches can run in worker threads: the worker script is only there in the built
 * package (running the sources, as the unit tests do, converts one file after the other).
 */
export function workersAvailable(): boolean {
  return SCRIPT.available();
}

export interface BatchJob {
  path: string;
  options: ConvertFileOptions;
}

type WorkerMessage =
  | { type: 'progress'; id: number; progress: ConversionProgress }
  | { type: 'done'; id: number; report: FileConversionReport }
  | { type: 'failed'; id: number; error: SerialisedError }
  | { type: 'temp'; path: string; tracked: boolean };

interface Deferred {
  resolve: (report: FileConversionReport) => void;
  reject: (error: unknown) => void;
}

/**
 * Converts files in worker threads, `size` at a time. Each file is converted exactly as alone
 * (`convertFile` in the worker): same output, same checks, same temp-file discipline. The caller
 * gets one promise per job, in the jobs' order, so messages print in that order whatever finishes
 * first. An abort is passed to every worker, which stops and removes its temp files; the temp paths
 * are mirrored here so that a second Ctrl-C (immediate exit) removes them too.
 */
export class ConversionPool {
  private readonly workers: Worker[] = [];
  private readonly busy = new Map<Worker, number>();
  private readonly pending = new Map<number, Deferred>();
  private readonly queue: number[] = [];
  private jobs: readonly BatchJob[] = [];
  private aborted = false;
  private readonly exited: Promise<void>[] = [];

  constructor(
    private readonly size: number,
    private readonly onProgress: (index: number, progress: ConversionProgress) => void = () => {},
  ) {}

  /** Starts every job; settles each promise with that file's report or error. */
  run(jobs: readonly BatchJob[], signal?: AbortSignal): Promise<FileConversionReport>[] {
    this.jobs = jobs;
    const promises = jobs.map((_, id) => new Promise<FileConversionReport>((resolve, reject) => this.pending.set(id, { resolve, reject })));
    for (const p of promises) p.catch(() => {}); // awaited in order by the caller
    this.queue.push(...jobs.map((_, id) => id));
    signal?.addEventListener('abort', () => this.abort(), { once: true });
    if (signal?.aborted) this.abort();
    for (let i = 0; i < Math.min(this.size, jobs.length) && !this.aborted; i++) this.dispatch(this.spawn());
    return promises;
  }

  private spawn(): Worker {
    const worker = new Worker(SCRIPT.url);
    this.workers.push(worker);
    this.exited.push(new Promise((resolve) => worker.once('exit', () => resolve())));
    worker.on('message', (message: WorkerMessage) => this.receive(worker, message));
    worker.on('error', (error) => {
      // A crashed worker fails its file; a new worker takes its place for the files still queued.
      const id = this.busy.get(worker);
      this.busy.delete(worker);
      if (id !== undefined) this.settle(id, undefined, unexpectedError(error));
      if (!this.aborted && this.queue.length > 0) this.dispatch(this.spawn());
    });
    return worker;
  }

  private dispatch(worker: Worker): void {
    const id = this.aborted ? undefined : this.queue.shift();
    if (id === undefined) {
      void worker.terminate();
      return;
    }
    this.busy.set(worker, id);
    worker.postMessage({ type: 'job', id, path: this.jobs[id]!.path, options: this.jobs[id]!.options });
  }

  private receive(worker: Worker, message: WorkerMessage): void {
    switch (message.type) {
      case 'temp':
        if (message.tracked) trackTemp(message.path);
        else releaseTemp(message.path);
        return;
      case 'progress':
        this.onProgress(message.id, message.progress);
        return;
      case 'done':
      case 'failed':
        this.busy.delete(worker);
        if (message.type === 'done') this.settle(message.id, message.report);
        else this.settle(message.id, undefined, deserialiseError(message.error));
        this.dispatch(worker);
    }
  }

  private settle(id: number, report?: FileConversionReport, error?: unknown): void {
    const deferred = this.pending.get(id);
    if (!deferred) return;
    this.pending.delete(id);
    if (report) deferred.resolve(report);
    else deferred.reject(error);
  }

  /** Stops: running files are aborted (their workers clean up), queued ones fail with `ABORTED`. */
  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    for (const id of this.queue.splice(0)) this.settle(id, undefined, abortedError());
    for (const worker of this.busy.keys()) worker.postMessage({ type: 'abort' });
  }

  /** Aborts what still runs and waits until every worker has cleaned up and exited. */
  async close(): Promise<void> {
    if (this.pending.size > 0) this.abort();
    for (const worker of this.workers) if (!this.busy.has(worker)) void worker.terminate();
    await Promise.all(this.exited);
  }
}
