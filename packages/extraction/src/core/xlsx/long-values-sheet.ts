import type { ExtractionAnalysis } from '../analysis/types.js';
import { EXCEL_MAX_CELL_LENGTH, EXCEL_MAX_COLUMNS } from '../limits.js';
import { dataSheetName } from '../messages.js';
import { dataRecords } from '../records.js';
import type { ByteSource } from '../source.js';
import { columnLetters } from './ooxml-text.js';
import { HEADER_STYLE } from './styles.js';
import type { WriteOptions } from './types.js';
import { encoder, FLUSH_AT, NS, textCell, truncateForCell, XML_DECL } from './xml.js';

/**
 * The `Valeurs longues` sheet: the full text of every cell longer than Excel's limit, in parts of
 * that limit, read in a third pass over the source.
 */
export async function* longValuesSheet(source: ByteSource, analysis: ExtractionAnalysis, options: WriteOptions): AsyncGenerator<Uint8Array> {
  const head = ['Feuille', 'Cellule', 'Ligne du fichier', 'Longueur'];
  let xml = XML_DECL + `<worksheet ${NS}><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>`;
  xml += `<row r="1">${head.map((h, i) => textCell(`${columnLetters(i)}1`, h, HEADER_STYLE)).join('')}<c r="E1" s="${HEADER_STYLE}" t="inlineStr"><is><t>Texte complet (parties à mettre bout à bout)</t></is></c></row>`;
  let out = 1;
  let index = 0;
  // A row is yielded in pieces, one part at a time: a cell of 32 MiB of `&` is 160 MB once escaped,
  // never one string.
  function* longRow(sheet: string, cell: string, line: number, value: string): Generator<string> {
    out++;
    yield `<row r="${out}">` + textCell(`A${out}`, sheet) + textCell(`B${out}`, cell) + `<c r="C${out}"><v>${line}</v></c><c r="D${out}"><v>${value.length}</v></c>`;
    let col = 4;
    for (let start = 0; start < value.length && col < EXCEL_MAX_COLUMNS; col++) {
      const part = truncateForCell(value.slice(start, start + EXCEL_MAX_CELL_LENGTH));
      yield textCell(columnLetters(col) + out, part);
      start += part.length;
    }
    yield '</row>';
  }
  const pending: Uint8Array[] = [];
  const add = (pieces: Iterable<string>) => {
    for (const piece of pieces) {
      xml += piece;
      if (xml.length > FLUSH_AT) {
        pending.push(encoder.encode(xml));
        xml = '';
      }
    }
  };
  analysis.header.forEach((name, i) => {
    if (name.length > EXCEL_MAX_CELL_LENGTH) add(longRow(dataSheetName(0), `${columnLetters(i)}1`, 1, name));
  });
  for await (const batch of dataRecords(source, analysis, { signal: options.signal, platform: options.platform, onBytes: (bytesRead) => options.onProgress?.({ phase: 'long-values', bytesRead, totalBytes: source.size }) })) {
    for (const { fields, line } of batch) {
      const sheet = Math.floor(index / analysis.rowsPerSheet);
      const rowNumber = (index % analysis.rowsPerSheet) + 2;
      index++;
      for (let i = 0; i < fields.length; i++) {
        const value = fields[i]!;
        if (value.length <= EXCEL_MAX_CELL_LENGTH) continue;
        add(longRow(dataSheetName(sheet), columnLetters(i) + rowNumber, line, value));
        yield* pending.splice(0);
      }
    }
  }
  yield* pending.splice(0);
  yield encoder.encode(xml + '</sheetData></worksheet>');
}
