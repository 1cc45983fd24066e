import type { ColumnInfo, NumberUnit } from '../column-types.js';
import { escapeXml } from './ooxml-text.js';

/** Style index of the bold header cells. */
export const HEADER_STYLE = 1;

/**
 * Cell styles of the workbook: one `cellXfs` entry per number format in use. Built from the column
 * decisions, so every date and amount gets its format per cell (a column-level format is not enough
 * for Excel's filters and copy-paste).
 */
export class StyleSheet {
  private readonly customFormats: string[] = [];
  private readonly xfs: { numFmtId: number; bold: boolean }[] = [
    { numFmtId: 0, bold: false },
    { numFmtId: 0, bold: true },
  ];
  private readonly byFormat = new Map<string, number>();

  /** Style index for a format code (`dd/mm/yyyy`, `#,##0.00`…). */
  styleFor(formatCode: string): number {
    const known = this.byFormat.get(formatCode);
    if (known !== undefined) return known;
    const builtin: Record<string, number> = { '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '@': 49 };
    let numFmtId = builtin[formatCode];
    if (numFmtId === undefined) {
      numFmtId = 164 + this.customFormats.length;
      this.customFormats.push(formatCode);
    }
    const index = this.xfs.length;
    this.xfs.push({ numFmtId, bold: false });
    this.byFormat.set(formatCode, index);
    return index;
  }

  /**
   * Style index for the cells of a column: its number or date format; the Text format (`@`) for a
   * text column, so that Excel keeps what is typed there later as text too (a numéro unique typed
   * into a General cell is destroyed); 0 for an empty column.
   */
  styleForColumn(column: ColumnInfo): number {
    if (column.type === 'text') return this.styleFor('@');
    const format = columnFormat(column);
    return format ? this.styleFor(format) : 0;
  }

  toXml(): string {
    const formats = this.customFormats
      .map((code, i) => `<numFmt numFmtId="${164 + i}" formatCode="${escapeXml(code)}"/>`)
      .join('');
    const xfs = this.xfs
      .map(
        (xf) =>
          `<xf numFmtId="${xf.numFmtId}" fontId="${xf.bold ? 1 : 0}" fillId="0" borderId="0" xfId="0"` +
          `${xf.numFmtId ? ' applyNumberFormat="1"' : ''}${xf.bold ? ' applyFont="1"' : ''}/>`,
      )
      .join('');
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (this.customFormats.length ? `<numFmts count="${this.customFormats.length}">${formats}</numFmts>` : '') +
      '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
      '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.length}">${xfs}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>'
    );
  }
}

const FRENCH = '[$-40C]';

/** A number format with the column's unit around it, written as the file writes it (`0.00" €"`, `"€"0.00`, `0.0" "%`). */
function withUnit(format: string, unit: NumberUnit | undefined): string {
  if (!unit) return format;
  const literal = (text: string) => (text ? `"${text}"` : '');
  // `%` is left unquoted: it is Excel's percent sign, which shows the value times 100. The space
  // before it is escaped with a backslash, as Excel writes `0,0 %` (a quoted one trips some readers).
  if (unit.symbol === '%') return `${format}${unit.space ? `\\${unit.space}` : ''}%`;
  return unit.before ? `${literal(`€${unit.space}`)}${format}` : `${format}${literal(`${unit.space}€`)}`;
}

/** Excel number format of a typed column; null for text and empty columns. */
export function columnFormat(column: ColumnInfo): string | null {
  switch (column.type) {
    case 'integer':
      return withUnit(column.grouping ? '#,##0' : '0', column.unit);
    case 'decimal': {
      const decimals = '0'.repeat(Math.max(1, column.decimals ?? 2));
      return withUnit(`${column.grouping ? '#,##0' : '0'}.${decimals}`, column.unit);
    }
    // [$-40C] (French) keeps the day first whatever the locale of the reader: without it LibreOffice in
    // an English locale shows dd/mm/yyyy formats month first.
    case 'date':
      return `${FRENCH}dd/mm/yyyy`;
    case 'datetime':
      return column.seconds ? `${FRENCH}dd/mm/yyyy hh:mm:ss` : `${FRENCH}dd/mm/yyyy hh:mm`;
    default:
      return null;
  }
}
