/** Type given to a column of the workbook. */
export type ColumnType = 'text' | 'integer' | 'decimal' | 'date' | 'datetime' | 'empty';

/** Why a column is text although some of its values look like numbers or dates. */
export type TextReason =
  | 'raw'
  | 'forced'
  | 'identifier-header'
  | 'numero-unique'
  | 'leading-zero'
  | 'too-many-digits'
  | 'invalid-date'
  | 'ambiguous-number'
  | 'mixed';

/** What the converter decided for one column, from all of its values. */
export interface ColumnInfo {
  /** Header text as written in the workbook. */
  name: string;
  type: ColumnType;
  /** Set when a column is text for a reason worth telling. */
  reason?: TextReason;
  /** Decimals shown for a `decimal` column. */
  decimals?: number;
  /** True when numbers had thousands separators: they are shown with grouping. */
  grouping?: boolean;
  /**
   * How the column's numbers are written: `fr` (decimal comma, spaces between thousands) or `en`
   * (commas between thousands, decimal point), decided from all its values.
   */
  numbers?: NumberConvention;
  /** A value like `6,718` that means 6.718 in French and 6718 in English: the column was kept as text. */
  ambiguousNumber?: string;
  /**
   * A numéro-unique column (by header or by its values) holding ids Excel already destroyed before
   * the export (`5,91024E+16`, a leading zero lost, 18 digits cut to 15 significant ones): the first
   * such value and how many there are; for cut ids (`cut`), the line of the first one.
   */
  excelDamage?: { example: string; count: number; cut?: boolean; line?: number };
  /** True when a `datetime` column has seconds. */
  seconds?: boolean;
  /**
   * The distinct values of a text column that has few of them (at most `SHARED_LIMIT`), in the
   * order first seen: written once in the shared-strings table, as Excel does, not in every cell.
   */
  shared?: string[];
  /** The unit every value of a number column carries (`450,00 €`, `33,5 %`): shown by the format. */
  unit?: NumberUnit;
  /** Number of non-empty values. */
  filled: number;
  /** Longest value, in characters (capped), for the column width. */
  maxLength: number;
}

/**
 * The unit written with every number of a column: `€` before or after, `%` after, and the exact space
 * between (none, U+0020, U+00A0 or U+202F). The cells hold numbers; their format shows the same text.
 */
export interface NumberUnit {
  symbol: '€' | '%';
  before: boolean;
  space: string;
}

const UNIT_SPACES = ' \u00a0\u202f';

/** A value written with a unit, split into its number and its unit; null for any other value. */
export function splitUnit(value: string): { number: string; unit: NumberUnit } | null {
  const n = value.length;
  if (n < 2) return null;
  const last = value[n - 1]!;
  if (last === '€' || last === '%') {
    const space = UNIT_SPACES.includes(value[n - 2]!) ? value[n - 2]! : '';
    const number = value.slice(0, n - 1 - space.length);
    return number === '' ? null : { number, unit: { symbol: last, before: false, space } };
  }
  if (value[0] === '€') {
    const space = UNIT_SPACES.includes(value[1]!) ? value[1]! : '';
    const number = value.slice(1 + space.length);
    return number === '' ? null : { number, unit: { symbol: '€', before: true, space } };
  }
  return null;
}

/** True when two units write the same way (one format must show every value of the column). */
export function sameUnit(a: NumberUnit, b: NumberUnit): boolean {
  return a.symbol === b.symbol && a.before === b.before && a.space === b.space;
}

/**
 * The `<v>` text of a number read with its unit: a percentage is stored divided by 100, as Excel
 * does (`33,5 %` is 0.335 under a `%` format), by moving the decimal point in the text (no rounding).
 */
export function unitXml(xml: string, unit: NumberUnit | undefined): string {
  if (unit?.symbol !== '%') return xml;
  const negative = xml.startsWith('-');
  const [int = '', frac = ''] = (negative ? xml.slice(1) : xml).split('.');
  const digits = int + frac;
  const point = int.length - 2;
  let out = point <= 0 ? `0.${'0'.repeat(-point)}${digits}` : `${digits.slice(0, point)}.${digits.slice(point)}`;
  out = out.replace(/^0+(?=\d)/, '').replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  return negative && out !== '0' ? `-${out}` : out;
}

/** How numbers are written: French (`1 234,56`) or English (`1,234.56`). */
export type NumberConvention = 'fr' | 'en';

/** Largest count of significant digits a double (and so Excel) keeps exactly. */
export const MAX_DIGITS = 15;

const INTEGER = 1;
const DECIMAL = 2;
export const DATE = 4;
export const DATETIME = 8;
export const NUMBER = INTEGER | DECIMAL;
export const ALL = INTEGER | DECIMAL | DATE | DATETIME;

// Integers, optionally grouped by thousands with a space, U+00A0 or U+202F; decimals with a comma.
// No leading zero (`0590…`, `01000` are identifiers), no sign but `-`, no exponent.
const NUMBER_COMMA = /^-?(0|[1-9]\d*|[1-9]\d{0,2}(?:[ \u00A0\u202F]\d{3})+)(?:,(\d+))?$/;
const NUMBER_DOT = /^-?(0|[1-9]\d*)\.(\d+)$/;
// English: commas between thousands, a decimal point.
const NUMBER_EN = /^-?(0|[1-9]\d*|[1-9]\d{0,2}(?:,\d{3})+)(?:\.(\d+))?$/;
const GROUP_SEPARATORS = /[ \u00A0\u202F]/g;
const FR_DATE = /^(\d{2})\/(\d{2})\/(\d{4})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Shape of the numéro unique: 3-character territory (`059`, `111`, `02A`, `971`), month, 2-digit year,
 * 6-digit sequence, 5-character guichet code (digits or letters). No check character is known.
 */
export const NUMERO_UNIQUE = /^(?:\d{2}[\dAB])(?:0[1-9]|1[0-2])\d{2}\d{6}[0-9A-Z]{5}$/;

const IDENTIFIER_WORDS = new Set([
  'nur', 'id', 'ids', 'identifiant', 'identifiants', 'code', 'codes', 'cp', 'siret', 'siren', 'insee', 'tel',
  'telephone', 'portable', 'mobile', 'fax', 'numero', 'num', 'no', 'n°', 'matricule',
  'nir', 'iban', 'rib', 'bic', 'finess', 'rna', 'uai', 'cedex', 'postal', 'allocataire', 'dossier',
]);

/** Header normalised for matching: lowercase, accents removed, words split. */
export function headerWords(header: string): string[] {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/n[°º]/g, ' n° ')
    .split(/[^a-z0-9°]+/)
    .filter(Boolean);
}

/** True when a header names an identifier (numéro unique, code, id, téléphone, SIRET, INSEE…). */
export function isIdentifierHeader(header: string): boolean {
  return headerWords(header).some((word) => IDENTIFIER_WORDS.has(word));
}

/** True when a header names the numéro unique ("Numéro unique", "NUR", "N° unique", any case/accents). */
export function isNumeroUniqueHeader(header: string): boolean {
  const words = headerWords(header);
  return words.includes('nur') || (words.includes('unique') && words.some((w) => w === 'numero' || w === 'n°' || w === 'no' || w === 'num'));
}

function countDigits(integer: string, fraction: string | undefined): number {
  // Significant digits: leading zeros of the integer part are not significant (`0,05` has 1).
  const intDigits = integer === '0' ? 0 : integer.length;
  if (!fraction) return intDigits;
  return intDigits === 0 ? fraction.replace(/^0+/, '').length : intDigits + fraction.length;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Excel serial of a calendar date (days since 1899-12-30), computed from the date's parts only, so
 * the result is the same in every time zone. Dates before 1900-03-01 are refused: Excel's 1900 leap
 * year bug makes their serials ambiguous.
 */
export function excelSerial(year: number, month: number, day: number): number | null {
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const dim = month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (day > dim) return null;
  if (year === 1900 && month < 3) return null;
  // Days from civil (Howard Hinnant), relative to 1970-01-01, then shifted to 1899-12-30.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468 + 25569;
}

/** A parsed date value: Excel serial and whether it had a time part (and seconds). */
export interface ParsedDate {
  serial: number;
  time: boolean;
  seconds: boolean;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

const DATE_DIGITS = [0, 1, 3, 4, 6, 7, 8, 9];
const TIME_DIGITS = [11, 12, 14, 15, 17, 18];

/**
 * Excel serial of `dd/mm/yyyy`, `dd/mm/yyyy hh:mm` or `dd/mm/yyyy hh:mm:ss` (the SNE's shapes) without
 * a regular expression: null when that shape holds no real date, undefined when the text has another
 * shape (the caller then tries the patterns). Same arithmetic as {@link parseDatePattern}, to the bit.
 */
export function fastDateSerial(value: string): number | null | undefined {
  const length = value.length;
  if ((length !== 10 && length !== 16 && length !== 19) || value.charCodeAt(2) !== 47 || value.charCodeAt(5) !== 47) return undefined;
  for (const k of DATE_DIGITS) if (!isDigit(value.charCodeAt(k))) return undefined;
  const c = (k: number) => value.charCodeAt(k) - 48;
  const serial = excelSerial(c(6) * 1000 + c(7) * 100 + c(8) * 10 + c(9), c(3) * 10 + c(4), c(0) * 10 + c(1));
  if (length === 10) return serial;
  if (value.charCodeAt(10) !== 32 || value.charCodeAt(13) !== 58 || (length === 19 && value.charCodeAt(16) !== 58)) return undefined;
  for (let t = 0; t < (length === 19 ? 6 : 4); t++) if (!isDigit(value.charCodeAt(TIME_DIGITS[t]!))) return undefined;
  if (serial === null) return null;
  const h = c(11) * 10 + c(12);
  const min = c(14) * 10 + c(15);
  const s = length === 19 ? c(17) * 10 + c(18) : 0;
  if (h > 23 || min > 59 || s > 59) return null;
  return serial + (h * 3600 + min * 60 + s) / 86400;
}

/** Parses `dd/mm/yyyy[ hh:mm[:ss]]` or `yyyy-mm-dd[ hh:mm[:ss]]`; null when not a real date Excel can hold. */
export function parseDate(value: string): ParsedDate | null {
  const fast = fastDateSerial(value);
  if (fast === undefined) return parseDatePattern(value);
  return fast === null ? null : { serial: fast, time: value.length > 10, seconds: value.length === 19 };
}

/** @internal {@link parseDate} by its regular expressions only (the reference its fast path is tested against). */
export function parseDatePattern(value: string): ParsedDate | null {
  let m = FR_DATE.exec(value);
  let day: number, month: number, year: number;
  if (m) {
    day = Number(m[1]);
    month = Number(m[2]);
    year = Number(m[3]);
  } else {
    m = ISO_DATE.exec(value);
    if (!m) return null;
    year = Number(m[1]);
    month = Number(m[2]);
    day = Number(m[3]);
  }
  const serial = excelSerial(year, month, day);
  if (serial === null) return null;
  if (m[4] === undefined) return { serial, time: false, seconds: false };
  const h = Number(m[4]);
  const min = Number(m[5]);
  const s = m[6] === undefined ? 0 : Number(m[6]);
  if (h > 23 || min > 59 || s > 59) return null;
  return { serial: serial + (h * 3600 + min * 60 + s) / 86400, time: true, seconds: m[6] !== undefined };
}

/**
 * Parses a number as the converter accepts it, in the given convention (French by default); returns
 * the text Excel stores in `<v>`, or null.
 */
export function parseNumber(value: string, convention: NumberConvention = 'fr'): ParsedNumber | null {
  if (convention === 'fr') {
    const fast = fastFrenchNumber(value);
    if (fast !== undefined) return fast;
  }
  return parseNumberPattern(value, convention);
}

/** A number as Excel stores it (`<v>` text), its decimals and whether it had thousands separators. */
export interface ParsedNumber {
  xml: string;
  decimals: number;
  grouping: boolean;
}

function isGroupSeparator(code: number): boolean {
  return code === 32 || code === 0xa0 || code === 0x202f;
}

/**
 * French numbers (`1234,56`, `16 565,69`, `-0,5`, `42`: the amounts of an extraction) without a
 * regular expression; undefined for any other shape. Same result as {@link parseNumberPattern}.
 */
function fastFrenchNumber(value: string): ParsedNumber | null | undefined {
  const n = value.length;
  const start = value.charCodeAt(0) === 45 ? 1 : 0;
  let i = start;
  while (i < n && isDigit(value.charCodeAt(i))) i++;
  const lead = i - start;
  if (lead === 0 || (value.charCodeAt(start) === 48 && lead !== 1)) return undefined;
  let integer = value.slice(start, i);
  const grouping = i < n && isGroupSeparator(value.charCodeAt(i));
  if (grouping) {
    if (lead > 3 || integer === '0') return undefined;
    // Groups of three digits, each after one separator (a fourth digit fails the test below).
    while (i < n && isGroupSeparator(value.charCodeAt(i))) {
      if (i + 3 >= n || !isDigit(value.charCodeAt(i + 1)) || !isDigit(value.charCodeAt(i + 2)) || !isDigit(value.charCodeAt(i + 3))) return undefined;
      integer += value.slice(i + 1, i + 4);
      i += 4;
    }
  }
  let fraction: string | undefined;
  if (i < n) {
    if (value.charCodeAt(i) !== 44 || i + 1 === n) return undefined;
    for (let k = i + 1; k < n; k++) if (!isDigit(value.charCodeAt(k))) return undefined;
    fraction = value.slice(i + 1);
  }
  if (countDigits(integer, fraction) > MAX_DIGITS) return null;
  const sign = start === 1 ? '-' : '';
  // "-0" would come back as 0: keep it as the text it is.
  if (sign && integer === '0' && !/[1-9]/.test(fraction ?? '')) return null;
  return { xml: fraction === undefined ? sign + integer : `${sign}${integer}.${fraction}`, decimals: fraction?.length ?? 0, grouping };
}

/** @internal {@link parseNumber} by its regular expressions only (the reference its fast path is tested against). */
export function parseNumberPattern(value: string, convention: NumberConvention = 'fr'): ParsedNumber | null {
  if (convention === 'en') {
    const m = NUMBER_EN.exec(value);
    if (!m) return null;
    const integer = m[1]!.replace(/,/g, '');
    const fraction = m[2];
    if (countDigits(integer, fraction) > MAX_DIGITS) return null;
    const sign = value.charCodeAt(0) === 45 ? '-' : '';
    if (sign && integer === '0' && !/[1-9]/.test(fraction ?? '')) return null;
    return { xml: fraction === undefined ? sign + integer : `${sign}${integer}.${fraction}`, decimals: fraction?.length ?? 0, grouping: integer.length !== m[1]!.length };
  }
  let m = NUMBER_COMMA.exec(value);
  let grouping = false;
  if (m) {
    let integer = m[1]!;
    if (integer.length > 3 && !/^\d+$/.test(integer)) {
      grouping = true;
      integer = integer.replace(GROUP_SEPARATORS, '');
    }
    const fraction = m[2];
    if (countDigits(integer, fraction) > MAX_DIGITS) return null;
    const sign = value.charCodeAt(0) === 45 ? '-' : '';
    // "-0" would come back as 0: keep it as the text it is.
    if (sign && integer === '0' && !/[1-9]/.test(fraction ?? '')) return null;
    return { xml: fraction === undefined ? sign + integer : `${sign}${integer}.${fraction}`, decimals: fraction?.length ?? 0, grouping };
  }
  m = NUMBER_DOT.exec(value);
  if (!m) return null;
  if (countDigits(m[1]!, m[2]) > MAX_DIGITS) return null;
  if (value.charCodeAt(0) === 45 && m[1] === '0' && !/[1-9]/.test(m[2]!)) return null;
  return { xml: value, decimals: m[2]!.length, grouping };
}

/** Numbers the two conventions read differently: one comma followed by exactly three digits (`6,718`). */
export const AMBIGUOUS_COMMA = /^-?[1-9]\d{0,2},\d{3}$/;

/** `-1234`, `42`: the same integer in both conventions, recognised without a regular expression. */
export function isPlainInteger(value: string): boolean {
  let i = value.charCodeAt(0) === 45 ? 1 : 0;
  const digits = value.length - i;
  if (digits < 1 || digits > MAX_DIGITS) return false;
  if (value.charCodeAt(i) === 48) return digits === 1 && i === 0;
  for (; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
