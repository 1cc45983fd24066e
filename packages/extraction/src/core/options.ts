import { DELIMITERS } from './detect.js';
import { TEXT_ENCODINGS } from './decode.js';
import { ExtractionError } from './errors.js';
import { EXCEL_MAX_ROWS } from './limits.js';

/**
 * Options are checked where they enter, as csv-parse checks its own: a value outside what is
 * allowed is a `USAGE` error naming the option and the allowed values (`details.option`,
 * `details.allowed`), never a silent default or a misleading error further on.
 */
function refuse(option: string, value: unknown, allowed: string): never {
  throw new ExtractionError('USAGE', `Option ${option} : valeur ${JSON.stringify(value) ?? String(value)} refusée. Valeurs permises : ${allowed}.`, {
    details: { option, value, allowed },
  });
}

function oneOf(option: string, value: unknown, allowed: readonly string[]): void {
  if (value !== undefined && !allowed.includes(value as string)) refuse(option, value, allowed.map((a) => JSON.stringify(a)).join(', '));
}

function integer(option: string, value: unknown, min: number, max: number): void {
  if (value !== undefined && !(Number.isInteger(value) && (value as number) >= min && (value as number) <= max)) refuse(option, value, `un entier de ${min} à ${max}`);
}

/** Every option of a conversion (`.`), and those the Node adapter adds (`./node`). */
const CONVERT_KEYS = [
  'encoding', 'delimiter', 'textColumns', 'raw', 'numbers', 'headerLine', 'maxRowsPerSheet', 'segmentBytes', 'onProgress', 'signal', 'platform',
  'deflate', 'now', 'parallel', 'name', 'maxInputBytes',
];
const NODE_KEYS = ['output', 'force', 'compressionLevel', 'verify', 'threads', 'compressHere'];

/** An option nobody reads is a mistake (a typo, an option of another version): `USAGE`, never ignored. */
function knownKeys(options: Record<string, unknown>, known: readonly string[]): void {
  const unknown = Object.keys(options).find((key) => !known.includes(key));
  if (unknown !== undefined) {
    throw new ExtractionError('USAGE', `Option inconnue « ${unknown} ». Options permises : ${known.join(', ')}.`, { details: { option: unknown, allowed: known.join(', ') } });
  }
}

/** Checks the options of a conversion or an analysis (the `.` entry's tasks); `node` admits the Node adapter's too. */
export function checkConvertOptions(options: Record<string, unknown>, node = false): void {
  knownKeys(options, node ? [...CONVERT_KEYS, ...NODE_KEYS] : CONVERT_KEYS);
  oneOf('encoding', options.encoding, ['auto', ...TEXT_ENCODINGS]);
  oneOf('delimiter', options.delimiter, ['auto', ...DELIMITERS]);
  oneOf('numbers', options.numbers, ['auto', 'fr', 'en']);
  integer('headerLine', options.headerLine, 1, Number.MAX_SAFE_INTEGER);
  integer('maxRowsPerSheet', options.maxRowsPerSheet, 1, EXCEL_MAX_ROWS - 1);
  integer('maxInputBytes', options.maxInputBytes, 1, Number.MAX_SAFE_INTEGER);
  if (options.textColumns !== undefined && !(Array.isArray(options.textColumns) && options.textColumns.every((c) => typeof c === 'string'))) {
    refuse('textColumns', options.textColumns, 'une liste de noms, de numéros ou de lettres de colonnes (chaînes)');
  }
  if (options.signal !== undefined && !(typeof options.signal === 'object' && options.signal !== null && 'aborted' in options.signal)) refuse('signal', options.signal, 'un AbortSignal');
}

/** Checks the Node adapter's own options (`./node`): the zlib level 0 (none) to 9, and `threads` 1 to 64. */
export function checkNodeOptions(options: Record<string, unknown>): void {
  checkConvertOptions(options, true);
  integer('compressionLevel', options.compressionLevel, 0, 9);
  integer('threads', options.threads, 1, 64);
}
