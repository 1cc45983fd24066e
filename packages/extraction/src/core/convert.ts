import { analyzeExtraction } from './analysis/analyze.js';
import type { AnalyzeOptions, ExtractionAnalysis } from './analysis/types.js';
import type { ColumnType, TextReason } from './column-types.js';
import type { Delimiter } from './detect.js';
import type { EncodingSource, TextEncoding } from './decode.js';
import type { ExtractionWarning, ExtractionWarningCode } from './errors.js';
import { checkConvertOptions } from './options.js';
import { type ExtractionInput, resolveInput } from './source.js';
import { writeWorkbook } from './xlsx/packager.js';
import { concatBytes } from '@sne-toolbox/zip-reader';
import type { WriteOptions } from './xlsx/types.js';

/** Options of a conversion. */
export interface ConvertOptions extends AnalyzeOptions, WriteOptions {
  /** Name shown in reports and in the `Informations` sheet (default: the Blob/File name). */
  name?: string | undefined;
  /**
   * Largest input accepted, in bytes: a one-shot stream (an HTTP upload) stops as soon as it goes
   * over, with `INPUT_TOO_LARGE`, instead of being gathered whole. Default: no limit.
   */
  maxInputBytes?: number | undefined;
}

/** One column as reported: header name and decided type. */
export interface ColumnReport {
  name: string;
  type: ColumnType;
  reason?: TextReason;
  /** `€` or `%` when every value carries it: the cells are numbers, shown with it. */
  unit?: '€' | '%';
}

/** What a conversion did, as printed by `--json` and shown in the `Informations` sheet. */
export interface ConversionReport {
  input: string | null;
  output: string | null;
  bytes: number;
  encoding: TextEncoding;
  encodingSource: EncodingSource;
  delimiter: Delimiter;
  /** Data rows (header excluded). */
  rows: number;
  columns: number;
  sheets: number;
  columnTypes: ColumnReport[];
  warnings: ExtractionWarning[];
  warningCounts: Partial<Record<ExtractionWarningCode, number>>;
  /** 1-based line of the header in the file. */
  headerLine: number;
  /** Lines above the header (a title, comments): kept in the `Informations` sheet, never converted as data. */
  preamble: string[];
}

/** A conversion whose analysis is done: the report is final, the workbook is produced on demand. */
export interface Conversion {
  report: ConversionReport;
  analysis: ExtractionAnalysis;
  /**
   * Streams the `.xlsx` bytes (reads the source again). Pull-driven: memory stays flat. On Node, a
   * conversion of a one-shot stream (its private copy is removed after the reading) is read once: a
   * second reading, by this or by `stream`/`blob`, is `USAGE`.
   */
  workbook(): AsyncIterable<Uint8Array<ArrayBuffer>>;
  /** The same bytes as a web `ReadableStream` (a `Response` body, `pipeTo` a file), pulled as read. */
  stream(): ReadableStream<Uint8Array<ArrayBuffer>>;
  /** The whole workbook as a `Blob` typed as `.xlsx` (a download link in a browser). */
  blob(): Promise<Blob>;
}

/** The media type of an `.xlsx` workbook. */
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A chunk on an `ArrayBuffer` of its own (what `Blob`, streams and DOM types expect), copied only if it is not. */
function ownBytes(chunk: Uint8Array): Uint8Array<ArrayBuffer> {
  return chunk.buffer instanceof ArrayBuffer ? (chunk as Uint8Array<ArrayBuffer>) : new Uint8Array(chunk);
}

async function* ownChunks(chunks: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array<ArrayBuffer>> {
  for await (const chunk of chunks) yield ownBytes(chunk);
}

/** A pull-driven web stream over an async iterable: the next chunk is made only when asked for. */
function toReadableStream(chunks: AsyncIterable<Uint8Array<ArrayBuffer>>): ReadableStream<Uint8Array<ArrayBuffer>> {
  let iterator: AsyncIterator<Uint8Array<ArrayBuffer>> | undefined;
  return new ReadableStream<Uint8Array<ArrayBuffer>>({
    async pull(controller) {
      iterator ??= chunks[Symbol.asyncIterator]();
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel(reason) {
      await iterator?.return?.(reason);
    },
  });
}

/** Builds the public report from an analysis. */
export function reportOf(analysis: ExtractionAnalysis): ConversionReport {
  return {
    input: analysis.name ?? null,
    output: null,
    bytes: analysis.bytes,
    encoding: analysis.encoding,
    encodingSource: analysis.encodingSource,
    delimiter: analysis.delimiter,
    rows: analysis.rows,
    columns: analysis.columns.length,
    sheets: analysis.sheets,
    columnTypes: analysis.columns.map((c, i) => ({ name: analysis.header[i] ?? c.name, type: c.type, ...(c.reason ? { reason: c.reason } : {}), ...(c.unit ? { unit: c.unit.symbol } : {}) })),
    warnings: analysis.warnings,
    headerLine: analysis.headerLine,
    preamble: analysis.preamble,
    warningCounts: analysis.warningCounts,
  };
}

/**
 * Converts an SNE extraction (CSV bytes, Blob/File or {@link ByteSource}) into an `.xlsx` workbook.
 * Resolves once the input has been analysed — so bad input fails before any output exists — with the
 * report and a stream of the workbook bytes.
 *
 * @example
 * const conversion = await convertExtraction(file);
 * const blob = await conversion.blob();
 */
export async function convertExtraction(input: ExtractionInput, options: ConvertOptions = {}): Promise<Conversion> {
  checkConvertOptions(options as Record<string, unknown>);
  const source = await resolveInput(input, options.name, options.maxInputBytes);
  const analysis = await analyzeExtraction(source, options);
  return conversionOf(analysis, () => ownChunks(writeWorkbook(source, analysis, options)));
}

/** @internal A {@link Conversion} around an analysis and its workbook's chunks: the stream and the Blob are made from them. */
export function conversionOf(analysis: ExtractionAnalysis, workbook: () => AsyncIterable<Uint8Array<ArrayBuffer>>): Conversion {
  return {
    report: reportOf(analysis),
    analysis,
    workbook,
    stream: () => toReadableStream(workbook()),
    blob: async () => {
      const parts: Uint8Array<ArrayBuffer>[] = [];
      for await (const chunk of workbook()) parts.push(chunk);
      return new Blob(parts, { type: XLSX_MEDIA_TYPE });
    },
  };
}

/** Analyses an extraction without writing anything (the `inspect` command). */
export async function inspectExtraction(input: ExtractionInput, options: ConvertOptions = {}): Promise<ConversionReport> {
  checkConvertOptions(options as Record<string, unknown>);
  return reportOf(await analyzeExtraction(await resolveInput(input, options.name, options.maxInputBytes), options));
}

/** Converts in memory and returns the whole workbook: convenient for small files and browsers. */
export async function convertToBytes(input: ExtractionInput, options: ConvertOptions = {}): Promise<{ report: ConversionReport; bytes: Uint8Array<ArrayBuffer> }> {
  const conversion = await convertExtraction(input, options);
  const parts: Uint8Array[] = [];
  for await (const chunk of conversion.workbook()) parts.push(chunk);
  return { report: conversion.report, bytes: concatBytes(parts) };
}
