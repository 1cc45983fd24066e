import { ExtractionError, inputChangedError, isExtractionError } from './errors.js';

/**
 * A re-readable source of bytes. The converter reads its input twice (once to decide the column types,
 * once to write), so a source is something that can be opened more than once.
 */
export interface ByteSource {
  /** A display name (file name), used in reports. */
  readonly name?: string;
  /** Total size in bytes when known; drives progress reporting. */
  readonly size?: number;
  /** Opens a fresh stream of the bytes, from the start. */
  open(): AsyncIterable<Uint8Array>;
}

/**
 * Anything the converter accepts as input: bytes, a Blob/File (browser), a {@link ByteSource}, or a
 * one-shot stream (web `ReadableStream`, Node `Readable` such as `fs.createReadStream()`, or any async
 * iterable of bytes). On Node, a one-shot stream is copied to a private temp file (removed once the
 * work is done); in a browser, it is gathered into a Blob, which the browser may keep on disk.
 */
export type ExtractionInput = Uint8Array | ArrayBuffer | Blob | ByteSource | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/**
 * A re-readable source: `open()` and not itself a stream (Node's `fs.ReadStream` has a deprecated
 * `open()` of its own, and is a one-shot stream).
 */
function isByteSource(input: unknown): input is ByteSource {
  return typeof (input as ByteSource).open === 'function' && typeof (input as AsyncIterable<unknown>)[Symbol.asyncIterator] !== 'function' && typeof (input as { pipe?: unknown }).pipe !== 'function';
}

/** `INPUT_TOO_LARGE`: the input passed the caller's `maxInputBytes`. */
export function inputTooLarge(maxBytes: number): ExtractionError {
  return new ExtractionError('INPUT_TOO_LARGE', `Le fichier dépasse la taille permise (${maxBytes} octets) : rien n'a été converti.`, { details: { maxBytes } });
}

/**
 * Like {@link toByteSource}, but also accepts one-shot streams (gathered into a Blob first). A
 * stream stops at `maxBytes` + 1 bytes, counted as they arrive (an upload never holds more).
 */
export async function resolveInput(input: ExtractionInput, name?: string, maxBytes = Infinity): Promise<ByteSource> {
  if (input instanceof Uint8Array || input instanceof ArrayBuffer || (typeof Blob !== 'undefined' && input instanceof Blob) || isByteSource(input)) {
    const source = toByteSource(input, name);
    if ((source.size ?? 0) > maxBytes) throw inputTooLarge(maxBytes);
    return source;
  }
  const parts: BlobPart[] = [];
  let total = 0;
  const keep = (chunk: Uint8Array) => {
    total += chunk.byteLength;
    if (total > maxBytes) throw inputTooLarge(maxBytes);
    parts.push(chunk as Uint8Array<ArrayBuffer>);
  };
  const chunks = typeof ReadableStream !== 'undefined' && input instanceof ReadableStream ? readerChunks(input) : (input as AsyncIterable<Uint8Array>);
  for await (const chunk of chunks) keep(chunk);
  return toByteSource(new Blob(parts), name);
}

/**
 * A web stream's chunks, read without relying on its async iteration (missing in older browsers);
 * stopping early cancels the stream.
 */
export async function* readerChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

/**
 * @internal The bytes of a Blob. A File changed or removed on disk since it was chosen cannot be read
 * any more (browsers throw NotReadableError, or a TypeError « network error »): that is
 * `INPUT_CHANGED`, as on Node, never an unexpected error.
 */
export async function* blobChunks(blob: Blob): AsyncGenerator<Uint8Array> {
  try {
    yield* readerChunks(blob.stream());
  } catch (error) {
    throw isExtractionError(error) ? error : inputChangedError();
  }
}

/** The file names of extractions: `.csv`, `.txt`, `.tsv` (the one rule for folders, zips, names and the page). */
export const EXTRACTION_FILE = /\.(csv|txt|tsv)$/i;

/** @internal The same extensions, in the order a name without one is tried, and as a sentence says them. */
export const EXTRACTION_EXTENSIONS = ['.csv', '.txt', '.tsv'] as const;
/** @internal « .csv, .txt ou .tsv ». */
export const EXTRACTION_EXTENSIONS_TEXT = `${EXTRACTION_EXTENSIONS.slice(0, -1).join(', ')} ou ${EXTRACTION_EXTENSIONS.at(-1)}`;

const CHUNK = 1 << 16;

/** Wraps re-readable input (bytes, Blob, {@link ByteSource}) into a {@link ByteSource}. */
export function toByteSource(input: Uint8Array | ArrayBuffer | Blob | ByteSource, name?: string): ByteSource {
  if (input instanceof Uint8Array || input instanceof ArrayBuffer) {
    const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
    return {
      name,
      size: bytes.byteLength,
      async *open() {
        for (let offset = 0; offset < bytes.byteLength; offset += CHUNK) {
          yield bytes.subarray(offset, Math.min(offset + CHUNK, bytes.byteLength));
        }
      },
    };
  }
  if (typeof Blob !== 'undefined' && input instanceof Blob) {
    const blob = input;
    const fileName = name ?? (blob as Blob & { name?: string }).name;
    return {
      name: fileName,
      size: blob.size,
      open: () => blobChunks(blob),
    };
  }
  return input as ByteSource;
}

/** Reads up to `max` bytes from the start of a source. */
export async function readHead(source: ByteSource, max: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of source.open()) {
    parts.push(chunk);
    length += chunk.byteLength;
    if (length >= max) break;
  }
  const head = new Uint8Array(Math.min(length, max));
  let offset = 0;
  for (const part of parts) {
    const take = Math.min(part.byteLength, head.byteLength - offset);
    head.set(part.subarray(0, take), offset);
    offset += take;
    if (offset >= head.byteLength) break;
  }
  return head;
}
