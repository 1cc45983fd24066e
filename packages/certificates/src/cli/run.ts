import { Command, CommanderError } from 'commander';
import { FRENCH_HELP, frenchCommanderError, frenchHelp } from '@sne-toolbox/node-io';
import { CertificateError } from '../core/errors.js';
import { VERSION } from '../version.js';
import { checkCommand } from './commands/check.js';
import { extractCommand } from './commands/extract.js';
import { inspectCommand } from './commands/inspect.js';
import { type CliIO, EXIT, type RunState, say, UsageError } from './io.js';
import { errorJson, errorLine, unexpectedLine, usageLine } from './render.js';

export type { CliIO } from './io.js';
export { EXIT } from './io.js';

const COMMANDS = ['inspect', 'extract', 'check'];

/** Builds the commander program; actions record their exit code in `state`. */
export function createProgram(io: CliIO, state: RunState, argv: readonly string[] = []): Command {
  const program = new Command('sne-certificates')
    .description('Ouvre un certificat RGS, distingue chiffrement, signature et authentification, et exporte chacun pour sa destination.')
    .version(VERSION, '-V, --version', 'affiche la version')
    .helpOption('-h, --help', 'affiche l\'aide')
    .helpCommand('help [commande]', 'affiche l\'aide d\'une commande')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(frenchHelp(s)), writeErr: () => {} })
    .configureHelp(FRENCH_HELP);
  inspectCommand(program, io, state);
  extractCommand(program, io, state, argv);
  checkCommand(program, io, state);
  return program;
}

/** The one place where an error becomes what the user sees and an exit code. */
function exitCodeOf(error: unknown, io: CliIO, argv: readonly string[]): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.OK;
    say(io, usageLine(frenchCommanderError(error, 'sne-certificates', COMMANDS)));
    return EXIT.USAGE;
  }
  if (error instanceof UsageError || (error instanceof CertificateError && error.code === 'USAGE')) {
    say(io, usageLine(error.message));
    return EXIT.USAGE;
  }
  if (error instanceof CertificateError) {
    if (argv.includes('--json')) io.stdout.write(errorJson(error));
    say(io, errorLine(error));
    return EXIT.FAILED;
  }
  say(io, unexpectedLine(error));
  return EXIT.FAILED;
}

/** Runs the CLI with `argv` (without `node` and the script) and resolves to the exit code. */
export async function run(argv: readonly string[], io: Partial<CliIO> = {}): Promise<number> {
  const fullIo: CliIO = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd(), ...io };
  const state: RunState = { code: EXIT.OK };
  const program = createProgram(fullIo, state, argv);
  try {
    if (argv.length === 0) {
      fullIo.stdout.write(frenchHelp(program.helpInformation()));
      return EXIT.USAGE;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return state.code;
  } catch (error) {
    return exitCodeOf(error, fullIo, argv);
  }
}
