import { equalBytes, toHex } from './bytes.js';
import { verifySignature } from './signature.js';
import type { ParsedCertificate } from './x509.js';

/** Chain building: true when `candidate`'s subject is `cert`'s issuer (names, and key identifiers when both are present). */
export function isIssuerOf(candidate: ParsedCertificate, cert: ParsedCertificate): boolean {
  if (!equalBytes(candidate.subject.der, cert.issuer.der)) return false;
  if (cert.authorityKeyId && candidate.subjectKeyId) return cert.authorityKeyId === candidate.subjectKeyId;
  return true;
}

/**
 * The certificates of a bundle, indexed for chain building, and a memo of the signature checks.
 *
 * Issuer candidates are found by name (and key identifiers) in a map, before any signature is
 * verified; each signature check runs at most once per (issuer public key, certificate): the result
 * depends on nothing else, so N same-named authorities sharing one key cost one check per
 * certificate, not N (issue 19, item 1).
 */
export class IssuerIndex {
  readonly #bySubject = new Map<string, ParsedCertificate[]>();
  /** Candidates by (issuer name, authority key id): certificates of one issuer share one list. */
  readonly #candidates = new Map<string, ParsedCertificate[]>();
  /** Signature checks by certificate, then by issuer public key (a small number per distinct SPKI). */
  readonly #checks = new Map<ParsedCertificate, Map<number, Promise<boolean | null>>>();
  readonly #spkiIds = new Map<string, number>();
  readonly #spkiOf = new WeakMap<ParsedCertificate, number>();
  readonly #problems = new Map<ParsedCertificate, string | null>();
  #problemsAt: number | undefined;
  #verifications = 0;

  constructor(pool: readonly ParsedCertificate[]) {
    for (const cert of pool) {
      const key = toHex(cert.subject.der);
      const list = this.#bySubject.get(key);
      if (list) list.push(cert);
      else this.#bySubject.set(key, [cert]);
    }
  }

  /** Signature checks actually run (the rest came from the memo): for tests and measures. */
  get verifications(): number {
    return this.#verifications;
  }

  /** The certificates of the pool that name themselves `cert`'s issuer, in pool order; never `cert` itself. */
  candidates(cert: ParsedCertificate): ParsedCertificate[] {
    const name = toHex(cert.issuer.der);
    const key = `${name}|${cert.authorityKeyId ?? ''}`;
    let list = this.#candidates.get(key);
    if (!list) {
      const named = this.#bySubject.get(name) ?? [];
      list = cert.authorityKeyId ? named.filter((p) => !p.subjectKeyId || p.subjectKeyId === cert.authorityKeyId) : named;
      this.#candidates.set(key, list);
    }
    return list.includes(cert) ? list.filter((p) => p !== cert) : list;
  }

  /** {@link verifySignature}, memoised by (issuer public key, certificate). */
  verify(cert: ParsedCertificate, issuer: ParsedCertificate): Promise<boolean | null> {
    const spki = this.#spkiId(issuer);
    let byKey = this.#checks.get(cert);
    if (!byKey) {
      byKey = new Map();
      this.#checks.set(cert, byKey);
    }
    let check = byKey.get(spki);
    if (!check) {
      this.#verifications++;
      check = verifySignature(cert, issuer);
      byKey.set(spki, check);
    }
    return check;
  }

  /** `problem(cert)` computed once per certificate for one reference date. */
  problemAt(cert: ParsedCertificate, now: Date, problem: (cert: ParsedCertificate, now: Date) => string | null): string | null {
    if (this.#problemsAt !== now.getTime()) {
      this.#problems.clear();
      this.#problemsAt = now.getTime();
    }
    let found = this.#problems.get(cert);
    if (found === undefined) {
      found = problem(cert, now);
      this.#problems.set(cert, found);
    }
    return found;
  }

  #spkiId(cert: ParsedCertificate): number {
    let id = this.#spkiOf.get(cert);
    if (id === undefined) {
      const hex = toHex(cert.publicKey.spki);
      id = this.#spkiIds.get(hex);
      if (id === undefined) {
        id = this.#spkiIds.size;
        this.#spkiIds.set(hex, id);
      }
      this.#spkiOf.set(cert, id);
    }
    return id;
  }
}
