import type { ExtractionAnalysis } from '../analysis/types.js';
import { inputChangedError } from '../errors.js';
import { dataSheetName, INFO_SHEET, LONG_VALUES_SHEET } from '../messages.js';
import { dataRecords } from '../records.js';
import type { ByteSource } from '../source.js';
import { webDeflate, ZipWriter } from '../zip/zip-writer.js';
import { infoSheet } from './info-sheet.js';
import { longValuesSheet } from './long-values-sheet.js';
import { ROOT_RELS, sheetPart, workbookParts } from './package-parts.js';
import { sheetSegments, withProgress } from './segment.js';
import { sharedStringsXml } from './shared-strings.js';
import { dataSheet, planColumns, RecordFeed, sheetEpilogue, sheetPrologue } from './sheet.js';
import { StyleSheet } from './styles.js';
import type { SheetJob, WriteOptions } from './types.js';
import { encoder } from './xml.js';
import { utf8Bytes } from './xml-bytes.js';

// Assembles the package (libxlsxwriter's packager.c): every part, in order, into one streamed zip.

/**
 * Second pass: streams the `.xlsx` (a zip) while reading the source again. Memory stays flat: rows are
 * serialised as they are parsed and compressed as they are produced, and the consumer paces the whole
 * chain by pulling. A third pass runs only when some cell is longer than Excel's limit.
 */
export async function* writeWorkbook(source: ByteSource, analysis: ExtractionAnalysis, options: WriteOptions = {}): AsyncGenerator<Uint8Array> {
  const now = options.now ?? new Date();
  const zip = new ZipWriter(options.deflate ?? webDeflate, now, options.platform?.crc32);
  const styles = new StyleSheet();
  const plans = planColumns(analysis.columns, styles);
  const info = infoSheet(analysis, styles, now);
  const names = Array.from({ length: analysis.sheets }, (_, i) => dataSheetName(i));
  if (analysis.longCells > 0) names.push(LONG_VALUES_SHEET);
  names.push(INFO_SHEET);
  const sst = sharedStringsXml(analysis.columns);
  const parts = workbookParts(names, analysis.sheets, analysis, sst !== null);

  yield* zip.entry('[Content_Types].xml', encoder.encode(parts.types));
  yield* zip.entry('_rels/.rels', encoder.encode(ROOT_RELS));
  yield* zip.entry('xl/workbook.xml', encoder.encode(parts.workbook));
  yield* zip.entry('xl/_rels/workbook.xml.rels', encoder.encode(parts.rels));
  yield* zip.entry('xl/styles.xml', encoder.encode(styles.toXml()));
  if (sst !== null) yield* zip.entry('xl/sharedStrings.xml', encoder.encode(sst));

  if (options.parallel && analysis.cuts.length > 0 && analysis.rows > 0) {
    for (let s = 0; s < analysis.sheets; s++) {
      const lastRow = Math.min(analysis.rowsPerSheet, analysis.rows - s * analysis.rowsPerSheet) + 1;
      const job: SheetJob = {
        prologue: utf8Bytes(sheetPrologue(analysis.columns, analysis.header, lastRow, s === 0, plans)),
        epilogue: utf8Bytes(sheetEpilogue(analysis, lastRow, plans)),
        segments: sheetSegments(analysis, s),
        plans,
      };
      options.onProgress?.({ phase: 'write', bytesRead: job.segments[0]?.start ?? 0, totalBytes: source.size });
      yield* zip.compressedEntry(sheetPart(s + 1), withProgress(options.parallel.sheet(job, analysis), job, source, options));
    }
  } else {
    const records = dataRecords(source, analysis, { signal: options.signal, platform: options.platform, onBytes: (bytesRead) => options.onProgress?.({ phase: 'write', bytesRead, totalBytes: source.size }) });
    const feed = new RecordFeed(records[Symbol.asyncIterator]());
    for (let s = 0; s < analysis.sheets; s++) {
      const rowsInSheet = Math.max(0, Math.min(analysis.rowsPerSheet, analysis.rows - s * analysis.rowsPerSheet));
      yield* zip.entry(sheetPart(s + 1), dataSheet(feed, analysis, plans, rowsInSheet, s === 0));
    }
    if (await feed.ready()) throw inputChangedError();
  }
  let next = analysis.sheets + 1;
  if (analysis.longCells > 0) yield* zip.entry(sheetPart(next++), longValuesSheet(source, analysis, options));
  yield* zip.entry(sheetPart(next), encoder.encode(info));
  yield* zip.finish();
}
