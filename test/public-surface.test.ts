import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import * as certificates from '../packages/certificates/src/index.js';
import * as extraction from '../packages/extraction/src/index.js';
import { ROOT } from './helpers.js';

// The "." entries are a promise (issue 28): the task functions, their errors, and the documented
// building blocks, at most about 25 names at run time in extraction and 15 in certificates. What the
// page and the command line share with the core is in `./internal`, resolved inside the workspace
// only: the published package.json has no such entry.

test('extraction\'s "." holds these 24 names at run time, and no more', () => {
  expect(Object.keys(extraction).sort()).toEqual([
    'COLUMN_TYPE_LABELS', 'EXCEL_MAX_CELL_LENGTH', 'EXCEL_MAX_COLUMNS', 'EXCEL_MAX_ROWS', 'EXTRACTION_FILE', 'ExtractionError', 'NUMERO_UNIQUE', 'XLSX_MEDIA_TYPE',
    'analyzeExtraction', 'convertExtraction', 'convertToBytes', 'createDecoder', 'detectDelimiter', 'excelSerial', 'guessEncoding', 'inspectExtraction',
    'isExtractionError', 'isIdentifierHeader', 'isNumeroUniqueHeader', 'parseCsv', 'parseDate', 'parseNumber', 'readExtraction', 'toByteSource',
  ]);
});

test('certificates\' "." holds these 15 names at run time, and no more', () => {
  expect(Object.keys(certificates).sort()).toEqual([
    'CertificateBundle', 'CertificateError', 'DEFAULT_WARN_DAYS', 'MAX_INPUT_BYTES', 'ROLES', 'checkBundle', 'classifyCertificate', 'expiresSoon',
    'exportBundle', 'isCertificateError', 'isPortablePassword', 'openBundle', 'parseCertificate', 'passwordWarning', 'renewalCalendar',
  ]);
});

test.each(['extraction', 'certificates'])('%s: "./internal" is resolved from the sources only, and the published exports leave it out', (name) => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'packages', name, 'package.json'), 'utf8')) as { exports: Record<string, Record<string, string>>; publishConfig: { exports: Record<string, unknown> } };
  expect(manifest.exports['./internal']).toEqual({ source: './src/internal.ts' });
  expect(Object.keys(manifest.publishConfig.exports)).not.toContain('./internal');
});
