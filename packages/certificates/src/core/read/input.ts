import { fromBase64, fromUtf8 } from '../bytes.js';
import { KdfBudget } from '../crypto.js';
import { CertificateError } from '../errors.js';
import { readMessages } from '../messages.js';
import { looksLikePkcs12 } from '../pkcs12.js';
import { readDer } from './der.js';
import { type Found, unsupported, withFile } from './found.js';
import { looksLikeBareBase64, looksLikePem, readPemText, textOf } from './pem.js';
import { looksLikeZip, readZip } from './zip.js';

/** One input file: its name (for messages) and its bytes (a `Uint8Array`, an `ArrayBuffer` or a `Blob`/`File`). */
export interface BundleInput {
  name: string;
  bytes: Uint8Array | ArrayBuffer | Blob;
}

/** Reads the entries of a zip: what is not a certificate file (a readme…) is skipped. */
async function readZipInput(bytes: Uint8Array, name: string, password: string | undefined, found: Found, budget: KdfBudget): Promise<void> {
  const entries = await readZip(bytes);
  const before = found.certificates.length + found.keys.length;
  for (const entry of entries) {
    await budget.checkpoint();
    try {
      await readOne({ name: `${name} › ${entry.name}`, bytes: entry.bytes }, password, found, budget);
    } catch (error) {
      if (error instanceof CertificateError && error.code === 'UNSUPPORTED_FORMAT') continue;
      throw error;
    }
  }
  if (found.certificates.length + found.keys.length === before) throw unsupported(name, readMessages.zipWithoutCertificate);
}

/** Reads one input of any format: zip, PKCS#12, PEM text, bare base64, then DER. Errors name the file. */
async function readOne(input: { name: string; bytes: Uint8Array }, password: string | undefined, found: Found, budget: KdfBudget): Promise<void> {
  const { name, bytes } = input;
  try {
    if (looksLikeZip(bytes)) return await readZipInput(bytes, name, password, found, budget);
    // Decided by structure: a PKCS#12 is one whatever follows it (bytes after it are UNAUTHENTICATED,
    // never read), and only a file that starts as text with a BEGIN line is PEM.
    if (looksLikePkcs12(bytes)) return await readDer(bytes, bytes, name, password, found, budget);
    const text = textOf(bytes, fromUtf8);
    if (looksLikePem(text) && (await readPemText(text, name, password, found, budget))) return;
    let der = bytes;
    if (looksLikeBareBase64(bytes, text)) {
      const decoded = fromBase64(text);
      if (decoded && decoded[0] === 0x30) der = decoded;
    }
    await readDer(der, bytes, name, password, found, budget);
  } catch (error) {
    withFile(error, name);
  }
}

/**
 * Reads one input into `found`, with one derivation budget for it (a file, or a zip with everything
 * it holds); aborting `signal` stops it between two steps with `ABORTED`.
 */
export async function readInput(input: BundleInput, password: string | undefined, found: Found, signal?: AbortSignal): Promise<void> {
  return readOne({ name: input.name, bytes: await bytesOf(input) }, password, found, new KdfBudget(signal));
}

/** The bytes of an input as a `Uint8Array`; anything else is `USAGE` naming the file. */
async function bytesOf(input: BundleInput): Promise<Uint8Array> {
  const { bytes } = input;
  if (bytes instanceof Uint8Array) return bytes;
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  if (typeof Blob !== 'undefined' && bytes instanceof Blob) return new Uint8Array(await bytes.arrayBuffer());
  throw new CertificateError('USAGE', `« ${input.name} » : bytes doit être un Uint8Array, un ArrayBuffer ou un Blob.`, { details: { option: 'bytes' } });
}
