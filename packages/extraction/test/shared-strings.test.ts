import { expect, test } from 'vitest';
import { convertToBytes } from '@sne-toolbox/extraction';
import { readZip } from '@sne-toolbox/zip-reader';
import { readBack, sheetValues } from './helpers.js';

// Text columns with few distinct values go through the shared-strings table, as Excel writes them:
// each value once in xl/sharedStrings.xml, each cell an index. Columns with many stay inline.

const LIMITS = { maxEntries: 100, maxEntrySize: 1 << 28, maxTotalSize: 1 << 28 };

async function parts(bytes: Uint8Array): Promise<Map<string, string>> {
  const entries = await readZip(bytes, LIMITS);
  return new Map(entries.map((e) => [e.name, new TextDecoder().decode(e.bytes)]));
}

test('few distinct values: shared strings; many: inline; the cells read back the same', async () => {
  let csv = 'Statut;Nom;Commentaire\r\n';
  for (let i = 0; i < 1500; i++) csv += `${['Active', 'Radiée', ' espace ', 'a & <b>', '_x0041_'][i % 5]};Nom ${i};${i % 2 ? '' : 'même texte'}\r\n`;
  const { bytes } = await convertToBytes(new TextEncoder().encode(csv));
  const xml = await parts(bytes);
  const sst = xml.get('xl/sharedStrings.xml')!;
  expect(sst).toContain('uniqueCount="6"');
  expect(sst).toContain('<si><t xml:space="preserve"> espace </t></si>');
  expect(sst).toContain('<si><t>a &amp; &lt;b&gt;</t></si>');
  expect(sst).toContain('<si><t>_x005F_x0041_</t></si>');
  expect(xml.get('[Content_Types].xml')).toContain('/xl/sharedStrings.xml');
  expect(xml.get('xl/_rels/workbook.xml.rels')).toContain('Target="sharedStrings.xml"');
  const sheet = xml.get('xl/worksheets/sheet1.xml')!;
  expect(sheet).toMatch(/<c r="A2" s="\d+" t="s"><v>0<\/v><\/c>/);
  expect(sheet).toMatch(/<c r="B2" s="\d+" t="inlineStr"><is><t>Nom 0<\/t><\/is><\/c>/); // 1,500 names: inline
  expect(sheet).toMatch(/<c r="C2" s="\d+" t="s"><v>5<\/v><\/c>/);
  const data = sheetValues(readBack(bytes).get('Extraction')!);
  expect(data[3]).toEqual([' espace ', 'Nom 2', 'même texte']);
  expect(data[4]).toEqual(['a & <b>', 'Nom 3']);
  expect(data[5]![0]).toBe('_x0041_');
});

test('a file without a text column of few values has no shared-strings part', async () => {
  let csv = 'N;Nom\r\n';
  for (let i = 0; i < 1200; i++) csv += `${i};Nom ${i}\r\n`;
  const xml = await parts((await convertToBytes(new TextEncoder().encode(csv))).bytes);
  expect(xml.has('xl/sharedStrings.xml')).toBe(false);
  expect(xml.get('[Content_Types].xml')).not.toContain('sharedStrings');
});

test('few but long distinct values stay inline: the table is bounded in characters too', async () => {
  let csv = 'Texte\r\n';
  for (let i = 0; i < 200; i++) csv += `${String(i % 20).padStart(2, '0')}${'x'.repeat(10_000)}\r\n`;
  const xml = await parts((await convertToBytes(new TextEncoder().encode(csv))).bytes);
  expect(xml.has('xl/sharedStrings.xml')).toBe(false);
});

test('a value over the cell limit keeps its column inline (the cell shows the first 32,767 characters)', async () => {
  const csv = `Texte\r\ncourt\r\n${'é'.repeat(40_000)}\r\ncourt\r\n`;
  const { bytes } = await convertToBytes(new TextEncoder().encode(csv));
  const xml = await parts(bytes);
  expect(xml.has('xl/sharedStrings.xml')).toBe(false);
  expect(String(readBack(bytes).get('Extraction')![2]![0]!.v).length).toBe(32_767);
});
