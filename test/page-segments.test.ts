import { inflateRawSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { crc32, readZip } from '../packages/zip-reader/src/index.js';
import { convertToBytes } from '../packages/extraction/src/core/convert.js';
import { ParallelSheets, type SegmentRunner, workerRunner } from '../packages/extraction/src/core/xlsx/parallel-sheets.js';
import { deflatePiece, type PageSegmentTask, runPageSegment } from '../packages/web/src/segments.js';

// The page's parallel path, in Node (the browsers run it in test/web-extraction.test.ts and
// web-firefox.test.ts, with the browsers' own CompressionStream): the pieces join into one DEFLATE
// stream, and the segments written from slices of a Blob give the sequential pass's XML, byte for byte.

describe('deflatePiece', () => {
  test('joinable pieces, then a final one, inflate to the whole, whatever their bit lengths', async () => {
    // fflate's sync flush broke on pieces that do not end on a byte boundary (1,000 bytes of XML
    // did); these lengths give several remainders of bits.
    const text = new TextEncoder().encode('<row r="2"><c r="A2" t="s"><v>12</v></c><c r="B2"><v>1234.56</v></c></row>'.repeat(200));
    for (const length of [0, 1, 7, 10, 999, 1000, 1001, 4099, text.length]) {
      const a = text.subarray(0, length);
      const b = text.subarray(length >> 1, length + 17);
      const joined = Buffer.concat([await deflatePiece(a, false), await deflatePiece(b, false), await deflatePiece(a, true)]);
      expect(inflateRawSync(joined).equals(Buffer.concat([a, b, a])), `length ${length}`).toBe(true);
    }
  });

  test('hands the XML to the compressor itself, never through a Blob', async () => {
    // A Blob's bytes are copied to Chromium's browser process and stay there until the worker's
    // garbage collector drops the Blob: at 1M rows, hundreds of MB of XML passed that way.
    const made: unknown[] = [];
    const original = globalThis.Blob;
    globalThis.Blob = class extends original {
      constructor(...args: ConstructorParameters<typeof Blob>) {
        super(...args);
        made.push(args);
      }
    };
    try {
      const xml = new TextEncoder().encode('<row r="2"><c r="A2"><v>1</v></c></row>'.repeat(1000));
      expect(inflateRawSync(await deflatePiece(xml, true)).equals(xml)).toBe(true);
    } finally {
      globalThis.Blob = original;
    }
    expect(made).toEqual([]);
  });
});

const NOW = new Date(2026, 0, 2, 3, 4, 5);
const header = 'Numéro unique;Nom;Date;Montant;Actif\r\n';
const csv = header + Array.from({ length: 3000 }, (_, i) => `0590423808${String(i).padStart(3, '0')}GDPUB;Lefèvre ${i};${(i % 28) + 1}/01/2024;${i},5;${i % 7 ? 'oui' : 'non'}\r\n`).join('');

/** A worker as the page starts one, but in-process: it answers asynchronously, with structured clones. */
function inProcessWorker(): SegmentRunner<PageSegmentTask> {
  const runner = workerRunner<PageSegmentTask>((task) => {
    void runPageSegment(structuredClone(task)).then(
      (piece) => setTimeout(() => runner.answer({ id: task.id, piece })),
      (error: unknown) => setTimeout(() => runner.crash(error)),
    );
  }, () => undefined);
  return runner;
}

function pageHost(file: Blob, workers: () => SegmentRunner<PageSegmentTask>[]) {
  return new ParallelSheets<PageSegmentTask>({
    start: () => [{ alive: true, run: runPageSegment, close: () => undefined }, ...workers()],
    task: (segment, id, analysis) => ({ id, file, ...segment, analysis }),
    deflate: deflatePiece,
    crc32: (bytes) => crc32(bytes),
  });
}

async function sheets(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await readZip(bytes, { maxEntries: 100, maxEntrySize: 1 << 30, maxTotalSize: 1 << 30 });
  return new Map(zip.map((e) => [e.name, new TextDecoder().decode(e.bytes)]));
}

describe('the page\'s segments', () => {
  test('from slices of a Blob, on this thread and two workers, they write the sequential XML', async () => {
    const file = new Blob([csv]);
    const options = { now: NOW, segmentBytes: 4096, maxRowsPerSheet: 1000 };
    const sequential = await sheets((await convertToBytes(file, options)).bytes);
    const parallel = pageHost(file, () => [inProcessWorker(), inProcessWorker()]);
    try {
      const written = await sheets((await convertToBytes(file, { ...options, parallel })).bytes);
      expect([...written.keys()]).toEqual([...sequential.keys()]);
      expect(sequential.has('xl/worksheets/sheet3.xml')).toBe(true);
      for (const [name, xml] of sequential) expect(written.get(name), name).toBe(xml);
    } finally {
      await parallel.close();
    }
  });

  test('a worker that crashes fails the conversion with WRITE_FAILED, and is given nothing more', async () => {
    const file = new Blob([csv]);
    let runs = 0;
    const crashing = (): SegmentRunner<PageSegmentTask> => {
      const runner = workerRunner<PageSegmentTask>(() => {
        runs++;
        setTimeout(() => runner.crash(new Error('out of memory')));
      }, () => undefined);
      return runner;
    };
    const parallel = pageHost(file, () => [crashing()]);
    try {
      await expect(convertToBytes(file, { now: NOW, segmentBytes: 4096, parallel })).rejects.toMatchObject({ code: 'WRITE_FAILED' });
      expect(runs).toBe(1);
    } finally {
      await parallel.close();
    }
  });
});
