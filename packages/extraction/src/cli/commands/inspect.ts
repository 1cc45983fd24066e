import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { inspectExtraction } from '../../core/convert.js';
import { frenchTypography } from '../../core/errors.js';
import { openInput, spoolToTempFile } from '../../node/files.js';
import { nodePlatform } from '../../node/platform.js';
import { type CliIO, errorEntry, EXIT, toExtractionError, UsageError } from '../io.js';
import { delimiterOption, encodingOption, type InspectCliOptions, numbersOption, parseDelimiter, parseEncoding } from '../options.js';
import { failureLine, inspectLines, jsonText, lines, say } from '../render.js';

/** `inspect`: analyses one extraction and prints what it found; resolves to the exit code. */
export async function inspectCommand(io: CliIO, input: string, opts: InspectCliOptions): Promise<number> {
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
      io.stdout.write(jsonText([report]));
      return EXIT.OK;
    }
    say(io.stdout, lines(inspectLines(report).map(frenchTypography)));
    return EXIT.OK;
  } catch (error) {
    const e = toExtractionError(error);
    if (e.code === 'USAGE') throw new UsageError(e.message);
    if (opts.json) io.stdout.write(jsonText([errorEntry(input, e)]));
    say(io.stderr, failureLine(input, e));
    return e.code === 'ABORTED' ? EXIT.INTERRUPTED : EXIT.FAILED;
  } finally {
    await spool?.cleanup();
  }
}

/** Declares `inspect` on the program; its action records the exit code in `state`. */
export function registerInspect(program: Command, io: CliIO, state: { code: number }): void {
  program
    .command('inspect')
    .description('analyse une extraction sans rien écrire : encodage, séparateur, types de colonnes')
    .argument('<fichier>', 'extraction CSV (- pour l\'entrée standard)')
    .addOption(encodingOption())
    .addOption(delimiterOption())
    .addOption(numbersOption())
    .option('--json', 'affiche le résultat en JSON')
    .helpOption('-h, --help', 'affiche l\'aide')
    .action(async (input: string, opts: InspectCliOptions) => {
      state.code = await inspectCommand(io, input, opts);
    });
}
