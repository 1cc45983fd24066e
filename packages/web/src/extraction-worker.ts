/// <reference lib="webworker" />
// Runs the converter off the page's thread, so the page never freezes, and keeps only the compressed
// workbook in memory.
import { convertExtraction, isExtractionError } from '@sne-toolbox/extraction';

export interface WorkerRequest {
  id: number;
  file: File;
}

export type WorkerResponse =
  | { id: number; type: 'progress'; phase: string; ratio: number }
  | { id: number; type: 'done'; report: import('@sne-toolbox/extraction').ConversionReport; blob: Blob }
  | { id: number; type: 'error'; code: string; message: string };

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const { id, file } = event.data;
  const post = (message: WorkerResponse) => (self as unknown as Worker).postMessage(message);
  let last = 0;
  try {
    const conversion = await convertExtraction(file, {
      name: file.name,
      onProgress: (p) => {
        const now = Date.now();
        if (now - last < 100) return;
        last = now;
        post({ id, type: 'progress', phase: p.phase, ratio: p.totalBytes ? p.bytesRead / p.totalBytes : 0 });
      },
    });
    const parts: Uint8Array[] = [];
    for await (const chunk of conversion.workbook()) parts.push(chunk);
    post({ id, type: 'done', report: conversion.report, blob: new Blob(parts as BlobPart[], { type: XLSX_TYPE }) });
  } catch (error) {
    if (isExtractionError(error)) post({ id, type: 'error', code: error.code, message: error.message });
    else post({ id, type: 'error', code: 'INTERNAL', message: `Erreur inattendue : ${(error as Error)?.message ?? String(error)}` });
  }
};
