/// <reference lib="webworker" />
// A segment thread of the page, started by a conversion's worker (see parallel.ts): writes the
// segments it is given, one at a time, and posts each piece back (its buffer transferred).
import { segmentReply } from '@sne-toolbox/extraction/internal';
import { type PageSegmentTask, runPageSegment } from './segments.js';

self.onmessage = (event: MessageEvent<PageSegmentTask>) => {
  const task = event.data;
  void segmentReply(task.id, runPageSegment(task)).then((reply) => (self as unknown as Worker).postMessage(reply, 'piece' in reply ? [reply.piece.data.buffer as ArrayBuffer] : []));
};
