import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

// Issue 28: a small server that uses `@sne-toolbox/extraction/node`, bundled into one file by esbuild,
// runs in ESM and in CommonJS. `./node` used to load commander and the CLI through a shared chunk
// (ESM: « Dynamic require of "node:events" ») and to build its worker URL from import.meta.url at
// load (CJS: « Invalid URL »). Built package (pnpm build); the folder sits in examples/ to resolve it.

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(ROOT, 'examples', '.bundle-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SERVER = (imports: string) => `${imports}
writeFileSync(process.argv[2] + '/in.csv', 'Nom;Montant\\r\\nDupont;12,5\\r\\n');
convertFile(process.argv[2] + '/in.csv', { output: process.argv[2] + '/out.xlsx', force: true }).then((r) => console.log('rows', r.rows));
`;

describe('one-file server bundles of ./node', () => {
  it.each([
    ['esm', "import { convertFile } from '@sne-toolbox/extraction/node';\nimport { writeFileSync } from 'node:fs';", 'mjs'],
    ['cjs', "const { convertFile } = require('@sne-toolbox/extraction/node');\nconst { writeFileSync } = require('node:fs');", 'cjs'],
  ])('%s: bundles without commander and runs', (format, imports, ext) => {
    const entry = join(dir, `server-${format}.${ext}`);
    const out = join(dir, `bundle-${format}.${ext}`);
    writeFileSync(entry, SERVER(imports));
    execFileSync(join(ROOT, 'node_modules/.bin/esbuild'), [entry, '--bundle', '--platform=node', `--format=${format}`, `--outfile=${out}`, '--log-level=error']);
    const r = spawnSync(process.execPath, [out, dir], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('rows 1');
    expect(spawnSync('grep', ['-c', 'commander', out], { encoding: 'utf8' }).stdout.trim()).toBe('0');
  });
});
