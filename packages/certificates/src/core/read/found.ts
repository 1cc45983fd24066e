import { parseAsn1 } from '../asn1.js';
import type { KdfBudget } from '../crypto.js';
import { CertificateError } from '../errors.js';
import { decryptPkcs8 } from '../keys.js';
import { readMessages } from '../messages.js';

/** What the readers collect from the inputs, before any certificate or key is parsed. */
export interface Found {
  certificates: { der: Uint8Array; source: string; localKeyId?: Uint8Array }[];
  keys: { pkcs8: Uint8Array; source: string; localKeyId?: Uint8Array }[];
  /** Things that are not certificates nor keys, kept to say what a file was when nothing else is found. */
  others: { kind: 'crl' | 'csr'; source: string }[];
  /** Inputs whose integrity nothing proves, with the reason. */
  unauthenticated: Map<string, string>;
}

/** An empty {@link Found}. */
export function emptyFound(): Found {
  return { certificates: [], keys: [], others: [], unauthenticated: new Map() };
}

/** A file that is not a certificate file this tool reads. */
export function unsupported(name: string, what: string): CertificateError {
  return new CertificateError('UNSUPPORTED_FORMAT', readMessages.unsupported(name, what), { file: name });
}

/** A damaged or truncated file. */
export function corruptFile(name: string, cause?: unknown): CertificateError {
  return new CertificateError('CORRUPT_FILE', readMessages.corrupt(name), { file: name, cause });
}

/** Rethrows `error` naming the file `name` (a library error becomes {@link corruptFile}). */
export function withFile(error: unknown, name: string): never {
  if (error instanceof CertificateError) {
    if (error.file) throw error;
    throw new CertificateError(error.code, error.message.startsWith('«') ? error.message : `« ${name} » : ${error.message}`, { file: name, cause: error.cause });
  }
  throw corruptFile(name, error);
}

/**
 * The one path for an encrypted PKCS#8 key (PEM `ENCRYPTED PRIVATE KEY` or DER): the password is
 * required, a wrong one is `BAD_PASSWORD`, and the plain key joins the found keys.
 */
export async function addEncryptedKey(der: Uint8Array, name: string, password: string | undefined, found: Found, budget: KdfBudget): Promise<void> {
  if (password === undefined) throw new CertificateError('PASSWORD_REQUIRED', readMessages.keyPasswordRequired(name), { file: name });
  const plain = await decryptPkcs8(parseAsn1(der), password, budget);
  if (!plain) throw new CertificateError('BAD_PASSWORD', readMessages.keyBadPassword(name), { file: name });
  found.keys.push({ pkcs8: plain, source: name });
}
