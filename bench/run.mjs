#!/usr/bin/env node
// `pnpm bench`: converter speed and memory on synthetic SNE extractions, against the references, in one run.
//
//   node bench/run.mjs                 100k, 1M and 2.5M rows; references on 100k and 1M
//   node bench/run.mjs --sizes 100000  only the listed sizes
//   node bench/run.mjs --no-libreoffice
//
// Prints a Markdown table (copy it to docs/performance.md when figures change). Files are generated
// once, by the seeded example generator, into bench/data/ (ignored by git). A reference that is not
// installed is skipped with a message: libxlsxwriter (apt-get install libxlsxwriter-dev, plus cc) and
// LibreOffice (apt-get install libreoffice-calc-nogui).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HEADER, writeExtraction } from '../examples/generate-extraction.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = join(root, 'bench/data');
const buildDir = join(root, 'bench/.build');
const args = process.argv.slice(2);
const sizesArg = args.includes('--sizes') ? args[args.indexOf('--sizes') + 1] : '100000,1000000,2500000';
const sizes = sizesArg.split(',').map(Number);
const referenceSizes = new Set([100_000, 1_000_000]);
const withLibreOffice = !args.includes('--no-libreoffice');
mkdirSync(dataDir, { recursive: true });
mkdirSync(buildDir, { recursive: true });

const hasTimeV = spawnSync('/usr/bin/time', ['-v', 'true']).status === 0;

/** Runs a command; wall time in seconds and peak RSS in MB (from /usr/bin/time -v). */
function measure(command, commandArgs, options = {}) {
  const started = process.hrtime.bigint();
  const r = hasTimeV
    ? spawnSync('/usr/bin/time', ['-v', command, ...commandArgs], { encoding: 'utf8', maxBuffer: 1 << 26, ...options })
    : spawnSync(command, commandArgs, { encoding: 'utf8', maxBuffer: 1 << 26, ...options });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  if (r.status !== 0) {
    console.error(`  échec de ${command} (${r.status}) : ${(r.stderr ?? '').split('\n').slice(-5).join(' ')}`);
    return null;
  }
  return { wall, rssMb: rss ? Number(rss[1]) / 1024 : null };
}

// Identifier columns for the references (0-based): numéro unique, code postal, INSEE, téléphone, guichet.
const TEXT_COLUMNS = ['Numéro unique', 'Code postal', 'Code INSEE', 'Téléphone', 'Guichet enregistreur'].map((h) => HEADER.indexOf(h));
const DATE_COLUMNS = ['Date de dépôt', 'Date de naissance'].map((h) => HEADER.indexOf(h));

function buildLxw() {
  const source = join(root, '../shared/bench/lxw-csv2xlsx.c');
  const binary = join(buildDir, 'lxw-csv2xlsx');
  if (existsSync(binary)) return binary;
  if (!existsSync(source)) return console.log('référence libxlsxwriter absente (../shared/bench/lxw-csv2xlsx.c) : ignorée'), null;
  const cc = spawnSync('cc', ['-O2', '-o', binary, source, '-lxlsxwriter'], { encoding: 'utf8' });
  if (cc.status !== 0) {
    console.log('libxlsxwriter non installé (apt-get install libxlsxwriter-dev) : référence ignorée');
    return null;
  }
  return binary;
}

function libreOfficeCommand() {
  if (!withLibreOffice) return null;
  for (const c of ['soffice', 'libreoffice']) if (spawnSync(c, ['--version'], { encoding: 'utf8' }).status === 0) return c;
  console.log('LibreOffice non installé (apt-get install libreoffice-calc-nogui) : référence ignorée');
  return null;
}

function libreOfficeFilter() {
  // CSV filter: ';' (59), '"' (34), windows-1252 (rtl encoding 1), start at line 1, then column formats:
  // 2 = text, 4 = DD/MM/YY; the others standard (decimal comma understood with the fr-FR locale token).
  const formats = HEADER.map((_, i) => `${i + 1}/${TEXT_COLUMNS.includes(i) ? 2 : DATE_COLUMNS.includes(i) ? 4 : 1}`).join('/');
  return `CSV:59,34,1,1,${formats},1036`;
}

const results = [];
const node = process.execPath;
const cli = join(root, 'packages/extraction/dist/bin.js');
if (!existsSync(cli)) {
  console.error('Construisez d\'abord : pnpm build');
  process.exit(1);
}
const lxw = buildLxw();
const soffice = libreOfficeCommand();

for (const rows of sizes) {
  const csv = join(dataDir, `extraction-${rows}.csv`);
  if (!existsSync(csv)) {
    console.log(`génération de ${csv}…`);
    await writeExtraction(csv, rows);
  }
  const mb = statSync(csv).size / 1e6;
  const out = join(dataDir, `out-${rows}`);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out);
  console.log(`\n${rows.toLocaleString('fr-FR')} lignes (${mb.toFixed(0)} Mo)`);

  const ours = measure(node, [cli, 'convert', csv, '-o', join(out, 'ours.xlsx'), '--quiet']);
  const row = { rows, mb, ours, lxw: null, lo: null, oursSize: ours ? statSync(join(out, 'ours.xlsx')).size / 1e6 : null };
  if (ours) console.log(`  sne-extraction : ${ours.wall.toFixed(1)} s, ${ours.rssMb?.toFixed(0)} Mo`);
  if (lxw && referenceSizes.has(rows)) {
    row.lxw = measure(lxw, [csv, join(out, 'lxw.xlsx'), TEXT_COLUMNS.join(',')]);
    if (row.lxw) console.log(`  libxlsxwriter  : ${row.lxw.wall.toFixed(1)} s, ${row.lxw.rssMb?.toFixed(0)} Mo`);
  }
  if (soffice && referenceSizes.has(rows)) {
    const profile = join(buildDir, 'lo-profile');
    row.lo = measure(soffice, [
      `-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'xlsx:Calc MS Excel 2007 XML',
      `--infilter=${libreOfficeFilter()}`, '--outdir', out, csv,
    ]);
    if (row.lo) console.log(`  LibreOffice    : ${row.lo.wall.toFixed(1)} s, ${row.lo.rssMb?.toFixed(0)} Mo`);
  }
  results.push(row);
  rmSync(out, { recursive: true, force: true });
}

const f = (n, d = 1) => (n === null || n === undefined ? '—' : n.toFixed(d));
const version = spawnSync(node, [cli, '--version'], { encoding: 'utf8' }).stdout.trim();
console.log(`\n## Résultats — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} cœurs (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} Gio, sne-extraction ${version}\n`);
console.log('| lignes | Mo CSV | sne-extraction | lignes/s | Mo/s | RSS max | .xlsx | libxlsxwriter | ratio | LibreOffice | LO / nous |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  const t = r.ours?.wall;
  console.log(
    `| ${r.rows.toLocaleString('en-US')} | ${f(r.mb, 0)} | ${f(t)} s | ${t ? Math.round(r.rows / t).toLocaleString('en-US') : '—'} | ${t ? f(r.mb / t, 1) : '—'} | ${f(r.ours?.rssMb, 0)} Mo | ${f(r.oursSize, 0)} Mo | ` +
      `${r.lxw ? `${f(r.lxw.wall)} s, ${f(r.lxw.rssMb, 0)} Mo` : '—'} | ${r.lxw && t ? `${f(t / r.lxw.wall, 2)}×` : '—'} | ` +
      `${r.lo ? `${f(r.lo.wall)} s, ${f(r.lo.rssMb, 0)} Mo` : '—'} | ${r.lo && t ? `${f(r.lo.wall / t, 1)}×` : '—'} |`,
  );
}
const small = results.find((r) => r.rows === 100_000)?.ours?.rssMb;
const big = results.find((r) => r.rows === 1_000_000)?.ours?.rssMb;
if (small && big) console.log(`\nRSS 1M / 100k : ${(big / small).toFixed(2)} (cible ≤ 1,25)`);
const lxw1m = results.find((r) => r.rows === 1_000_000);
if (lxw1m?.lxw && lxw1m.ours) console.log(`Temps / libxlsxwriter (1M) : ${(lxw1m.ours.wall / lxw1m.lxw.wall).toFixed(2)} (cible ≤ 1,2)`);
if (lxw1m?.lo && lxw1m.ours) console.log(`LibreOffice / nous (1M) : ${(lxw1m.lo.wall / lxw1m.ours.wall).toFixed(1)} (cible ≥ 5)`);
