import { describe, expect, test } from 'vitest';
import { roundTrip, toCsv } from './helpers.js';

// An extraction once saved from Excel has already lost digits: say so, keep the values as they are.

describe('EXCEL_DAMAGED', () => {
  test.each([
    ['a numéro-unique header', 'Numéro unique', ['5,91024E+16', '59042380857512300', '0590423808575GDPUB']],
    ['NUR', 'NUR', ['5.91024E+16', '0590423808575GDPUB']],
    ['the values\' shape (numéros uniques beside the damaged ones)', 'Demandeur', ['0590423808575GDPUB', '1111023517879GDPUB', '5,91024E+16']],
  ])('%s → one warning, values kept as text to the character', async (_, header, values) => {
    const { report, data } = await roundTrip(toCsv([[header, 'Nom'], ...values.map((v) => [v, 'x'])]));
    const warnings = report.warnings.filter((w) => w.code === 'EXCEL_DAMAGED');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.column).toBe(1);
    expect(warnings[0]!.message).toContain('Exportez à nouveau l\'extraction depuis le SNE');
    expect(data.slice(1).map((r) => r[0])).toEqual(values);
  });

  test.each([
    ['a column of other ids', 'Référence dossier', ['12345678901234567', '5E+16']],
    ['intact numéros uniques', 'Numéro unique', ['0590423808575GDPUB', '059102384157559900']],
  ])('no warning for %s', async (_, header, values) => {
    const { report } = await roundTrip(toCsv([[header], ...values.map((v) => [v])]));
    expect(report.warnings.map((w) => w.code)).not.toContain('EXCEL_DAMAGED');
  });
});

describe('EXCEL_DAMAGED: 18-digit ids cut to 15 significant digits (issue 19, item 16)', () => {
  const cut = ['971012057258783000', '971012057258784000', '971012057258785000', '971012057258786000'];
  test.each([
    ['under "Numéro unique"', 'Numéro unique', cut],
    ['under "NUR", one value', 'NUR', cut.slice(0, 1)],
    ['under another header, by the values\' shape', 'Demandeur', cut],
    ['most of the column, an intact id first', 'Numéro unique', ['971012057258783412', ...cut]],
  ])('%s → one warning with the line of the first cut id', async (_, header, values) => {
    const { report, data } = await roundTrip(toCsv([[header, 'Nom'], ...values.map((v) => [v, 'x'])]));
    const warnings = report.warnings.filter((w) => w.code === 'EXCEL_DAMAGED');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.line).toBe(values[0] === cut[0] ? 2 : 3);
    expect(warnings[0]!.message).toContain('15 chiffres');
    expect(data.slice(1).map((r) => r[0])).toEqual(values);
  });

  test.each([
    ['one id in 000 among intact ones', ['971012057258783000', '971012057258783412', '971012057258783GDP']],
    ['a leading zero (Excel would have dropped it)', ['059102384157559000', '059102384157558000']],
    ['one id in 000 under a header that says nothing', ['971012057258783000']],
  ])('no warning for %s', async (_, values) => {
    const header = values.length === 1 ? 'Référence' : 'Numéro unique';
    const { report } = await roundTrip(toCsv([[header], ...values.map((v) => [v])]));
    expect(report.warnings.map((w) => w.code)).not.toContain('EXCEL_DAMAGED');
  });
});

describe('MALFORMED_QUOTE', () => {
  test('"q"x;z: the cell holds what Excel reads (qx), the line is named', async () => {
    const { report, data } = await roundTrip('a;b\r\n1;2\r\n"q"x;z\r\n');
    expect(data[2]).toEqual(['qx', 'z']);
    expect(report.warnings.filter((w) => w.code === 'MALFORMED_QUOTE').map((w) => w.line)).toEqual([3]);
  });

  test('well-formed quotes, doubled quotes and a bare quote inside an unquoted field give no warning', async () => {
    const { report, data } = await roundTrip('a;b\r\n"x;y";"dit ""oui"""\r\nle 12" écran;z\r\n');
    expect(data.slice(1)).toEqual([['x;y', 'dit "oui"'], ['le 12" écran', 'z']]);
    expect(report.warnings.map((w) => w.code)).not.toContain('MALFORMED_QUOTE');
  });
});

describe('ENCODING_UNCERTAIN', () => {
  // Greek in ISO-8859-7: whole words of bytes above 0x7F.
  const greek = Uint8Array.from([
    ...new TextEncoder().encode('Nom;Ville\r\n'),
    ...[0xc3, 0xe9, 0xdc, 0xed, 0xed, 0xe7, 0xf2], 0x3b, ...[0xc1, 0xe8, 0xde, 0xed, 0xe1], 0x0d, 0x0a,
    ...[0xcc, 0xe1, 0xf1, 0xdf, 0xe1], 0x3b, ...[0xc8, 0xe5, 0xf3, 0xf3, 0xe1, 0xeb, 0xef, 0xed, 0xdf, 0xea, 0xe7], 0x0d, 0x0a,
  ]);

  test('a Greek ISO-8859-7 file read as windows-1252: warned, every byte still recoverable', async () => {
    const { report, data } = await roundTrip(greek);
    expect(report.encoding).toBe('windows-1252');
    expect(report.warnings.map((w) => w.code)).toContain('ENCODING_UNCERTAIN');
    // Each character is its byte (windows-1252): the original bytes come back.
    const cell = String(data[1]![0]);
    expect([...cell].map((c) => c.charCodeAt(0))).toEqual([0xc3, 0xe9, 0xdc, 0xed, 0xed, 0xe7, 0xf2]);
  });

  test('French windows-1252 (the example extraction\'s kind of text) is not warned', async () => {
    const { windows1252 } = await import('./helpers.js');
    const { report } = await roundTrip(windows1252('Nom;Ville\r\n' + 'Lefèvre;Ambérieu-en-Bugey\r\nCréée;Château-Thierry\r\nNoël;Besançon\r\n'.repeat(10)));
    expect(report.warnings.map((w) => w.code)).not.toContain('ENCODING_UNCERTAIN');
  });
});
