import { Command } from 'commander';
import { runCli, type ShellError } from '@sne-toolbox/node-io/cli';
import { VERSION } from '../version.js';
import { registerConvert } from './commands/convert.js';
import { registerInspect } from './commands/inspect.js';
import { type CliIO, EXIT, toExtractionError, UsageError } from './io.js';

export { EXIT } from './io.js';
export type { CliIO } from './io.js';

/** Builds the commander program; actions record their exit code in `state`. */
export function createProgram(io: CliIO, state: { code: number }): Command {
  const program = new Command('sne-extraction')
    .description('Convertit les extractions CSV du SNE en classeurs Excel lisibles, sans perte.')
    .version(VERSION, '-V, --version', 'affiche la version')
    .helpCommand('help [commande]', 'affiche l\'aide d\'une commande');
  registerConvert(program, io, state);
  registerInspect(program, io, state);
  return program;
}

/** What the shell prints for an error that reached the top: a usage error, or the package's error. */
function describeError(error: unknown): ShellError {
  if (error instanceof UsageError) return { code: 'USAGE', message: error.message, usage: true };
  const e = toExtractionError(error);
  return { code: e.code, message: e.message, hint: e.hint };
}

/** Runs the CLI with `argv` (without `node` and the script) and resolves to the exit code. */
export async function run(argv: readonly string[], io: Partial<CliIO> = {}): Promise<number> {
  // The process's own streams are files the plan checks (`-o - 1<>data.csv`); injected ones are not.
  const standardStreams = { ...(io.stdin ? {} : { stdin: 0 }), ...(io.stdout ? {} : { stdout: 1 }) };
  const fullIo: CliIO = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd(), standardStreams, ...io };
  const state = { code: EXIT.OK as number };
  const program = createProgram(fullIo, state);
  return runCli(argv, fullIo, { bin: 'sne-extraction', program, result: () => state.code, describe: describeError });
}
