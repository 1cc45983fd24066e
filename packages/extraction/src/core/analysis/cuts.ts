import type { TextEncoding } from '../decode.js';
import { utf8Length } from '../decode.js';

// A text being parsed and where it starts, in characters and in bytes: a UTF-8 record start is
// turned into a byte offset from it. Each text remembers how far it was measured, so that the
// successive record starts of one text are measured once in all (not from its beginning each time).
type Measured = { text: string; char: number; byte: number; upTo: number; bytesUpTo: number };

/**
 * Plans where the writing pass may cut the file (`ExtractionAnalysis.cuts`): at every sheet start,
 * then at a record start at least every `segmentBytes`. Fed the decoded texts (`onText`) and the
 * record starts of the data records (`record`), in order.
 */
export class CutPlanner {
  private readonly cuts: { byte: number; record: number }[] = [];
  private readonly singleByte: boolean;
  // UTF-16: two bytes per code unit, surrogate pairs included.
  private readonly utf16: boolean;
  private possible: boolean;
  private current: Measured;
  private previous: Measured;
  private chars = 0;
  private lastCut = -Infinity;
  private lastCutChar = -Infinity;

  constructor(
    encoding: TextEncoding,
    private readonly bomLength: number,
    private readonly rowsPerSheet: number,
    private readonly segmentBytes: number,
  ) {
    this.singleByte = encoding === 'windows-1252' || encoding === 'iso-8859-15';
    this.utf16 = encoding === 'utf-16le' || encoding === 'utf-16be';
    this.possible = this.singleByte || encoding === 'utf-8' || this.utf16;
    this.current = { text: '', char: 0, byte: bomLength, upTo: 0, bytesUpTo: 0 };
    this.previous = this.current;
  }

  /** A decoded text, starting at byte `byteStart` of the file. */
  onText(text: string, byteStart: number): void {
    this.previous = this.current;
    this.current = { text, char: this.chars, byte: byteStart, upTo: 0, bytesUpTo: 0 };
    this.chars += text.length;
  }

  /** Byte offset of the character `char` of the decoded file, or null when its text is gone. */
  private byteOf(char: number): number | null {
    if (this.singleByte) return this.bomLength + char;
    if (this.utf16) return this.bomLength + 2 * char;
    for (const t of [this.current, this.previous]) {
      if (char < t.char || char > t.char + t.text.length) continue;
      const local = char - t.char;
      if (local < t.upTo) {
        t.upTo = 0;
        t.bytesUpTo = 0;
      }
      t.bytesUpTo += utf8Length(t.text, local, t.upTo);
      t.upTo = local;
      return t.byte + t.bytesUpTo;
    }
    return null;
  }

  /** The data record of 0-based index `index` starts at character `recordStart`. */
  record(recordStart: number, index: number): void {
    if (!this.possible) return;
    const mustCut = index % this.rowsPerSheet === 0;
    // Cheap test first: in characters, a segment is at least as long as in bytes… for one-byte text.
    if (!mustCut && recordStart - this.lastCutChar < this.segmentBytes / 4) return;
    const byte = this.byteOf(recordStart);
    if (byte === null) {
      // A record longer than the texts kept (a huge quoted field): no cut there.
      if (mustCut) this.possible = false;
    } else if (mustCut || byte - this.lastCut >= this.segmentBytes) {
      this.cuts.push({ byte, record: index });
      this.lastCut = byte;
      this.lastCutChar = recordStart;
    }
  }

  /** The cuts, or none when a sheet start could not be placed. */
  result(): { byte: number; record: number }[] {
    return this.possible ? this.cuts : [];
  }
}
