import { checkpoint } from './abort.js';
import { buildIssuerPath, evaluateChain, IssuerIndex } from './chain.js';
import { type Role, ROLES } from './classify.js';
import { CertificateError, type CertificateWarning } from './errors.js';
import type { PrivateKey } from './keys.js';
import { MAX_CERTIFICATES } from './limits.js';
import { bundleMessages, frenchTypography, readMessages } from './messages.js';
import { groupCertificates, groupKeys, orphanKeyWarnings, pairKeys } from './pairing.js';
import { emptyFound, type Found } from './read/found.js';
import { type BundleInput, readInput } from './read/input.js';
import { roleOf, roleOverrides } from './role-overrides.js';
import { type CertificateSummary, summarize } from './summary.js';
import type { ParsedCertificate } from './x509.js';
import { checkOpenOptions } from './options.js';
import { toPem } from './bytes.js';

export type { BundleInput } from './read/input.js';

/** Options of {@link openBundle}. */
export interface OpenBundleOptions {
  /** Password of the protected inputs; undefined when none was given. */
  password?: string | undefined;
  /** Reference date for validity (default: now). */
  now?: Date | undefined;
  /** Role forced for a certificate: SHA-256 fingerprint prefix (hex, colons optional) → role. */
  roles?: Readonly<Record<string, Role>> | undefined;
  /**
   * Stops the work: checked between inputs, bags, derivations and certificates, it rejects with a
   * {@link CertificateError} `ABORTED` (the signal's reason as its cause) within a fraction of a second.
   */
  signal?: AbortSignal | undefined;
}

interface Entry {
  cert: ParsedCertificate;
  summary: CertificateSummary;
  /** Present only when proven to be this certificate's key. */
  key: PrivateKey | undefined;
  /** The issuers the user gave, nearest first, whatever their dates: what an export carries. */
  issuers: ParsedCertificate[];
}

/** What the package's own modules (export) may read of a bundle; never exported from the package. */
const internals = new WeakMap<CertificateBundle, readonly Entry[]>();

function entryOf(bundle: CertificateBundle, fingerprint: string): Entry | undefined {
  return internals.get(bundle)?.find((e) => e.summary.fingerprintSha256 === fingerprint);
}

/** @internal DER of a certificate of the bundle (by SHA-256 fingerprint). */
export function certificateDerOf(bundle: CertificateBundle, fingerprint: string): Uint8Array | undefined {
  return entryOf(bundle, fingerprint)?.cert.der;
}

/** @internal The private key proven to be a certificate's (unencrypted PKCS#8: stays inside the package). */
export function privateKeyOf(bundle: CertificateBundle, fingerprint: string): PrivateKey | undefined {
  return entryOf(bundle, fingerprint)?.key;
}

/**
 * @internal The issuers to export with a certificate, nearest first: every issuer the inputs hold,
 * linked by name and signature, whatever its dates (the chain status says what was proven).
 */
export function chainOf(bundle: CertificateBundle, fingerprint: string): ParsedCertificate[] {
  return entryOf(bundle, fingerprint)?.issuers ?? [];
}

/**
 * The certificates and keys of one or several inputs, merged (duplicates removed), each key paired
 * with its certificate by public key and proven by a signature, each certificate classified and its
 * chain checked. Private keys stay inside: only {@link CertificateSummary} data is exposed.
 */
export class CertificateBundle {
  readonly certificates: readonly CertificateSummary[];
  readonly warnings: readonly CertificateWarning[];

  /** @internal */
  constructor(entries: Entry[], warnings: CertificateWarning[]) {
    internals.set(this, entries);
    this.certificates = entries.map((e) => e.summary);
    this.warnings = warnings;
  }

  /**
   * The DER bytes of a certificate of the bundle (as `.cer` files hold it), by its SHA-256
   * fingerprint (`CertificateSummary.fingerprintSha256`); undefined when it is not in the bundle.
   * Never a private key.
   */
  der(fingerprintSha256: string): Uint8Array<ArrayBuffer> | undefined {
    const der = certificateDerOf(this, fingerprintSha256);
    return der ? new Uint8Array(der) : undefined;
  }

  /** The same certificate as PEM text (`-----BEGIN CERTIFICATE-----`, the `.txt` form). */
  pem(fingerprintSha256: string): string | undefined {
    const der = certificateDerOf(this, fingerprintSha256);
    return der ? toPem('CERTIFICATE', der) : undefined;
  }

  toJSON(): CertificateSummary[] {
    return [...this.certificates];
  }
}

/**
 * Opens one or several inputs (PKCS#12, PEM, DER, PKCS#7, zip) as one set. Throws a
 * {@link CertificateError} naming the file on the first input that cannot be read.
 * Stages: read (read/), group and pair (pairing), classify, evaluate the chain (chain), summarise.
 *
 * @example
 * const bundle = await openBundle([{ name: 'certificat.p12', bytes }], { password });
 * const lines = bundle.certificates.map((c) => `${c.role} : ${c.subject.commonName}, ${c.daysLeft} jours, chaîne ${c.chain}`);
 * const { files } = await exportBundle(bundle, { password, roles: ['signature'] });
 */
export async function openBundle(inputs: readonly BundleInput[], options: OpenBundleOptions = {}): Promise<CertificateBundle> {
  checkOpenOptions(options as Record<string, unknown>);
  const { signal } = options;
  const found = emptyFound();
  for (const input of inputs) {
    await checkpoint(signal);
    await readInput(input, options.password, found, signal);
    if (found.certificates.length > MAX_CERTIFICATES) throw new CertificateError('LIMIT_EXCEEDED', bundleMessages.tooManyCertificates(input.name, MAX_CERTIFICATES), { file: input.name });
  }
  if (found.certificates.length === 0) throw nothingUsable(found);
  const now = options.now ?? new Date();
  const warnings: CertificateWarning[] = [...found.unauthenticated].map(([source, reason]) => ({ code: 'UNAUTHENTICATED', message: bundleMessages.unauthenticated(source, reason) }));
  const groups = groupCertificates(found);
  const keys = await groupKeys(found);
  const pool = groups.map((g) => g.cert);
  const overrides = roleOverrides(options.roles, pool);
  const index = new IssuerIndex(pool);
  const pairings = await pairKeys(groups, keys, warnings);
  const entries: Entry[] = [];
  for (const group of groups) {
    await checkpoint(signal);
    const { cert, sources } = group;
    const classification = roleOf(cert, overrides);
    const pairing = pairings.get(group)!;
    const chain = await evaluateChain(cert, index, now);
    const unauthenticated = [...sources].sort().map((src) => found.unauthenticated.get(src)).find((r) => r !== undefined) ?? null;
    const summary = summarize(cert, { classification, chain, pairing, unauthenticated, sources, now });
    entries.push({ cert, key: pairing.key, issuers: await buildIssuerPath(cert, index), summary });
  }
  warnings.push(...orphanKeyWarnings(keys));
  // Groups come in fingerprint order: the last key breaks ties, so no order of files or bags shows.
  entries.sort((a, b) => ROLES.indexOf(a.summary.role) - ROLES.indexOf(b.summary.role) || a.cert.notAfter.getTime() - b.cert.notAfter.getTime());
  return new CertificateBundle(entries, warnings.map((w) => ({ ...w, message: frenchTypography(w.message) })));
}

/** The error when the inputs hold no certificate: it says what they held instead. */
function nothingUsable(found: Found): CertificateError {
  const other = found.others[0];
  if (other) return new CertificateError('UNSUPPORTED_FORMAT', readMessages.otherKind(other.source, other.kind), { file: other.source });
  const key = found.keys[0];
  if (key) return new CertificateError('NO_CERTIFICATE', bundleMessages.onlyAKey(key.source), { file: key.source });
  return new CertificateError('NO_CERTIFICATE', bundleMessages.noCertificate);
}
