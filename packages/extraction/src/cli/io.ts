import { EXIT, jsonError } from '@sne-toolbox/node-io/cli';
import { ExtractionError, unexpectedError } from '../core/errors.js';

/** What the CLI talks to; tests pass their own. */
export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stdin: NodeJS.ReadableStream;
  cwd: string;
  /** Aborted on Ctrl-C / SIGTERM: the conversion stops and leaves no file. */
  signal?: AbortSignal;
  /**
   * The descriptors behind `stdin` and `stdout` (0 and 1 for the process), compared with the other
   * files of the plan by device and inode as GNU `cat` does; unset when the streams are not files.
   */
  standardStreams?: { stdin?: number; stdout?: number };
}

/** Exit codes of `sne-extraction`: the table both CLIs share. */
export { EXIT };

/** A mistake in the command line: exit code 2, the message in French. */
export class UsageError extends Error {}

/** Any failure as this package's error (an unforeseen one is `WRITE_FAILED`, « Erreur inattendue »). */
export function toExtractionError(error: unknown): ExtractionError {
  if (error instanceof ExtractionError) return withCliHint(error);
  return unexpectedError(error);
}

/** The CLI's advice for an error of the library, whose messages name no option: its own flags. */
const ERROR_HINTS: Partial<Record<ExtractionError['code'], (error: ExtractionError) => string | undefined>> = {
  TOO_MANY_COLUMNS: () => 'Essayez --delimiter.',
  ENCODING_INVALID: () => 'Relancez sans --encoding, ou avec --encoding windows-1252.',
  USAGE: (error) => (error.details.option === 'textColumns' ? 'Corrigez --text.' : undefined),
};

function withCliHint(error: ExtractionError): ExtractionError {
  const hint = error.hint ?? ERROR_HINTS[error.code]?.(error);
  if (hint === error.hint) return error;
  return new ExtractionError(error.code, error.message, { cause: error.cause, details: { ...error.details }, hint });
}

/** The JSON entry of a file that failed. */
export function errorEntry(input: string, error: ExtractionError) {
  return { input, output: null, error: jsonError({ code: error.code, message: error.message, file: input, hint: error.hint }) };
}
