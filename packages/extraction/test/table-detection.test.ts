import { describe, expect, test } from 'vitest';
import { detectTable } from '../src/core/detect.js';
import { roundTrip, sheetValues } from './helpers.js';

// Find the table, whatever sits above it: a title, comments, lines of delimiters only.

const TABLE = 'CODGEO;LIBGEO;DEP;POP\r\n01001;L\'Abergement, Clémenciat;01;776\r\n01002;L\'Abergement-de-Varey;01;248\r\n01004;Ambérieu-en-Bugey;01;14035\r\n';

describe('detectTable', () => {
  test.each([
    ['no preamble', TABLE, ';', 1],
    ['a one-field title (INSEE)', 'Communes au 1er janvier 2022\r\n' + TABLE, ';', 2],
    ['a title holding commas', 'Population, communes, départements et régions\r\n' + TABLE, ';', 2],
    ['a comment line', '# Source : INSEE, recensement 2020\r\n' + TABLE, ';', 2],
    ['a blank-padded head', ';;;\r\n;;;\r\n' + TABLE, ';', 3],
    ['a title, a blank line and a comment', 'Titre\r\n\r\n# note\r\n' + TABLE, ';', 4],
    ['a comma table with decimal points', 'a,b,c\r\n1,2.5,x\r\n3,4.5,y\r\n', ',', 1],
    ['a French table with decimal commas', 'Nom;Montant;Taux\r\nDupont;1234,56;0,5\r\nMartin;99,90;1,25\r\n', ';', 1],
    ['ragged rows below the header', 'A;B\r\n1;2;3;4\r\n5\r\n', ';', 1],
  ])('%s → « %s », header line %i', (_, text, delimiter, headerLine) => {
    expect(detectTable(text, true)).toMatchObject({ delimiter, headerLine });
  });

  test('one column, or counts that disagree: uncertain', () => {
    expect(detectTable('Texte\r\nun\r\ndeux\r\n', true)).toMatchObject({ uncertain: true, columns: 1 });
    expect(detectTable('a;b;c\r\n1;2\r\n1\r\n1;2;3;4;5\r\n', true).uncertain).toBe(true);
    expect(detectTable(TABLE, true).uncertain).toBe(false);
  });

  test('--header-line overrides', () => {
    expect(detectTable('x;y\r\nA;B;C\r\n1;2;3\r\n', true, { headerLine: 1 })).toMatchObject({ headerLine: 1 });
  });
});

describe('conversion with a preamble', () => {
  test('the table is converted; the title and comments are kept in Informations and in the report', async () => {
    const { report, sheets, data } = await roundTrip('Communes au 1er janvier 2022\r\n# Source : INSEE\r\n' + TABLE);
    expect(report).toMatchObject({ delimiter: ';', headerLine: 3, rows: 3, columns: 4, preamble: ['Communes au 1er janvier 2022', '# Source : INSEE'] });
    expect(data[0]).toEqual(['CODGEO', 'LIBGEO', 'DEP', 'POP']);
    expect(data[1]).toEqual(['01001', 'L\'Abergement, Clémenciat', '01', 776]);
    const info = sheetValues(sheets.get('Informations')!);
    const at = info.findIndex((r) => r[0] === 'Lignes avant l\'en-tête');
    expect(info.slice(at + 1, at + 3)).toEqual([['', 1, 'Communes au 1er janvier 2022'], ['', 2, '# Source : INSEE']]);
  });

  test('--header-line: the lines above become the preamble', async () => {
    const { report, data } = await roundTrip('x;y\r\nA;B\r\n1;2\r\n', { headerLine: 2 });
    expect(report.preamble).toEqual(['x;y']);
    expect(data).toEqual([['A', 'B'], [1, 2]]);
  });

  test('DELIMITER_UNCERTAIN names the delimiters to try, as words and as a remedy (never a CLI flag)', async () => {
    const { report } = await roundTrip('Texte seul\r\nune valeur\r\nune autre\r\n');
    const w = report.warnings.find((x) => x.code === 'DELIMITER_UNCERTAIN')!;
    expect(w.message).toContain('tabulation');
    expect(w.message).not.toMatch(/--/);
    expect(w.remedy).toEqual({ option: 'delimiter', values: ['\t', '|', ','] });
    const forced = await roundTrip('Texte seul\r\nune valeur\r\n', { delimiter: ';' });
    expect(forced.report.warnings.map((x) => x.code)).not.toContain('DELIMITER_UNCERTAIN');
  });
});
