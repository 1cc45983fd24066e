import { PARALLEL_MIN_BYTES, ParallelSheets, type SegmentReply, type SegmentRunner, threadCount, workerRunner } from '@sne-toolbox/extraction/internal';
import { crc32 } from '@sne-toolbox/zip-reader';
import SegmentWorker from './segment-worker.ts?worker&inline';
import { deflatePiece, type PageSegmentTask, runPageSegment } from './segments.js';

// The page writes a large extraction's sheets as the command line does: in segments, on every core.
// The conversion's worker writes segments itself and starts one segment worker per other core;
// terminating the conversion's worker (« Annuler ») ends them too, as their owner is gone.

/** A web worker as a segment runner. */
function webRunner(worker: Worker): SegmentRunner<PageSegmentTask> {
  const runner = workerRunner<PageSegmentTask>((task) => worker.postMessage(task), () => worker.terminate());
  worker.onmessage = (event: MessageEvent<SegmentReply>) => runner.answer(event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    runner.crash(new Error(event.message || 'segment worker failed'));
  };
  return runner;
}

/** The conversion's own thread as a segment runner. */
const ownThread: SegmentRunner<PageSegmentTask> = { alive: true, run: runPageSegment, close: () => undefined };

/** Threads the page uses for one file: one per core the browser reports, at most four. */
export function pageThreads(): number {
  return threadCount(navigator.hardwareConcurrency || 1);
}

/** The parallel writer for `file`, or none when one thread is as fast (a small file, a one-core machine). */
export function pageParallelWriter(file: Blob, threads = pageThreads()): ParallelSheets<PageSegmentTask> | undefined {
  if (threads < 2 || file.size < PARALLEL_MIN_BYTES) return undefined;
  return new ParallelSheets<PageSegmentTask>({
    start: () => [ownThread, ...Array.from({ length: threads - 1 }, () => webRunner(new SegmentWorker()))],
    task: (segment, id, analysis) => ({ id, file, ...segment, analysis }),
    deflate: deflatePiece,
    crc32: (bytes) => crc32(bytes),
  });
}
