import { CertificateError } from '../core/errors.js';
import { type CliIO, say } from './io.js';

/** The cause of an `ABORTED` typed as Ctrl-C in raw mode (no SIGINT is sent then): `run` exits 130 for it, as for the signal. */
export const CTRL_C = 'SIGINT';

/** The error of a typing stopped by Ctrl-C or a signal: nothing was opened, nothing written. */
function cancelled(cause: unknown): CertificateError {
  return new CertificateError('ABORTED', 'Saisie du mot de passe annulée.', { cause });
}

/**
 * Reads a password on the terminal without echoing it. Ctrl-C typed in raw mode, or SIGINT / SIGTERM
 * (`io.signal` aborted), ends it with `ABORTED`; whatever way it ends, the terminal leaves raw mode
 * and stdin is released, so the process can exit.
 */
export async function promptHidden(io: CliIO, question: string): Promise<string> {
  const { stdin, signal } = io;
  if (signal?.aborted) throw cancelled(signal.reason);
  say(io, question);
  stdin.setRawMode?.(true);
  stdin.resume();
  return new Promise((resolvePassword, reject) => {
    let value = '';
    const finish = (error: CertificateError | null) => {
      stdin.removeListener('data', onData);
      signal?.removeEventListener('abort', onAbort);
      stdin.setRawMode?.(false);
      stdin.pause();
      say(io, '\n');
      if (error) reject(error);
      else resolvePassword(value);
    };
    const onAbort = () => finish(cancelled(signal?.reason));
    const onData = (chunk: Buffer | string) => {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish(null);
        if (ch === '\u0003') return finish(cancelled(CTRL_C));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
