import type { ChainResult, ChainStatus } from './chain.js';
import { calendarDaysBetween } from './paris-date.js';
import { declaresCa } from './chain.js';
import { type AuthorityHint, authorityHint, type Classification, type Role } from './classify.js';
import type { Pairing } from './pairing.js';
import type { ParsedCertificate } from './x509.js';

/** Validity at the reference date. */
export type ValidityStatus = 'valide' | 'expire' | 'pas-encore-valide';

/** Everything `inspect` shows about one certificate: plain data, safe to print or serialise. */
export interface CertificateSummary {
  role: Role;
  roleReason: string;
  subject: { text: string; commonName: string | null; organization: string | null; organizationalUnit: string | null; email: string | null };
  issuer: { text: string; commonName: string | null; organization: string | null };
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  daysLeft: number;
  validity: ValidityStatus;
  keyType: string;
  /** Key size in bits; null when the tool cannot tell (shown as « taille inconnue »). */
  keySize: number | null;
  curve: string | null;
  keyUsage: string[];
  extendedKeyUsage: string[];
  /** basicConstraints CA:true, as the certificate declares it (whether it may sign is the chain's business). */
  isCertificateAuthority: boolean;
  policies: string[];
  /**
   * The RGS authority the certificate names (policy OID arc, else issuer name): what it *says*, for
   * the renewal advice; the chain status tells what was proven. null when it names none we know.
   */
  authority: AuthorityHint | null;
  hasPrivateKey: boolean;
  /**
   * true when a private key was proven to be this certificate's (sign-and-verify); false when a key
   * delivered with it (same public key or same localKeyId) is not; null when there is none, or
   * when `hasPrivateKey` is true but the proof could not run here (no WebCrypto: « non vérifiée »).
   */
  keyMatches: boolean | null;
  chain: ChainStatus;
  /** French explanation of the chain status (which issuer, which link failed and why). */
  chainReason: string;
  /** Why nothing proves this certificate's file unaltered (PKCS#12 without MAC…), or null. */
  unauthenticated: string | null;
  fingerprintSha256: string;
  fingerprintSha1: string;
  sources: string[];
}

function attr(cert: ParsedCertificate, which: 'subject' | 'issuer', type: string): string | null {
  return cert[which].attributes.find((a) => a.type === type)?.value ?? null;
}

/** Calendar days in Paris from `now` to the last day of validity (negative once expired). */
export function daysLeft(notAfter: Date, now: Date): number {
  return calendarDaysBetween(now, notAfter);
}

/** Validity of `cert` at `now`. */
export function validityAt(cert: Pick<ParsedCertificate, 'notBefore' | 'notAfter'>, now: Date): ValidityStatus {
  return now < cert.notBefore ? 'pas-encore-valide' : now > cert.notAfter ? 'expire' : 'valide';
}

/** What was decided about one certificate, to be summarised. */
export interface Findings {
  classification: Classification;
  chain: ChainResult;
  pairing: Pairing;
  unauthenticated: string | null;
  sources: Iterable<string>;
  now: Date;
}

/** The plain-data summary of a certificate and what was proven about it. */
export function summarize(cert: ParsedCertificate, f: Findings): CertificateSummary {
  return {
    role: f.classification.role,
    roleReason: f.classification.reason,
    subject: {
      text: cert.subject.text,
      commonName: attr(cert, 'subject', 'CN'),
      organization: attr(cert, 'subject', 'O'),
      organizationalUnit: attr(cert, 'subject', 'OU'),
      email: cert.emails[0] ?? null,
    },
    issuer: { text: cert.issuer.text, commonName: attr(cert, 'issuer', 'CN'), organization: attr(cert, 'issuer', 'O') },
    serialNumber: cert.serialNumber,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    daysLeft: daysLeft(cert.notAfter, f.now),
    validity: validityAt(cert, f.now),
    keyType: cert.publicKey.algorithm,
    keySize: cert.publicKey.bits,
    curve: cert.publicKey.curve ?? cert.publicKey.curveName ?? null,
    keyUsage: cert.keyUsage ?? [],
    extendedKeyUsage: cert.extendedKeyUsage ?? [],
    isCertificateAuthority: declaresCa(cert),
    policies: cert.policies,
    authority: authorityHint({ policies: cert.policies, issuerNames: [attr(cert, 'issuer', 'O'), attr(cert, 'issuer', 'CN')] }),
    hasPrivateKey: f.pairing.key !== undefined,
    keyMatches: f.pairing.keyMatches,
    chain: f.chain.status,
    chainReason: f.chain.reason,
    unauthenticated: f.unauthenticated,
    fingerprintSha256: cert.fingerprintSha256,
    fingerprintSha1: cert.fingerprintSha1,
    sources: [...f.sources],
  };
}
