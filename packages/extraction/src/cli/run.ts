import { Command, CommanderError } from 'commander';
import { FRENCH_HELP, frenchCommanderError, frenchHelp } from '@sne-toolbox/node-io';
import { frenchTypography } from '../core/errors.js';
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
    .helpOption('-h, --help', 'affiche l\'aide')
    .helpCommand('help [commande]', 'affiche l\'aide d\'une commande')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(frenchHelp(s)), writeErr: () => {} })
    .configureHelp(FRENCH_HELP);
  registerConvert(program, io, state);
  registerInspect(program, io, state);
  return program;
}

/** The one place where an error that reached the top becomes an exit code (and its message on stderr). */
function exitCodeOf(error: unknown, io: CliIO): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.OK;
    io.stderr.write(`Erreur d'utilisation\u202f: ${frenchCommanderError(error, 'sne-extraction', ['convert', 'inspect'])}\n`);
    return EXIT.USAGE;
  }
  if (error instanceof UsageError) {
    io.stderr.write(`Erreur d'utilisation\u202f: ${frenchTypography(error.message)}\n`);
    return EXIT.USAGE;
  }
  const e = toExtractionError(error);
  io.stderr.write(`✘ ${e.message} [${e.code}]\n`);
  return EXIT.FAILED;
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
    return exitCodeOf(error, fullIo);
  }
}
