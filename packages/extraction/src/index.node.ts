/**
 * The "." entry as Node resolves it (the `node` export condition): the same API as the browser
 * entry, with Node's fast paths chosen for the caller — zlib's native deflate and Latin-1 decoding
 * — so that `import { convertToBytes } from '@sne-toolbox/extraction'` is as fast on Node as
 * `./node`'s `convertFile`. Options given by the caller still win.
 */
import { type ConvertOptions, convertExtraction as convertWithPlatform, convertToBytes as bytesWithPlatform, inspectExtraction as inspectWithPlatform } from './index.js';
import type { ExtractionInput } from './index.js';
import { nodeDeflate } from './node/deflate.js';
import { nodePlatform } from './node/platform.js';

export * from './index.js';

function onNode(options: ConvertOptions): ConvertOptions {
  return { deflate: nodeDeflate(), platform: nodePlatform, ...options };
}

/** {@inheritDoc convertWithPlatform} */
export function convertExtraction(input: ExtractionInput, options: ConvertOptions = {}): ReturnType<typeof convertWithPlatform> {
  return convertWithPlatform(input, onNode(options));
}

/** {@inheritDoc bytesWithPlatform} */
export function convertToBytes(input: ExtractionInput, options: ConvertOptions = {}): ReturnType<typeof bytesWithPlatform> {
  return bytesWithPlatform(input, onNode(options));
}

/** {@inheritDoc inspectWithPlatform} */
export function inspectExtraction(input: ExtractionInput, options: ConvertOptions = {}): ReturnType<typeof inspectWithPlatform> {
  return inspectWithPlatform(input, onNode(options));
}
