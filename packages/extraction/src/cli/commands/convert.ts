import { basename } from 'node:path';
import type { Command } from 'commander';
import { type ConversionReport, type ConvertOptions, convertExtraction } from '../../core/convert.js';
import { ConversionPool, defaultJobs, workersAvailable } from '../../node/batch.js';
import { convertFile } from '../../node/convert-file.js';
import { nodeDeflate } from '../../node/deflate.js';
import { openInput, spoolToTempFile, writeConversionTo } from '../../node/files.js';
import { isNullDevice } from '@sne-toolbox/node-io';
import { nodePlatform } from '../../node/platform.js';
import { expandInputs } from '../inputs.js';
import { type CliIO, errorEntry, EXIT, toExtractionError, UsageError } from '../io.js';
import { type ConvertCliOptions, delimiterOption, encodingOption, numbersOption, parseDelimiter, parseEncoding, parseHeaderLine, parseJobs, parseThreads } from '../options.js';
import { type ConversionJob, planConversions } from '../plan.js';
import { failureLine, interruptionLines, jsonText, lines, overallProgress, progressBar, say, summaryLines, type WrittenWorkbook } from '../render.js';
import { unpackZips, type UnpackedZips } from '../zip-inputs.js';

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
        // A closed standard output (`>&-`) is reopened by Node on /dev/null: the workbook went nowhere.
        const stdout = io.standardStreams?.stdout;
        const discarded = stdout !== undefined && isNullDevice(stdout);
        return { ...conversion.report, input: job.input, output: '-', ...(discarded ? { discarded } : {}) };
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

/** `convert`: expands the inputs, unpacks zips, plans, converts; resolves to the exit code. */
export async function convertCommand(io: CliIO, rawInputs: string[], opts: ConvertCliOptions): Promise<number> {
  const notes: string[] = [];
  const zips = await unpackZips(await expandInputs(rawInputs, io.cwd, notes), io.cwd, notes, io.signal);
  try {
    return await convertAll(io, zips.inputs, opts, notes, zips);
  } finally {
    await zips.cleanup();
  }
}

async function convertAll(io: CliIO, inputs: readonly string[], opts: ConvertCliOptions, notes: readonly string[], zips: UnpackedZips): Promise<number> {
  if (!opts.quiet && !opts.json) for (const note of notes) say(io.stderr, lines([`Remarque\u202f: ${note}`]));
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
  // Every workbook this run put in place, in the jobs' order: in a batch, workers finish out of order.
  const finished: (WrittenWorkbook | undefined)[] = [];
  outcomes?.forEach((outcome, k) => outcome.then((report) => (finished[k] = report), () => {}));
  const results: unknown[] = [];
  let failed = false;
  for (const { input, error } of zips.failures) {
    failed = true;
    results.push(errorEntry(input, error));
    if (!opts.json || !opts.quiet) say(io.stderr, failureLine(input, error));
  }
  try {
    for (const [k, job] of jobs.entries()) {
      const bar = silent || parallel ? { update: () => {}, done: () => {} } : progressBar(io, job.input === '-' ? 'entrée standard' : basename(job.input));
      try {
        const report = outcomes ? { ...(await outcomes[k]!), input: job.input } : await runConversion(io, job, opts, { ...common, onProgress: bar.update });
        bar.done();
        overall?.done();
        if (report.output !== '-') finished[k] = report;
        results.push(report);
        // A workbook sent to the null device is said even with -q: never a bare « ✔ ».
        if (!silent || (report as { discarded?: boolean }).discarded) say(io.stderr, lines(summaryLines(report)));
      } catch (error) {
        bar.done();
        overall?.done();
        const e = toExtractionError(error);
        if (e.code === 'USAGE') throw new UsageError(e.message);
        if (e.code === 'ABORTED') {
          // Wait until every worker has stopped: a file finished meanwhile is on the disk, so named.
          await pool?.close();
          say(io.stderr, lines(interruptionLines(e.message, e.code, finished.filter((w) => w !== undefined))));
          return EXIT.INTERRUPTED;
        }
        failed = true;
        results.push(errorEntry(job.input, e));
        if (!opts.json || !opts.quiet) say(io.stderr, failureLine(job.input, e));
      }
    }
  } finally {
    await pool?.close();
  }
  if (opts.json) io.stdout.write(jsonText(results));
  return failed ? EXIT.FAILED : EXIT.OK;
}

/** Declares `convert` on the program; its action records the exit code in `state`. */
export function registerConvert(program: Command, io: CliIO, state: { code: number }): void {
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
}
