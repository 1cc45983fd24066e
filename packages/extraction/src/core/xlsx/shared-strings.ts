import type { ColumnInfo } from '../column-types.js';
import { escapeCellText, needsPreserve } from './ooxml-text.js';
import { XML_DECL } from './xml.js';

/**
 * The shared-strings table: the distinct values of the text columns that have few (`shared`), in
 * column order then first-seen order, each once. Deterministic, so that worker threads writing parts
 * of a sheet compute the same indexes from the same columns.
 */
export function sharedStrings(columns: readonly ColumnInfo[]): { strings: string[]; index: Map<string, number> } {
  const index = new Map<string, number>();
  const strings: string[] = [];
  for (const column of columns) {
    if (column.type !== 'text' || !column.shared) continue;
    for (const value of column.shared) {
      if (index.has(value)) continue;
      index.set(value, strings.length);
      strings.push(value);
    }
  }
  return { strings, index };
}

/** `xl/sharedStrings.xml`, or null when no column uses it. */
export function sharedStringsXml(columns: readonly ColumnInfo[]): string | null {
  const { strings } = sharedStrings(columns);
  if (strings.length === 0) return null;
  let xml = XML_DECL + `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="${strings.length}">`;
  for (const value of strings) xml += `<si><t${needsPreserve(value) ? ' xml:space="preserve"' : ''}>${escapeCellText(value)}</t></si>`;
  return xml + '</sst>';
}
