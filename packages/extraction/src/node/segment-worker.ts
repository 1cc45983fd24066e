// Worker thread that writes segments of a data sheet, one at a time (see parallel.ts). It loads the
// core, platform.ts and segment.ts only, never the whole Node adapter.
import { parentPort } from 'node:worker_threads';
import { segmentReply } from '../core/xlsx/parallel-sheets.js';
import { runSegment, type SegmentJob } from './segment.js';

const port = parentPort!;
port.on('message', (job: SegmentJob) => {
  void segmentReply(job.id, runSegment(job)).then((reply) => port.postMessage(reply, 'piece' in reply ? [reply.piece.data.buffer as ArrayBuffer] : []));
});
