import type { ExtractionAnalysis } from '../analysis/types.js';
import { type ColumnInfo, fastDateSerial, isPlainInteger, type NumberConvention, type NumberUnit, parseDate, parseNumber, splitUnit, unitXml } from '../column-types.js';
import { inputChangedError } from '../errors.js';
import type { DataRecord } from '../records.js';
import { columnLetters, needsPreserve } from './ooxml-text.js';
import { sharedStrings } from './shared-strings.js';
import { HEADER_STYLE, type StyleSheet } from './styles.js';
import { FLUSH_AT, NS, textCell, truncateForCell, XML_DECL } from './xml.js';
import { utf8Bytes, XmlBytes } from './xml-bytes.js';

// A data sheet (`xl/worksheets/sheetN.xml`): how its columns are planned, how a row is written, and
// what comes before and after the rows.

export const KIND_TEXT = 0;
export const KIND_NUMBER = 1;
export const KIND_DATE = 2;

export interface ColumnPlan {
  /** `<c r="B` — the cell up to its row number, as bytes. */
  open: Uint8Array;
  /** `" s="3"><v>` — after the row number, for a number or date cell. */
  valueTail: Uint8Array;
  /** `" s="5" t="inlineStr"><is><t>` (and with `xml:space="preserve"`) for a text cell of a text column. */
  textTail: Uint8Array;
  textTailPreserve: Uint8Array;
  /** For a column in the shared-strings table: each value → the bytes of its index, and `" s="5" t="s"><v>`. */
  shared: Map<string, Uint8Array> | null;
  sharedTail: Uint8Array;
  kind: number;
  style: number;
  /** How the column's numbers are written (`1 234,56` or `1,234.56`). */
  numbers: NumberConvention;
  /** The unit every number of the column carries (`€`, `%`), taken off before the number is read. */
  unit: NumberUnit | undefined;
}

/** How each column's cells are written, computed once per sheet. */
export function planColumns(columns: readonly ColumnInfo[], styles: StyleSheet): ColumnPlan[] {
  const table = sharedStrings(columns).index;
  return columns.map((column, i) => {
    const style = styles.styleForColumn(column);
    const s = style ? ` s="${style}"` : '';
    const shared = column.type === 'text' && column.shared ? new Map(column.shared.map((value) => [value, utf8Bytes(String(table.get(value)))])) : null;
    return {
      open: utf8Bytes(`<c r="${columnLetters(i)}`),
      valueTail: utf8Bytes(`"${s}><v>`),
      textTail: utf8Bytes(`"${s} t="inlineStr"><is><t>`),
      textTailPreserve: utf8Bytes(`"${s} t="inlineStr"><is><t xml:space="preserve">`),
      shared,
      sharedTail: utf8Bytes(`"${s} t="s"><v>`),
      kind: column.type === 'integer' || column.type === 'decimal' ? KIND_NUMBER : column.type === 'date' || column.type === 'datetime' ? KIND_DATE : KIND_TEXT,
      style,
      numbers: column.numbers ?? 'fr',
      unit: column.unit,
    };
  });
}

const ROW_OPEN = utf8Bytes('<row r="');
const QUOTE_GT = utf8Bytes('">');
const ROW_CLOSE = utf8Bytes('</row>');
const VALUE_CLOSE = utf8Bytes('</v></c>');
const TEXT_CLOSE = utf8Bytes('</t></is></c>');
const TEXT_TAIL = utf8Bytes('" t="inlineStr"><is><t>');
const TEXT_TAIL_PRESERVE = utf8Bytes('" t="inlineStr"><is><t xml:space="preserve">');

/**
 * Serialises one data row straight into bytes. Every cell carries its reference: OOXML makes it
 * optional, but readers such as exceljs fail without it. Values that fail their column's parser
 * (impossible after analysis) stay text. The bytes are those of the string form
 * `<c r="B12" s="3" t="inlineStr"><is><t>…</t></is></c>` encoded as UTF-8.
 */
export function writeRow(out: XmlBytes, rowNumber: number, fields: readonly string[], plans: readonly ColumnPlan[]): void {
  const row = String(rowNumber);
  out.bytes(ROW_OPEN);
  out.ascii(row);
  out.bytes(QUOTE_GT);
  for (let i = 0; i < fields.length; i++) {
    const value = fields[i]!;
    if (value === '') continue;
    const plan = plans[i]!;
    if (plan.kind === KIND_NUMBER || plan.kind === KIND_DATE) {
      const number = plan.kind === KIND_NUMBER ? numberXml(value, plan.numbers, plan.unit) : dateSerial(value);
      if (number !== null) {
        out.bytes(plan.open);
        out.ascii(row);
        out.bytes(plan.valueTail);
        out.ascii(typeof number === 'number' ? String(number) : number);
        out.bytes(VALUE_CLOSE);
        continue;
      }
    }
    if (plan.shared !== null) {
      const index = plan.shared.get(value);
      if (index !== undefined) {
        out.bytes(plan.open);
        out.ascii(row);
        out.bytes(plan.sharedTail);
        out.bytes(index);
        out.bytes(VALUE_CLOSE);
        continue;
      }
    }
    const styled = plan.kind === KIND_TEXT && plan.style !== 0;
    out.bytes(plan.open);
    out.ascii(row);
    out.bytes(needsPreserve(value) ? (styled ? plan.textTailPreserve : TEXT_TAIL_PRESERVE) : styled ? plan.textTail : TEXT_TAIL);
    out.cellText(value, truncateForCell);
    out.bytes(TEXT_CLOSE);
  }
  out.bytes(ROW_CLOSE);
}

/** `<v>` text of a number cell; plain integers (the common case) are their own text. */
function numberXml(value: string, convention: NumberConvention, unit: NumberUnit | undefined): string | null {
  if (unit) {
    const split = splitUnit(value);
    const xml = split ? parseNumber(split.number, convention)?.xml : undefined;
    return xml === undefined ? null : unitXml(xml, unit);
  }
  return isPlainInteger(value) ? value : (parseNumber(value, convention)?.xml ?? null);
}

/** Excel serial of a date cell: the SNE's `dd/mm/yyyy[ hh:mm[:ss]]` without a regular expression. */
export function dateSerial(value: string): number | null {
  const fast = fastDateSerial(value);
  return fast !== undefined ? fast : (parseDate(value)?.serial ?? null);
}

function columnWidth(column: ColumnInfo, header: string): number {
  let content = column.maxLength;
  if (column.type === 'date') content = 10;
  else if (column.type === 'datetime') content = column.seconds ? 19 : 16;
  else if (column.type === 'integer' || column.type === 'decimal') content += 2;
  // Room for the header and its filter button.
  const width = Math.max(content, Math.min(header.length, 40) + 3, 6) + 1.5;
  return Math.min(width, 60);
}

/** Pulls records across sheet boundaries from one pass over the source. */
export class RecordFeed {
  batch: DataRecord[] = [];
  pos = 0;
  private finished = false;
  constructor(private readonly iterator: AsyncIterator<DataRecord[]>) {}

  async ready(): Promise<boolean> {
    while (this.pos >= this.batch.length) {
      if (this.finished) return false;
      const next = await this.iterator.next();
      if (next.done) {
        this.finished = true;
        return false;
      }
      this.batch = next.value;
      this.pos = 0;
    }
    return true;
  }
}

/**
 * No green triangle on text that looks like a number (a numéro unique, a code postal `09000`): one
 * click on Excel's « Convertir en nombre » would destroy it. Covers the text columns down to the
 * last row Excel has, so later entries are covered too.
 */
function ignoredErrors(plans: readonly ColumnPlan[]): string {
  const ranges: string[] = [];
  for (let i = 0; i < plans.length; i++) {
    if (plans[i]!.kind !== KIND_TEXT) continue;
    let j = i;
    while (j + 1 < plans.length && plans[j + 1]!.kind === KIND_TEXT) j++;
    ranges.push(`${columnLetters(i)}1:${columnLetters(j)}1048576`);
    i = j;
  }
  return ranges.length ? `<ignoredErrors><ignoredError sqref="${ranges.join(' ')}" numberStoredAsText="1"/></ignoredErrors>` : '';
}

/** The sheet up to its first data row: columns, frozen header, the header row. */
export function sheetPrologue(columns: readonly ColumnInfo[], header: readonly string[], lastRow: number, selected: boolean, plans: readonly ColumnPlan[]): string {
  const lastCol = columnLetters(Math.max(columns.length, 1) - 1);
  // A text column's style on the column itself: what is typed there later stays text.
  const cols = columns
    .map((c, i) => {
      const plan = plans[i];
      const style = plan && plan.kind === KIND_TEXT && plan.style ? ` style="${plan.style}"` : '';
      return `<col min="${i + 1}" max="${i + 1}" width="${columnWidth(c, header[i] ?? '').toFixed(2)}"${style} customWidth="1"/>`;
    })
    .join('');
  return (
    XML_DECL +
    `<worksheet ${NS}><dimension ref="A1:${lastCol}${lastRow}"/>` +
    `<sheetViews><sheetView${selected ? ' tabSelected="1"' : ''} workbookViewId="0">` +
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    (cols ? `<cols>${cols}</cols>` : '') +
    '<sheetData>' +
    `<row r="1">${header.map((h, i) => textCell(`${columnLetters(i)}1`, h, HEADER_STYLE)).join('')}</row>`
  );
}

/** The sheet after its last data row: the filter and the ignored errors. */
export function sheetEpilogue(analysis: ExtractionAnalysis, lastRow: number, plans: readonly ColumnPlan[]): string {
  const lastCol = columnLetters(Math.max(analysis.columns.length, 1) - 1);
  return `</sheetData><autoFilter ref="A1:${lastCol}${lastRow}"/>${ignoredErrors(plans)}</worksheet>`;
}

/** A data sheet written on this thread, from records pulled out of `feed`. */
export async function* dataSheet(
  feed: RecordFeed,
  analysis: ExtractionAnalysis,
  plans: readonly ColumnPlan[],
  rowsInSheet: number,
  selected: boolean,
): AsyncGenerator<Uint8Array> {
  const lastRow = rowsInSheet + 1;
  const out = new XmlBytes(2 * FLUSH_AT);
  out.utf8(sheetPrologue(analysis.columns, analysis.header, lastRow, selected, plans));
  let row = 1;
  while (row < lastRow) {
    if (!(await feed.ready())) throw inputChangedError();
    const batch = feed.batch;
    let pos = feed.pos;
    while (pos < batch.length && row < lastRow) {
      row++;
      writeRow(out, row, batch[pos]!.fields, plans);
      pos++;
      if (out.pos > FLUSH_AT) {
        feed.pos = pos;
        yield out.take();
      }
    }
    feed.pos = pos;
  }
  out.utf8(sheetEpilogue(analysis, lastRow, plans));
  yield out.take();
}
