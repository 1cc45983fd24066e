// Worker thread that writes segments of a data sheet, one at a time (see node-parallel.ts).
import { parentPort } from 'node:worker_threads';
import { isExtractionError } from '../core/errors.js';
import { runSegment, type SegmentJob } from './segment.js';

const port = parentPort!;
port.on('message', (job: SegmentJob) => {
  runSegment(job).then(
    (piece) => port.postMessage({ id: job.id, piece }, [piece.data.buffer as ArrayBuffer]),
    (error: unknown) =>
      port.postMessage({
        id: job.id,
        error: isExtractionError(error)
          ? { code: error.code, message: error.message }
          : { code: 'WRITE_FAILED', message: `Erreur inattendue : ${(error as Error)?.message ?? String(error)}. Signalez-la avec le fichier en cause si possible.` },
      }),
  );
});
