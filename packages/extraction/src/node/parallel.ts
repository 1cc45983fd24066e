import { Worker } from 'node:worker_threads';
import { deflateRawSync, constants } from 'node:zlib';
import { crc32 } from '@sne-toolbox/zip-reader';
import { ParallelSheets, type SegmentReply, type SegmentRunner, workerRunner } from '../core/xlsx/parallel-sheets.js';
import { defaultWorkerCount, workerScript } from './pool.js';
import { runSegment, type SegmentJob } from './segment.js';

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

/** A worker thread as a segment runner. */
function threadRunner(thread: SegmentThread): SegmentRunner<SegmentJob> {
  const runner = workerRunner<SegmentJob>((job) => thread.postMessage(job), () => thread.terminate());
  thread.on('message', (reply) => runner.answer(reply));
  thread.on('error', (error) => runner.crash(error));
  return runner;
}

/** This thread as a segment runner: it has nothing else to do while the workers write. */
const ownThread: SegmentRunner<SegmentJob> = { alive: true, run: runSegment, close: () => undefined };

/**
 * Writes the data sheets of one file on `threads` threads: this one and `threads - 1` worker threads
 * (each costs an isolate, about 60 MB), which read their segment from the file itself and compress it
 * with zlib. The scheduling is the core's {@link ParallelSheets}.
 */
export class NodeParallelWriter extends ParallelSheets<SegmentJob> {
  constructor(
    file: { path: string; size: number; mtimeMs: number },
    level: number,
    threads: number,
    signal?: AbortSignal,
    /** @internal How a thread is started: tests run the segments in-process, from the sources. */
    spawn: () => SegmentThread = spawnSegmentWorker,
  ) {
    super(
      {
        start: () => [ownThread, ...Array.from({ length: threads - 1 }, () => threadRunner(spawn()))],
        task: (segment, id, analysis) => ({ id, path: file.path, size: file.size, mtimeMs: file.mtimeMs, ...segment, level, analysis }),
        deflate: (bytes, final) => deflateRawSync(bytes, { level, ...(final ? {} : { finishFlush: constants.Z_SYNC_FLUSH }) }),
        crc32: (bytes) => crc32(bytes),
      },
      signal,
    );
  }
}
