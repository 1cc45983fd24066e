import { CertificateError } from '../core/errors.js';
import { type CliIO, say } from './io.js';

/** Reads a password on the terminal without echoing it. */
export async function promptHidden(io: CliIO, question: string): Promise<string> {
  const stdin = io.stdin;
  say(io, question);
  stdin.setRawMode?.(true);
  stdin.resume();
  return new Promise((resolvePassword, reject) => {
    let value = '';
    const onData = (chunk: Buffer | string) => {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          done();
          say(io, '\n');
          resolvePassword(value);
          return;
        }
        if (ch === '\u0003') {
          done();
          say(io, '\n');
          reject(new CertificateError('PASSWORD_REQUIRED', 'Saisie du mot de passe annulée.'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    const done = () => {
      stdin.removeListener('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
    };
    stdin.on('data', onData);
  });
}
