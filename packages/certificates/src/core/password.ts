import type { CertificateWarning } from './errors.js';
import { exportMessages, frenchTypography } from './messages.js';

/**
 * True when every character of `password` is printable ASCII, U+0020 to U+007E (space included): the
 * only characters Java accepts in a PKCS#12 password. Measured (docs/importers.md): Java 17 refuses a
 * tab, DEL, `é` or `Œ` with « Password is not ASCII », in every encryption; NSS, OpenSSL and Node accept them.
 */
export function isPortablePassword(password: string): boolean {
  return /^[\u0020-\u007e]*$/.test(password);
}

/**
 * The `PASSWORD_NOT_PORTABLE` warning for the password of the exported keys, or undefined when Java
 * accepts it. `source`: `reused` when it is the input's own password, kept by default; `given` when chosen.
 * The message never quotes the password's characters: it travels in logs and LISEZMOI.
 */
export function passwordWarning(password: string, source: 'reused' | 'given'): CertificateWarning | undefined {
  if (isPortablePassword(password)) return undefined;
  return { code: 'PASSWORD_NOT_PORTABLE', message: frenchTypography(exportMessages.passwordNotPortable(source === 'reused')), passwordSource: source };
}
