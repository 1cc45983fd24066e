import { Option } from 'commander';
import type { Delimiter } from '../core/detect.js';
import { TEXT_ENCODINGS, type TextEncoding } from '../core/decode.js';
import { UsageError } from './io.js';

// The options shared by the commands, and how their values are read (a bad value is a UsageError).

const DELIMITER_NAMES: Record<string, Delimiter | 'auto'> = { auto: 'auto', ';': ';', ',': ',', tab: '\t', '\t': '\t', '|': '|', pipe: '|', 'point-virgule': ';', virgule: ',' };

/** A count of threads or files at once, from 1 to 64; `what` says what it counts, in French. */
function parseCount(option: string, value: string, what: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`${option} attend ${what} (1, 2, 4…), pas « ${value} ».`);
  return n;
}

export const parseThreads = (value: string) => parseCount('--threads', value, 'un nombre de fils');
export const parseJobs = (value: string) => parseCount('--jobs', value, 'un nombre de fichiers à convertir en même temps');

export function parseHeaderLine(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--header-line attend un numéro de ligne (1, 2, 3…), pas « ${value} ».`);
  return n;
}

export function parseDelimiter(value: string): Delimiter | 'auto' {
  const d = DELIMITER_NAMES[value] ?? DELIMITER_NAMES[value.toLowerCase()];
  if (!d) throw new UsageError(`Séparateur « ${value} » inconnu : utilisez auto, ';', ',', tab ou '|'.`);
  return d;
}

export function parseEncoding(value: string): TextEncoding | 'auto' {
  const v = value.toLowerCase().replace(/^utf8$/, 'utf-8').replace(/^(cp1252|win1252|ansi)$/, 'windows-1252').replace(/^latin-?9$/, 'iso-8859-15');
  if (v === 'auto' || (TEXT_ENCODINGS as readonly string[]).includes(v)) return v as TextEncoding | 'auto';
  throw new UsageError(`Encodage « ${value} » inconnu : utilisez auto, ${TEXT_ENCODINGS.join(', ')}.`);
}

/** The options of `convert`, as commander gives them. */
export interface ConvertCliOptions {
  output?: string;
  encoding: string;
  delimiter: string;
  numbers: 'auto' | 'fr' | 'en';
  headerLine?: string;
  text?: string;
  raw?: boolean;
  force?: boolean;
  json?: boolean;
  quiet?: boolean;
  verify?: boolean;
  jobs?: string;
  threads?: string;
}

/** The options of `inspect`, as commander gives them. */
export interface InspectCliOptions {
  json?: boolean;
  encoding: string;
  delimiter: string;
  numbers: 'auto' | 'fr' | 'en';
}

export const encodingOption = () => new Option('--encoding <encodage>', 'auto, utf-8, windows-1252, iso-8859-15, utf-16le, utf-16be').default('auto');
export const delimiterOption = () => new Option('--delimiter <séparateur>', "auto, ';', ',', tab ou '|'").default('auto');
export const numbersOption = () =>
  new Option('--numbers <convention>', 'nombres : auto (décidé colonne par colonne), fr (1 234,56) ou en (1,234.56)').choices(['auto', 'fr', 'en']).default('auto');
