/// <reference lib="webworker" />
import { unexpectedErrorSentence } from '@sne-toolbox/text';
// Runs one conversion off the page's thread, so the page never freezes. The page gives each
// conversion its own worker and terminates it to cancel: the work stops at once and its memory is
// freed, whatever phase it is in. The workbook's pieces become a Blob as they come, so the browser
// may keep them on disk instead of in one array copied at the end.
import { type ConversionReport, type ConvertOptions, convertExtraction, isExtractionError, XLSX_MEDIA_TYPE } from '@sne-toolbox/extraction';
import { pageParallelWriter } from './parallel.js';

/** The options the page offers (the same as the command line's, chosen with controls). */
export type PageOptions = Pick<ConvertOptions, 'numbers' | 'textColumns' | 'delimiter' | 'encoding'>;

export interface WorkerRequest {
  file: Blob;
  name: string;
  options: PageOptions;
}

export type WorkerResponse =
  | { type: 'progress'; phase: string; ratio: number }
  | { type: 'done'; report: ConversionReport; blob: Blob }
  | { type: 'error'; code: string; message: string };

/** How the phases share the bar: the analysis reads the file once, writing is most of the time. */
const SHARE: Record<string, [start: number, size: number]> = { analyze: [0, 0.3], write: [0.3, 0.65], 'long-values': [0.95, 0.05] };

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const { file, name, options } = event.data;
  const post = (message: WorkerResponse) => (self as unknown as Worker).postMessage(message);
  let last = 0;
  const parallel = pageParallelWriter(file);
  try {
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
    // Pieces of about 4 MB become Blobs as they come (the browser may page them out); the workbook
    // is the Blob of those, never one array copied at the end.
    const parts: Blob[] = [];
    let pending: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of conversion.workbook()) {
      pending.push(chunk);
      size += chunk.byteLength;
      if (size >= 4 << 20) {
        parts.push(new Blob(pending as BlobPart[]));
        pending = [];
        size = 0;
      }
    }
    parts.push(new Blob(pending as BlobPart[]));
    post({ type: 'done', report: conversion.report, blob: new Blob(parts, { type: XLSX_MEDIA_TYPE }) });
  } catch (error) {
    if (isExtractionError(error)) post({ type: 'error', code: error.code, message: error.message });
    else post({ type: 'error', code: 'INTERNAL', message: unexpectedErrorSentence(error) });
  } finally {
    await parallel?.close();
  }
};
