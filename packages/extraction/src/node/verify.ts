import { sheetPart } from '../core/xlsx/package-parts.js';
import { createReadStream, promises as fs } from 'node:fs';
import { createInflateRaw } from 'node:zlib';
import type { ExtractionAnalysis } from '../core/analysis/types.js';
import { type NumberConvention, type NumberUnit, parseDate, parseNumber, splitUnit, unitXml } from '../core/column-types.js';
import { ExtractionError } from '../core/errors.js';
import { columnLetters, unescapeCellText } from '../core/xlsx/ooxml-text.js';
import type { ByteSource } from '../core/source.js';
import { dataSheetName } from '../core/messages.js';
import { dataRecords } from '../core/records.js';
import { createDecoder } from '../core/decode.js';
import { headerAbove } from '../core/detect.js';
import { readHead } from '../core/source.js';
import { truncateForCell } from '../core/xlsx/xml.js';

/** One cell whose workbook value differs from the source. */
export interface CellDifference {
  sheet: string;
  cell: string;
  /** Line of the source file. */
  line: number | null;
  expected: string;
  actual: string;
}

/** Result of {@link verifyWorkbook}. */
export interface VerificationReport {
  /** Cells compared (header included, empty cells included). */
  cells: number;
  rows: number;
  differenceCount: number;
  /** The first differences (capped). */
  differences: CellDifference[];
}

interface ZipDirectoryEntry {
  offset: number;
  compressedSize: number;
  method: number;
}

async function readDirectory(path: string): Promise<Map<string, ZipDirectoryEntry>> {
  const handle = await fs.open(path, 'r');
  try {
    const { size } = await handle.stat();
    const tailSize = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailSize);
    await handle.read(tail, 0, tailSize, size - tailSize);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0) throw new Error('end of central directory not found');
    const count = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    const dir = Buffer.alloc(dirSize);
    await handle.read(dir, 0, dirSize, dirOffset);
    const entries = new Map<string, ZipDirectoryEntry>();
    let p = 0;
    for (let i = 0; i < count; i++) {
      const nameLength = dir.readUInt16LE(p + 28);
      const name = dir.toString('utf8', p + 46, p + 46 + nameLength);
      const localOffset = dir.readUInt32LE(p + 42);
      const local = Buffer.alloc(30);
      await handle.read(local, 0, 30, localOffset);
      entries.set(name, { offset: localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28), compressedSize: dir.readUInt32LE(p + 20), method: dir.readUInt16LE(p + 10) });
      p += 46 + nameLength + dir.readUInt16LE(p + 30) + dir.readUInt16LE(p + 32);
    }
    return entries;
  } finally {
    await handle.close();
  }
}

async function* entryText(path: string, entry: ZipDirectoryEntry): AsyncGenerator<string> {
  const raw = createReadStream(path, { start: entry.offset, end: entry.offset + entry.compressedSize - 1, highWaterMark: 1 << 16 });
  const stream = entry.method === 8 ? raw.pipe(createInflateRaw()) : raw;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for await (const chunk of stream as AsyncIterable<Buffer>) yield decoder.decode(chunk, { stream: true });
  yield decoder.decode();
}

const CELL = /<c r="([A-Z]+)(\d+)"(?: s="\d+")?(?: t="(\w+)")?>(?:<v>([^<]*)<\/v>|<is><t(?: xml:space="preserve")?>([^<]*)<\/t><\/is>)<\/c>/g;

function decodeXml(text: string): string {
  const entities = text.includes('&') ? text.replace(/&(amp|lt|gt|quot|apos|#\d+);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e] ?? String.fromCharCode(Number(e.slice(1)))) : text;
  return unescapeCellText(entities);
}

function columnIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n - 1;
}

const SHARED_ITEM = /<si><t(?: xml:space="preserve")?>([^<]*)<\/t><\/si>/g;

/** The shared-strings table, read from the workbook itself (empty when there is none). */
async function readSharedStrings(path: string, entry: ZipDirectoryEntry | undefined): Promise<string[]> {
  if (!entry) return [];
  let xml = '';
  for await (const chunk of entryText(path, entry)) xml += chunk;
  return [...xml.matchAll(SHARED_ITEM)].map((m) => decodeXml(m[1]!));
}

/** Rows of a sheet: row number → cell values by column index, parsed as the XML streams by. */
async function* sheetRows(chunks: AsyncIterable<string>, shared: readonly string[]): AsyncGenerator<{ row: number; cells: Map<number, string> }> {
  let buffer = '';
  for await (const chunk of chunks) {
    buffer += chunk;
    let end = buffer.lastIndexOf('</row>');
    if (end < 0) continue;
    end += 6;
    const complete = buffer.slice(0, end);
    buffer = buffer.slice(end);
    for (const rowXml of complete.split('</row>')) {
      const start = rowXml.indexOf('<row r="');
      if (start < 0) continue;
      const row = Number(rowXml.slice(start + 8, rowXml.indexOf('"', start + 8)));
      const cells = new Map<number, string>();
      for (const m of rowXml.slice(start).matchAll(CELL)) {
        // A shared string the table does not have reads as a marker that no source value equals.
        const value = m[3] === 's' ? (shared[Number(m[4])] ?? `(chaîne partagée ${m[4]} absente)`) : m[4] !== undefined ? m[4] : decodeXml(m[5]!);
        cells.set(columnIndex(m[1]!), value);
      }
      yield { row, cells };
    }
  }
}

function expectedValue(value: string, type: string, numbers: NumberConvention, unit: NumberUnit | undefined): string {
  if (value === '') return '';
  if (type === 'integer' || type === 'decimal') {
    // A unit column: the number inside the text (a percentage divided by 100, as Excel stores it).
    const split = unit ? splitUnit(value) : null;
    const n = parseNumber(split ? split.number : value, numbers);
    return n && (!unit || split) ? String(Number(unitXml(n.xml, unit))) : value;
  }
  if (type === 'date' || type === 'datetime') {
    const d = parseDate(value);
    return d ? String(d.serial) : value;
  }
  return truncateForCell(value);
}

function actualValue(raw: string | undefined, type: string): string {
  if (raw === undefined) return '';
  if (type === 'integer' || type === 'decimal' || type === 'date' || type === 'datetime') {
    const n = Number(raw);
    return Number.isNaN(n) ? raw : String(n);
  }
  return raw;
}

/**
 * The file's own reading of row 1: when the line just above the header the workbook shows is shaped
 * like this table's header (a trailing delimiter on the data only), the real header was moved out of
 * the table: a difference at A1, whatever the analysis says. Not asked when the caller forced the line.
 */
async function movedHeader(source: ByteSource, analysis: ExtractionAnalysis): Promise<CellDifference | null> {
  if (analysis.headerLineForced || analysis.headerLine <= 1) return null;
  const head = await readHead(source, 1 << 16);
  const sample = createDecoder(analysis.encoding).decode(head.subarray(analysis.bomLength), true);
  const line = headerAbove(sample, head.byteLength < 1 << 16, analysis.delimiter, analysis.headerLine);
  if (line === null) return null;
  return { sheet: dataSheetName(0), cell: 'A1', line, expected: `l'en-tête de la ligne ${line} du fichier`, actual: `la ligne ${analysis.headerLine} du fichier` };
}

/**
 * Re-reads a workbook written by the converter (streaming, constant memory) and compares every cell of
 * its data sheets with the source: text to the character, numbers and dates by value.
 */
export async function verifyWorkbook(source: ByteSource, analysis: ExtractionAnalysis, xlsxPath: string, options: { maxDifferences?: number } = {}): Promise<VerificationReport> {
  const max = options.maxDifferences ?? 20;
  let directory: Map<string, ZipDirectoryEntry>;
  try {
    directory = await readDirectory(xlsxPath);
  } catch (cause) {
    throw new ExtractionError('WRITE_FAILED', `Le classeur « ${xlsxPath} » n'a pas pu être relu pour la vérification : il est illisible.`, { cause });
  }
  const shared = await readSharedStrings(xlsxPath, directory.get('xl/sharedStrings.xml'));
  const report: VerificationReport = { cells: 0, rows: 0, differenceCount: 0, differences: [] };
  const differ = (d: CellDifference) => {
    report.differenceCount++;
    if (report.differences.length < max) report.differences.push(d);
  };
  const types = analysis.columns.map((c) => c.type);
  const conventions = analysis.columns.map((c) => c.numbers ?? 'fr');
  const units = analysis.columns.map((c) => c.unit);
  const width = analysis.columns.length;
  const records = dataRecords(source, analysis, {})[Symbol.asyncIterator]();
  let batch: { fields: string[]; line: number }[] = [];
  let pos = 0;
  const nextRecord = async () => {
    while (pos >= batch.length) {
      const next = await records.next();
      if (next.done) return null;
      batch = next.value;
      pos = 0;
    }
    return batch[pos++]!;
  };

  const moved = await movedHeader(source, analysis);
  if (moved) differ(moved);
  for (let s = 0; s < analysis.sheets; s++) {
    const sheet = dataSheetName(s);
    const entry = directory.get(sheetPart(s + 1));
    if (!entry) {
      differ({ sheet, cell: '—', line: null, expected: 'feuille présente', actual: 'feuille absente' });
      continue;
    }
    const expectedRows = Math.max(0, Math.min(analysis.rowsPerSheet, analysis.rows - s * analysis.rowsPerSheet));
    let seen = 0;
    for await (const { row, cells } of sheetRows(entryText(xlsxPath, entry), shared)) {
      if (row === 1) {
        for (let c = 0; c < width; c++) {
          report.cells++;
          const actual = cells.get(c) ?? '';
          const expected = truncateForCell(analysis.header[c] ?? '');
          if (actual !== expected) differ({ sheet, cell: `${columnLetters(c)}1`, line: null, expected, actual });
        }
        continue;
      }
      seen++;
      report.rows++;
      const record = await nextRecord();
      if (!record) {
        differ({ sheet, cell: `A${row}`, line: null, expected: '(fin des données)', actual: 'ligne en trop' });
        continue;
      }
      for (let c = 0; c < width; c++) {
        report.cells++;
        const type = types[c]!;
        const expected = expectedValue(record.fields[c] ?? '', type, conventions[c] ?? 'fr', units[c]);
        const actual = actualValue(cells.get(c), type);
        if (actual !== expected) differ({ sheet, cell: `${columnLetters(c)}${row}`, line: record.line, expected, actual });
      }
    }
    if (seen !== expectedRows) differ({ sheet, cell: '—', line: null, expected: `${expectedRows} lignes`, actual: `${seen} lignes` });
  }
  if (await nextRecord()) differ({ sheet: dataSheetName(analysis.sheets - 1), cell: '—', line: null, expected: 'toutes les lignes', actual: 'lignes manquantes' });
  return report;
}
