// Characters XML 1.0 cannot hold, written with the OOXML `_xHHHH_` escape; the literal `_xHHHH_`
// sequences that Excel would otherwise decode, protected as `_x005F_xHHHH_`; and CR, written `&#13;`:
// a character reference survives XML line-end normalisation (a raw CR would come back as LF) and, unlike
// `_x000D_`, is decoded by every XML reader, not only by Excel and LibreOffice.
const NEEDS_WORK = /[&<>\u0000-\u0008\u000B\u000C\u000D\u000E-\u001F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;
const ESCAPES = /[&<>\u0000-\u0008\u000B\u000C\u000D\u000E-\u001F\uFFFE\uFFFF]|_(?=x[0-9A-Fa-f]{4}_)/g;

function escapeOne(ch: string): string {
  switch (ch) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    case '_':
      return '_x005F_';
    case '\r':
      return '&#13;';
    default:
      return `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;
  }
}

/**
 * Escapes text for an OOXML `<t>` element so that Excel and LibreOffice read back exactly the source
 * string: XML entities, control characters as `_xHHHH_`, and a literal `_xHHHH_` protected as
 * `_x005F_xHHHH_`.
 */
export function escapeCellText(text: string): string {
  return NEEDS_WORK.test(text) ? text.replace(ESCAPES, escapeOne) : text;
}

/** Escapes text for an XML attribute or a plain element (sheet names, metadata). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Reverses {@link escapeCellText} for `_xHHHH_` (used by the verifier, after XML entity decoding). */
export function unescapeCellText(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/** True when the text needs `xml:space="preserve"` (leading or trailing whitespace). */
export function needsPreserve(text: string): boolean {
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  return first === 32 || first === 9 || first === 10 || last === 32 || last === 9 || last === 10 || first === 13 || last === 13;
}

/** Column letters of a 0-based column index (0 → A, 26 → AA). */
export function columnLetters(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
