import * as XLSX from 'xlsx';
import { convertToBytes, type ConvertOptions, type ConversionReport } from '@sne-toolbox/extraction';

/** A cell as read back by a second reader (SheetJS): type and raw value. */
export interface ReadCell {
  t: string;
  v: string | number | boolean | undefined;
  z?: string;
}

/** Reads every sheet of a workbook with SheetJS: sheet name → rows of cells (null for empty). */
export function readBack(bytes: Uint8Array): Map<string, (ReadCell | null)[][]> {
  const wb = XLSX.read(bytes, { type: 'array', cellDates: false, cellNF: true, dense: false });
  const sheets = new Map<string, (ReadCell | null)[][]>();
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name]!;
    const ref = ws['!ref'];
    const rows: (ReadCell | null)[][] = [];
    if (ref) {
      const range = XLSX.utils.decode_range(ref);
      for (let r = range.s.r; r <= range.e.r; r++) {
        const row: (ReadCell | null)[] = [];
        for (let c = range.s.c; c <= range.e.c; c++) {
          const cell = ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined;
          row.push(cell ? { t: cell.t, v: cell.v as ReadCell['v'], ...(cell.z ? { z: String(cell.z) } : {}) } : null);
        }
        while (row.length && row[row.length - 1] === null) row.pop();
        rows.push(row);
      }
    }
    sheets.set(name, rows);
  }
  return sheets;
}

/** Values of a sheet as strings (text cells) or numbers, empty cells as ''. */
export function sheetValues(rows: (ReadCell | null)[][]): (string | number)[][] {
  return rows.map((row) => row.map((cell) => (cell === null ? '' : typeof cell.v === 'number' ? cell.v : String(cell.v ?? ''))));
}

/** Converts CSV text (UTF-8 unless bytes are given) and reads the result back. */
export async function roundTrip(
  csv: string | Uint8Array,
  options: ConvertOptions = {},
): Promise<{ report: ConversionReport; sheets: Map<string, (ReadCell | null)[][]>; data: (string | number)[][]; bytes: Uint8Array }> {
  const input = typeof csv === 'string' ? new TextEncoder().encode(csv) : csv;
  const { report, bytes } = await convertToBytes(input, { now: new Date(2026, 10, 28, 12, 0, 0), ...options });
  const sheets = readBack(bytes);
  return { report, sheets, data: sheetValues(sheets.get('Extraction') ?? []), bytes };
}

/** Encodes text to windows-1252 (test fixtures). */
export function windows1252(text: string): Uint8Array {
  const high = '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) out[i] = c;
    else {
      const k = high.indexOf(text[i]!);
      if (k < 0) throw new Error(`not windows-1252: ${text[i]}`);
      out[i] = 0x80 + k;
    }
  }
  return out;
}

/** Encodes text to UTF-16 (LE or BE), with a BOM unless told otherwise. */
export function utf16(text: string, endian: 'le' | 'be', bom = true): Uint8Array {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const view = new DataView(out.buffer);
  let o = 0;
  if (bom) {
    view.setUint16(0, 0xfeff, endian === 'le');
    o = 2;
  }
  for (let i = 0; i < text.length; i++, o += 2) view.setUint16(o, text.charCodeAt(i), endian === 'le');
  return out;
}

/** Serialises a table as RFC 4180 CSV. */
export function toCsv(rows: readonly (readonly string[])[], delimiter = ';', eol = '\r\n'): string {
  const needs = new RegExp(`["\\r\\n${delimiter === '|' ? '\\|' : delimiter}]`);
  return rows.map((row) => row.map((v) => (needs.test(v) || v.startsWith(' ') ? `"${v.replace(/"/g, '""')}"` : v)).join(delimiter)).join(eol) + eol;
}
