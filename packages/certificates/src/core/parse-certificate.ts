import { fromUtf8, parsePem } from './bytes.js';
import { looksLikePem, textOf } from './read/pem.js';
import { CertificateError } from './errors.js';
import { readMessages } from './messages.js';
import { type ParsedCertificate, parseCertificate as parseDer } from './x509.js';

/**
 * One certificate as `parseCertificate` gives it: what `classifyCertificate` needs (`keyUsage`,
 * `extendedKeyUsage`, `basicConstraints`), names, dates, key and fingerprints. Plain data.
 */
export interface CertificateInfo {
  subject: { text: string; commonName: string | null; organization: string | null; email: string | null };
  issuer: { text: string; commonName: string | null; organization: string | null };
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  keyType: string;
  keySize: number | null;
  curve: string | null;
  keyUsage: ParsedCertificate['keyUsage'];
  extendedKeyUsage: ParsedCertificate['extendedKeyUsage'];
  basicConstraints: ParsedCertificate['basicConstraints'];
  policies: string[];
  fingerprintSha256: string;
  fingerprintSha1: string;
  /** The certificate's DER bytes (as a `.cer` file holds them). */
  der: Uint8Array;
}

const attr = (name: ParsedCertificate['subject'], type: string) => name.attributes.find((a) => a.type === type)?.value ?? null;

/**
 * Parses one X.509 certificate, given as DER bytes (a `.cer`, `.crt`, `.der`) or PEM text (a `.txt`,
 * `.pem`: the first CERTIFICATE block), in Node and browsers alike. A private key is never read.
 * Throws a {@link CertificateError}: `UNSUPPORTED_FORMAT` when no certificate is there,
 * `CORRUPT_FILE` when its bytes do not parse, `UNSUPPORTED_ALGORITHM` for a key type this tool
 * does not name. To classify it: `classifyCertificate(parseCertificate(bytes))`.
 */
export function parseCertificate(input: Uint8Array | ArrayBuffer | string): CertificateInfo {
  const bytes = typeof input === 'string' ? null : input instanceof Uint8Array ? input : new Uint8Array(input);
  // PEM as openBundle finds it: a BOM, blank lines or text before BEGIN (openssl's « Bag Attributes ») included.
  const decoded = typeof input === 'string' ? input : textOf(bytes!, fromUtf8);
  const text = typeof input === 'string' || looksLikePem(decoded) ? decoded : null;
  let der = bytes;
  if (text !== null) {
    const block = parsePem(text).find((b) => b.label === 'CERTIFICATE' || b.label === 'X509 CERTIFICATE' || b.label === 'TRUSTED CERTIFICATE');
    if (!block) throw new CertificateError('UNSUPPORTED_FORMAT', readMessages.unsupported('certificat', 'aucun bloc CERTIFICATE'));
    der = block.der;
  }
  let cert: ParsedCertificate;
  try {
    cert = parseDer(der!.slice());
  } catch (error) {
    if (error instanceof CertificateError) throw error;
    throw new CertificateError('CORRUPT_FILE', readMessages.corrupt('certificat'), { cause: error });
  }
  return {
    subject: { text: cert.subject.text, commonName: attr(cert.subject, 'CN'), organization: attr(cert.subject, 'O'), email: cert.emails[0] ?? null },
    issuer: { text: cert.issuer.text, commonName: attr(cert.issuer, 'CN'), organization: attr(cert.issuer, 'O') },
    serialNumber: cert.serialNumber,
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    keyType: cert.publicKey.algorithm,
    keySize: cert.publicKey.bits,
    curve: cert.publicKey.curve ?? cert.publicKey.curveName ?? null,
    keyUsage: cert.keyUsage,
    extendedKeyUsage: cert.extendedKeyUsage,
    basicConstraints: cert.basicConstraints,
    policies: cert.policies,
    fingerprintSha256: cert.fingerprintSha256,
    fingerprintSha1: cert.fingerprintSha1,
    der: cert.der,
  };
}
