import { type PemBlock, parsePem } from '../bytes.js';
import type { KdfBudget } from '../crypto.js';
import { CertificateError } from '../errors.js';
import { pkcs1ToPkcs8, sec1ToPkcs8 } from '../keys.js';
import { readMessages } from '../messages.js';
import { addEncryptedKey, type Found } from './found.js';
import { readPkcs7 } from './pkcs7.js';

/** Largest input decoded as text to look for PEM or base64: certificate files are kilobytes. */
const MAX_TEXT_BYTES = 4 << 20;

/** A control character no text file holds: C0 except tab, LF, VT, FF and CR; and DEL. */
function isBinary(code: number): boolean {
  return (code < 0x20 && (code < 0x09 || code > 0x0d)) || code === 0x7f;
}

/**
 * True when `text` is a PEM file: a line that begins, after optional spaces, tabs or a BOM, with
 * `-----BEGIN ` comes before any binary character (see `isBinary`). Text before it (OpenSSL's
 * « Bag Attributes », a comment) is allowed. A DER structure never qualifies: its tag and length
 * bytes put a binary byte within its first few bytes (a PKCS#12 has its version INTEGER, 0x02, by
 * the seventh byte), so PEM text appended to a `.p12` does not make the `.p12` a PEM file.
 * One pass, stopping at the first BEGIN line or binary character.
 */
export function looksLikePem(text: string): boolean {
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isBinary(code)) return false;
    if (code === 0x0a || code === 0x0d) {
      lineStart = true;
    } else if (lineStart && code !== 0x20 && code !== 0x09 && code !== 0xfeff) {
      if (text.startsWith('-----BEGIN ', i)) return true;
      lineStart = false;
    }
  }
  return false;
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
