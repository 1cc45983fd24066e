#!/usr/bin/env node
// `pnpm bench:dependencies`: the side-by-side measurements behind docs/dependencies.md. For each
// library named in the project's design where our own code does the job, the same input goes through
// both: speed, memory, the correctness cases that decided, and the size each adds to the web page.
// Figures from one run on a shared machine: repeat it before deciding anything.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { createDecoder, detectDelimiter, parseCsv } from '@sne-toolbox/extraction';
import { nodePlatform } from '@sne-toolbox/extraction/node';
import { encodeWindows1252, extractionText } from '../examples/generate-extraction.mjs';

const generateExtraction = (rows) => Buffer.concat([...extractionText(rows)].map((block) => encodeWindows1252(block)));

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const ms = (f) => {
  const t = process.hrtime.bigint();
  const r = f();
  return [Number(process.hrtime.bigint() - t) / 1e6, r];
};
const best = (f, n = 3) => Math.min(...Array.from({ length: n }, () => ms(f)[0]));
const row = (...cells) => console.log(`| ${cells.join(' | ')} |`);

const ROWS = 100_000;
const bytes = generateExtraction(ROWS); // windows-1252, ';', CRLF, like a real SNE extraction
console.log(`Entrée : ${ROWS.toLocaleString('fr-FR')} lignes × 20 colonnes, ${(bytes.byteLength / 1048576).toFixed(1)} Mo (windows-1252, « ; »)\n`);

// --- decoding: iconv-lite vs ours ------------------------------------------------------------------
console.log('## Décodage windows-1252 (iconv-lite)\n');
row('décodeur', 'temps (meilleur de 3)', '0x80 → €', 'octets 0x81 0x8D 0x8F 0x90 0x9D', 'BOM UTF-8 gardé visible');
row('---', '---', '---', '---', '---');
const undefinedBytes = Uint8Array.of(0x81, 0x8d, 0x8f, 0x90, 0x9d);
const ours = (b) => createDecoder('windows-1252', nodePlatform).decode(b, true);
const roundTrip = (text) => (text.length === 5 && [...text].every((c, i) => c.charCodeAt(0) === undefinedBytes[i]) ? 'gardés (U+0081…)' : `perdus (${JSON.stringify(text)})`);
row('ours (`createDecoder`)', `${best(() => ours(bytes)).toFixed(0)} ms`, ours(Uint8Array.of(0x80)) === '€' ? 'oui' : 'non', roundTrip(ours(undefinedBytes)), '—');
row('iconv-lite', `${best(() => iconv.decode(Buffer.from(bytes), 'win1252')).toFixed(0)} ms`, iconv.decode(Buffer.of(0x80), 'win1252') === '€' ? 'oui' : 'non', roundTrip(iconv.decode(Buffer.from(undefinedBytes), 'win1252')), iconv.decode(Buffer.of(0xef, 0xbb, 0xbf, 0x41), 'utf8') === 'A' ? 'retiré sans le dire' : 'gardé');
row('`TextDecoder(\'windows-1252\')` (Node 20)', `${best(() => new TextDecoder('windows-1252').decode(bytes)).toFixed(0)} ms`, new TextDecoder('windows-1252').decode(Uint8Array.of(0x80)) === '€' ? 'oui' : 'non', roundTrip(new TextDecoder('windows-1252').decode(undefinedBytes)), '—');

// --- CSV parsing: papaparse vs ours --------------------------------------------------------------
console.log('\n## Lecture CSV (papaparse)\n');
const text = ours(bytes);
const [oursMs, oursRecords] = ms(() => parseCsv(text, ';').records);
const [papaMs, papaResult] = ms(() => Papa.parse(text, { delimiter: ';', newline: '\r\n' }));
const spectrum = join(root, 'test/vectors/csv-spectrum');
const cases = readdirSync(join(spectrum, 'csvs')).filter((f) => f.endsWith('.csv'));
const agree = (records, name) => {
  const expected = JSON.parse(readFileSync(join(spectrum, 'json', name.replace('.csv', '.json')), 'utf8'));
  const list = Array.isArray(expected) ? expected : [expected];
  const header = records[0];
  return list.every((obj, i) => header.every((h, c) => name.startsWith('location') || String(obj[h] ?? '') === (records[i + 1]?.[c] ?? '')));
};
const oursSpectrum = cases.filter((n) => agree(parseCsv(readFileSync(join(spectrum, 'csvs', n), 'utf8'), ',').records, n)).length;
const papaSpectrum = cases.filter((n) => agree(Papa.parse(readFileSync(join(spectrum, 'csvs', n), 'utf8'), { delimiter: ',' }).data, n)).length;
// The head of a real-shaped extraction (decimal commas in several columns), and a short French table.
const head = text.split('\r\n').slice(0, 50).join('\r\n');
const french = 'Montant;Taux;Loyer\r\n1234,56;0,5;412,30\r\n99,90;1,25;388,00\r\n';
const papaGuess = `${Papa.parse(head).meta.delimiter} / ${Papa.parse(french).meta.delimiter}`;
const oursGuess = `${detectDelimiter(head, false)} / ${detectDelimiter(french, true)}`;
const bomA1 = Papa.parse('\uFEFFNom;Montant\r\nA;1\r\n', { delimiter: ';' }).data[0][0];
row('lecteur', 'temps', 'enregistrements', 'csv-spectrum', 'séparateur deviné (extraction / tableau à virgules décimales)', 'BOM en A1', 'numéro de ligne des erreurs');
row('---', '---', '---', '---', '---', '---', '---');
row('ours (`parseCsv`)', `${oursMs.toFixed(0)} ms`, oursRecords.length, `${oursSpectrum}/${cases.length}`, `« ${oursGuess} »`, 'retiré par le décodeur', 'oui (ligne physique de début)');
row('papaparse 5', `${papaMs.toFixed(0)} ms`, papaResult.data.length, `${papaSpectrum}/${cases.length}`, `« ${papaGuess} »`, bomA1.startsWith('\uFEFF') ? 'gardé dans A1' : 'retiré', 'non (index d\'enregistrement)');

// --- XLSX writing: exceljs vs ours, each in a fresh process -------------------------------------
console.log('\n## Écriture .xlsx (exceljs), processus séparés\n');
const child = (code) => {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop());
};
const prelude = `import { encodeWindows1252, extractionText } from './examples/generate-extraction.mjs';
const bytes = Buffer.concat([...extractionText(${ROWS})].map((b) => encodeWindows1252(b)));
const hwm = async () => { try { return Number(/VmHWM:\\s+(\\d+)/.exec((await import('node:fs')).readFileSync('/proc/self/status', 'utf8'))[1]) / 1024; } catch { return process.resourceUsage().maxRSS / 1024; } };
const t = performance.now();`;
const oursWrite = child(`${prelude}
import { convertToBytes } from '@sne-toolbox/extraction';
import { nodePlatform } from '@sne-toolbox/extraction/node';
const { bytes: out } = await convertToBytes(bytes, { platform: nodePlatform });
console.log(JSON.stringify({ ms: performance.now() - t, mb: await hwm(), size: out.byteLength }));`);
const exceljsWrite = child(`${prelude}
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { createDecoder, parseCsv } from '@sne-toolbox/extraction';
const rows = parseCsv(createDecoder('windows-1252').decode(bytes, true), ';').records;
const sink = new PassThrough(); let size = 0; sink.on('data', (c) => (size += c.length));
const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
const ws = wb.addWorksheet('Extraction', { views: [{ state: 'frozen', ySplit: 1 }] });
for (const r of rows) ws.addRow(r).commit();
ws.commit(); await wb.commit();
console.log(JSON.stringify({ ms: performance.now() - t, mb: await hwm(), size }));`);
row('écrivain', 'temps (lecture et typage compris pour nous)', 'mémoire de pointe', '.xlsx', 'typage des colonnes');
row('---', '---', '---', '---', '---');
row('ours (`convertToBytes`)', `${(oursWrite.ms / 1000).toFixed(1)} s`, `${oursWrite.mb.toFixed(0)} Mo`, `${(oursWrite.size / 1048576).toFixed(1)} Mo`, 'oui (dates, nombres, identifiants en texte)');
row('exceljs 4.4 streaming (texte seul, sans typage)', `${(exceljsWrite.ms / 1000).toFixed(1)} s`, `${exceljsWrite.mb.toFixed(0)} Mo`, `${(exceljsWrite.size / 1048576).toFixed(1)} Mo`, 'non (à écrire soi-même)');

// --- browser bundle size --------------------------------------------------------------------------
console.log('\n## Taille ajoutée à la page (minifiée, puis gzip)\n');
const size = (path) => {
  const b = readFileSync(path);
  return `${(b.byteLength / 1024).toFixed(0)} Ko (${(gzipSync(b).byteLength / 1024).toFixed(0)} Ko gzip)`;
};
row('bibliothèque', 'fichier', 'taille');
row('---', '---', '---');
row('papaparse', 'papaparse.min.js', size(require.resolve('papaparse/papaparse.min.js')));
row('exceljs', 'dist/exceljs.min.js', size(join(require.resolve('exceljs/package.json').replace('package.json', ''), 'dist/exceljs.min.js')));
row('iconv-lite', '—', 'pas de build navigateur : demande un polyfill de Buffer');
const page = join(root, 'packages/web/dist/assets/app.js');
try {
  statSync(page);
  row('notre page entière (lecteur CSV, décodeur, écrivain xlsx, zip, certificats, forge)', 'packages/web/dist/assets/app.js (non minifié)', size(page));
} catch {
  row('notre page entière', '—', 'construisez-la d\'abord (pnpm build)');
}
