// The "." entry, browser-safe: what we promise to keep (24 names at run time). The engine's parts
// (the CSV tokenizer, the sheet writers, the zip writer) are imported from their modules inside the
// package; what the page shares with them is in internal.ts, which is not published.

// Tasks: convert, inspect, analyse.
export { convertExtraction, convertToBytes, inspectExtraction, XLSX_MEDIA_TYPE } from './core/convert.js';
export { readExtraction } from './core/read-rows.js';
export { EXTRACTION_FILE } from './core/source.js';
export type { CellValue, ExtractionRows } from './core/read-rows.js';
export type { ColumnReport, Conversion, ConversionReport, ConvertOptions } from './core/convert.js';
export { analyzeExtraction } from './core/analysis/analyze.js';
export type { AnalyzeOptions, ConversionProgress, ExtractionAnalysis } from './core/analysis/types.js';
export type { WriteOptions } from './core/xlsx/types.js';
export { toByteSource } from './core/source.js';
export type { ByteSource, ExtractionInput } from './core/source.js';

// Errors and warnings.
export { ExtractionError, isExtractionError } from './core/errors.js';
export type { ExtractionErrorCode, ExtractionWarning, ExtractionWarningCode, WarningRemedy } from './core/errors.js';

// Documented building blocks: Excel's limits, value parsing, detection, decoding, CSV records.
export { EXCEL_MAX_CELL_LENGTH, EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS } from './core/limits.js';
export { excelSerial, isIdentifierHeader, isNumeroUniqueHeader, NUMERO_UNIQUE, parseDate, parseNumber } from './core/column-types.js';
export type { ColumnInfo, ColumnType, NumberConvention, NumberUnit, ParsedDate, ParsedNumber, TextReason } from './core/column-types.js';
export { parseCsv } from './core/csv-parser.js';
export { detectDelimiter, guessEncoding } from './core/detect.js';
export type { Delimiter, FileKind } from './core/detect.js';
export { createDecoder } from './core/decode.js';
export type { EncodingSource, Platform, StreamDecoder, TextEncoding } from './core/decode.js';
export { COLUMN_TYPE_LABELS } from './core/messages.js';
export type { CompressedPiece, Deflater } from './core/zip/zip-writer.js';
