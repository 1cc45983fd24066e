/**
 * Text that comes from a file (a certificate subject, a CSV header, a zip member name) is shown
 * to a person and turned into file names. Terminals obey what it holds: ESC sequences set the
 * title or clear the screen, CR rewinds the line, C1 controls (U+009B is CSI) act as ESC [, and
 * bidi controls reorder what a name displays (`U+202E gnp.cod` shows as `doc.png`). JSON keeps
 * the exact value; what is printed or used as a name goes through this module.
 */

/** C0 controls, DEL, C1 controls, the line and paragraph separators, and the bidi embedding, override and isolate controls. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** True when `text` holds a character that {@link printable} would escape. */
export function hasUnsafeCharacters(text: string): boolean {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(text);
}

/**
 * A field of untrusted text made safe to print: each control or bidi character is written as a
 * visible escape (`\x1b`, `\r`, `\u202e`), so nothing reaches the terminal raw and a reader
 * still sees that it was there. `keepNewlines` keeps line breaks, for a message of several lines
 * that we wrote ourselves around untrusted parts.
 */
export function printable(text: string, options: { keepNewlines?: boolean } = {}): string {
  return text.replace(UNSAFE, (ch) => {
    if (ch === '\n' && options.keepNewlines) return ch;
    const code = ch.charCodeAt(0);
    if (ch === '\n') return '\\n';
    if (ch === '\r') return '\\r';
    if (ch === '\t') return '\\t';
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * Characters JSON.stringify leaves raw that a terminal still acts on or that reorder text: DEL, C1
 * controls (U+009B is CSI), the bidi marks, embeddings, overrides and isolates, and the line and
 * paragraph separators. C0 controls are already escaped by JSON.stringify.
 */
const RAW_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text for a terminal or a pipe: the exact values (a parser reads back the same strings), with
 * every character JSON.stringify would leave raw and a terminal would obey written as `\uXXXX`.
 * They can only occur inside strings, where the escape means the same character.
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(RAW_IN_JSON, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`) + '\n';
}

/**
 * Characters that show nothing in a file name but make two names differ: zero-width space, joiners,
 * word joiner, BOM, soft hyphen, and the tag characters (U+E0000–U+E007F).
 */
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]|\udb40[\udc00-\udc7f]/g;

/** Names Windows reserves for devices, with or without an extension, in any case. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])(\..*)?$/i;

/** Characters Windows refuses in a file name. */
const WINDOWS_FORBIDDEN = /[\\/:*?"<>|]/g;

/** At most `max` code points of `text`: a surrogate pair is never split. */
export function codePointSlice(text: string, max: number): string {
  let out = '';
  let count = 0;
  for (const ch of text) {
    if (count++ >= max) break;
    out += ch;
  }
  return out;
}

/** At most `maxBytes` bytes of UTF-8 of `text`, cut on a character boundary. */
export function utf8Slice(text: string, maxBytes: number): string {
  let out = '';
  let size = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    size += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (size > maxBytes) break;
    out += ch;
  }
  return out;
}

/**
 * Untrusted text made safe as (part of) a file name on Windows and elsewhere: controls, bidi marks,
 * zero-width and tag characters dropped, characters Windows refuses replaced by a space, spaces
 * collapsed, at most `maxLength` code points and `maxBytes` bytes of UTF-8 (file systems allow 255
 * bytes per name: the caller keeps room for the rest of the name), no trailing dot or space, never
 * a name Windows reserves (CON, PRN, AUX, NUL, COM1–9, LPT1–9, with or without an extension).
 * Returns '' when nothing usable is left: the caller then uses its own plain name.
 */
export function safeFileStem(text: string, maxLength = 60, maxBytes = 200): string {
  const cleaned = utf8Slice(
    codePointSlice(text.normalize('NFC').replace(UNSAFE, '').replace(INVISIBLE, '').replace(WINDOWS_FORBIDDEN, ' ').replace(/\s+/g, ' ').trim(), maxLength),
    maxBytes,
  ).replace(/[. ]+$/, '');
  if (!cleaned || /^[. ]*$/.test(cleaned)) return '';
  return WINDOWS_RESERVED.test(cleaned) ? '' : cleaned;
}
