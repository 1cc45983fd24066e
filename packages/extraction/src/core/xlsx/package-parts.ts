import type { ExtractionAnalysis } from '../analysis/types.js';
import { columnLetters, escapeXml } from './ooxml-text.js';
import { NS, XML_DECL } from './xml.js';

// The OPC parts that tie the package together: the workbook, the relationships, the content types.

/** The zip path of worksheet `n` (1-based, in the workbook's order): the one place the name is made. */
export function sheetPart(n: number): string {
  return `xl/worksheets/sheet${n}.xml`;
}

/** `xl/workbook.xml`, its relationships and `[Content_Types].xml`, for these sheets. */
export function workbookParts(sheetNames: readonly string[], dataSheets: number, analysis: ExtractionAnalysis, shared: boolean): { workbook: string; rels: string; types: string } {
  const lastCol = columnLetters(Math.max(analysis.columns.length, 1) - 1);
  const sheets = sheetNames.map((name, i) => `<sheet name="${escapeXml(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  const filters = Array.from({ length: dataSheets }, (_, i) => {
    const rows = Math.min(analysis.rowsPerSheet, analysis.rows - i * analysis.rowsPerSheet);
    return `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">'${sheetNames[i]}'!$A$1:$${lastCol}$${Math.max(rows, 0) + 1}</definedName>`;
  }).join('');
  const workbook =
    XML_DECL +
    `<workbook ${NS}><bookViews><workbookView activeTab="0"/></bookViews><sheets>${sheets}</sheets>` +
    `<definedNames>${filters}</definedNames><calcPr calcId="191029"/></workbook>`;
  const rels =
    XML_DECL +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    sheetNames
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${sheetPart(i + 1).slice(3)}"/>`)
      .join('') +
    `<Relationship Id="rId${sheetNames.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
    (shared ? `<Relationship Id="rId${sheetNames.length + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` : '') +
    '</Relationships>';
  const types =
    XML_DECL +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    (shared ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : '') +
    sheetNames
      .map((_, i) => `<Override PartName="/${sheetPart(i + 1)}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
      .join('') +
    '</Types>';
  return { workbook, rels, types };
}

/** `_rels/.rels`: the package's one relationship, to the workbook. */
export const ROOT_RELS =
  XML_DECL +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  '</Relationships>';
