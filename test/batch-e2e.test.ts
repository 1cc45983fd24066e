import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { readBack } from '../packages/extraction/test/helpers.js';
import { ROOT } from './helpers.js';

// `convert` with several files runs them in worker threads (the built bin only): the result must be
// the one of converting them one after another — same workbooks, same messages, same order.

const BIN = join(ROOT, 'packages', 'extraction', 'dist', 'bin.js');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sne-batch-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function extraction(rows: number, seed: number): string {
  let csv = 'Numéro unique;Nom;Date de dépôt;Montant\r\n';
  for (let i = 0; i < rows; i++) csv += `0590423808${String(575 + seed * 1000 + i).padStart(4, '0')}GDPUB;Dupont ${i % 7};${String((i % 28) + 1).padStart(2, '0')}/03/2020;${i},${seed}5\r\n`;
  return csv;
}

function convert(outDir: string, jobs: number, json = false) {
  return spawnSync(process.execPath, [BIN, 'convert', join(dir, 'in'), '-o', outDir, '--jobs', String(jobs), ...(json ? ['--json'] : [])], { encoding: 'utf8' });
}

/** The data sheets as SheetJS reads them (the Informations sheet holds the conversion time). */
function dataSheets(path: string) {
  const book = readBack(new Uint8Array(readFileSync(path)));
  book.delete('Informations');
  return book;
}

test('a batch in workers gives the workbooks, messages, order and exit code of one file after another', () => {
  mkdirSync(join(dir, 'in'));
  // Sizes chosen so that a later file finishes first in parallel.
  writeFileSync(join(dir, 'in', '1-gros.csv'), extraction(30_000, 1), 'latin1');
  writeFileSync(join(dir, 'in', '2-petit.csv'), extraction(10, 2), 'latin1');
  writeFileSync(join(dir, 'in', '3-vide.csv'), '');
  writeFileSync(join(dir, 'in', '4-moyen.csv'), extraction(3_000, 4), 'latin1');
  const parallel = convert(join(dir, 'par'), 3);
  const sequential = convert(join(dir, 'seq'), 1);
  expect(parallel.status).toBe(1); // the empty file fails, the others are written
  expect(sequential.status).toBe(1);
  const lines = (stderr: string) => stderr.replaceAll(join(dir, 'par'), 'OUT').replaceAll(join(dir, 'seq'), 'OUT');
  expect(lines(parallel.stderr)).toBe(lines(sequential.stderr));
  expect(parallel.stderr).toMatch(/1-gros[\s\S]*2-petit[\s\S]*3-vide[\s\S]*EMPTY_INPUT[\s\S]*4-moyen/);
  expect(readdirSync(join(dir, 'par')).sort()).toEqual(['1-gros.xlsx', '2-petit.xlsx', '4-moyen.xlsx']);
  for (const name of readdirSync(join(dir, 'seq'))) {
    const [a, b] = [dataSheets(join(dir, 'par', name)), dataSheets(join(dir, 'seq', name))];
    expect([...a.keys()]).toEqual(['Extraction']);
    expect(JSON.stringify(a.get('Extraction'))).toContain('Dupont');
    expect(a).toEqual(b);
  }
  const report = JSON.parse(convert(join(dir, 'json'), 3, true).stdout) as { input: string; error?: { code: string } }[];
  expect(report.map((r) => [r.input.replace(/.*[\\/]/, ''), r.error?.code ?? 'ok'])).toEqual([
    ['1-gros.csv', 'ok'],
    ['2-petit.csv', 'ok'],
    ['3-vide.csv', 'EMPTY_INPUT'],
    ['4-moyen.csv', 'ok'],
  ]);
});

test('--jobs refuses what is not a number of files, in French', () => {
  mkdirSync(join(dir, 'in'));
  writeFileSync(join(dir, 'in', 'a.csv'), extraction(2, 1));
  const r = convert(join(dir, 'out'), 0);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/--jobs attend un nombre de fichiers/);
});
