#!/usr/bin/env node
// `pnpm demo`: runs the toolbox on the bundled synthetic data, as an agent and an admin would.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = fileURLToPath(new URL('./out/', import.meta.url));
mkdirSync(out, { recursive: true });
// The demo's own output folder (ignored by git) starts empty: only this run's files are shown.
rmSync(`${out}certificats`, { recursive: true, force: true });

function step(title, bin, args) {
  console.log(`\n=== ${title}\n$ ${bin} ${args.join(' ')}`);
  const result = spawnSync(process.execPath, [`${root}/packages/${bin.replace('sne-', '')}/dist/bin.js`, ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

step('Extraction SNE → Excel', 'sne-extraction', ['convert', 'examples/extraction-sne.csv', '-o', 'examples/out/', '--force']);
step('Certificat RGS → fichiers pour le SNE, Outlook et le logiciel métier', 'sne-certificates', [
  'extract',
  'examples/certificats/Jeanne Dupont-Lefevre - certificat RGS (TEST).p12',
  '--password-file',
  'examples/certificats/mot-de-passe.txt',
  '-o',
  'examples/out/certificats',
]);
step('Dates d\'expiration', 'sne-certificates', ['check', 'examples/certificats/Jeanne Dupont-Lefevre - certificat RGS (TEST).p12', '--password-file', 'examples/certificats/mot-de-passe.txt']);
console.log(`\nRésultats dans ${out} : extraction-sne.xlsx et certificats/ (voir certificats/LISEZMOI.txt).`);
