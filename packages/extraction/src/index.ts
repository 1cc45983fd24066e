// The "." entry, browser-safe: what we promise to keep. The engine's parts (the CSV tokenizer, the
// sheet writers, CRC-32) are imported from their modules inside the package only.

// Tasks: convert, inspect, analyse.
export { convertExtraction, convertToBytes, inspectExtraction, reportOf, XLSX_MEDIA_TYPE } from './core/convert.js';
export { readExtraction } from './core/read-rows.js';
export { EXTRACTION_FILE } from './core/source.js';
export type { CellValue, ExtractionRows } from './core/read-rows.js';
export type { ColumnReport, Conversion, ConversionReport, ConvertOptions } from './core/convert.js';
export { analyzeExtraction } from './core/analysis/analyze.js';
export type { AnalyzeOptions, ConversionProgress, ExtractionAnalysis } from './core/analysis/types.js';
export type { WriteOptions } from './core/xlsx/types.js';
export { resolveInput, toByteSource } from './core/source.js';
export type { ByteSource, ExtractionInput } from './core/source.js';

// Errors and warnings.
export { ExtractionError, isExtractionError } from './core/errors.js';
export type { ExtractionErrorCode, ExtractionWarning, ExtractionWarningCode, WarningRemedy } from './core/errors.js';

// Documented building blocks: Excel's limits, value parsing, detection, decoding, CSV records.
export { EXCEL_MAX_CELL_LENGTH, EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS } from './core/limits.js';
export { excelSerial, isIdentifierHeader, isNumeroUniqueHeader, NUMERO_UNIQUE, parseDate, parseNumber } from './core/column-types.js';
export type { ColumnInfo, ColumnType, NumberConvention, NumberUnit, ParsedDate, ParsedNumber, TextReason } from './core/column-types.js';
export { parseCsv } from './core/csv-parser.js';
export { DELIMITERS, describeDelimiter, describeFileKind, detectBom, detectDelimiter, guessEncoding, sniffFileKind } from './core/detect.js';
export type { Delimiter, FileKind } from './core/detect.js';
export { createDecoder, TEXT_ENCODINGS } from './core/decode.js';
export type { EncodingSource, Platform, StreamDecoder, TextEncoding } from './core/decode.js';
export { columnTypeLabel, columnReasonLabel } from './core/xlsx/info-sheet.js';
export { COLUMN_TYPE_LABELS, dataSheetName, INFO_SHEET, LONG_VALUES_SHEET } from './core/messages.js';
// The streaming zip writer stays public: the web page zips certificate bundles with it.
export { webDeflate, ZipWriter } from './core/zip/zip-writer.js';
export type { CompressedPiece, Deflater } from './core/zip/zip-writer.js';
