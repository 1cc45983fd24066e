import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The boundary between browser-safe code and Node code is a lint rule (eslint.config.js): this
// proves that it fires, so that a green lint means something.
const cwd = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd });

async function restricted(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('browser-safe folders never import Node', () => {
  it.each([
    ['packages/extraction/src/core/probe.ts', "import { readFileSync } from 'node:fs';"],
    ['packages/extraction/src/core/probe.ts', "import { readFileSync } from 'fs';"],
    ['packages/extraction/src/core/xlsx/probe.ts', "import { nodePlatform } from '../../node/platform.js';"],
    ['packages/extraction/src/core/probe.ts', "import { run } from '../cli/run.js';"],
    ['packages/certificates/src/core/read/probe.ts', "import { writeFileSafely } from '@sne-toolbox/node-io';"],
    ['packages/text/src/probe.ts', "import { Worker } from 'node:worker_threads';"],
    ['packages/zip-reader/src/probe.ts', "import { inflateRawSync } from 'node:zlib';"],
    ['packages/web/src/probe.ts', "import { createHash } from 'crypto';"],
  ])('%s: %s is refused', async (file, code) => {
    expect(await restricted(`${code}\nexport {};\n`, file)).toHaveLength(1);
  });

  it.each([
    ['packages/extraction/src/node/probe.ts', "import { readFileSync } from 'node:fs';"],
    ['packages/extraction/src/cli/probe.ts', "import { writeFileSafely } from '@sne-toolbox/node-io';"],
    ['packages/extraction/src/core/probe.ts', "import { parse } from './csv-parser.js';"],
    ['packages/extraction/src/core/xlsx/probe.ts', "import { LIMITS } from '../limits.js';"],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await restricted(`${code}\nexport {};\n`, file)).toEqual([]);
  });
});
