import { Asn1Error, parseAsn1, readOid, TAG } from '../asn1.js';
import { fromUtf8 } from '../bytes.js';
import type { KdfBudget } from '../crypto.js';
import { CertificateError } from '../errors.js';
import { readMessages } from '../messages.js';
import { OID } from '../oids.js';
import { looksLikePkcs12, readPkcs12 } from '../pkcs12.js';
import { addEncryptedKey, corruptFile, type Found, unsupported } from './found.js';
import { readPkcs7 } from './pkcs7.js';

/** What a DER (or BER) input holds, told by its ASN.1 shape; null when none is known. */
export type DerKind = 'pkcs12' | 'pkcs7' | 'certificate' | 'crl' | 'csr' | 'pkcs8' | 'encrypted-pkcs8' | null;

/** Tells a DER input apart by its shape. Throws an {@link Asn1Error} when it is not ASN.1. */
export function derKind(bytes: Uint8Array): DerKind {
  if (looksLikePkcs12(bytes)) return 'pkcs12';
  const node = parseAsn1(bytes);
  if (node.tag !== TAG.SEQUENCE || node.cls !== 0) return null;
  const [a, b, c] = node.children;
  if (a?.tag === TAG.OID) return readOid(a) === OID.signedData ? 'pkcs7' : null;
  if (a?.tag === TAG.SEQUENCE && b?.tag === TAG.SEQUENCE && c?.tag === TAG.BIT_STRING) {
    // Certificates, CRLs and CSRs share the signed shape; the to-be-signed part tells them apart:
    // a certificate has [0] version or serial, algorithm, issuer, validity (a SEQUENCE); a CRL has a
    // time after the issuer; a CSR has a subject, a key, then [0] attributes.
    const tbs = a.children;
    if (tbs[0]?.cls === 2) return 'certificate';
    const offset = tbs[0]?.tag === TAG.INTEGER ? 1 : 0;
    const fourth = tbs[offset + 2];
    if (tbs[0]?.tag === TAG.INTEGER && tbs[3]?.cls === 2 && tbs[1]?.tag === TAG.SEQUENCE && tbs[2]?.tag === TAG.SEQUENCE) return 'csr';
    if (fourth && fourth.cls === 0 && (fourth.tag === 0x17 || fourth.tag === 0x18)) return 'crl';
    return 'certificate';
  }
  if (a?.tag === TAG.INTEGER && b?.tag === TAG.SEQUENCE && c?.tag === TAG.OCTET_STRING) return 'pkcs8';
  if (a?.tag === TAG.SEQUENCE && b?.tag === TAG.OCTET_STRING && node.children.length === 2) return 'encrypted-pkcs8';
  return null;
}

/** True when a DER SEQUENCE announces a length that runs past the end of the file: a truncated download. */
export function declaredLongerThanData(bytes: Uint8Array): boolean {
  if (bytes[0] !== 0x30 || bytes.byteLength < 4) return false;
  const first = bytes[1]!;
  if (first < 0x80) return first + 2 > bytes.byteLength;
  const count = first & 0x7f;
  if (count === 0 || count > 4) return false;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + (bytes[2 + i] ?? 0);
  return length + 2 + count > bytes.byteLength && length < 1 << 24;
}

/** French words for what an unreadable input seems to be (empty, PDF, Office…). */
export function describeBytes(bytes: Uint8Array): string {
  if (bytes.byteLength === 0) return readMessages.emptyFile;
  const head = fromUtf8(bytes.subarray(0, 8));
  if (head.startsWith('%PDF')) return readMessages.pdf;
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf) return readMessages.office;
  return readMessages.unknownContent;
}

/** Tells the kind of `der`; an input that is not ASN.1 is corrupt when truncated, else unsupported. */
function kindOf(der: Uint8Array, original: Uint8Array, name: string): DerKind {
  try {
    return derKind(der);
  } catch (error) {
    if (error instanceof Asn1Error && declaredLongerThanData(der)) throw corruptFile(name, error);
    throw unsupported(name, describeBytes(original));
  }
}

/** Reads a DER input (`original` is the file as given, for messages when `der` was decoded from base64). */
export async function readDer(der: Uint8Array, original: Uint8Array, name: string, password: string | undefined, found: Found, budget: KdfBudget): Promise<void> {
  const kind = kindOf(der, original, name);
  switch (kind) {
    case 'pkcs12': {
      const contents = await readPkcs12(der, password, { budget });
      if (contents.unauthenticated) found.unauthenticated.set(name, contents.unauthenticated);
      for (const c of contents.certificates) found.certificates.push({ der: c.der, source: name, ...(c.localKeyId ? { localKeyId: c.localKeyId } : {}) });
      for (const k of contents.keys) found.keys.push({ pkcs8: k.der, source: name, ...(k.localKeyId ? { localKeyId: k.localKeyId } : {}) });
      return;
    }
    case 'pkcs7':
      readPkcs7(der, name, found);
      return;
    case 'certificate':
      found.certificates.push({ der: parseAsn1(der).raw, source: name });
      return;
    case 'crl':
    case 'csr':
      throw new CertificateError('UNSUPPORTED_FORMAT', readMessages.otherKind(name, kind), { file: name });
    case 'pkcs8':
      found.keys.push({ pkcs8: parseAsn1(der).raw, source: name });
      return;
    case 'encrypted-pkcs8':
      return addEncryptedKey(der, name, password, found, budget);
    default:
      throw unsupported(name, describeBytes(original));
  }
}
