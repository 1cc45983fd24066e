import { CsvParser } from './csv-parser.js';

/** Field delimiters the converter recognises. */
export type Delimiter = ';' | ',' | '\t' | '|';

/** Candidates in order of preference when the data does not decide: `;` is the French default. */
export const DELIMITERS: readonly Delimiter[] = [';', '\t', '|', ','];

const SAMPLE_RECORDS = 200;

/**
 * Detects the delimiter from a text sample (quote-aware). For each candidate the sample is parsed
 * as CSV, and the candidate whose records most often have the header's field count (more than one
 * field) wins; ties go to the order of {@link DELIMITERS}. A decimal comma (`1234,56`) therefore never
 * makes `,` win over `;`: the header has no commas, so `,` gives it a single field.
 */
export function detectDelimiter(sample: string, complete: boolean): Delimiter {
  let best: Delimiter = ';';
  let bestScore = 0;
  for (const candidate of DELIMITERS) {
    const counts: number[] = [];
    const parser = new CsvParser(candidate, (fields) => {
      if (counts.length < SAMPLE_RECORDS && !(fields.length === 1 && fields[0] === '')) counts.push(fields.length);
    });
    parser.push(sample);
    if (complete) parser.end();
    const header = counts[0] ?? 0;
    if (header < 2) continue;
    let score = 0;
    for (const count of counts) if (count === header) score++;
    // A header alone (one-line sample) still decides.
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** Readable name of a delimiter for messages and reports. */
export function describeDelimiter(delimiter: Delimiter): string {
  return delimiter === '\t' ? 'tabulation' : delimiter;
}
