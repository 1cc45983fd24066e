import { createDecoder, type EncodingSource, type TextEncoding } from '../decode.js';
import { type Delimiter, DELIMITERS, describeDelimiter, detectBom, detectTable, doesNotLookFrench, guessEncoding, preambleText, refuseNonCsv, SEP_LINE, type TableLayout } from '../detect.js';
import { checkAborted, ExtractionError, frenchTypography } from '../errors.js';
import { ANALYSIS_ERROR_TEXT, WARNING_TEXT } from '../messages.js';
import { type ByteSource, readHead } from '../source.js';
import { scan } from './scan.js';
import type { AnalyzeOptions, ExtractionAnalysis, ScanSettings } from './types.js';

const HEAD_BYTES = 1 << 16;

/** What the first bytes decide: encoding (forced, BOM or guessed), delimiter and header line. */
interface Detection {
  settings: ScanSettings;
  /** The encoding was asked for, or given by a BOM: no second reading as windows-1252. */
  fixedEncoding: boolean;
  head: Uint8Array;
  layout: TableLayout;
  forcedDelimiter: Delimiter | undefined;
}

async function detect(source: ByteSource, options: AnalyzeOptions): Promise<Detection> {
  const head = await readHead(source, HEAD_BYTES);
  const bom = detectBom(head);
  if (head.byteLength === 0 || (bom && head.byteLength === bom.length)) throw new ExtractionError('EMPTY_INPUT', ANALYSIS_ERROR_TEXT.emptyFile);
  refuseNonCsv(head);
  const forced = options.encoding && options.encoding !== 'auto' ? options.encoding : undefined;
  const guessed = guessEncoding(head);
  const encoding: TextEncoding = forced ?? guessed.encoding;
  const encodingSource: EncodingSource = forced ? 'forced' : guessed.source;
  const bomLength = bom ? bom.length : 0;

  const singleByte = encoding === 'windows-1252' || encoding === 'iso-8859-15';
  const sample = singleByte
    ? createDecoder(encoding).decode(head.subarray(bomLength), true)
    : new TextDecoder(encoding, { fatal: false, ignoreBOM: true }).decode(head.subarray(bomLength), { stream: true });
  const hint = SEP_LINE.exec(sample);
  const forcedDelimiter = options.delimiter && options.delimiter !== 'auto' ? options.delimiter : hint ? (hint[1] as Delimiter) : undefined;
  const layout = detectTable(sample, head.byteLength < HEAD_BYTES, {
    ...(forcedDelimiter ? { delimiter: forcedDelimiter } : {}),
    ...(options.headerLine !== undefined ? { headerLine: options.headerLine } : {}),
  });
  const settings: ScanSettings = {
    encoding,
    encodingSource,
    bomLength,
    delimiter: layout.delimiter,
    headerLine: layout.headerLine,
    trailingEmpty: layout.trailingEmpty,
    preambleText: preambleText(sample, layout.delimiter, layout.headerLine),
  };
  return { settings, fixedEncoding: forced !== undefined || bom !== null, head, layout, forcedDelimiter };
}

/** The detection's own doubts, put first: an encoding that does not read as French, a delimiter that does not fit. */
function detectionWarnings(analysis: ExtractionAnalysis, detection: Detection): void {
  const { layout, forcedDelimiter } = detection;
  const garbled = analysis.encoding === 'windows-1252' && analysis.encodingSource === 'detected' ? doesNotLookFrench(detection.head) : null;
  if (garbled !== null) {
    analysis.warnings.unshift({
      code: 'ENCODING_UNCERTAIN',
      line: null,
      message: frenchTypography(WARNING_TEXT.encodingUncertain(garbled)),
      remedy: { option: 'encoding', values: ['utf-8', 'iso-8859-15', 'utf-16le'] },
    });
    analysis.warningCounts.ENCODING_UNCERTAIN = 1;
  }
  if (layout.uncertain && !forcedDelimiter) {
    const others = DELIMITERS.filter((d) => d !== layout.delimiter);
    analysis.warnings.unshift({
      code: 'DELIMITER_UNCERTAIN',
      line: layout.headerLine,
      message: frenchTypography(WARNING_TEXT.delimiterUncertain(layout.columns < 2, describeDelimiter(layout.delimiter), others.map((d) => (d === '\t' ? 'tabulation' : `« ${d} »`)).join(', '))),
      remedy: { option: 'delimiter', values: others },
    });
    analysis.warningCounts.DELIMITER_UNCERTAIN = 1;
  }
}

/**
 * First pass: reads the whole extraction once, at constant memory, and decides encoding, delimiter,
 * column types (from every value), sheets and warnings. Nothing is written.
 */
export async function analyzeExtraction(source: ByteSource, options: AnalyzeOptions = {}): Promise<ExtractionAnalysis> {
  checkAborted(options.signal);
  const detection = await detect(source, options);
  const { settings } = detection;
  let analysis: ExtractionAnalysis;
  try {
    analysis = await scan(source, options, settings);
  } catch (error) {
    // UTF-8 was only a guess from the first bytes: a file that turns out not to be UTF-8 further on
    // is read again as windows-1252, the encoding of Excel and of older SNE exports.
    if (!detection.fixedEncoding && settings.encoding === 'utf-8' && error instanceof ExtractionError && error.code === 'ENCODING_INVALID') {
      analysis = await scan(source, options, { ...settings, encoding: 'windows-1252' });
    } else throw error;
  }
  detectionWarnings(analysis, detection);
  return analysis;
}
