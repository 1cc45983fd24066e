import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { threadCount } from '../core/xlsx/parallel-sheets.js';

// What the two sets of worker threads share (the segment writers of one file, the batch of files):
// how many to run, and where their scripts are.

/** Threads to run by default: one per core, at most 4, never more than `work` items. */
export function defaultWorkerCount(work = Infinity): number {
  return threadCount(availableParallelism(), work);
}

/**
 * A worker script beside the built bundle (`dist/<name>.js`). The sources, as the unit tests run
 * them, have none: `available` is then false and the caller works on its own thread.
 */
export function workerScript(name: 'node-segment-worker' | 'node-convert-worker', base: string | undefined): { url: URL; available: () => boolean } {
  // Bundled into one CommonJS file, `import.meta.url` is undefined and the worker's file is not
  // beside it: no worker then, and the work runs on this thread (the same workbook).
  let url: URL | null = null;
  try {
    url = base ? new URL(`./${name}.js`, base) : null;
  } catch {
    url = null;
  }
  return {
    get url(): URL {
      if (!url) throw new Error(`${name}.js introuvable`);
      return url;
    },
    available: () => url !== null && url.protocol === 'file:' && existsSync(fileURLToPath(url)),
  };
}
