import type { FieldRemap } from './decode.js';

/** Receives each parsed record with the 1-based physical line where it starts. */
/** Field delimiters the converter recognises. */
export type Delimiter = ';' | ',' | '\t' | '|';

export type RecordHandler = (fields: string[], line: number) => void;

const QUOTE = 34;
const LF = 10;
const CR = 13;

const NO_MARKS = new Uint8Array(256);

/**
 * Bounds of one record, checked as the text is read, so that memory follows the limits and never the
 * input: a line of 40 MB of `;` stops at the field past `maxFields`, a giant cell at `maxFieldLength`
 * characters. `onLimit` throws the caller's coded error (it must not return).
 */
export interface ParserLimits {
  maxFields: number;
  maxFieldLength: number;
  onLimit: (kind: 'columns' | 'cell', line: number, column: number) => never;
}

const NO_LIMITS: ParserLimits = {
  maxFields: Infinity,
  maxFieldLength: Infinity,
  onLimit: () => {
    throw new Error('unreachable');
  },
};

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
  AfterCr,
}

/**
 * Incremental RFC 4180 parser over decoded text. Text is pushed in chunks of any size (a record may
 * span many chunks) and every complete record is handed to the callback, so memory stays bounded by
 * the longest record, never by the file.
 *
 * Lenient where real files are: a quote inside an unquoted field is kept as a character, text after a
 * closing quote is kept, CRLF, LF and lone CR all end a record, and an unclosed quote at the end of the
 * input keeps everything it swallowed (and is reported through {@link CsvParser.unclosedQuoteLine}).
 *
 * Given a {@link FieldRemap}, the text pushed is a raw Latin-1 reading and the fields holding a
 * character it marks are fixed as they end (the others, nearly all, are kept as they are).
 */
export class CsvParser {
  private readonly delimiter: number;
  private readonly onRecord: RecordHandler;
  private state: State = State.FieldStart;
  private fields: string[] = [];
  private field = '';
  /** The field being read holds a character the remap must fix (or was quoted: checked at its end). */
  private dirty = false;
  private readonly remap: FieldRemap | null;
  private readonly marks: Uint8Array;
  private line = 1;
  private recordLine = 1;
  private quoteLine = 0;
  /** Characters pushed before the current chunk. */
  private consumed = 0;
  /**
   * Character offset, in all the text pushed so far, where the record being handed to the callback
   * starts: a place where a parser can start afresh (the writing pass cuts the file there).
   */
  recordStart = 0;
  /** Line where an unclosed quote opened, once {@link end} has run; 0 when every quote was closed. */
  unclosedQuoteLine = 0;
  /** Lines of fields with text after their closing quote (`"q"x`), the first 20, and how many in all. */
  readonly malformedQuoteLines: number[] = [];
  malformedQuoteCount = 0;

  private readonly limits: ParserLimits;

  constructor(delimiter: string, onRecord: RecordHandler, remap: FieldRemap | null = null, limits: ParserLimits = NO_LIMITS) {
    this.delimiter = delimiter.charCodeAt(0);
    this.onRecord = onRecord;
    this.remap = remap;
    this.marks = remap?.marks ?? NO_MARKS;
    this.limits = limits;
  }

  /** Appends to the field being read, within {@link ParserLimits.maxFieldLength}. */
  private grow(text: string): void {
    this.field += text;
    if (this.field.length > this.limits.maxFieldLength) this.limits.onLimit('cell', this.recordLine, this.fields.length + 1);
  }

  /** Physical lines consumed so far. */
  get currentLine(): number {
    return this.line;
  }

  push(text: string): void {
    const delimiter = this.delimiter;
    const marks = this.marks;
    const n = text.length;
    let i = 0;
    while (i < n) {
      switch (this.state) {
        case State.AfterCr: {
          if (text.charCodeAt(i) === LF) i++;
          this.state = State.FieldStart;
          break;
        }
        case State.FieldStart: {
          if (this.fields.length === 0) {
            this.recordLine = this.line;
            this.recordStart = this.consumed + i;
          }
          if (text.charCodeAt(i) === QUOTE) {
            this.state = State.Quoted;
            this.quoteLine = this.line;
            i++;
            break;
          }
          this.state = State.Unquoted;
        }
        // falls through
        case State.Unquoted: {
          let j = i;
          let c = 0;
          let dirty = false;
          for (; j < n; j++) {
            c = text.charCodeAt(j);
            if (c === delimiter || c === LF || c === CR) break;
            if (c >= 0x80 && c < 0x100 && marks[c] === 1) dirty = true;
          }
          if (dirty) this.dirty = true;
          if (j === n) {
            this.grow(text.slice(i, j));
            i = n;
            break;
          }
          if (this.field === '') this.field = text.slice(i, j);
          else this.grow(text.slice(i, j));
          i = j + 1;
          this.endField();
          if (c === delimiter) this.state = State.FieldStart;
          else this.endLine(c === CR);
          break;
        }
        case State.Quoted: {
          // Doubled quotes inside the chunk are skipped over and undone with one split: appending
          // them one by one builds a rope of millions of pieces (a 10 MB field of `x""` took 700 MB).
          let j = text.indexOf('"', i);
          while (j !== -1 && j + 1 < n && text.charCodeAt(j + 1) === QUOTE) j = text.indexOf('"', j + 2);
          const end = j === -1 ? n : j;
          for (let k = text.indexOf('\n', i); k !== -1 && k < end; k = text.indexOf('\n', k + 1)) this.line++;
          const run = text.slice(i, end);
          this.grow(run.indexOf('""') === -1 ? run : run.split('""').join('"'));
          if (this.remap !== null) this.dirty = true;
          if (j === -1) {
            i = n;
          } else {
            i = j + 1;
            this.state = State.QuoteInQuoted;
          }
          break;
        }
        case State.QuoteInQuoted: {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            this.grow('"');
            i++;
            this.state = State.Quoted;
          } else if (c === delimiter) {
            i++;
            this.endField();
            this.state = State.FieldStart;
          } else if (c === LF || c === CR) {
            i++;
            this.endField();
            this.endLine(c === CR);
          } else {
            // `"abc"def`: not RFC 4180; kept as Excel reads it (`abcdef`), and reported.
            this.malformedQuoteCount++;
            if (this.malformedQuoteLines.length < 20) this.malformedQuoteLines.push(this.line);
            this.state = State.Unquoted;
          }
          break;
        }
      }
    }
    this.consumed += n;
  }

  /** Flushes the last record. Call once, after the last {@link push}. */
  end(): void {
    if (this.state === State.Quoted) this.unclosedQuoteLine = this.quoteLine;
    if (this.state === State.AfterCr) return;
    if (this.state !== State.FieldStart || this.fields.length > 0) {
      this.endField();
      this.emit();
    }
    this.state = State.FieldStart;
  }

  private endField(): void {
    if (this.fields.length >= this.limits.maxFields) this.limits.onLimit('columns', this.recordLine, this.fields.length + 1);
    if (this.dirty) {
      this.fields.push(this.remap!.apply(this.field));
      this.dirty = false;
    } else {
      this.fields.push(this.field);
    }
    this.field = '';
  }

  private endLine(cr: boolean): void {
    this.emit();
    this.line++;
    this.state = cr ? State.AfterCr : State.FieldStart;
  }

  private emit(): void {
    const fields = this.fields;
    this.fields = [];
    this.onRecord(fields, this.recordLine);
  }
}

/** Parses a whole string at once (tests, small inputs). */
export function parseCsv(text: string, delimiter: string): { records: string[][]; unclosedQuoteLine: number } {
  const records: string[][] = [];
  const parser = new CsvParser(delimiter, (fields) => records.push(fields));
  parser.push(text);
  parser.end();
  return { records, unclosedQuoteLine: parser.unclosedQuoteLine };
}
