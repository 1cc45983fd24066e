#!/usr/bin/env node
// `pnpm bench`: converter speed and memory on synthetic SNE extractions, against the references, in one run.
//
//   node bench/run.mjs                 100k, 1M and 2.5M rows; references on 100k and 1M
//   node bench/run.mjs --sizes 100000  only the listed sizes
//   node bench/run.mjs --no-libreoffice
//   node bench/run.mjs --repeat 5      ours and libxlsxwriter alternately, 5 times each (default 3)
//   node bench/run.mjs --no-batch      without the batch of 8 files; --only-batch: only it
//
// Prints a Markdown table (copy it to docs/performance.md when figures change). Files are generated
// once, by the seeded example generator, into bench/data/ (ignored by git). A reference that is not
// installed is skipped with a message: libxlsxwriter (apt-get install libxlsxwriter-dev, plus cc) and
// LibreOffice (apt-get install libreoffice-calc-nogui).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { deflateRawSync } from 'node:zlib';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { HEADER, writeExtraction } from '../examples/generate-extraction.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = join(root, 'bench/data');
const buildDir = join(root, 'bench/.build');
const args = process.argv.slice(2);
const sizesArg = args.includes('--sizes') ? args[args.indexOf('--sizes') + 1] : '100000,1000000,2500000';
const sizes = args.includes('--only-batch') ? [] : sizesArg.split(',').map(Number);
const referenceSizes = new Set([100_000, 1_000_000]);
const withLibreOffice = !args.includes('--no-libreoffice');
const repeat = args.includes('--repeat') ? Number(args[args.indexOf('--repeat') + 1]) : 3;

/** The run of median wall time (peak RSS: the largest of the runs). */
function median(runs) {
  if (runs.length === 0) return null;
  const sorted = [...runs].sort((a, b) => a.wall - b.wall);
  return { ...sorted[Math.floor((sorted.length - 1) / 2)], rssMb: Math.max(...runs.map((r) => r.rssMb ?? 0)) || null };
}
mkdirSync(dataDir, { recursive: true });
mkdirSync(buildDir, { recursive: true });

const hasTimeV = spawnSync('/usr/bin/time', ['-v', 'true']).status === 0;
const hasTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;

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

/**
 * The parser and decoder the floor measures, built from the sources into bench/.build: they are
 * the engine's parts, not the package's public API. esbuild comes with tsup (a dependency already).
 */
async function buildParseFloor() {
  const fromTsup = createRequire(createRequire(import.meta.url).resolve('tsup'));
  const { build } = await import(pathToFileURL(fromTsup.resolve('esbuild')).href);
  const outfile = join(root, 'bench/.build/parse-floor.mjs');
  await build({
    stdin: { contents: "export { CsvParser } from './csv-parser.ts';\nexport { createDecoder, fieldRemap } from './decode.ts';\n", resolveDir: join(root, 'packages/extraction/src/core'), loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile,
    logLevel: 'error',
  });
  return outfile;
}
const parseFloorModule = await buildParseFloor();

/**
 * The floor a conversion is measured against, in a fresh process each: reading + decoding + parsing
 * the CSV alone (what any converter must do, once; we do it twice), and zlib alone on the sheet XML
 * we write, at our level (4), on one core.
 */
function floor(csv, xlsx) {
  const parse = spawnSync(node, ['--input-type=module', '-e', `
    import { createReadStream } from 'node:fs';
    import { createDecoder, CsvParser, fieldRemap } from ${JSON.stringify(pathToFileURL(parseFloorModule).href)};
    const t = performance.now();
    const platform = { decodeLatin1: (b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1') };
    const d = createDecoder('windows-1252', platform, { raw: true });
    const p = new CsvParser(';', () => {}, fieldRemap('windows-1252', platform));
    for await (const c of createReadStream(${JSON.stringify(csv)}, { highWaterMark: 1 << 16 })) p.push(d.decode(c));
    p.end();
    console.log((performance.now() - t) / 1000);`], { encoding: 'utf8' });
  const xml = spawnSync('unzip', ['-p', xlsx, 'xl/worksheets/sheet1.xml'], { maxBuffer: 2 ** 31 });
  let deflate = null;
  let xmlMb = null;
  if (xml.status === 0) {
    xmlMb = xml.stdout.length / 1e6;
    const t = process.hrtime.bigint();
    deflateRawSync(xml.stdout, { level: 4, memLevel: 9 });
    deflate = Number(process.hrtime.bigint() - t) / 1e9;
  } else console.log('  (unzip absent : plancher de compression non mesuré)');
  const result = { parse: parse.status === 0 ? Number(parse.stdout.trim()) : null, deflate, xmlMb };
  console.log(`  plancher       : lecture + décodage + analyse CSV ${result.parse?.toFixed(1) ?? '—'} s ; zlib niveau 4 seul sur ${xmlMb?.toFixed(0) ?? '—'} Mo de XML ${deflate?.toFixed(1) ?? '—'} s (un cœur)`);
  return result;
}
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

  // The machine's speed drifts over minutes: ours and libxlsxwriter run alternately, `repeat` times
  // each, and the medians (and each pair's ratio) are reported.
  const runsOurs = [];
  const runsLxw = [];
  const rounds = lxw && referenceSizes.has(rows) ? repeat : 1;
  for (let k = 0; k < rounds; k++) {
    const r = measure(node, [cli, 'convert', csv, '-o', join(out, 'ours.xlsx'), '--quiet', '--force']);
    if (r) runsOurs.push(r);
    if (r) console.log(`  sne-extraction : ${r.wall.toFixed(1)} s, ${r.rssMb?.toFixed(0)} Mo`);
    if (lxw && referenceSizes.has(rows)) {
      const l = measure(lxw, [csv, join(out, 'lxw.xlsx'), TEXT_COLUMNS.join(',')]);
      if (l) runsLxw.push(l);
      if (l) console.log(`  libxlsxwriter  : ${l.wall.toFixed(1)} s, ${l.rssMb?.toFixed(0)} Mo`);
    }
  }
  const ours = median(runsOurs);
  const row = { rows, mb, ours, one: null, lxw: median(runsLxw), pairs: runsOurs.map((r, k) => (runsLxw[k] ? r.wall / runsLxw[k].wall : null)).filter(Boolean), lo: null, floor: null, oursSize: ours ? statSync(join(out, 'ours.xlsx')).size / 1e6 : null };
  if (referenceSizes.has(rows)) {
    row.one = measure(node, [cli, 'convert', csv, '-o', join(out, 'one.xlsx'), '--quiet', '--threads', '1']);
    if (row.one) console.log(`  … --threads 1  : ${row.one.wall.toFixed(1)} s, ${row.one.rssMb?.toFixed(0)} Mo`);
    row.floor = floor(csv, join(out, 'ours.xlsx'));
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
console.log('| lignes | Mo CSV | sne-extraction | lignes/s | Mo/s | RSS max | .xlsx | --threads 1 | libxlsxwriter | ratio | LibreOffice | LO / nous | plancher : CSV seul, zlib seul |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  const t = r.ours?.wall;
  console.log(
    `| ${r.rows.toLocaleString('en-US')} | ${f(r.mb, 0)} | ${f(t)} s | ${t ? Math.round(r.rows / t).toLocaleString('en-US') : '—'} | ${t ? f(r.mb / t, 1) : '—'} | ${f(r.ours?.rssMb, 0)} Mo | ${f(r.oursSize, 0)} Mo | ` +
      `${r.one ? `${f(r.one.wall)} s, ${f(r.one.rssMb, 0)} Mo` : '—'} | ` +
      `${r.lxw ? `${f(r.lxw.wall)} s, ${f(r.lxw.rssMb, 0)} Mo` : '—'} | ${r.lxw && t ? `${f(t / r.lxw.wall, 2)}×` : '—'} | ` +
      `${r.lo ? `${f(r.lo.wall)} s, ${f(r.lo.rssMb, 0)} Mo` : '—'} | ${r.lo && t ? `${f(r.lo.wall / t, 1)}×` : '—'} | ` +
      `${r.floor ? `${f(r.floor.parse)} s, ${f(r.floor.deflate)} s` : '—'} |`,
  );
}
const small = results.find((r) => r.rows === 100_000)?.ours?.rssMb;
const big = results.find((r) => r.rows === 1_000_000)?.ours?.rssMb;
if (small && big) console.log(`\nRSS 1M / 100k : ${(big / small).toFixed(2)} (cible ≤ 1,25)`);
const lxw1m = results.find((r) => r.rows === 1_000_000);
if (lxw1m?.lxw && lxw1m.ours) console.log(`Temps / libxlsxwriter (1M) : ${(lxw1m.ours.wall / lxw1m.lxw.wall).toFixed(2)} en médianes (cible ≤ 0,65) ; paire par paire : ${lxw1m.pairs.map((p) => p.toFixed(2)).join(', ')}`);
if (lxw1m?.lo && lxw1m.ours) console.log(`LibreOffice / nous (1M) : ${(lxw1m.lo.wall / lxw1m.ours.wall).toFixed(1)} (cible ≥ 5)`);

// A batch: 8 files of 100,000 rows, one after another (8 calls) against one call (worker threads).
if (!args.includes('--no-batch')) {
  const source = join(dataDir, 'extraction-100000.csv');
  if (!existsSync(source)) await writeExtraction(source, 100_000);
  const batchIn = join(dataDir, 'lot');
  rmSync(batchIn, { recursive: true, force: true });
  mkdirSync(batchIn);
  for (let i = 1; i <= 8; i++) copyFileSync(source, join(batchIn, `extraction-${i}.csv`));
  const batchOut = join(dataDir, 'lot-sortie');
  const fresh = () => (rmSync(batchOut, { recursive: true, force: true }), mkdirSync(batchOut));
  // One after another, then one call, alternately (twice each): the machine's speed drifts.
  const sequentialRuns = [];
  const oneCall = { 1: [], 2: [] };
  let sequentialPeak = 0;
  for (let round = 0; round < 2; round++) {
    fresh();
    const started = process.hrtime.bigint();
    for (let i = 1; i <= 8; i++) {
      const r = measure(node, [cli, 'convert', join(batchIn, `extraction-${i}.csv`), '-o', join(batchOut, `extraction-${i}.xlsx`), '--quiet']);
      sequentialPeak = Math.max(sequentialPeak, r?.rssMb ?? 0);
    }
    sequentialRuns.push({ wall: Number(process.hrtime.bigint() - started) / 1e9, rssMb: sequentialPeak });
    for (const jobs of round === 0 ? [2, 1] : [2]) {
      fresh();
      // One worker on one core against two workers: the scaling. `--threads 1` alone is not one core
      // (zlib compresses on libuv's threads): the one-worker run is pinned to a core with taskset.
      const batchArgs = [cli, 'convert', batchIn, '-o', batchOut, '--quiet', '--jobs', String(jobs), ...(jobs === 1 ? ['--threads', '1'] : [])];
      const r = jobs === 1 && hasTaskset ? measure('taskset', ['-c', '0', node, ...batchArgs]) : measure(node, batchArgs);
      if (r) oneCall[jobs].push(r);
    }
  }
  const sequential = median(sequentialRuns).wall;
  const runs = [1, 2].map((jobs) => ({ jobs, r: median(oneCall[jobs]) }));
  console.log('\n## Lot : 8 fichiers de 100 000 lignes\n');
  console.log('| façon | temps | RSS max | / un après l\'autre |');
  console.log('|---|---:|---:|---:|');
  console.log(`| 8 appels, l'un après l'autre | ${f(sequential)} s | ${f(sequentialPeak, 0)} Mo | 1,00 |`);
  for (const { jobs, r } of runs) console.log(`| un appel, --jobs ${jobs}${jobs === 1 ? (hasTaskset ? ' --threads 1, un cœur (taskset)' : ' --threads 1 (taskset absent : pas limité à un cœur)') : ''} | ${f(r?.wall)} s | ${f(r?.rssMb, 0)} Mo | ${r ? f(r.wall / sequential, 2) : '—'} |`);
  const two = runs.find((x) => x.jobs === 2)?.r;
  const one = runs.find((x) => x.jobs === 1)?.r;
  if (two && one) {
    const speedup = one.wall / two.wall;
    console.log(`\nLot / un après l'autre : ${f(two.wall / sequential, 2)} (cible ≤ 0,6). 2 fils : ${f(speedup, 2)}× un fil${hasTaskset ? ' sur un cœur' : ''} ; par la même méthode (efficacité par fil ${f(speedup / 2, 2)}), 8 cœurs donneraient environ ${f(1 + (speedup - 1) * 7, 1)}× un fil.`);
  }
  rmSync(batchIn, { recursive: true, force: true });
  rmSync(batchOut, { recursive: true, force: true });
}
