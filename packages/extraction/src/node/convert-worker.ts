// Worker thread of a batch conversion (`convert` with several files): converts the files the main
// thread sends, one at a time, with the same `convertFile` as a single conversion. Messages:
//   in:  { type: 'job', id, path, options }   { type: 'abort' }
//   out: { type: 'progress', id, progress }   { type: 'done', id, report }   { type: 'failed', id, error }
//        { type: 'temp', path, tracked }       (so the main thread can remove them on a second Ctrl-C)
import { parentPort } from 'node:worker_threads';
import { watchTemps } from '@sne-toolbox/node-io';
import { type ConvertFileOptions, convertFile } from './convert-file.js';
import { serialiseError } from '../core/worker-errors.js';

const port = parentPort!;
let controller = new AbortController();
watchTemps((path, tracked) => port.postMessage({ type: 'temp', path, tracked }));

port.on('message', (message: { type: 'job'; id: number; path: string; options: ConvertFileOptions } | { type: 'abort' }) => {
  if (message.type === 'abort') {
    controller.abort(new Error('SIGINT'));
    return;
  }
  const { id, path, options } = message;
  if (controller.signal.aborted) controller = new AbortController();
  // One file per worker already uses the cores: no threads inside, not even zlib's.
  void convertFile(path, { ...options, threads: 1, compressHere: true, signal: controller.signal, onProgress: (progress) => port.postMessage({ type: 'progress', id, progress }) }).then(
    (report) => port.postMessage({ type: 'done', id, report }),
    (error: unknown) => port.postMessage({ type: 'failed', id, error: serialiseError(error) }),
  );
});
