import { EXCEL_MAX_CELL_LENGTH } from '../limits.js';
import { escapeCellText } from './ooxml-text.js';

const encoder = new TextEncoder();

/** Bytes of an ASCII or UTF-8 string, for the constant parts of the XML. */
export function utf8Bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * A growing byte buffer the sheet XML is written into directly, as UTF-8.
 *
 * Why not strings: building a 128 KB chunk with `+=` makes a rope of thousands of small strings, and
 * encoding it (`TextEncoder.encodeInto`) first flattens that rope, which the profile showed to be the
 * largest single cost of the writing pass (3 s of 10 on 200,000 rows). Writing each piece straight as
 * bytes skips both the rope and the flattening.
 */
export class XmlBytes {
  private buf: Uint8Array;
  /** `buf.length`, kept in a field: typed-array length getters are calls, and this test runs per piece. */
  private capacity: number;
  pos = 0;

  constructor(capacity = 1 << 18) {
    this.buf = new Uint8Array(capacity);
    this.capacity = capacity;
  }

  /** Makes room for `n` more bytes. */
  reserve(n: number): void {
    if (this.pos + n <= this.capacity) return;
    let size = this.capacity * 2;
    while (size < this.pos + n) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
    this.capacity = size;
  }

  /** Copies constant bytes (a pre-encoded tag). */
  bytes(b: Uint8Array): void {
    // The length read once: `byteLength` in the loop test is a getter call per byte (6x slower).
    const n = b.length;
    this.reserve(n);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < n; i++) buf[pos++] = b[i]!;
    this.pos = pos;
  }

  /** Writes a string known to be ASCII (numbers, cell references). */
  ascii(text: string): void {
    this.reserve(text.length);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < text.length; i++) buf[pos++] = text.charCodeAt(i);
    this.pos = pos;
  }

  /** Writes any string as UTF-8 (a lone surrogate becomes U+FFFD, as `TextEncoder` does). */
  utf8(text: string): void {
    this.encode(text, false);
  }

  /**
   * Writes cell text escaped for a `<t>` element, exactly as `escapeCellText(truncateForCell(value))`
   * then UTF-8 would. The common case (no `& < > _`, no control character, no U+FFFE/U+FFFF, within
   * Excel's cell limit) is encoded in one loop; anything else takes the string path.
   */
  cellText(value: string, truncate: (value: string) => string): void {
    if (value.length > EXCEL_MAX_CELL_LENGTH || !this.encode(value, true)) this.encode(escapeCellText(truncate(value)), false);
  }

  /**
   * UTF-8 of `text`. With `plainOnly`, stops at the first character a `<t>` element cannot hold as it
   * is (`& < > _`, controls other than tab and line feed, U+FFFE, U+FFFF, a lone surrogate), writes
   * nothing and returns false.
   */
  private encode(text: string, plainOnly: boolean): boolean {
    this.reserve(text.length * 3);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (c < 0x80) {
        if (plainOnly && (c === 38 || c === 60 || c === 62 || c === 95 || (c < 0x20 && c !== 9 && c !== 10))) return false;
        buf[pos++] = c;
      } else if (c < 0x800) {
        buf[pos++] = 0xc0 | (c >> 6);
        buf[pos++] = 0x80 | (c & 0x3f);
      } else {
        if (c >= 0xd800 && c <= 0xdfff) {
          const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
          if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
            const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
            i++;
            buf[pos++] = 0xf0 | (cp >> 18);
            buf[pos++] = 0x80 | ((cp >> 12) & 0x3f);
            buf[pos++] = 0x80 | ((cp >> 6) & 0x3f);
            buf[pos++] = 0x80 | (cp & 0x3f);
            continue;
          }
          if (plainOnly) return false;
          c = 0xfffd;
        } else if (plainOnly && c >= 0xfffe) {
          return false;
        }
        buf[pos++] = 0xe0 | (c >> 12);
        buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
        buf[pos++] = 0x80 | (c & 0x3f);
      }
    }
    this.pos = pos;
    return true;
  }

  /** The bytes written so far, without copying: valid until the next write or {@link clear}. */
  view(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  /** Bytes the buffer holds before it must grow. */
  get size(): number {
    return this.capacity;
  }

  /** Empties the buffer, keeping its capacity. */
  clear(): void {
    this.pos = 0;
  }

  /** The bytes written so far (a copy), and an empty buffer for what follows. */
  take(): Uint8Array {
    const out = this.buf.slice(0, this.pos);
    this.pos = 0;
    return out;
  }
}
