import {
  ALL,
  AMBIGUOUS_COMMA,
  type ColumnInfo,
  DATE,
  DATETIME,
  isIdentifierHeader,
  isNumeroUniqueHeader,
  isPlainInteger,
  MAX_DIGITS,
  NUMBER,
  type NumberConvention,
  type NumberUnit,
  NUMERO_UNIQUE,
  parseDate,
  parseNumber,
  sameUnit,
  splitUnit,
  type TextReason,
} from './column-types.js';
import { EXCEL_MAX_CELL_LENGTH } from './limits.js';

// The first pass's per-column state: what each convention makes of the numbers, the width, the
// distinct values, and the type decided once every value is seen.

/** What one convention makes of a column's numbers so far. */
class NumberReading {
  ok = true;
  decimals = 0;
  grouping = false;
  sawDot = false;
  sawComma = false;

  constructor(readonly convention: NumberConvention) {}

  add(value: string): boolean {
    if (!this.ok) return false;
    if (isPlainInteger(value)) return true;
    const n = parseNumber(value, this.convention);
    if (!n) return (this.ok = false);
    if (n.decimals > 0) {
      if (this.convention === 'fr') {
        if (value.includes('.')) this.sawDot = true;
        else this.sawComma = true;
        // A French column mixing `12.5` and `12,5` is not one convention: text.
        if (this.sawDot && this.sawComma) return (this.ok = false);
      }
      if (n.decimals > this.decimals) this.decimals = n.decimals;
    }
    if (n.grouping) this.grouping = true;
    return true;
  }
}

const WIDTH_CAP = 255;

/**
 * Decides the type of one column from every one of its values (never from a sample): a single value
 * that does not fit (`01000` after 50,000 numbers) makes the column text.
 */
/**
 * A text column with at most this many distinct values, of at most `SHARED_CHARS` characters in all,
 * goes through the shared-strings table (memory stays bounded whatever the values).
 */
export const SHARED_LIMIT = 1000;
const SHARED_CHARS = 100_000;
const ALL_DIGITS = /^\d+$/;

export class ColumnTracker {
  readonly name: string;
  private possible: number;
  private reason: TextReason | undefined;
  private sawTime = false;
  private sawSeconds = false;
  private sawDate = false;
  /** The readings still possible: French, English, or the one imposed. */
  private readonly readings: NumberReading[];
  /** A value both conventions read, differently (`6,718`). */
  private ambiguous: string | undefined;
  private readonly nurHeader: boolean;
  private nurShaped = 0;
  private damaged: { example: string; count: number } | undefined;
  /** 18-digit ids whose last 3 digits are 0: what Excel's 15 significant digits leave. */
  private cut: { example: string; count: number; line: number } | undefined;
  filled = 0;
  maxLength = 0;
  /** Distinct values while there are few (null once more than `SHARED_LIMIT`, or one too long for a cell). */
  private distinct: Map<string, true> | null = new Map();
  private distinctChars = 0;
  /** The unit of the column's numbers: undefined before the first value, null for plain numbers. */
  private unit: NumberUnit | null | undefined;
  /** Decimals every value with a unit has: one format must show each as written (`7 €` is not `7,00 €`). */
  private unitDecimals: number | undefined;

  constructor(name: string, options: { text?: TextReason; numbers?: NumberConvention | 'auto' } = {}) {
    this.name = name;
    const numbers = options.numbers ?? 'auto';
    this.nurHeader = isNumeroUniqueHeader(name);
    this.readings = numbers === 'auto' ? [new NumberReading('fr'), new NumberReading('en')] : [new NumberReading(numbers)];
    if (options.text) {
      this.possible = 0;
      this.reason = options.text;
    } else if (isIdentifierHeader(name)) {
      this.possible = 0;
      this.reason = isNumeroUniqueHeader(name) ? 'numero-unique' : 'identifier-header';
    } else {
      this.possible = ALL;
    }
  }

  /** Records one value (empty values count for nothing); `line` is the value's line in the file. */
  add(value: string, line = 0): void {
    const length = value.length;
    if (length === 0) return;
    this.filled++;
    if (length > this.maxLength) this.maxLength = length > WIDTH_CAP ? WIDTH_CAP : length;
    const distinct = this.distinct;
    if (distinct !== null && !distinct.has(value)) {
      this.distinctChars += length;
      // A value over Excel's cell limit is cut in the cell (full text in « Valeurs longues »): inline only.
      if (distinct.size >= SHARED_LIMIT || this.distinctChars > SHARED_CHARS || length > EXCEL_MAX_CELL_LENGTH) this.distinct = null;
      else distinct.set(value, true);
    }
    this.watchExcelDamage(value, line);
    if (this.possible === 0) return;
    const number = this.possible & NUMBER ? this.withoutUnit(value) : value;
    if (number === null) return;
    const first = number.charCodeAt(0);
    // Cheap pre-check: numbers and dates start with a digit or '-'.
    if (!((first >= 48 && first <= 57) || first === 45) || length > 24) {
      this.possible = 0;
      this.reason ??= 'mixed';
      return;
    }
    if (this.possible & NUMBER) {
      let read = 0;
      for (const reading of this.readings) if (reading.add(number)) read++;
      if (read > 0) {
        // Both conventions read it and it has a comma: they read it differently (6.718 or 6718).
        if (read === 2 && AMBIGUOUS_COMMA.test(number)) this.ambiguous ??= number;
        this.possible &= NUMBER;
        return;
      }
      this.possible &= ~NUMBER;
      if (this.possible !== 0) this.classifyNonNumber(value, true);
      else this.classifyNonNumber(value, false);
      return;
    }
    this.classifyNonNumber(value, true);
  }

  /**
   * The number of a value, its unit checked: every value of a column carries the same unit (`€`
   * before or after, `%` after, the same space), or none does. Null when the column became text.
   */
  private withoutUnit(value: string): string | null {
    const split = splitUnit(value);
    if (this.unit === undefined) this.unit = split ? split.unit : null;
    if (!split && this.unit === null) return value;
    if (split && this.unit && sameUnit(split.unit, this.unit)) {
      const decimals = /[.,](\d+)$/.exec(split.number)?.[1]?.length ?? 0;
      this.unitDecimals ??= decimals;
      if (decimals === this.unitDecimals) {
        // A value with a unit is a number or nothing: never a date.
        this.possible &= NUMBER;
        return split.number;
      }
    }
    this.toText('mixed');
    return null;
  }

  /**
   * Ids Excel destroyed before the file reached us: scientific notation (`5,91024E+16`) or an
   * all-digit id one or two digits short of the 18 a numéro unique has (a leading zero lost, the
   * last digits rounded to zeros). Counted only for a numéro-unique column, by header or by shape.
   */
  private watchExcelDamage(value: string, line: number): void {
    const first = value.charCodeAt(0);
    if (first < 48 || first > 57) return;
    if (value.length === 18 && NUMERO_UNIQUE.test(value)) {
      this.nurShaped++;
      // Excel keeps 15 significant digits: an 18-digit id it saved ends in 000 (and cannot start
      // with 0, which it drops). A real id does that 1 time in 1000; most of a column, never.
      if (first !== 48 && value.endsWith('000') && ALL_DIGITS.test(value)) {
        if (this.cut) this.cut.count++;
        else this.cut = { example: value, count: 1, line };
      }
      return;
    }
    // Cheap tests first: this runs on every value of every column.
    const scientific = value.length <= 16 && (value.includes('E') || value.includes('e')) && /^\d(?:[.,]\d+)?E\+?\d{1,2}$/i.test(value);
    const shortened = (value.length === 16 || value.length === 17) && /^\d+$/.test(value);
    if (!scientific && !shortened) return;
    if (this.damaged) this.damaged.count++;
    else this.damaged = { example: value, count: 1 };
  }

  /**
   * Ids cut to 15 significant digits, when they are most of the column's values (at least two, or
   * one under a numéro-unique header): the first one and its line.
   */
  private cutDamage(): Pick<ColumnInfo, 'excelDamage'> {
    const cut = this.cut;
    if (!cut || cut.count * 2 <= this.filled || (cut.count < 2 && !this.nurHeader)) return {};
    return { excelDamage: { ...cut, cut: true } };
  }

  /**
   * The convention of the column's numbers: the only one that reads every value; when both do and a
   * value like `6,718` means different numbers in each, none (the column stays text).
   */
  private numberReading(): NumberReading | 'ambiguous' | null {
    const ok = this.readings.filter((r) => r.ok);
    if (ok.length === 0) return null;
    if (ok.length === 1) return ok[0]!;
    return this.ambiguous === undefined ? ok[0]! : 'ambiguous';
  }

  private classifyNonNumber(value: string, tryDate: boolean): void {
    if (tryDate && this.possible & (DATE | DATETIME)) {
      const date = parseDate(value);
      if (date) {
        this.sawDate = true;
        if (date.time) this.sawTime = true;
        if (date.seconds) this.sawSeconds = true;
        this.possible &= DATE | DATETIME;
        return;
      }
    }
    this.toText(this.textReasonFor(value));
  }

  private textReasonFor(value: string): TextReason {
    if (NUMERO_UNIQUE.test(value)) return 'numero-unique';
    if (/^-?\d+$/.test(value)) return value.replace('-', '').length > MAX_DIGITS ? 'too-many-digits' : 'leading-zero';
    if (/^-?\d+([.,]\d+)?$/.test(value)) return value.startsWith('0') || value.startsWith('-0') ? 'leading-zero' : 'too-many-digits';
    if (/^\d+[.,]?\d*E[+-]?\d+$/i.test(value) || /^\d+[A-Z]\d+$/.test(value)) return 'numero-unique';
    if (/^\d{1,4}[/-]\d{1,2}[/-]\d{1,4}/.test(value)) return 'invalid-date';
    return 'mixed';
  }

  private toText(reason: TextReason): void {
    this.possible = 0;
    this.reason ??= reason;
  }

  /** The decision, once every value has been added. */
  result(): ColumnInfo {
    const damage = this.damaged && (this.nurHeader || this.nurShaped > 0) ? { excelDamage: this.damaged } : this.cutDamage();
    const base = { name: this.name, filled: this.filled, maxLength: this.maxLength, ...damage };
    if (this.filled === 0) return { ...base, type: this.reason === 'raw' || this.reason === 'forced' ? 'text' : 'empty', ...(this.reason === 'raw' || this.reason === 'forced' ? { reason: this.reason } : {}) };
    // Only what is written as text needs them: a number or date column drops the list.
    const shared = this.distinct && this.distinct.size > 0 ? { shared: [...this.distinct.keys()] } : {};
    if (this.possible === 0) return { ...base, type: 'text', ...(this.reason && this.reason !== 'mixed' ? { reason: this.reason } : {}), ...shared };
    if (this.possible & NUMBER) {
      const reading = this.numberReading();
      if (reading === 'ambiguous') return { ...base, type: 'text', reason: 'ambiguous-number', ambiguousNumber: this.ambiguous!, ...shared };
      if (reading) {
        const unit = this.unit ? { unit: this.unit } : {};
        return reading.decimals > 0
          ? { ...base, type: 'decimal', decimals: reading.decimals, grouping: reading.grouping, numbers: reading.convention, ...unit }
          : { ...base, type: 'integer', grouping: reading.grouping, numbers: reading.convention, ...unit };
      }
    }
    if (this.sawDate && this.sawTime) return { ...base, type: 'datetime', seconds: this.sawSeconds };
    return { ...base, type: 'date' };
  }
}
