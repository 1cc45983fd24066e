import { concatBytes, crc32 } from '@sne-toolbox/zip-reader';
import { blobChunks, readerChunks, type SegmentParsing, type SegmentPiece, segmentPiece, unfinish } from '@sne-toolbox/extraction/internal';

// One segment of a data sheet, in the page: its bytes are a slice of the chosen file, its XML is
// written by the core, and it is compressed by the browser's own zlib (CompressionStream). That
// stream cannot flush without finishing, so the finished piece is made joinable afterwards
// (`unfinish`: its last block found and no longer final, a sync flush's empty block appended).
//
// Measured on 50 MB of sheet XML: CompressionStream 1.25 s in Firefox ESR, 1.3 s in Chromium;
// pako (zlib in JavaScript, which can flush) 3.4 s and 2.0 s; finding the last block 0.2 s. fflate
// was tried too: its sync flush (0.8.3) writes a wrong stored block whenever the data does not end on
// a byte boundary.

/** What a segment thread of the page is given. */
export interface PageSegmentTask {
  id: number;
  file: Blob;
  start: number;
  end: number;
  firstRow: number;
  records: number;
  analysis: SegmentParsing;
}

/** Raw DEFLATE of `bytes` by the browser: a finished stream, or, unless `final`, one made joinable. */
export async function deflatePiece(bytes: Uint8Array, final: boolean): Promise<Uint8Array> {
  // Written into the stream, not through `new Blob([bytes])`: a Blob's bytes go to Chromium's browser
  // process and stay there until the worker's garbage collector drops the Blob, 4 MB of XML at a time.
  const deflater = new CompressionStream('deflate-raw');
  const writer = deflater.writable.getWriter();
  const fed = writer.write(bytes as Uint8Array<ArrayBuffer>).then(() => writer.close());
  fed.catch(() => undefined); // A failure errors the readable too, and is thrown by the loop below.
  const chunks: Uint8Array[] = [];
  for await (const chunk of readerChunks(deflater.readable)) chunks.push(chunk);
  await fed;
  const whole = concatBytes(chunks);
  return final ? whole : unfinish(whole);
}

/** Writes and compresses one segment, on whichever thread of the page runs it. */
export function runPageSegment(task: PageSegmentTask): Promise<SegmentPiece> {
  return segmentPiece(blobChunks(task.file.slice(task.start, task.end)), task.analysis, task, { deflate: (xml) => deflatePiece(xml, false), crc32: (bytes) => crc32(bytes) });
}
