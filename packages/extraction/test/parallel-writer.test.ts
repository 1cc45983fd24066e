import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readZip } from '@sne-toolbox/zip-reader';
import { convertExtraction } from '../src/core/convert.js';
import { nodeDeflate } from '../src/node/deflate.js';
import { fileSource } from '../src/node/files.js';
import { NodeParallelWriter, type SegmentThread } from '../src/node/parallel.js';
import { nodePlatform } from '../src/node/platform.js';
import { type SegmentReply, segmentReply } from '../src/core/xlsx/parallel-sheets.js';
import { runSegment, type SegmentJob } from '../src/node/segment.js';
import { toCsv, windows1252 } from './helpers.js';

// The parallel path, from the sources: segments run in-process (on this thread, or on "threads" that
// answer like workers), so a stale dist/ can never be what is tested. The sheets' XML must be the
// sequential pass's, byte for byte.

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'sne-parallel-'));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

/** A thread that runs each job in-process and answers asynchronously, as a worker would. */
function inProcessThread(): SegmentThread {
  const listeners: ((reply: SegmentReply) => void)[] = [];
  return {
    postMessage: (job: SegmentJob) => void segmentReply(job.id, runSegment(structuredClone(job))).then((reply) => setTimeout(() => listeners.forEach((l) => l(structuredClone(reply))))),
    on: (event: string, listener: (arg: never) => void) => {
      if (event === 'message') listeners.push(listener as (reply: SegmentReply) => void);
    },
    terminate: async () => 0,
  } as SegmentThread;
}

const NOW = new Date(2026, 0, 2, 3, 4, 5);

async function entries(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await readZip(bytes, { maxEntries: 100, maxEntrySize: 1 << 30, maxTotalSize: 1 << 30 });
  return new Map(zip.map((e) => [e.name, new TextDecoder().decode(e.bytes)]));
}

async function workbook(path: string, parallel?: NodeParallelWriter): Promise<Uint8Array> {
  const source = await fileSource(path);
  const conversion = await convertExtraction(source, { deflate: nodeDeflate(), platform: nodePlatform, now: NOW, segmentBytes: 2048, maxRowsPerSheet: 700, ...(parallel ? { parallel } : {}) });
  const chunks: Uint8Array[] = [];
  for await (const chunk of conversion.workbook()) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const rows = Array.from({ length: 2000 }, (_, i) => [String(i), `Lefèvre ${i}`, `${i % 28 + 1}/01/2024`, `${i},5`, i % 7 ? 'oui' : 'non']);

test.each([
  ['utf-8', (text: string) => new TextEncoder().encode(text)],
  ['windows-1252', windows1252],
] as const)('%s: the segment path writes the sequential XML (this thread only, and three threads)', async (name, encode) => {
  const path = join(dir, `${name}.csv`);
  await fs.writeFile(path, encode(toCsv([['id', 'nom', 'date', 'montant', 'actif'], ...rows])));
  const stat = await fs.stat(path);
  const file = { path, size: stat.size, mtimeMs: stat.mtimeMs };
  const sequential = await entries(await workbook(path));
  for (const threads of [1, 3]) {
    const writer = new NodeParallelWriter(file, 4, threads, undefined, inProcessThread);
    try {
      const parallel = await entries(await workbook(path, writer));
      expect([...parallel.keys()]).toEqual([...sequential.keys()]);
      for (const [entry, xml] of sequential) expect(parallel.get(entry), `${entry}, ${threads} thread(s)`).toBe(xml);
      expect(sequential.has('xl/worksheets/sheet3.xml')).toBe(true);
    } finally {
      await writer.close();
    }
  }
});

test('a file changed under the segments: INPUT_CHANGED', async () => {
  const path = join(dir, 'changed.csv');
  await fs.writeFile(path, toCsv([['id', 'nom'], ...rows.map((r) => r.slice(0, 2))]));
  const stat = await fs.stat(path);
  const writer = new NodeParallelWriter({ path, size: stat.size + 1, mtimeMs: stat.mtimeMs }, 4, 2, undefined, inProcessThread);
  try {
    await expect(workbook(path, writer)).rejects.toMatchObject({ code: 'INPUT_CHANGED' });
  } finally {
    await writer.close();
  }
});
