// The "./node" entry: convert a file, read a file as a source, verify a written workbook.
export { convertFile } from './convert-file.js';
export type { ConvertFileOptions, FileConversionReport } from './convert-file.js';
export { DEFAULT_COMPRESSION_LEVEL, nodeDeflate } from './deflate.js';
export { defaultOutputPath, fileSource } from './files.js';
export { nodePlatform } from './platform.js';
export { verifyWorkbook } from './verify.js';
export type { CellDifference, VerificationReport } from './verify.js';
