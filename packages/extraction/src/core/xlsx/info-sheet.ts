import type { ExtractionAnalysis } from '../analysis/types.js';
import type { ColumnInfo } from '../column-types.js';
import { describeDelimiter } from '../detect.js';
import { COLUMN_TYPE_LABELS, REASON_LABELS } from '../messages.js';
import { columnLetters } from './ooxml-text.js';
import { HEADER_STYLE, type StyleSheet } from './styles.js';
import { NS, textCell, XML_DECL } from './xml.js';

/** A cell of the small sheets (`Informations`, `Valeurs longues`). */
export type InfoCell = string | number | { serial: number; style: number } | null;

/** A small sheet from its rows of cells (bold rows are headings). */
export function simpleSheet(rows: readonly (readonly InfoCell[])[], widths: readonly number[], boldRows: ReadonlySet<number>): string {
  let xml = XML_DECL + `<worksheet ${NS}><sheetFormatPr defaultRowHeight="15"/>`;
  if (widths.length) xml += `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`;
  xml += '<sheetData>';
  rows.forEach((cells, r) => {
    const n = r + 1;
    xml += `<row r="${n}">`;
    cells.forEach((cell, c) => {
      if (cell === null || cell === '') return;
      const ref = columnLetters(c) + n;
      if (typeof cell === 'string') xml += textCell(ref, cell, boldRows.has(r) ? HEADER_STYLE : 0);
      else if (typeof cell === 'number') xml += `<c r="${ref}"><v>${cell}</v></c>`;
      else xml += `<c r="${ref}" s="${cell.style}"><v>${cell.serial}</v></c>`;
    });
    xml += '</row>';
  });
  return xml + '</sheetData></worksheet>';
}

/** French label of a column type. */
export function columnTypeLabel(column: ColumnInfo): string {
  const label = COLUMN_TYPE_LABELS[column.type].label;
  return column.unit ? `${label}, ${column.unit.symbol === '%' ? 'pourcentage (%)' : 'montant en euros (€)'}` : label;
}

/** French remark explaining why a column is text, if any. */
export function columnReasonLabel(column: ColumnInfo): string {
  return column.reason ? (REASON_LABELS[column.reason] ?? '') : '';
}

function localSerial(date: Date): number {
  // The conversion date is shown in the user's own time zone: build the serial from local parts.
  const days = Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / 86_400_000 + 25_569;
  return days + (date.getHours() * 3600 + date.getMinutes() * 60 + date.getSeconds()) / 86_400;
}

const ENCODING_SOURCES = { bom: 'marque BOM', detected: 'détecté', forced: 'imposé' } as const;

/** The `Informations` sheet: the source, what was detected, the columns, the preamble and the warnings. */
export function infoSheet(analysis: ExtractionAnalysis, styles: StyleSheet, now: Date): string {
  const when = { serial: localSerial(now), style: styles.styleFor('[$-40C]dd/mm/yyyy hh:mm:ss') };
  const rows: InfoCell[][] = [
    ['Conversion d\'une extraction SNE', null],
    ['Fichier source', analysis.name ?? '(flux)'],
    ['Taille (octets)', analysis.bytes],
    ['Encodage', `${analysis.encoding} (${ENCODING_SOURCES[analysis.encodingSource]})`],
    ['Séparateur', `${describeDelimiter(analysis.delimiter)}${analysis.sepLine ? ' (donné par la ligne « sep= » d\'Excel, non convertie)' : ''}`],
    ['Lignes de données', analysis.rows],
    ['Colonnes', analysis.columns.length],
    ['Feuilles de données', analysis.sheets],
    ['Date de conversion', when],
    ['Avertissements', analysis.warnings.length ? Object.values(analysis.warningCounts).reduce((a, b) => a + (b ?? 0), 0) : 'aucun'],
    [],
    ['N°', 'Colonne', 'Type', 'Remarque'],
  ];
  const bold = new Set([0, rows.length - 1]);
  analysis.columns.forEach((c, i) => rows.push([i + 1, analysis.header[i] ?? c.name, columnTypeLabel(c), columnReasonLabel(c)]));
  if (analysis.preamble.length) {
    // Lines above the table (a title, comments): not data, but never lost.
    rows.push([]);
    bold.add(rows.length);
    rows.push(['Lignes avant l\'en-tête', 'Ligne', 'Texte']);
    analysis.preamble.forEach((text, i) => rows.push([null, i + 1, text]));
  }
  if (analysis.warnings.length) {
    rows.push([]);
    bold.add(rows.length);
    rows.push(['Code', 'Ligne', 'Message']);
    for (const w of analysis.warnings) rows.push([w.code, w.line, w.message]);
    const kept = analysis.warnings.length;
    const total = Object.values(analysis.warningCounts).reduce((a, b) => a + (b ?? 0), 0);
    if (total > kept) rows.push(['…', null, `${total - kept} autre(s) avertissement(s) du même type non listé(s).`]);
  }
  return simpleSheet(rows, [24, 40, 18, 60], bold);
}
