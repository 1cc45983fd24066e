#!/usr/bin/env node
// Issue 26, items 3 and 4: inputs whose memory used to follow their size. Each is converted by the
// built CLI in a fresh process; wall time and the process's peak memory are printed against the
// targets (300 MB, 5 s). Figures, not a pass/fail unit test: machines are shared.
//   npx pnpm@10.34.9 build && node bench/extraction-bounds.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'packages/extraction/dist/bin.js');
const work = mkdtempSync(join(tmpdir(), 'sne-extraction-bounds-'));

const cases = [
  { name: 'une ligne de 10 Mo de « ; »', text: () => 'a;b\r\n' + ';'.repeat(10e6) + '\r\n', code: 1 },
  { name: 'une ligne de 40 Mo de « ; »', text: () => 'a;b\r\n' + ';'.repeat(40e6) + '\r\n', code: 1 },
  { name: 'un champ entre guillemets de 10 Mo de x""', text: () => 'a;b\r\n1;"' + 'x""'.repeat(10e6 / 3) + '"\r\n', code: 0 },
  { name: 'un champ entre guillemets de 20 Mo de x""', text: () => 'a;b\r\n1;"' + 'x""'.repeat(20e6 / 3) + '"\r\n', code: 0 },
  { name: 'une cellule de 110 Mo de « & »', text: () => 'a;b\r\n1;' + '&'.repeat(110e6) + '\r\n', code: 1 },
];

// Peak memory of the child process: GNU time's %M (Debian package `time`).
console.log('Bornes du convertisseur (un processus neuf par fichier, avec --verify ; temps, mémoire de pointe)\n');
console.log('| entrée | taille | code | temps | cible | mémoire | cible |');
console.log('|---|---|---|---|---|---|---|');
let failed = 0;
try {
  for (const c of cases) {
    const path = join(work, 'in.csv');
    writeFileSync(path, c.text());
    const size = readFileSync(path).length;
    const started = performance.now();
    const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, bin, 'convert', path, '-o', join(work, 'out.xlsx'), '--force', '--verify', '-q'], { encoding: 'utf8' });
    const seconds = (performance.now() - started) / 1000;
    const mb = Number(r.stderr.trim().split('\n').pop()) / 1024;
    const code = /\[([A-Z_]+)\]/.exec(r.stderr)?.[1] ?? String(r.status);
    const ok = r.status === c.code && seconds < 5 && mb < 300;
    if (!ok) failed++;
    console.log(`| ${c.name} | ${(size / 1e6).toFixed(0)} Mo | ${code} | ${seconds.toFixed(2)} s | < 5 s | ${mb.toFixed(0)} Mo | < 300 Mo |${ok ? '' : ' ✘'}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(failed ? `\n${failed} borne(s) dépassée(s).` : '\nToutes les bornes tiennent.');
process.exitCode = failed ? 1 : 0;
