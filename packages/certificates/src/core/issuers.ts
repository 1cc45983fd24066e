import { equalBytes, toHex } from './bytes.js';
import { keyOutOfBounds, MAX_SIGNATURE_CHECKS } from './limits.js';
import { chainMessages, who } from './messages.js';
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

  /** Why a check resolved to null without running (key out of bounds, cap reached), by certificate then issuer key. */
  readonly #skipped = new Map<ParsedCertificate, Map<number, string>>();

  /** `pool` is taken in fingerprint order, so that every verdict is the same whatever the order of files and bags. */
  constructor(pool: readonly ParsedCertificate[]) {
    for (const cert of [...pool].sort((a, b) => (a.fingerprintSha256 < b.fingerprintSha256 ? -1 : a.fingerprintSha256 > b.fingerprintSha256 ? 1 : 0))) {
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

  /**
   * {@link verifySignature}, memoised by (issuer public key, certificate). Null without running when
   * the issuer's key is out of bounds or {@link MAX_SIGNATURE_CHECKS} checks already ran: then
   * {@link unverifiedReason} says why.
   */
  verify(cert: ParsedCertificate, issuer: ParsedCertificate): Promise<boolean | null> {
    const spki = this.#spkiId(issuer);
    let byKey = this.#checks.get(cert);
    if (!byKey) {
      byKey = new Map();
      this.#checks.set(cert, byKey);
    }
    let check = byKey.get(spki);
    if (!check) {
      const bounds = keyOutOfBounds(issuer.publicKey);
      const skipped = bounds ? chainMessages.issuerKeyOutOfBounds(who(issuer), bounds) : this.#verifications >= MAX_SIGNATURE_CHECKS ? chainMessages.tooManyChecks(MAX_SIGNATURE_CHECKS) : null;
      if (skipped) {
        check = Promise.resolve(null);
        let reasons = this.#skipped.get(cert);
        if (!reasons) this.#skipped.set(cert, (reasons = new Map()));
        reasons.set(spki, skipped);
      } else {
        this.#verifications++;
        check = verifySignature(cert, issuer);
      }
      byKey.set(spki, check);
    }
    return check;
  }

  /** Why the check of `cert` by `issuer` was not run, when {@link verify} skipped it; else null. */
  unverifiedReason(cert: ParsedCertificate, issuer: ParsedCertificate): string | null {
    return this.#skipped.get(cert)?.get(this.#spkiId(issuer)) ?? null;
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
