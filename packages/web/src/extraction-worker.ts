/// <reference lib="webworker" />
import { unexpectedErrorSentence } from '@sne-toolbox/text';
// Runs one conversion off the page's thread, so the page never freezes. The page gives each
// conversion its own worker and terminates it to cancel: the work stops at once and its memory is
// freed, whatever phase it is in. The workbook goes to disk as it is written where the browser
// allows it (workbook-sink.ts).
import { type ConversionReport, type ConvertOptions, convertExtraction, isExtractionError } from '@sne-toolbox/extraction';
import { pageParallelWriter } from './parallel.js';
import { openSink, type WorkbookSink } from './workbook-sink.js';

/** The options the page offers (the same as the command line's, chosen with controls). */
export type PageOptions = Pick<ConvertOptions, 'numbers' | 'textColumns' | 'delimiter' | 'encoding'>;

export interface WorkerRequest {
  file: Blob;
  name: string;
  options: PageOptions;
  /** The file the agent chose to save the workbook in (Chromium's save dialog), written in place. */
  target?: FileSystemFileHandle | undefined;
  /** The workbook's file name, if it goes to the private storage (chosen by the page, which removes it). */
  storedName: string;
}

export type WorkerResponse =
  | { type: 'progress'; phase: string; ratio: number }
  /** The workbook is being written into the private storage, under the name the page gave. */
  | { type: 'stored' }
  /** `blob` is the workbook to download, or null when it was written to the chosen file. */
  | { type: 'done'; report: ConversionReport; blob: Blob | null }
  | { type: 'error'; code: string; message: string };

const DISK_FULL = 'Le disque est plein : le classeur n\'a pas pu être écrit. Libérez de la place sur le disque où vous l\'enregistrez, puis recommencez.';
const STORAGE_FULL = 'L\'espace que le navigateur accorde à cette page est plein : le classeur n\'a pas pu être écrit. Fermez les autres onglets de la page, rouvrez-la (elle efface alors ses anciens classeurs), puis recommencez.';

/** How the phases share the bar: the analysis reads the file once, writing is most of the time. */
const SHARE: Record<string, [start: number, size: number]> = { analyze: [0, 0.3], write: [0.3, 0.65], 'long-values': [0.95, 0.05] };

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const { file, name, options, target, storedName } = event.data;
  const post = (message: WorkerResponse) => (self as unknown as Worker).postMessage(message);
  let last = 0;
  const parallel = pageParallelWriter(file);
  let sink: WorkbookSink | undefined;
  try {
    // Opened first: a file that cannot be written (no right, no room) is said at once, not after
    // the whole analysis.
    sink = await openSink(target, storedName);
    if (sink.kind === 'private-storage') post({ type: 'stored' });
    const conversion = await convertExtraction(file, {
      ...options,
      name,
      parallel,
      onProgress: (p) => {
        const now = Date.now();
        if (now - last < 200) return;
        last = now;
        const [start, size] = SHARE[p.phase] ?? [0, 1];
        post({ type: 'progress', phase: p.phase, ratio: start + size * (p.totalBytes ? Math.min(1, p.bytesRead / p.totalBytes) : 0) });
      },
    });
    for await (const chunk of conversion.workbook()) await sink.write(chunk);
    const blob = await sink.finish();
    post({ type: 'done', report: conversion.report, blob });
  } catch (error) {
    await sink?.discard();
    if (error instanceof DOMException && error.name === 'QuotaExceededError') post({ type: 'error', code: 'DISK_FULL', message: sink?.kind === 'private-storage' ? STORAGE_FULL : DISK_FULL });
    else if (isExtractionError(error)) post({ type: 'error', code: error.code, message: error.message });
    else post({ type: 'error', code: 'INTERNAL', message: unexpectedErrorSentence(error) });
  } finally {
    await parallel?.close();
  }
};
