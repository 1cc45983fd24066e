import { CsvParser } from './csv-parser.js';

/** Field delimiters the converter recognises. */
export type Delimiter = ';' | ',' | '\t' | '|';

/** Candidates in order of preference when the data does not decide: `;` is the French default. */
export const DELIMITERS: readonly Delimiter[] = [';', '\t', '|', ','];

const SAMPLE_RECORDS = 200;

/**
 * Detects the delimiter from a text sample (quote-aware): the delimiter of {@link detectTable}, which
 * decides from the consistency of field counts over many records. A decimal comma (`1234,56`) never
 * makes `,` win over `;`.
 */
export function detectDelimiter(sample: string, complete: boolean): Delimiter {
  return detectTable(sample, complete).delimiter;
}

/** Readable name of a delimiter for messages and reports. */
export function describeDelimiter(delimiter: Delimiter): string {
  return delimiter === '\t' ? 'tabulation' : delimiter;
}

/** Where the table starts in a file, and with which delimiter. */
export interface TableLayout {
  delimiter: Delimiter;
  /** 1-based physical line of the header; the lines above it are a preamble (title, comments). */
  headerLine: number;
  /** Fields of the header record (the table's width). */
  columns: number;
  /** True when the result is doubtful: one column, or field counts that disagree. */
  uncertain: boolean;
}

interface SampledRecord {
  count: number;
  filled: number;
  line: number;
}

function sampleRecords(sample: string, delimiter: Delimiter, complete: boolean): SampledRecord[] {
  const records: SampledRecord[] = [];
  const parser = new CsvParser(delimiter, (fields, line) => {
    if (records.length >= SAMPLE_RECORDS) return;
    const filled = fields.reduce((n, f) => n + (f.trim() === '' ? 0 : 1), 0);
    // Blank lines and lines of delimiters only (a blank-padded head) say nothing about the table.
    if (filled === 0) return;
    if (line === 1 && fields.length === 2 && fields[0] === 'sep=' && fields[1] === '') return;
    records.push({ count: fields.length, filled, line });
  });
  parser.push(sample);
  if (complete) parser.end();
  return records;
}

/** The table's field count with a delimiter: the most frequent count of 2 or more (the first seen on a tie). */
function dominantCount(records: readonly SampledRecord[]): number {
  const frequency = new Map<number, number>();
  for (const r of records) if (r.count >= 2) frequency.set(r.count, (frequency.get(r.count) ?? 0) + 1);
  let best = 0;
  let bestFrequency = 0;
  for (const [count, n] of frequency) if (n > bestFrequency) [best, bestFrequency] = [count, n];
  return best;
}

const MAX_PREAMBLE_RECORDS = 20;

/**
 * Finds the table, whatever sits above it. For each candidate delimiter the sample is parsed
 * (quote-aware) and the table's width is the most frequent field count over many records, not the
 * first line's; a candidate counts only when most records, or the header, have that width. Above the first record of
 * that width with two filled fields, up to 20 narrower records (a title, `# comments`, lines of
 * delimiters only) are a preamble — only when the records below agree (four in five at least).
 * The candidate whose records agree most wins; ties go to the order of {@link DELIMITERS}.
 * `delimiter` fixes the delimiter; `headerLine` fixes the header.
 */
export function detectTable(sample: string, complete: boolean, options: { delimiter?: Delimiter; headerLine?: number } = {}): TableLayout {
  let best: TableLayout | null = null;
  let bestScore = -1;
  for (const delimiter of options.delimiter ? [options.delimiter] : DELIMITERS) {
    // A candidate that sees only blank lines still takes part (at score 0): ties keep the order.
    const records = sampleRecords(sample, delimiter, complete);
    const width = dominantCount(records);
    let start = 0;
    if (options.headerLine !== undefined) {
      start = Math.max(0, records.findIndex((r) => r.line >= options.headerLine!));
    } else if (width >= 2) {
      const found = records.findIndex((r) => r.count === width && r.filled >= 2);
      const below = records.slice(found);
      const preambleIsNarrower = records.slice(0, found).every((r) => r.count < width);
      if (found > 0 && found <= MAX_PREAMBLE_RECORDS && preambleIsNarrower && below.filter((r) => r.count === width).length >= 0.8 * below.length) start = found;
    }
    const table = records.slice(start);
    const agreeing = table.filter((r) => r.count === width).length;
    // A width that only a minority of records have, and the header does not have, is not the table's
    // (a `;` inside some cells of a one-column file); a ragged file whose header has it still is.
    const score = width >= 2 && (agreeing * 2 > table.length || table[0]?.count === width) ? agreeing : 0;
    if (score > bestScore) {
      bestScore = score;
      const header = table[0] ?? records[0];
      best = {
        delimiter,
        headerLine: options.headerLine ?? header?.line ?? 1,
        columns: score > 0 && header ? header.count : 1,
        uncertain: score === 0 || agreeing < 0.8 * table.length,
      };
    }
  }
  return best ?? { delimiter: options.delimiter ?? ';', headerLine: options.headerLine ?? 1, columns: 1, uncertain: false };
}
