// Worker thread that writes segments of a data sheet, one at a time (see parallel.ts). It loads the
// core, platform.ts and segment.ts only, never the whole Node adapter.
import { parentPort } from 'node:worker_threads';
import { type SegmentJob, segmentReply } from './segment.js';

const port = parentPort!;
port.on('message', (job: SegmentJob) => {
  void segmentReply(job).then((reply) => port.postMessage(reply, 'piece' in reply ? [reply.piece.data.buffer as ArrayBuffer] : []));
});
