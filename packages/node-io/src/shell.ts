import { type Command, CommanderError } from 'commander';
import { frenchTypography, jsonText, printable, unexpectedErrorSentence } from '@sne-toolbox/text';
import { frenchCommanderError, frenchHelp, useFrenchHelp } from './help.js';

/**
 * Exit codes of both CLIs, in one table. `check` adds 3 and 4; a signal gives 128 + its number
 * (see `SIGNAL_EXIT_CODES`).
 */
export const EXIT = {
  /** Done (warnings possible). */
  OK: 0,
  /** An input could not be handled (the others were). */
  FAILED: 1,
  /** A usage error: bad option, missing argument, conflicting outputs. */
  USAGE: 2,
  /** `check`: a certificate expires within the warning window. */
  EXPIRES_SOON: 3,
  /** `check`: a certificate is expired, not yet valid, or its key does not match. */
  INVALID: 4,
  /** Stopped by Ctrl-C (bin.ts then sets the code of the signal actually received). */
  INTERRUPTED: 130,
} as const;

/**
 * What the shell prints for an error: the library's own `code` and `message` (French, with no
 * CLI flag in it), and the CLI's `hint` (what to type next), given by the caller so that each
 * CLI gives only its own advice.
 */
export interface ShellError {
  code: string;
  message: string;
  hint?: string | undefined;
  /** The input the error is about, when there is one (JSON only). */
  file?: string | undefined;
  /** A usage error: exit 2, printed as « Erreur d'utilisation ». */
  usage?: boolean | undefined;
}

/** The one JSON shape of an error, in both CLIs (alone, or inside a per-input entry). */
export function jsonError(error: ShellError): { code: string; message: string; file: string | null; hint?: string } {
  return { code: error.code, message: error.message, file: error.file ?? null, ...(error.hint ? { hint: error.hint } : {}) };
}

/**
 * The line a person reads for an error, French typography and untrusted text made printable.
 * The file is not repeated: messages name it where it matters.
 */
export function errorLine(error: ShellError): string {
  if (error.usage) return frenchTypography(`Erreur d'utilisation : ${printable(error.message, { keepNewlines: true })}${error.hint ? ` ${error.hint}` : ''}\n`);
  // One line: a line feed in the message (a zip member's name, a header) is shown as `\n`.
  return frenchTypography(`✘ ${printable(error.message)}${error.hint ? ` ${error.hint}` : ''} [${error.code}]\n`);
}

/**
 * Writes text for a person: the one rule of both CLIs. Untrusted parts (header names, zip member
 * names, certificate subjects) are embedded in many messages: escaping them here, where every line
 * leaves for the terminal, is the one place none can be missed. Only the line breaks between the
 * lines we built survive. `typography` adds French spacing before « : ; ! ? » (the certificates' prose;
 * the extraction CLI leaves it out, as its lines show delimiters such as « ; » exactly).
 */
export function say(stream: { write(text: string): unknown }, text: string, options: { typography?: boolean } = {}): void {
  stream.write(printable(options.typography ? frenchTypography(text) : text, { keepNewlines: true }));
}

/** Where a CLI writes. */
export interface ShellOutput {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** What a CLI gives the shell. */
export interface ShellSpec {
  /** The program's name, as a user types it (`sne-extraction`). */
  bin: string;
  /** The commander program; its actions set the exit code through `result`. */
  program: Command;
  /** The exit code the actions set (read after parsing). */
  result: () => number;
  /**
   * The caller's reading of an error it threw: its code, French message and hint. Returns
   * undefined for an error it does not know (a bug), which the shell reports as INTERNAL.
   */
  describe: (error: unknown) => ShellError | undefined;
}

/**
 * The skeleton both CLIs share: French help, parse and dispatch, then one mapping of what was
 * thrown to a message, a JSON error (with `--json`) and an exit code. Never touches `process`:
 * `bin.ts` sets the exit code.
 */
export async function runCli(argv: readonly string[], io: ShellOutput, spec: ShellSpec): Promise<number> {
  const { program } = spec;
  useFrenchHelp(program, (text) => io.stdout.write(text));
  for (const command of [program, ...program.commands]) command.exitOverride();
  try {
    if (argv.length === 0) {
      io.stdout.write(frenchHelp(program.helpInformation()));
      return EXIT.USAGE;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return spec.result();
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.OK;
      const commands = program.commands.map((c) => c.name());
      io.stderr.write(errorLine({ code: 'USAGE', message: frenchCommanderError(error, spec.bin, commands), usage: true }));
      return EXIT.USAGE;
    }
    const described = spec.describe(error) ?? {
      code: 'INTERNAL',
      message: unexpectedErrorSentence(error),
    };
    if (!described.usage && argv.includes('--json')) io.stdout.write(jsonText({ error: jsonError(described) }));
    io.stderr.write(errorLine(described));
    return described.usage ? EXIT.USAGE : EXIT.FAILED;
  }
}
