import { Command } from 'commander';
import { SIGNAL_EXIT_CODES } from '@sne-toolbox/node-io';
import { EXIT, runCli, type ShellError } from '@sne-toolbox/node-io/cli';
import { CertificateError } from '../core/errors.js';
import { VERSION } from '../version.js';
import { checkCommand, monitoringUnknown } from './commands/check.js';
import { extractCommand } from './commands/extract.js';
import { inspectCommand } from './commands/inspect.js';
import { type CliIO, type RunState, UsageError } from './io.js';
import { CTRL_C } from './prompt.js';

export type { CliIO } from './io.js';
export { EXIT } from './io.js';

/** Builds the commander program; actions record their exit code in `state`. */
export function createProgram(io: CliIO, state: RunState, argv: readonly string[] = []): Command {
  const program = new Command('sne-certificates')
    .description('Ouvre un certificat RGS, distingue chiffrement, signature et authentification, et exporte chacun pour sa destination.')
    .version(VERSION, '-V, --version', 'affiche la version')
    .helpCommand('help [commande]', 'affiche l\'aide d\'une commande');
  inspectCommand(program, io, state);
  extractCommand(program, io, state, argv);
  checkCommand(program, io, state);
  return program;
}

/** What the shell prints for an error this CLI threw; anything else is a bug (INTERNAL). */
function describeError(error: unknown): ShellError | undefined {
  if (error instanceof UsageError || (error instanceof CertificateError && error.code === 'USAGE')) return { code: 'USAGE', message: error.message, usage: true };
  if (error instanceof CertificateError) return { code: error.code, message: error.message, file: error.file ?? undefined, hint: error.hint };
  return undefined;
}

/** Runs the CLI with `argv` (without `node` and the script) and resolves to the exit code. */
export async function run(argv: readonly string[], io: Partial<CliIO> = {}): Promise<number> {
  const fullIo: CliIO = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd(), ...io };
  const state: RunState = { code: EXIT.OK };
  const program = createProgram(fullIo, state, argv);
  let ctrlC = false;
  const describe = (error: unknown) => {
    ctrlC = error instanceof CertificateError && error.code === 'ABORTED' && error.cause === CTRL_C;
    return describeError(error);
  };
  let failure: unknown;
  const monitoring = argv[0] === 'check' && argv.includes('--nagios');
  const code = await runCli(argv, fullIo, {
    bin: 'sne-certificates',
    program,
    result: () => state.code,
    describe: (error) => {
      failure = error;
      return describe(error);
    },
  });
  // Ctrl-C typed at the password prompt (raw mode: no signal is sent) ends as SIGINT would.
  if (ctrlC) return SIGNAL_EXIT_CODES.SIGINT;
  // Supervision: whatever failed (unreadable file, wrong password, bad option) is UNKNOWN.
  if (monitoring && code !== state.code) return monitoringUnknown(fullIo, failure ?? new Error('options invalides (voir le message d\'erreur)'));
  return code;
}
