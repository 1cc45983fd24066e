import { inflateRawSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import * as XLSX from 'xlsx';
import { readBack, roundTrip, toCsv } from './helpers.js';

// Excel must never undo the conversion: text that looks like a number carries the Text format (@),
// the column too (what is typed later stays text), and no green triangle invites « Convertir en nombre ».

/** A zip entry's text (our writer: local headers, deflate). */
function entry(zip: Uint8Array, name: string): string {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let p = 0; p + 30 < zip.byteLength && view.getUint32(p, true) === 0x04034b50; ) {
    const size = view.getUint32(p + 18, true);
    const nameLength = view.getUint16(p + 26, true);
    const extra = view.getUint16(p + 28, true);
    const entryName = new TextDecoder().decode(zip.subarray(p + 30, p + 30 + nameLength));
    const start = p + 30 + nameLength + extra;
    if (size === 0 && (view.getUint16(p + 6, true) & 8)) {
      // Streamed entry: sizes follow the data; find the next local header or central directory.
      let end = start;
      while (end + 4 <= zip.byteLength && view.getUint32(end, true) !== 0x04034b50 && view.getUint32(end, true) !== 0x02014b50) end++;
      const data = zip.subarray(start, end - 16);
      if (entryName === name) return inflateRawSync(data).toString('utf8');
      p = end;
      continue;
    }
    if (entryName === name) return inflateRawSync(zip.subarray(start, start + size)).toString('utf8');
    p = start + size;
  }
  throw new Error(`${name} not found`);
}

describe('text stays text in Excel', () => {
  const csv = toCsv([
    ['Numéro unique', 'Code postal', 'Nom', 'Montant', 'Téléphone'],
    ['059042380857512345', '09000', 'Dupont', '12,5', '0612345678'],
    ['1111023517879GDPUB', '59000', 'Martin', '3', '0700000000'],
  ]);

  test('text cells carry the Text format (@); numbers keep theirs', async () => {
    const { bytes } = await roundTrip(csv);
    const rows = readBack(bytes).get('Extraction')!;
    expect(rows[1]!.map((c) => c?.z)).toEqual(['@', '@', '@', '0.0', '@']);
    expect(rows[1]![0]).toMatchObject({ t: 's', v: '059042380857512345' });
  });

  test('text columns carry @ for later entries, and ignoredErrors covers them: no green triangle', async () => {
    const { bytes } = await roundTrip(csv);
    const xml = entry(bytes, 'xl/worksheets/sheet1.xml');
    expect(xml).toMatch(/<ignoredErrors><ignoredError sqref="A1:C1048576 E1:E1048576" numberStoredAsText="1"\/><\/ignoredErrors><\/worksheet>$/);
    const styles = entry(bytes, 'xl/styles.xml');
    const textStyle = [...styles.matchAll(/<xf numFmtId="(\d+)"/g)].slice(1).findIndex((m) => m[1] === '49');
    expect(textStyle).toBeGreaterThan(0);
    expect(xml).toMatch(new RegExp(`<col min="1" max="1" width="[\\d.]+" style="${textStyle}" customWidth="1"/>`));
    // A second reader sees the same.
    const wb = XLSX.read(bytes, { type: 'buffer', cellStyles: true });
    expect(wb.Sheets['Extraction']!['E2']).toMatchObject({ t: 's', v: '0612345678' });
  });
});
