import { createReadStream, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { convertExtraction, convertToBytes, inspectExtraction, readExtraction } from '../src/index.node.js';
import { readBack, sheetValues } from './helpers.js';

// Issue 28: Node streams are accepted by their real types (fs.ReadStream used to be taken for a
// re-readable source and crash), copied to a private temp file, never gathered in memory; the copy
// is removed once the work is done.

const CSV = 'Numéro unique;Montant\r\n0590423808575GDPUB;1 234,56\r\n0590423808576GDPUB;12,00\r\n';
let dir: string;
let temps: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sne-streams-'));
  temps = mkdtempSync(join(tmpdir(), 'sne-streams-tmp-'));
  process.env.TMPDIR = temps;
});
afterEach(() => {
  delete process.env.TMPDIR;
  rmSync(dir, { recursive: true, force: true });
  rmSync(temps, { recursive: true, force: true });
});

describe('Node streams as input', () => {
  it.each([
    ['fs.createReadStream', () => createReadStream(join(dir, 'in.csv'))],
    ['Readable.from', () => Readable.from([Buffer.from(CSV)])],
    ['a web ReadableStream', () => new Blob([CSV]).stream()],
  ])('%s converts; the private copy is gone afterwards', async (_label, stream) => {
    writeFileSync(join(dir, 'in.csv'), CSV);
    const { bytes, report } = await convertToBytes(stream());
    expect(report.rows).toBe(2);
    expect(sheetValues(readBack(bytes).get('Extraction')!)[1]).toEqual(['0590423808575GDPUB', 1234.56]);
    expect(readdirSync(temps)).toEqual([]);
  });

  it('a stream over maxInputBytes stops as it passes (INPUT_TOO_LARGE), never copied whole; a mistyped option costs no copy', async () => {
    let pulled = 0;
    const endless = Readable.from((function* () {
      for (;;) {
        pulled++;
        yield Buffer.alloc(64 * 1024, 0x61);
      }
    })());
    await expect(convertToBytes(endless, { maxInputBytes: 1024 * 1024 })).rejects.toMatchObject({ code: 'INPUT_TOO_LARGE' });
    expect(pulled).toBeLessThan(40);
    expect(readdirSync(temps)).toEqual([]);
    let touched = false;
    const watched = Readable.from((function* () {
      touched = true;
      yield Buffer.from(CSV);
    })());
    await expect(convertToBytes(watched, { delimitor: ';' } as never)).rejects.toMatchObject({ code: 'USAGE' });
    expect(touched).toBe(false);
  });

  it('convertExtraction, inspectExtraction and readExtraction remove the copy once their reading ends', async () => {
    writeFileSync(join(dir, 'in.csv'), CSV);
    const conversion = await convertExtraction(createReadStream(join(dir, 'in.csv')));
    expect(readdirSync(temps).length).toBe(1);
    for await (const chunk of conversion.workbook()) void chunk;
    expect(readdirSync(temps)).toEqual([]);
    expect((await inspectExtraction(createReadStream(join(dir, 'in.csv')))).rows).toBe(2);
    expect(readdirSync(temps)).toEqual([]);
    const { rows } = await readExtraction(createReadStream(join(dir, 'in.csv')));
    let n = 0;
    for await (const row of rows) n += row.length > 0 ? 1 : 0;
    expect(n).toBe(2);
    expect(readdirSync(temps)).toEqual([]);
  });

  it('a conversion made from a stream is read once: a second reading says so (USAGE), not that the file changed', async () => {
    const conversion = await convertExtraction(Readable.from([Buffer.from(CSV)]));
    expect(sheetValues(readBack(new Uint8Array(await (await conversion.blob()).arrayBuffer())).get('Extraction')!)[1]).toEqual(['0590423808575GDPUB', 1234.56]);
    expect(readdirSync(temps)).toEqual([]);
    const again = conversion.blob();
    await expect(again).rejects.toMatchObject({ code: 'USAGE' });
    await expect(again).rejects.toThrow(/se lit une seule fois/);
    // A file or a Blob is read again as often as asked.
    writeFileSync(join(dir, 'in.csv'), CSV);
    const fromBlob = await convertExtraction(new Blob([CSV]));
    expect((await fromBlob.blob()).size).toBe((await fromBlob.blob()).size);
  });
});
