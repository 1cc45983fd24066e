import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { convertExtraction, convertToBytes, excelSerial, type ExtractionErrorCode, inspectExtraction } from '@sne-toolbox/extraction';
import { readBack, roundTrip, toCsv, utf16, windows1252 } from './helpers.js';
import { checkedZipEntries } from './zip-helper.js';

const SPECTRUM = fileURLToPath(new URL('../../../test/vectors/csv-spectrum/', import.meta.url));

describe('csv-spectrum acid test (written by others)', () => {
  const names = readdirSync(join(SPECTRUM, 'csvs')).map((f) => f.replace(/\.csv$/, ''));
  test.each(names)('%s', async (name) => {
    const bytes = new Uint8Array(readFileSync(join(SPECTRUM, 'csvs', `${name}.csv`)));
    let expected = JSON.parse(readFileSync(join(SPECTRUM, 'json', `${name}.json`), 'utf8')) as Record<string, string>[] | Record<string, string>;
    if (!Array.isArray(expected)) expected = [expected];
    // Upstream flaw (see test/vectors/README.md): this JSON's phone number disagrees with its CSV; the CSV is the truth.
    if (name === 'location_coordinates') expected = expected.map((r) => ({ ...r, 'Contact Phone Number': '2095257564' }));
    // The acid test is about values: read everything back as text.
    const { data, report } = await roundTrip(bytes, { raw: true });
    const [header, ...rows] = data;
    expect(report.rows).toBe(expected.length);
    const got = rows.map((row) => Object.fromEntries(header!.map((h, i) => [h, String(row[i] ?? '')])));
    expect(got).toEqual(expected);
  });

  test('the same cases convert with types on', async () => {
    for (const name of names) {
      const bytes = new Uint8Array(readFileSync(join(SPECTRUM, 'csvs', `${name}.csv`)));
      await expect(convertToBytes(bytes)).resolves.toBeTruthy();
    }
  });
});

describe('values are kept exactly', () => {
  const tricky = [
    'leading and trailing  ', '  ', '_x0041_', '_x005F_x0041_', 'a\u0001b\u001fc', 'tab\there', 'cr\ronly', 'crlf\r\nend', 'lf\nend',
    '=SUM(A1:A2)', '+33 6 12', '-dash', '@mention', '🏠 logement', 'é'.normalize('NFD'), '<b>&amp;</b>', ']]>', '"quoted"',
    '\uFEFFbom inside', 'x\u00a0y\u202fz', '\u007f', 'a;b', '0590423808575E0012',
  ];
  test('every tricky string reads back identical', async () => {
    const rows = [['Texte'], ...tricky.map((t) => [t])];
    const { data } = await roundTrip(toCsv(rows));
    expect(data.slice(1).map((r) => r[0])).toEqual(tricky);
  });

  test('typed cells read back as the same numbers and dates, with French formats', async () => {
    const csv = toCsv([
      ['Montant', 'Entier', 'Date', 'Horodatage', 'Vide'],
      ['1 234,56', '12', '12/03/2020', '29/02/2024 10:30:15', ''],
      ['-0,5', '1\u00a0000', '2021-01-31', '01/01/2000 00:00:01', ''],
    ]);
    const { sheets, report } = await roundTrip(csv);
    expect(report.columnTypes.map((c) => c.type)).toEqual(['decimal', 'integer', 'date', 'datetime', 'empty']);
    const rows = sheets.get('Extraction')!;
    expect(rows[1]!.slice(0, 4).map((c) => c?.v)).toEqual([1234.56, 12, 43902, 45351 + (10 * 3600 + 30 * 60 + 15) / 86400]);
    expect(rows[2]![2]!.v).toBe(excelSerial(2021, 1, 31));
    expect(rows[1]![0]!.z).toBe('#,##0.00');
    expect(rows[1]![2]!.z).toBe('[$-40C]dd/mm/yyyy');
    expect(rows[1]![3]!.z).toBe('[$-40C]dd/mm/yyyy hh:mm:ss');
    expect(rows[1]![4]).toBeUndefined();
  });

  test('identifiers stay text: numéro unique both shapes, codes postaux, INSEE, phones, SIRET', async () => {
    const values = [
      ['Numéro unique', 'NUR bis', 'CP', 'INSEE', 'Tel', 'SIRET', 'Valeur'],
      ['059102384157559900', '0590423808575GDPUB', '01000', '2A004', '0612345678', '12345678901234', '0123'],
      ['1111023517879GDPUB', '111102351787912345', '59000', '59350', '0756506201', '98765432109876', '5'],
    ];
    const { data, report } = await roundTrip(toCsv(values));
    expect(report.columnTypes.every((c) => c.type === 'text')).toBe(true);
    expect(data).toEqual(values);
  });

  test('--text forces columns by name (any case/accents) or number; --raw keeps all text', async () => {
    const csv = toCsv([['Montant', 'Date', 'Nb'], ['1,5', '12/03/2020', '3']]);
    const forced = await roundTrip(csv, { textColumns: ['montant', '3'] });
    expect(forced.report.columnTypes.map((c) => c.type)).toEqual(['text', 'date', 'text']);
    expect(forced.data[1]).toEqual(['1,5', 43902, '3']);
    const byLetter = await roundTrip(csv, { textColumns: ['b'] });
    expect(byLetter.report.columnTypes.map((c) => c.type)).toEqual(['decimal', 'text', 'integer']);
    const raw = await roundTrip(csv, { raw: true });
    expect(raw.data[1]).toEqual(['1,5', '12/03/2020', '3']);
    await expect(roundTrip(csv, { textColumns: ['Inconnue'] })).rejects.toMatchObject({ code: 'USAGE' });
  });
});

describe('encodings and delimiters', () => {
  const table = [['Nom', 'Prénom', 'Montant'], ['Lefèvre', 'Élodie', '1 234,56'], ['Œillet', 'Zoë', '12,5'], ['Müller', '€ uro', '3']];
  const expected = [['Nom', 'Prénom', 'Montant'], ['Lefèvre', 'Élodie', 1234.56], ['Œillet', 'Zoë', 12.5], ['Müller', '€ uro', 3]];
  const encodings: [string, (s: string) => Uint8Array][] = [
    ['utf-8', (s) => new TextEncoder().encode(s)],
    ['utf-8', (s) => new TextEncoder().encode('\uFEFF' + s)],
    ['windows-1252', windows1252],
    ['utf-16le', (s) => utf16(s, 'le')],
    ['utf-16be', (s) => utf16(s, 'be')],
  ];
  for (const delimiter of [';', ',', '\t', '|']) {
    for (const [encoding, encode] of encodings) {
      test(`${encoding} with ${JSON.stringify(delimiter)}`, async () => {
        const { data, report } = await roundTrip(encode(toCsv(table, delimiter)));
        expect(report.encoding).toBe(encoding);
        expect(report.delimiter).toBe(delimiter);
        expect(data).toEqual(expected);
      });
    }
  }

  test('a file that is UTF-8 for 100 KB and then not is read as windows-1252', async () => {
    const head = 'Nom;Ville\r\n' + 'Dupont;Lille\r\n'.repeat(8000);
    const bytes = windows1252(head + 'Lefèvre;Besançon\r\n');
    const { report, data } = await roundTrip(bytes);
    expect(report.encoding).toBe('windows-1252');
    expect(data.at(-1)).toEqual(['Lefèvre', 'Besançon']);
  });

  test('forcing an encoding the bytes do not match gives ENCODING_INVALID', async () => {
    await expect(convertExtraction(windows1252('Nom\r\nLefèvre\r\n'), { encoding: 'utf-8' })).rejects.toMatchObject({ code: 'ENCODING_INVALID' });
  });

  test('an Excel "sep=" first line gives the delimiter and is not data', async () => {
    const { data, report, sheets } = await roundTrip('sep=,\r\nNom,Montant;devise\r\nA,1;5\r\n');
    expect(report.delimiter).toBe(',');
    expect(data).toEqual([['Nom', 'Montant;devise'], ['A', '1;5']]);
    expect(sheets.get('Informations')!.map((r) => r.map((c) => c?.v))).toContainEqual(['Séparateur', ", (donné par la ligne « sep= » d'Excel, non convertie)"]);
  });

  test('decimal commas never make "," the delimiter', async () => {
    const { report } = await roundTrip('Montant;Taux\r\n1,5;2,25\r\n3,75;0,5\r\n');
    expect(report.delimiter).toBe(';');
  });
});

describe('warnings', () => {
  test('ragged rows keep all their fields, with generated headers', async () => {
    const { data, report } = await roundTrip('A;B\r\n1;2;3;4\r\n5\r\n');
    expect(data).toEqual([['A', 'B', 'Colonne 3', 'Colonne 4'], [1, 2, 3, 4], [5]]);
    expect(report.warnings.filter((w) => w.code === 'RAGGED_ROW').map((w) => w.line)).toEqual([2, 3]);
  });

  test('an unclosed quote keeps what follows and names its line', async () => {
    const { data, report } = await roundTrip('A;B\r\n1;"ouvert\r\n2;3\r\n');
    expect(report.warnings).toContainEqual(expect.objectContaining({ code: 'UNCLOSED_QUOTE', line: 2 }));
    expect(data[1]).toEqual([1, 'ouvert\r\n2;3\r\n']);
  });

  test('empty and duplicate headers', async () => {
    const { data, report } = await roundTrip('A;;A\r\n1;2;3\r\n');
    expect(data[0]).toEqual(['A', 'Colonne 2', 'A']);
    expect(report.warnings.map((w) => w.code)).toEqual(['EMPTY_HEADER', 'DUPLICATE_HEADER']);
  });

  test('a cell over 32,767 characters is never cut silently: full text in "Valeurs longues"', async () => {
    const long = 'é'.repeat(40_000) + '🏠' + 'fin';
    const { data, report, sheets } = await roundTrip(toCsv([['Id', 'Texte'], ['a', long]]));
    expect(report.warnings).toContainEqual(expect.objectContaining({ code: 'CELL_TOO_LONG', line: 2, column: 2 }));
    expect(String(data[1]![1]).length).toBe(32_767);
    const longSheet = sheets.get('Valeurs longues')!;
    const row = longSheet[1]!.map((c) => c?.v);
    expect(row.slice(0, 4)).toEqual(['Extraction', 'B2', 2, long.length]);
    expect(row.slice(4).join('')).toBe(long);
  });

  test('more rows than a sheet holds continue on "Extraction (2)" with the header repeated', async () => {
    const rows = [['N', 'Nom'], ...Array.from({ length: 25 }, (_, i) => [String(i + 1), `nom ${i + 1}`])];
    const { report, sheets } = await roundTrip(toCsv(rows), { maxRowsPerSheet: 10 });
    expect(report.sheets).toBe(3);
    expect(report.warnings).toContainEqual(expect.objectContaining({ code: 'SHEET_SPLIT' }));
    expect([...sheets.keys()]).toEqual(['Extraction', 'Extraction (2)', 'Extraction (3)', 'Informations']);
    const all = ['Extraction', 'Extraction (2)', 'Extraction (3)'].flatMap((name) => {
      const s = sheets.get(name)!;
      expect(s[0]!.map((c) => c?.v)).toEqual(['N', 'Nom']);
      return s.slice(1).map((r) => r.map((c) => c?.v));
    });
    expect(all).toEqual(rows.slice(1).map(([n, nom]) => [Number(n), nom]));
  });

  test('a header alone gives a workbook with the header and no row', async () => {
    const { data, report } = await roundTrip('Nom;Prénom\r\n');
    expect(report.rows).toBe(0);
    expect(report.columnTypes.map((c) => c.type)).toEqual(['empty', 'empty']);
    expect(data).toEqual([['Nom', 'Prénom']]);
  });

  test('a single column without any delimiter', async () => {
    const { data, report } = await roundTrip('Numéro unique\r\n0590423808575GDPUB\r\n059102384157559900\r\n');
    expect(report.columns).toBe(1);
    expect(data).toEqual([['Numéro unique'], ['0590423808575GDPUB'], ['059102384157559900']]);
  });

  test('blank lines are skipped and counted', async () => {
    const { data, report } = await roundTrip('A\r\n1\r\n\r\n\r\n2\r\n');
    expect(data).toEqual([['A'], [1], [2]]);
    expect(report.warnings).toContainEqual(expect.objectContaining({ code: 'BLANK_LINES_SKIPPED' }));
  });
});

describe('errors', () => {
  const zipHead = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode('xxxx[Content_Types].xml')]);
  test.each([
    ['EMPTY_INPUT', new Uint8Array(0)],
    ['EMPTY_INPUT', new Uint8Array([0xef, 0xbb, 0xbf])],
    ['EMPTY_INPUT', new TextEncoder().encode('\r\n\r\n')],
    ['NOT_CSV', zipHead],
    ['NOT_CSV', new TextEncoder().encode('%PDF-1.4\n%âãÏÓ')],
    ['NOT_CSV', new Uint8Array(1000)],
    ['TOO_MANY_COLUMNS', new TextEncoder().encode(';'.repeat(16_384) + '\r\n')],
  ] as [ExtractionErrorCode, Uint8Array][])('%s', async (code, bytes) => {
    await expect(inspectExtraction(bytes)).rejects.toMatchObject({ code });
  });

  test('NOT_CSV says what the file looks like', async () => {
    await expect(inspectExtraction(zipHead)).rejects.toMatchObject({ details: { kind: 'xlsx' }, message: expect.stringContaining('Excel') });
  });

  test('an abort stops the conversion with ABORTED', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(convertToBytes(new TextEncoder().encode('a\r\n1\r\n'), { signal: controller.signal })).rejects.toMatchObject({ code: 'ABORTED' });
  });
});

describe('inputs', () => {
  const csv = 'Nom;Montant\r\nÉlodie;1,5\r\n';
  const bytes = new TextEncoder().encode(csv);
  test.each([
    ['bytes', () => bytes],
    ['ArrayBuffer', () => bytes.buffer.slice(0)],
    ['Blob', () => new Blob([bytes])],
    ['web ReadableStream', () => new Blob([bytes]).stream()],
    ['async iterable', () => (async function* () { yield bytes.subarray(0, 5); yield bytes.subarray(5); })()],
  ])('%s', async (_name, make) => {
    const { report, bytes: xlsx } = await convertToBytes(make() as never);
    expect(report.rows).toBe(1);
    expect(readBack(xlsx).get('Extraction')![1]!.map((c) => c?.v)).toEqual(['Élodie', 1.5]);
  });
});

describe('workbook', () => {
  test('header bold, frozen, filtered; Informations sheet last', async () => {
    const { bytes } = await roundTrip('Nom;Montant\r\nA;1,5\r\n');
    const XLSX = await import('xlsx');
    const wb = XLSX.read(bytes, { type: 'array', cellStyles: true });
    expect(wb.SheetNames).toEqual(['Extraction', 'Informations']);
    expect(wb.Sheets['Extraction']!['!autofilter']).toEqual({ ref: 'A1:B2' });
    const info = readBack(bytes).get('Informations')!.map((r) => r.map((c) => c?.v));
    expect(info).toContainEqual(['Lignes de données', 1]);
    expect(info).toContainEqual(['Encodage', 'utf-8 (détecté)']);
    expect(info).toContainEqual([2, 'Montant', 'nombre décimal']);
  });
});

describe('zip integrity', () => {
  test('each entry\'s CRC-32 and size hold, with our CRC (browsers) and with the platform\'s (zlib)', async () => {
    const csv = windows1252(`Nom;Montant\r\n${Array.from({ length: 3000 }, (_, i) => `Lefèvre €${i};${i},5`).join('\r\n')}\r\n`);
    const now = new Date(2026, 10, 29, 12, 0, 0);
    const ours = await convertToBytes(csv, { now });
    const native = await convertToBytes(csv, { now, platform: { crc32: (bytes, crc) => zlibCrc32(bytes, crc) } });
    expect(checkedZipEntries(ours.bytes)).toContain('xl/worksheets/sheet1.xml');
    expect(Buffer.from(native.bytes).equals(Buffer.from(ours.bytes))).toBe(true);
    // The check itself catches a wrong CRC.
    const broken = await convertToBytes(csv, { now, platform: { crc32: (bytes, crc) => zlibCrc32(bytes, crc) ^ 1 } });
    expect(() => checkedZipEntries(broken.bytes)).toThrow(/CRC-32/);
  });
});
