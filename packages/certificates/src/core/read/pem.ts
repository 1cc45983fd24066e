import { type PemBlock, parsePem } from '../bytes.js';
import type { KdfBudget } from '../crypto.js';
import { CertificateError } from '../errors.js';
import { pkcs1ToPkcs8, sec1ToPkcs8 } from '../keys.js';
import { readMessages } from '../messages.js';
import { addEncryptedKey, type Found } from './found.js';
import { readPkcs7 } from './pkcs7.js';

/** Largest input decoded as text to look for PEM or base64: certificate files are kilobytes. */
const MAX_TEXT_BYTES = 4 << 20;

/** True when `text` holds PEM armour (`-----BEGIN `). */
export function looksLikePem(text: string): boolean {
  return text.includes('-----BEGIN ');
}

/** True when `bytes` may be a `.txt` holding base64 without PEM lines (not DER, long enough). */
export function looksLikeBareBase64(bytes: Uint8Array, text: string): boolean {
  return bytes[0] !== 0x30 && /^[\sA-Za-z0-9+/=]+$/.test(text) && text.trim().length > 64;
}

/** The bytes of an input as text, when small enough to be a certificate file; else ''. */
export function textOf(bytes: Uint8Array, decode: (bytes: Uint8Array) => string): string {
  return bytes.byteLength < MAX_TEXT_BYTES ? decode(bytes) : '';
}

/** What one PEM block holds, by its label. */
export type PemKind = 'certificate' | 'pkcs8' | 'legacy-key' | 'encrypted-pkcs8' | 'pkcs7' | 'crl' | 'csr' | null;

/** Tells a PEM block's content by its label; `null` for labels this tool ignores. */
export function pemKind(label: string): PemKind {
  switch (label) {
    case 'CERTIFICATE':
    case 'X509 CERTIFICATE':
    case 'TRUSTED CERTIFICATE':
      return 'certificate';
    case 'PRIVATE KEY':
      return 'pkcs8';
    case 'RSA PRIVATE KEY':
    case 'EC PRIVATE KEY':
      return 'legacy-key';
    case 'ENCRYPTED PRIVATE KEY':
      return 'encrypted-pkcs8';
    case 'PKCS7':
    case 'CMS':
      return 'pkcs7';
    case 'X509 CRL':
      return 'crl';
    case 'CERTIFICATE REQUEST':
    case 'NEW CERTIFICATE REQUEST':
      return 'csr';
    default:
      return null;
  }
}

async function readBlock(block: PemBlock, name: string, password: string | undefined, found: Found, budget: KdfBudget): Promise<void> {
  const kind = pemKind(block.label);
  switch (kind) {
    case 'certificate':
      found.certificates.push({ der: block.der, source: name });
      return;
    case 'pkcs8':
      found.keys.push({ pkcs8: block.der, source: name });
      return;
    case 'legacy-key':
      if (block.headers['Proc-Type']?.includes('ENCRYPTED')) throw new CertificateError('UNSUPPORTED_FORMAT', readMessages.legacyPemEncryption(name), { file: name });
      found.keys.push({ pkcs8: block.label === 'RSA PRIVATE KEY' ? pkcs1ToPkcs8(block.der) : sec1ToPkcs8(block.der), source: name });
      return;
    case 'encrypted-pkcs8':
      return addEncryptedKey(block.der, name, password, found, budget);
    case 'pkcs7':
      readPkcs7(block.der, name, found);
      return;
    case 'crl':
    case 'csr':
      found.others.push({ kind, source: name });
      return;
    default:
      return;
  }
}

/** Reads every PEM block of `text`; false when it holds none (then the input is read as DER). */
export async function readPemText(text: string, name: string, password: string | undefined, found: Found, budget: KdfBudget): Promise<boolean> {
  const blocks = parsePem(text);
  if (blocks.length === 0) return false;
  for (const block of blocks) await readBlock(block, name, password, found, budget);
  return true;
}
