import { EXCEL_MAX_CELL_LENGTH } from '../limits.js';
import { escapeCellText, needsPreserve } from './ooxml-text.js';

// What every part of the workbook shares: the XML declaration, the namespaces, a text cell.

export const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
export const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** Bytes of XML gathered before they are handed to the zip writer. */
export const FLUSH_AT = 1 << 17;
export const encoder = new TextEncoder();

/** Cuts a value to Excel's cell limit without splitting a surrogate pair. */
export function truncateForCell(value: string): string {
  if (value.length <= EXCEL_MAX_CELL_LENGTH) return value;
  let end = EXCEL_MAX_CELL_LENGTH;
  const code = value.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return value.slice(0, end);
}

/** An inline-string cell, cut to Excel's limit. */
export function textCell(ref: string, value: string, style = 0): string {
  return textCellAttrs(` r="${ref}"`, value, style);
}

export function textCellAttrs(attrs: string, value: string, style = 0): string {
  const text = escapeCellText(truncateForCell(value));
  return `<c${attrs}${style ? ` s="${style}"` : ''} t="inlineStr"><is><t${needsPreserve(value) ? ' xml:space="preserve"' : ''}>${text}</t></is></c>`;
}
