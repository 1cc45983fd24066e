import fc from 'fast-check';
import { expect, test } from 'vitest';
import { analyzeExtraction, type ByteSource } from '@sne-toolbox/extraction';
import { utf16, windows1252 } from './helpers.js';

// The first pass notes where records start, in bytes, so that the writing pass can cut the file
// there. Whatever the chunk sizes the bytes arrive in (a UTF-8 sequence split anywhere), every cut
// must point at the first byte of the record it names.

function chunked(bytes: Uint8Array, sizes: number[]): ByteSource {
  return {
    size: bytes.byteLength,
    async *open() {
      let at = 0;
      for (let k = 0; at < bytes.byteLength; k++) {
        const n = sizes[k % sizes.length]!;
        yield bytes.subarray(at, at + n);
        at += n;
      }
    },
  };
}

test.each([
  ['utf-8', (text: string) => new TextEncoder().encode(text)],
  ['utf-8 with a BOM', (text: string) => new TextEncoder().encode('\uFEFF' + text)],
  ['windows-1252', (text: string) => windows1252(text.replaceAll('😀 ∑', 'œ €'))],
  ['utf-16le', (text: string) => utf16(text, 'le')],
  ['utf-16be', (text: string) => utf16(text, 'be')],
] as const)('%s: every cut points at the start of its record, whatever the chunks', async (name, encode) => {
  const lines = Array.from({ length: 120 }, (_, i) => `ID${String(i).padStart(4, '0')};"Lefèvre 😀 ∑\r\n${'é'.repeat(i % 9)}";${i}${i % 3 ? '\n' : '\r\n'}`);
  const bytes = encode(`Id;Nom;N\r\n${lines.join('')}`);
  await fc.assert(
    fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 8 }), async (sizes) => {
      const analysis = await analyzeExtraction(chunked(bytes, sizes), { segmentBytes: 50, maxRowsPerSheet: 47 });
      // A record spread over more than two chunks cannot be placed in bytes: with one at a sheet
      // start there are no cuts at all (the file is then written on one thread), never a wrong one.
      if (analysis.cuts.length === 0) {
        expect(name).toMatch(/^utf-8/);
        expect(sizes.some((n) => n < 50)).toBe(true);
        return;
      }
      for (const cut of analysis.cuts) {
        const label = name === 'windows-1252' ? 'latin1' : name.startsWith('utf-16') ? name : 'utf-8';
        const at = new TextDecoder(label).decode(bytes.subarray(cut.byte, cut.byte + (label.startsWith('utf-16') ? 12 : 6)));
        expect(at, `cut ${JSON.stringify(cut)}`).toBe(`ID${String(cut.record).padStart(4, '0')}`);
      }
      expect(analysis.cuts.length).toBeGreaterThan(10);
      // Every sheet starts on a cut.
      for (let s = 0; s * 47 < 120; s++) expect(analysis.cuts.some((c) => c.record === s * 47)).toBe(true);
    }),
    { numRuns: 60 },
  );
  // Chunks of 61 bytes split multi-byte characters and still give cuts (the property is not vacuous).
  expect((await analyzeExtraction(chunked(bytes, [61]), { segmentBytes: 50, maxRowsPerSheet: 47 })).cuts.length).toBeGreaterThan(10);
});
