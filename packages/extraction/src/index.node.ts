/**
 * The "." entry as Node resolves it (the `node` export condition): the same API as the browser
 * entry, with Node's fast paths chosen for the caller — zlib's native deflate and Latin-1 decoding
 * — so that `import { convertToBytes } from '@sne-toolbox/extraction'` is as fast on Node as
 * `./node`'s `convertFile`. Options given by the caller still win.
 */
import {
  type Conversion,
  type ConvertOptions,
  convertExtraction as convertWithPlatform,
  convertToBytes as bytesWithPlatform,
  ExtractionError,
  type ExtractionInput,
  type ExtractionRows,
  inspectExtraction as inspectWithPlatform,
  readExtraction as readWithPlatform,
} from './index.js';
import { nodeDeflate } from './node/deflate.js';
import { fileSource, spoolToTempFile } from './node/files.js';
import { checkConvertOptions } from './core/options.js';
import { conversionOf } from './core/convert.js';
import { inputTooLarge, readerChunks } from './core/source.js';
import { nodePlatform } from './node/platform.js';

export * from './index.js';

function onNode(options: ConvertOptions): ConvertOptions {
  return { deflate: nodeDeflate(), platform: nodePlatform, ...options };
}

/** A stream that can be read only once: a Node `Readable` (an `fs.ReadStream`, a request), a web `ReadableStream`, an async iterable. */
function isOneShot(input: ExtractionInput): input is AsyncIterable<Uint8Array> | ReadableStream<Uint8Array> {
  if (input instanceof Uint8Array || input instanceof ArrayBuffer || input instanceof Blob) return false;
  return typeof (input as ReadableStream).getReader === 'function' || typeof (input as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function';
}

/**
 * On Node, a one-shot stream is copied to a private temp file (the converter reads its input twice)
 * instead of being gathered in memory; `done` removes the copy. Anything else is read in place.
 */
async function readable(input: ExtractionInput, options: ConvertOptions): Promise<{ input: ExtractionInput; done: () => Promise<void>; once: boolean }> {
  // Options first: a typo never costs the copy of a whole upload.
  checkConvertOptions(options as Record<string, unknown>);
  if (!isOneShot(input)) return { input, done: async () => {}, once: false };
  const stream = typeof (input as ReadableStream).getReader === 'function' ? readerChunks(input as ReadableStream<Uint8Array>) : (input as AsyncIterable<Uint8Array>);
  const copy = await spoolToTempFile(bounded(stream, options.maxInputBytes ?? Infinity), options.name ?? 'entree.csv', options.signal ? { signal: options.signal } : {});
  const source = await fileSource(copy.path);
  return { input: { ...source, name: options.name ?? source.name }, done: copy.cleanup, once: true };
}

/** The chunks of a stream, stopped with `INPUT_TOO_LARGE` as soon as they pass `maxBytes` (an upload never fills the disk). */
async function* bounded(chunks: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.byteLength;
    if (total > maxBytes) throw inputTooLarge(maxBytes);
    yield chunk;
  }
}

const READ_ONCE = 'Ce classeur vient d\'un flux, qui se lit une seule fois : il a déjà été lu. Pour le relire, convertissez de nouveau depuis le fichier (un chemin, un Blob) ou depuis un nouveau flux.';

/**
 * The same conversion, whose temp copy is removed once a reading of its workbook ends (or fails).
 * A conversion of a one-shot stream (`once`) can then be read only once: a second reading is
 * `USAGE`, never an `INPUT_CHANGED` naming a temp file the caller never saw.
 */
function removedAfter(conversion: Conversion, done: () => Promise<void>, once: boolean): Conversion {
  let read = false;
  return conversionOf(conversion.analysis, async function* () {
    if (once && read) throw new ExtractionError('USAGE', READ_ONCE);
    read = true;
    try {
      yield* conversion.workbook();
    } finally {
      await done();
    }
  });
}

/** {@inheritDoc convertWithPlatform} */
export async function convertExtraction(input: ExtractionInput, options: ConvertOptions = {}): ReturnType<typeof convertWithPlatform> {
  const ready = await readable(input, options);
  try {
    return removedAfter(await convertWithPlatform(ready.input, onNode(options)), ready.done, ready.once);
  } catch (error) {
    await ready.done();
    throw error;
  }
}

/** Runs a task that reads its input to the end, on a readable input, then removes a temp copy. */
async function once<T>(input: ExtractionInput, options: ConvertOptions, task: (input: ExtractionInput, options: ConvertOptions) => Promise<T>): Promise<T> {
  const ready = await readable(input, options);
  try {
    return await task(ready.input, onNode(options));
  } finally {
    await ready.done();
  }
}

/** {@inheritDoc bytesWithPlatform} */
export function convertToBytes(input: ExtractionInput, options: ConvertOptions = {}): ReturnType<typeof bytesWithPlatform> {
  return once(input, options, bytesWithPlatform);
}

/** {@inheritDoc inspectWithPlatform} */
export function inspectExtraction(input: ExtractionInput, options: ConvertOptions = {}): ReturnType<typeof inspectWithPlatform> {
  return once(input, options, inspectWithPlatform);
}

/** {@inheritDoc readWithPlatform} */
export async function readExtraction(input: ExtractionInput, options: ConvertOptions = {}): Promise<ExtractionRows> {
  const ready = await readable(input, options);
  try {
    const result = await readWithPlatform(ready.input, onNode(options));
    const rows = async function* () {
      try {
        yield* result.rows;
      } finally {
        await ready.done();
      }
    };
    return { ...result, rows: rows() };
  } catch (error) {
    await ready.done();
    throw error;
  }
}
