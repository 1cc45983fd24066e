#!/usr/bin/env node
// `pnpm demo`: runs the toolbox on the bundled synthetic data, as an agent and an admin would.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = fileURLToPath(new URL('./out/', import.meta.url));
mkdirSync(out, { recursive: true });

function step(title, bin, args) {
  console.log(`\n=== ${title}\n$ ${bin} ${args.join(' ')}`);
  const result = spawnSync(process.execPath, [`${root}/packages/${bin.replace('sne-', '')}/dist/bin.js`, ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

step('Extraction SNE → Excel', 'sne-extraction', ['convert', 'examples/extraction-sne.csv', '-o', 'examples/out/', '--force']);
console.log(`\nClasseur écrit dans ${out}extraction-sne.xlsx`);
