import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import type { ConversionProgress } from '../core/analysis/types.js';
import type { ColumnType } from '../core/column-types.js';
import { type ConversionReport, type ConvertOptions, convertExtraction, inspectExtraction } from '../core/convert.js';
import { describeDelimiter, type Delimiter } from '../core/detect.js';
import { TEXT_ENCODINGS, type TextEncoding } from '../core/decode.js';
import { ExtractionError, frenchTypography, unexpectedError } from '../core/errors.js';
import { ConversionPool, defaultJobs, workersAvailable } from '../node/batch.js';
import { convertFile } from '../node/convert-file.js';
import { nodeDeflate } from '../node/deflate.js';
import { asExtractionError, defaultOutputPath, openInput, spoolToTempFile, writeConversionTo } from '../node/files.js';
import { nodePlatform } from '../node/platform.js';
import { checkPlan, FileError, FRENCH_HELP, frenchCommanderError, frenchHelp, readBounded, releaseTemp, trackTemp } from '@sne-toolbox/node-io';
import { readZip, ZipError } from '@sne-toolbox/zip-reader';
import { VERSION } from '../version.js';
import { COLUMN_TYPE_LABELS, REASON_LABELS } from '../core/messages.js';

/** What the CLI talks to; tests pass their own. */
export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stdin: NodeJS.ReadableStream;
  cwd: string;
  /** Aborted on Ctrl-C / SIGTERM: the conversion stops and leaves no file. */
  signal?: AbortSignal;
}

/** Exit codes of `sne-extraction`. */
export const EXIT = { OK: 0, FAILED: 1, USAGE: 2, INTERRUPTED: 130 } as const;

const DELIMITER_NAMES: Record<string, Delimiter | 'auto'> = { auto: 'auto', ';': ';', ',': ',', tab: '\t', '\t': '\t', '|': '|', pipe: '|', 'point-virgule': ';', virgule: ',' };

class UsageError extends Error {}

/** 2 500 with a narrow no-break space, as French typography writes thousands. */
function formatInt(n: number): string {
  return n.toLocaleString('fr-FR').replace(/\u00a0/g, '\u202f');
}

function summaryLines(report: ConversionReport): string[] {
  const counts = new Map<ColumnType, number>();
  for (const c of report.columnTypes) counts.set(c.type, (counts.get(c.type) ?? 0) + 1);
  const types = [...counts].map(([type, n]) => `${n} ${COLUMN_TYPE_LABELS[type][n > 1 ? 'plural' : 'singular']}`).join(', ');
  const lines = [
    `✔ ${report.input ?? 'entrée standard'} → ${report.output ?? 'sortie standard'}`,
    `  ${formatInt(report.rows)} ligne${report.rows > 1 ? 's' : ''}, ${report.columns} colonne${report.columns > 1 ? 's' : ''} (${types}) ; encodage ${report.encoding}, séparateur « ${describeDelimiter(report.delimiter)} »${report.sheets > 1 ? ` ; ${report.sheets} feuilles` : ''}`,
  ];
  if (report.preamble.length) {
    lines.push(`  En-tête ligne ${report.headerLine} : ${report.preamble.length} ligne${report.preamble.length > 1 ? 's' : ''} avant (titre, commentaires) gardée${report.preamble.length > 1 ? 's' : ''} dans la feuille « Informations »`);
  }
  const verification = (report as { verification?: { cells: number; differenceCount: number } }).verification;
  if (verification) lines.push(`  Vérification : ${verification.differenceCount} différence sur ${formatInt(verification.cells)} cellules`);
  const total = Object.values(report.warningCounts).reduce((a, b) => a + (b ?? 0), 0);
  if (total > 0) {
    lines.push(`  ${total} avertissement${total > 1 ? 's' : ''} (détail dans la feuille « Informations ») :`);
    for (const w of report.warnings.slice(0, 5)) lines.push(`   - [${w.code}] ${w.message}`);
    if (total > 5) lines.push(`   - … et ${total - 5} autre(s)`);
  }
  return lines.map(frenchTypography);
}

function progressBar(io: CliIO, label: string): { update: (p: ConversionProgress) => void; done: () => void } {
  if (!io.stderr.isTTY) return { update: () => {}, done: () => {} };
  let last = 0;
  const phases = { analyze: 'analyse', write: 'écriture', 'long-values': 'valeurs longues' } as const;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const ratio = p.totalBytes ? Math.min(1, p.bytesRead / p.totalBytes) : 0;
      const width = 30;
      const filled = Math.round(ratio * width);
      io.stderr.write(`\r${label} ${phases[p.phase].padEnd(9)} [${'█'.repeat(filled)}${' '.repeat(width - filled)}] ${Math.round(ratio * 100)}\u202f%`);
    },
    done() {
      io.stderr.write('\r\u001b[2K');
    },
  };
}

/** A count of threads or files at once, from 1 to 64; `what` says what it counts, in French. */
function parseCount(option: string, value: string, what: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`${option} attend ${what} (1, 2, 4…), pas « ${value} ».`);
  return n;
}

const parseThreads = (value: string) => parseCount('--threads', value, 'un nombre de fils');
const parseJobs = (value: string) => parseCount('--jobs', value, 'un nombre de fichiers à convertir en même temps');

/** One bar for a batch in workers: files done plus the share of each running file. */
function overallProgress(files: number, bar: ReturnType<typeof progressBar> | undefined): (index: number, p: ConversionProgress) => void {
  if (!bar) return () => {};
  const shares = new Array<number>(files).fill(0);
  return (index, p) => {
    const ratio = p.totalBytes ? Math.min(1, p.bytesRead / p.totalBytes) : 0;
    // The analysis reads the file once quickly; writing is most of the time.
    shares[index] = p.phase === 'analyze' ? 0.25 * ratio : p.phase === 'write' ? 0.25 + 0.7 * ratio : 0.95 + 0.05 * ratio;
    const total = shares.reduce((a, b) => a + b, 0);
    bar.update({ phase: p.phase, bytesRead: total, totalBytes: files });
  };
}

function parseHeaderLine(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--header-line attend un numéro de ligne (1, 2, 3…), pas « ${value} ».`);
  return n;
}

function parseDelimiter(value: string): Delimiter | 'auto' {
  const d = DELIMITER_NAMES[value] ?? DELIMITER_NAMES[value.toLowerCase()];
  if (!d) throw new UsageError(`Séparateur « ${value} » inconnu : utilisez auto, ';', ',', tab ou '|'.`);
  return d;
}

function parseEncoding(value: string): TextEncoding | 'auto' {
  const v = value.toLowerCase().replace(/^utf8$/, 'utf-8').replace(/^(cp1252|win1252|ansi)$/, 'windows-1252').replace(/^latin-?9$/, 'iso-8859-15');
  if (v === 'auto' || (TEXT_ENCODINGS as readonly string[]).includes(v)) return v as TextEncoding | 'auto';
  throw new UsageError(`Encodage « ${value} » inconnu : utilisez auto, ${TEXT_ENCODINGS.join(', ')}.`);
}

interface ConvertCliOptions {
  output?: string;
  encoding: string;
  delimiter: string;
  numbers: 'auto' | 'fr' | 'en';
  headerLine?: string;
  text?: string;
  raw?: boolean;
  force?: boolean;
  json?: boolean;
  quiet?: boolean;
  verify?: boolean;
  jobs?: string;
  threads?: string;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await fs.stat(path)).isDirectory();
  } catch {
    return false;
  }
}

function errorEntry(input: string, error: ExtractionError) {
  return { input, output: null, error: { code: error.code, message: error.message } };
}

function toExtractionError(error: unknown): ExtractionError {
  if (error instanceof ExtractionError) return error;
  return unexpectedError(error);
}

const CSV_FILE = /\.(csv|txt|tsv)$/i;

/**
 * Expands the inputs as a user on Windows expects: cmd.exe does not expand `*.csv` itself, and a
 * folder means the extractions it holds. A pattern or folder matching nothing stays as it is, so
 * that it is reported as not found.
 */
export async function expandInputs(inputs: readonly string[], cwd: string, notes: string[] = []): Promise<string[]> {
  const out: string[] = [];
  const exists = async (path: string) => (await fs.stat(resolve(cwd, path)).catch(() => null)) !== null;
  for (let k = 0; k < inputs.length; k++) {
    const input = inputs[k]!;
    if (input === '-') {
      out.push(input);
      continue;
    }
    const full = resolve(cwd, input);
    const stat = await fs.stat(full).catch(() => null);
    if (stat?.isDirectory()) {
      const names = (await fs.readdir(full)).filter((n) => CSV_FILE.test(n)).sort();
      if (names.length === 0) {
        throw new ExtractionError('INPUT_NOT_FOUND', `Le dossier « ${input} » ne contient aucune extraction (.csv, .txt ou .tsv). Vérifiez le dossier, ou donnez les fichiers eux-mêmes.`);
      }
      out.push(...names.map((n) => join(input, n)));
      continue;
    }
    if (!stat && /[*?]/.test(basename(input))) {
      const dir = dirname(input);
      const pattern = new RegExp(`^${basename(input).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
      const names = ((await fs.readdir(resolve(cwd, dir)).catch(() => [])) as string[]).filter((n) => pattern.test(n)).sort();
      out.push(...(names.length ? names.map((n) => (dir === '.' ? n : join(dir, n))) : [input]));
      continue;
    }
    if (!stat) {
      // An unquoted name with spaces arrives as several words: if they join into a file, say so.
      for (let last = inputs.length; last > k + 1; last--) {
        const joined = inputs.slice(k, last).join(' ');
        if (await exists(joined)) {
          throw new UsageError(`Le fichier « ${joined} » a un nom avec des espaces : mettez le nom entre guillemets, par exemple sne-extraction convert "${joined}".`);
        }
      }
      // Windows hides extensions: `extraction-sne` is often `extraction-sne.csv`.
      if (extname(input) === '') {
        let found: string | undefined;
        for (const candidate of ['.csv', '.txt', '.tsv'].map((e) => input + e)) if (!found && (await exists(candidate))) found = candidate;
        if (found) {
          notes.push(`« ${input} » n'existe pas : « ${found} » a été pris (Windows masque les extensions des fichiers).`);
          out.push(found);
          continue;
        }
      }
    }
    out.push(input);
  }
  return out;
}

/** An extraction taken from a zip: where its private copy is, and the workbook it gives by default. */
interface ZipMember {
  path: string;
  defaultOutput: string;
}

// A zip of extractions may be large, but never a bomb: bounds counted on inflated bytes.
const ZIP_LIMITS = { maxEntries: 1000, maxEntrySize: 512 * 1024 * 1024, maxTotalSize: 1024 * 1024 * 1024 };
const ZIP_FILE_LIMIT = 512 * 1024 * 1024;

/**
 * Replaces each `.zip` input by the extractions it holds, copied into a private temp folder (names
 * reduced to their last part: no path from the archive is ever used). Each one's workbook goes beside
 * the archive by default. `cleanup` removes the copies.
 */
async function unpackZips(inputs: readonly string[], cwd: string, notes: string[]): Promise<{ inputs: string[]; members: Map<string, ZipMember>; archives: string[]; cleanup: () => Promise<void> }> {
  const members = new Map<string, ZipMember>();
  const archives: string[] = [];
  const out: string[] = [];
  let dir: string | undefined;
  const cleanup = async () => {
    if (!dir) return;
    await fs.rm(dir, { recursive: true, force: true });
    releaseTemp(dir);
  };
  try {
    for (const input of inputs) {
      if (!/\.zip$/i.test(input)) {
        out.push(input);
        continue;
      }
      const full = resolve(cwd, input);
      let entries;
      try {
        entries = await readZip(await readBounded(full, ZIP_FILE_LIMIT, input, 'décompressez l\'archive avec l\'Explorateur Windows, puis convertissez les fichiers .csv'), ZIP_LIMITS);
      } catch (error) {
        if (error instanceof ZipError) {
          throw new ExtractionError('NOT_CSV', `L'archive « ${input} » n'a pas été ouverte : ${error.detail}. Décompressez-la avec l'Explorateur Windows, puis convertissez les fichiers .csv.`, { details: { kind: 'zip' } });
        }
        throw asExtractionError(error);
      }
      archives.push(full);
      const csv = entries.filter((e) => CSV_FILE.test(e.name) && !e.name.endsWith('/'));
      if (csv.length === 0) throw new ExtractionError('INPUT_NOT_FOUND', `L'archive « ${input} » ne contient aucune extraction (.csv, .txt ou .tsv).`);
      if (csv.length < entries.length) notes.push(`« ${input} » : ${entries.length - csv.length} fichier(s) qui ne sont pas des extractions ont été laissés de côté.`);
      if (!dir) {
        dir = await fs.mkdtemp(join(tmpdir(), 'sne-toolbox-'));
        trackTemp(dir);
      }
      for (const [i, entry] of csv.entries()) {
        const name = entry.name.split(/[\\/]/).pop()!;
        const path = join(dir, `${archives.length}-${i}-${name.replace(/[^\p{L}\p{N}._ -]/gu, '_')}`);
        await fs.writeFile(path, entry.bytes, { mode: 0o600, flag: 'wx' });
        const display = `${input} › ${entry.name}`;
        members.set(display, { path, defaultOutput: join(dirname(full), `${name.replace(/\.(csv|txt|tsv)$/i, '')}.xlsx`) });
        out.push(display);
      }
    }
  } catch (error) {
    await cleanup();
    throw error;
  }
  return { inputs: out, members, archives, cleanup };
}

/** One conversion the command will run: where it reads, where it writes. */
interface ConversionJob {
  /** The input as the user named it (`-` for standard input). */
  input: string;
  /** Absolute input path, or `-`. */
  path: string;
  /** Absolute output path, or `-` for standard output. */
  output: string;
}

/**
 * The pure plan of `convert`: every input resolved, every output named, conflicts found up front
 * (same output for two inputs, an output that is an input), nothing written.
 */
async function planConversions(io: CliIO, inputs: readonly string[], opts: ConvertCliOptions, zips: { members: Map<string, ZipMember>; archives: string[] }): Promise<ConversionJob[]> {
  const toStdout = opts.output === '-';
  if (toStdout && inputs.length > 1) throw new UsageError('-o - (sortie standard) ne peut recevoir qu\'un seul classeur : donnez un seul fichier, ou un dossier avec -o.');
  if (toStdout && io.stdout.isTTY) throw new UsageError('La sortie standard est un terminal : redirigez-la vers un fichier (> classeur.xlsx) ou utilisez -o classeur.xlsx.');
  if (toStdout && opts.verify) throw new UsageError('--verify relit le fichier écrit : il ne s\'applique pas à la sortie standard (-o -).');
  if (inputs.filter((i) => i === '-').length > 1) throw new UsageError('L\'entrée standard (-) ne peut être lue qu\'une fois.');
  const out = opts.output && !toStdout ? resolve(io.cwd, opts.output) : undefined;
  const outputDir = out && (inputs.length > 1 || (await isDirectory(out)) || /[\\/]$/.test(opts.output!)) ? out : undefined;
  const jobs = inputs.map((input): ConversionJob => {
    const member = zips.members.get(input);
    const path = member ? member.path : input === '-' ? '-' : resolve(io.cwd, input);
    const defaultName = member ? member.defaultOutput : defaultOutputPath(input === '-' ? resolve(io.cwd, 'entree-standard.csv') : path);
    const output = toStdout ? '-' : outputDir ? join(outputDir, basename(defaultName)) : (out ?? defaultName);
    return { input, path, output };
  });
  try {
    await checkPlan(
      [...jobs.filter((j) => j.path !== '-').map((j) => j.path), ...zips.archives],
      jobs.filter((j) => j.output !== '-').map((j) => ({ input: j.input === '-' ? null : j.input, output: j.output })),
    );
  } catch (error) {
    if (error instanceof FileError && error.code === 'OUTPUT_CONFLICT') throw new UsageError(error.message);
    throw asExtractionError(error);
  }
  if (outputDir) {
    await fs.mkdir(outputDir, { recursive: true }).catch((cause: unknown) => {
      throw new ExtractionError('WRITE_FAILED', `Impossible de créer le dossier « ${opts.output} ». Choisissez un autre dossier avec -o.`, { cause });
    });
  }
  return jobs;
}

/** Runs one planned conversion and returns its report. */
async function runConversion(io: CliIO, job: ConversionJob, opts: ConvertCliOptions, common: ConvertOptions): Promise<ConversionReport> {
  const name = job.input === '-' ? 'entrée standard' : basename(job.input);
  let spool: { path: string; cleanup: () => Promise<void> } | undefined;
  try {
    let path = job.path;
    if (job.input === '-') {
      spool = await spoolToTempFile(io.stdin as AsyncIterable<Uint8Array> & NodeJS.ReadableStream, 'stdin.csv', { signal: io.signal });
      path = spool.path;
    }
    const options = { ...common, name };
    if (job.output === '-') {
      const opened = await openInput(path, { signal: io.signal, name });
      try {
        const conversion = await convertExtraction(opened.source, { ...options, deflate: nodeDeflate(), platform: nodePlatform });
        await writeConversionTo(conversion, io.stdout);
        return { ...conversion.report, input: job.input, output: '-' };
      } finally {
        await opened.cleanup();
      }
    }
    const report = await convertFile(path, { ...options, output: job.output, force: opts.force, verify: opts.verify, ...(opts.threads !== undefined ? { threads: parseThreads(opts.threads) } : {}) });
    return { ...report, input: job.input };
  } finally {
    await spool?.cleanup();
  }
}

async function convertCommand(io: CliIO, rawInputs: string[], opts: ConvertCliOptions): Promise<number> {
  const notes: string[] = [];
  const zips = await unpackZips(await expandInputs(rawInputs, io.cwd, notes), io.cwd, notes);
  try {
    return await convertAll(io, zips.inputs, opts, notes, zips);
  } finally {
    await zips.cleanup();
  }
}

async function convertAll(io: CliIO, inputs: readonly string[], opts: ConvertCliOptions, notes: readonly string[], zips: { members: Map<string, ZipMember>; archives: string[] }): Promise<number> {
  if (!opts.quiet && !opts.json) for (const note of notes) io.stderr.write(`Remarque\u202f: ${note}\n`);
  const common: ConvertOptions = {
    encoding: parseEncoding(opts.encoding),
    delimiter: parseDelimiter(opts.delimiter),
    textColumns: opts.text ? opts.text.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
    raw: opts.raw,
    numbers: opts.numbers,
    ...(opts.headerLine !== undefined ? { headerLine: parseHeaderLine(opts.headerLine) } : {}),
    signal: io.signal,
  };
  const jobs = await planConversions(io, inputs, opts, zips);
  const concurrency = opts.jobs !== undefined ? parseJobs(opts.jobs) : defaultJobs(jobs.length);
  if (opts.threads !== undefined) parseThreads(opts.threads); // refused before any work
  // Several files go to worker threads, one file per worker: the same conversion as alone, on more
  // cores. Standard input and output stay on this thread (there is then only one file).
  const parallel = concurrency > 1 && jobs.length > 1 && jobs.every((j) => j.path !== '-' && j.output !== '-') && workersAvailable();
  const silent = opts.quiet || opts.json;
  const overall = parallel && !silent ? progressBar(io, `${jobs.length} fichiers`) : undefined;
  const pool = parallel ? new ConversionPool(concurrency, overallProgress(jobs.length, overall)) : undefined;
  const outcomes = pool?.run(
    jobs.map((job) => ({ path: job.path, options: { ...common, signal: undefined, name: basename(job.input), output: job.output, force: opts.force, verify: opts.verify } })),
    io.signal,
  );
  const results: unknown[] = [];
  let failed = false;
  try {
    for (const [k, job] of jobs.entries()) {
      const bar = silent || parallel ? { update: () => {}, done: () => {} } : progressBar(io, job.input === '-' ? 'entrée standard' : basename(job.input));
      try {
        const report = outcomes ? { ...(await outcomes[k]!), input: job.input } : await runConversion(io, job, opts, { ...common, onProgress: bar.update });
        bar.done();
        overall?.done();
        results.push(report);
        if (!silent) io.stderr.write(summaryLines(report).join('\n') + '\n');
      } catch (error) {
        bar.done();
        overall?.done();
        const e = toExtractionError(error);
        if (e.code === 'USAGE') throw new UsageError(e.message);
        if (e.code === 'ABORTED') {
          io.stderr.write(`Interrompu\u202f: ${e.message} [${e.code}]\n`);
          return EXIT.INTERRUPTED;
        }
        failed = true;
        results.push(errorEntry(job.input, e));
        if (!opts.json || !opts.quiet) io.stderr.write(`✘ ${job.input}\u202f: ${e.message} [${e.code}]\n`);
      }
    }
  } finally {
    await pool?.close();
  }
  if (opts.json) io.stdout.write(JSON.stringify(results, null, 2) + '\n');
  return failed ? EXIT.FAILED : EXIT.OK;
}

async function inspectCommand(io: CliIO, input: string, opts: { json?: boolean; encoding: string; delimiter: string; numbers: 'auto' | 'fr' | 'en' }): Promise<number> {
  const encoding = parseEncoding(opts.encoding);
  const delimiter = parseDelimiter(opts.delimiter);
  let spool: { path: string; cleanup: () => Promise<void> } | undefined;
  try {
    let path = resolve(io.cwd, input);
    if (input === '-') {
      spool = await spoolToTempFile(io.stdin as AsyncIterable<Uint8Array> & NodeJS.ReadableStream, 'stdin.csv', { signal: io.signal });
      path = spool.path;
    }
    const opened = await openInput(path, { signal: io.signal, name: basename(input) });
    let report;
    try {
      report = { ...(await inspectExtraction(opened.source, { encoding, delimiter, numbers: opts.numbers, signal: io.signal, name: basename(input), platform: nodePlatform })), input };
    } finally {
      await opened.cleanup();
    }
    if (opts.json) {
      io.stdout.write(JSON.stringify([report], null, 2) + '\n');
      return EXIT.OK;
    }
    const lines = [
      `Fichier     : ${input}`,
      `Encodage    : ${report.encoding} (${report.encodingSource === 'bom' ? 'BOM' : report.encodingSource === 'forced' ? 'imposé' : 'détecté'})`,
      `Séparateur  : « ${describeDelimiter(report.delimiter)} »`,
      `Lignes      : ${formatInt(report.rows)}${report.sheets > 1 ? ` (${report.sheets} feuilles)` : ''}`,
      `Colonnes    : ${report.columns}`,
      '',
      ' N°  Type            Colonne',
      ...report.columnTypes.map((c, i) => ` ${String(i + 1).padStart(3)}  ${COLUMN_TYPE_LABELS[c.type].singular.padEnd(14)}  ${c.name}${c.reason && REASON_LABELS[c.reason] ? `  (${REASON_LABELS[c.reason]})` : ''}`),
    ];
    const total = Object.values(report.warningCounts).reduce((a, b) => a + (b ?? 0), 0);
    if (total) lines.push('', `${total} avertissement(s) :`, ...report.warnings.slice(0, 20).map((w) => ` - [${w.code}] ${w.message}`));
    io.stdout.write(frenchTypography(lines.join('\n') + '\n'));
    return EXIT.OK;
  } catch (error) {
    const e = toExtractionError(error);
    if (e.code === 'USAGE') throw new UsageError(e.message);
    if (opts.json) io.stdout.write(JSON.stringify([errorEntry(input, e)], null, 2) + '\n');
    io.stderr.write(`✘ ${input}\u202f: ${e.message} [${e.code}]\n`);
    return e.code === 'ABORTED' ? EXIT.INTERRUPTED : EXIT.FAILED;
  } finally {
    await spool?.cleanup();
  }
}

/** Builds the commander program; actions record their exit code in `state`. */
export function createProgram(io: CliIO, state: { code: number }): Command {
  const program = new Command('sne-extraction')
    .description('Convertit les extractions CSV du SNE en classeurs Excel lisibles, sans perte.')
    .version(VERSION, '-V, --version', 'affiche la version')
    .helpOption('-h, --help', 'affiche l\'aide')
    .helpCommand('help [commande]', 'affiche l\'aide d\'une commande')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(frenchHelp(s)), writeErr: () => {} })
    .configureHelp(FRENCH_HELP);

  const encodingOption = () => new Option('--encoding <encodage>', 'auto, utf-8, windows-1252, iso-8859-15, utf-16le, utf-16be').default('auto');
  const delimiterOption = () => new Option('--delimiter <séparateur>', "auto, ';', ',', tab ou '|'").default('auto');
  const numbersOption = () =>
    new Option('--numbers <convention>', 'nombres : auto (décidé colonne par colonne), fr (1 234,56) ou en (1,234.56)').choices(['auto', 'fr', 'en']).default('auto');

  program
    .command('convert')
    .description('convertit une ou plusieurs extractions CSV en .xlsx')
    .argument('<fichiers...>', 'extractions CSV (- pour l\'entrée standard)')
    .option('-o, --output <fichier|dossier|->', 'fichier ou dossier de sortie (- : sortie standard)')
    .addOption(encodingOption())
    .addOption(delimiterOption())
    .addOption(numbersOption())
    .option('--header-line <n>', 'ligne de l\'en-tête, quand un titre ou des commentaires la précèdent (détectée sinon)')
    .option('--text <colonnes>', 'colonnes à garder en texte (noms, numéros ou lettres, séparés par des virgules)')
    .option('--raw', 'garde toutes les cellules en texte')
    .option('--force', 'remplace un fichier de sortie existant')
    .option('--json', 'affiche un rapport JSON sur la sortie standard')
    .option('-q, --quiet', 'n\'affiche que les erreurs')
    .option('--verify', 'relit le classeur écrit et compare chaque cellule à la source')
    .option('--jobs <n>', 'nombre de fichiers convertis en même temps (par défaut : un par cœur, au plus 4)')
    .option('--threads <n>', 'fils qui écrivent un gros fichier (par défaut : un par cœur, au plus 4 ; 1 : moins de mémoire)')
    .helpOption('-h, --help', 'affiche l\'aide')
    .action(async (inputs: string[], opts: ConvertCliOptions) => {
      state.code = await convertCommand(io, inputs, opts);
    });

  program
    .command('inspect')
    .description('analyse une extraction sans rien écrire : encodage, séparateur, types de colonnes')
    .argument('<fichier>', 'extraction CSV (- pour l\'entrée standard)')
    .addOption(encodingOption())
    .addOption(delimiterOption())
    .addOption(numbersOption())
    .option('--json', 'affiche le résultat en JSON')
    .helpOption('-h, --help', 'affiche l\'aide')
    .action(async (input: string, opts: { json?: boolean; encoding: string; delimiter: string; numbers: 'auto' | 'fr' | 'en' }) => {
      state.code = await inspectCommand(io, input, opts);
    });
  return program;
}

/** Runs the CLI with `argv` (without `node` and the script) and resolves to the exit code. */
export async function run(argv: readonly string[], io: Partial<CliIO> = {}): Promise<number> {
  const fullIo: CliIO = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd(), ...io };
  const state = { code: EXIT.OK as number };
  const program = createProgram(fullIo, state);
  try {
    if (argv.length === 0) {
      fullIo.stdout.write(frenchHelp(program.helpInformation()));
      return EXIT.USAGE;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return state.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.OK;
      fullIo.stderr.write(`Erreur d'utilisation\u202f: ${frenchCommanderError(error, 'sne-extraction', ['convert', 'inspect'])}\n`);
      return EXIT.USAGE;
    }
    if (error instanceof UsageError) {
      fullIo.stderr.write(`Erreur d'utilisation\u202f: ${frenchTypography(error.message)}\n`);
      return EXIT.USAGE;
    }
    const e = toExtractionError(error);
    fullIo.stderr.write(`✘ ${e.message} [${e.code}]\n`);
    return EXIT.FAILED;
  }
}
