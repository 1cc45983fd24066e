import { analyzeExtraction } from './analysis/analyze.js';
import { type ColumnInfo, parseDate, parseNumber, splitUnit, unitXml } from './column-types.js';
import type { ConversionReport, ConvertOptions } from './convert.js';
import { reportOf } from './convert.js';
import { checkConvertOptions } from './options.js';
import { dataRecords } from './records.js';
import { type ExtractionInput, resolveInput } from './source.js';

/** One cell as the workbook holds it: text, a number, a date (UTC midnight for a day), or null when empty. */
export type CellValue = string | number | Date | null;

/** What {@link readExtraction} gives: the header, the report (types, warnings), and the rows as they are read. */
export interface ExtractionRows {
  /** The header as written in the workbook (generated names for empty and extra columns). */
  header: string[];
  /** The same report as a conversion's: column types, warnings, preamble. */
  report: ConversionReport;
  /**
   * The data rows, typed as the workbook types them, read from the source as they are iterated (a
   * second pass, constant memory). A row is as wide as the header; a value that does not parse in
   * its column (impossible after the analysis) stays text.
   */
  rows: AsyncIterable<CellValue[]>;
}

const EXCEL_EPOCH_DAYS = 25569;

/** A cell's value by its column's type: the one reading the workbook writer and `--verify` share. */
function typed(value: string, column: ColumnInfo): CellValue {
  if (value === '') return null;
  if (column.type === 'integer' || column.type === 'decimal') {
    const split = column.unit ? splitUnit(value) : null;
    const n = parseNumber(split ? split.number : value, column.numbers ?? 'fr');
    return n && (!column.unit || split) ? Number(unitXml(n.xml, column.unit)) : value;
  }
  if (column.type === 'date' || column.type === 'datetime') {
    const d = parseDate(value);
    return d ? new Date(Math.round((d.serial - EXCEL_EPOCH_DAYS) * 86_400_000)) : value;
  }
  return value;
}

/**
 * Reads an extraction into typed rows without writing a workbook: the same decisions as a conversion
 * (encoding, delimiter, header, column types from every value) and the same warnings, then the rows,
 * streamed. Accepts what `convertExtraction` accepts, and its options; `signal` stops both passes.
 *
 * @example
 * const { header, rows } = await readExtraction(bytes);
 * let total = 0;
 * for await (const row of rows) total += Number(row[header.indexOf('Montant')] ?? 0);
 */
export async function readExtraction(input: ExtractionInput, options: ConvertOptions = {}): Promise<ExtractionRows> {
  checkConvertOptions(options as Record<string, unknown>);
  const source = await resolveInput(input, options.name, options.maxInputBytes);
  const analysis = await analyzeExtraction(source, options);
  const { columns } = analysis;
  async function* rows(): AsyncGenerator<CellValue[]> {
    for await (const batch of dataRecords(source, analysis, { signal: options.signal, platform: options.platform })) {
      for (const { fields } of batch) yield columns.map((column, i) => typed(fields[i] ?? '', column));
    }
  }
  return { header: [...analysis.header], report: reportOf(analysis), rows: rows() };
}
