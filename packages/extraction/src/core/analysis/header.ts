import { headerWords } from '../column-types.js';
import { ExtractionError } from '../errors.js';
import { EXCEL_MAX_CELL_LENGTH } from '../limits.js';
import { ANALYSIS_ERROR_TEXT, generatedHeader, WARNING_TEXT } from '../messages.js';
import type { WarningList } from './warnings.js';

/**
 * The header as written in the workbook: an empty name becomes `Colonne n` (`EMPTY_HEADER`), a
 * repeated name is kept and reported (`DUPLICATE_HEADER`), a name longer than a cell is reported
 * (`CELL_TOO_LONG`). Returns the names and the count of long ones.
 */
export function nameHeader(fields: readonly string[], line: number, warnings: WarningList): { header: string[]; longCells: number } {
  const seen = new Map<string, number>();
  const header = fields.map((name, i) => {
    if (name.trim() === '') {
      warnings.add({ code: 'EMPTY_HEADER', line, column: i + 1, message: WARNING_TEXT.emptyHeader(i + 1) });
      return name === '' ? generatedHeader(i + 1) : name;
    }
    const first = seen.get(name);
    if (first !== undefined) {
      warnings.add({ code: 'DUPLICATE_HEADER', line, column: i + 1, message: WARNING_TEXT.duplicateHeader(name, first + 1, i + 1) });
    } else {
      seen.set(name, i);
    }
    return name;
  });
  let longCells = 0;
  header.forEach((name, i) => {
    if (name.length > EXCEL_MAX_CELL_LENGTH) {
      longCells++;
      warnings.add({ code: 'CELL_TOO_LONG', line, column: i + 1, message: WARNING_TEXT.longHeader(i + 1, name.length, EXCEL_MAX_CELL_LENGTH) });
    }
  });
  return { header, longCells };
}

/**
 * The 0-based columns named by `--text`: a header name (exact, then ignoring case and accents), a
 * 1-based number or an Excel column letter. An unknown one is a `USAGE` error.
 */
export function resolveTextColumns(header: readonly string[], requested: readonly string[]): Set<number> {
  const wanted = new Set<number>();
  const normal = (s: string) => headerWords(s).join(' ');
  for (const item of requested) {
    const name = item.trim();
    if (!name) continue;
    let index = header.indexOf(name);
    if (index === -1) index = header.findIndex((h) => normal(h) === normal(name) && normal(name) !== '');
    if (index === -1 && /^\d+$/.test(name) && Number(name) >= 1 && Number(name) <= header.length) index = Number(name) - 1;
    if (index === -1 && /^[A-Za-z]{1,3}$/.test(name)) {
      // An Excel column letter, as agents see it in the workbook (A, K, AB).
      let n = 0;
      for (const ch of name.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
      if (n >= 1 && n <= header.length) index = n - 1;
    }
    if (index === -1) throw new ExtractionError('USAGE', ANALYSIS_ERROR_TEXT.unknownTextColumn(name, header), { details: { column: name, option: 'textColumns' } });
    wanted.add(index);
  }
  return wanted;
}
