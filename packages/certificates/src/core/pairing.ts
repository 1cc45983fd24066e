import { toHex } from './bytes.js';
import { CertificateError, type CertificateWarning } from './errors.js';
import { parsePkcs8, type PrivateKey, proveKeyPair } from './keys.js';
import { KEY_PROOF_BUDGET, keyOutOfBounds, keyProofCost } from './limits.js';
import { bundleMessages, who } from './messages.js';
import { corruptFile, type Found, withFile } from './read/found.js';
import { type ParsedCertificate, parseCertificate } from './x509.js';

/** A certificate met once or more in the inputs, with where it was and the localKeyIds that named it. */
export interface CertificateGroup {
  cert: ParsedCertificate;
  sources: Set<string>;
  localKeyIds: Uint8Array[];
}

/** A private key met once or more, by public key. */
export interface KeyGroup {
  key: PrivateKey;
  localKeyIds: Uint8Array[];
  source: string;
  /** Other keys with the same public numbers but other private ones (a forged or damaged copy): each is tried. */
  others: { key: PrivateKey; source: string }[];
}

/** What pairing proved for one certificate. */
export interface Pairing {
  /** The key proven to be the certificate's (sign-and-verify), or undefined. */
  key: PrivateKey | undefined;
  /**
   * true: proven; false: a key delivered with it (same public key or same localKeyId) is not its key;
   * null: none, or (with `key` set) a key with its public key whose proof could not run here.
   */
  keyMatches: boolean | null;
}

/** Parses the certificates, deduplicated by fingerprint (keytool repeats the chain for every key entry), in fingerprint order. */
export function groupCertificates(found: Found): CertificateGroup[] {
  const byFingerprint = new Map<string, CertificateGroup>();
  for (const c of found.certificates) {
    let cert: ParsedCertificate;
    try {
      cert = parseCertificate(c.der);
    } catch (error) {
      if (error instanceof CertificateError) withFile(error, c.source);
      throw corruptFile(c.source, error);
    }
    const known = byFingerprint.get(cert.fingerprintSha256);
    if (known) known.sources.add(c.source);
    else byFingerprint.set(cert.fingerprintSha256, { cert, sources: new Set([c.source]), localKeyIds: [] });
    if (c.localKeyId) byFingerprint.get(cert.fingerprintSha256)!.localKeyIds.push(c.localKeyId);
  }
  return [...byFingerprint.values()].sort((a, b) => (a.cert.fingerprintSha256 < b.cert.fingerprintSha256 ? -1 : 1));
}

/** Parses the private keys, deduplicated by public key. */
export async function groupKeys(found: Found): Promise<Map<string, KeyGroup>> {
  const keys = new Map<string, KeyGroup>();
  for (const k of found.keys) {
    let key: PrivateKey;
    try {
      key = await parsePkcs8(k.pkcs8);
    } catch (error) {
      if (error instanceof CertificateError) withFile(error, k.source);
      throw corruptFile(k.source, error);
    }
    const known = keys.get(key.publicKeyId);
    if (known) {
      if (k.localKeyId) known.localKeyIds.push(k.localKeyId);
      const same = (other: PrivateKey) => toHex(other.pkcs8) === toHex(key.pkcs8);
      if (!same(known.key) && !known.others.some((o) => same(o.key))) known.others.push({ key, source: k.source });
    } else keys.set(key.publicKeyId, { key, localKeyIds: k.localKeyId ? [k.localKeyId] : [], source: k.source, others: [] });
  }
  return keys;
}

/**
 * Pairs every certificate with its private key: same public key, proven by a signature (same public
 * numbers are not a proof). One key may belong to several certificates: a renewal on the same key
 * sits beside the old certificate, and both get it (the export then takes the valid one). Each key
 * is proven once; a key that fails the proof is a `KEY_MISMATCH` warning; a key whose proof cannot
 * run here (no WebCrypto `subtle`, or the proof budget spent) is kept but never called proven:
 * `keyMatches` null and a `KEY_UNVERIFIED` warning; a key no CA issues (see `keyOutOfBounds`) is
 * set aside with `KEY_OUT_OF_BOUNDS`. The keys tried are taken out of `keys`. The result depends
 * on neither the order of files nor of bags.
 */
export async function pairKeys(groups: readonly CertificateGroup[], keys: Map<string, KeyGroup>, warnings: CertificateWarning[]): Promise<Map<CertificateGroup, Pairing>> {
  const proofs = new Map<KeyGroup, Promise<{ proof: boolean | null; why: string | null; key: PrivateKey }>>();
  let budget = KEY_PROOF_BUDGET;
  /** Every key with these public numbers is tried, in a fixed order, until one proves: never the order of files. */
  const proveAll = async (candidate: KeyGroup, cert: ParsedCertificate) => {
    const tried = [candidate.key, ...candidate.others.map((o) => o.key)].sort((a, b) => (toHex(a.pkcs8) < toHex(b.pkcs8) ? -1 : 1));
    let result: { proof: boolean | null; why: string | null; key: PrivateKey } = { proof: false, why: null, key: tried[0]! };
    for (const key of tried) {
      const cost = keyProofCost(cert.publicKey);
      if (cost > budget) return { proof: null, why: bundleMessages.proofBudgetSpent, key };
      budget -= cost;
      const proof = await proveKeyPair(key, cert.publicKey.spki);
      if (proof === true) return { proof, why: null, key };
      if (proof === null) result = { proof, why: null, key };
    }
    return result;
  };
  const proofOf = (candidate: KeyGroup, cert: ParsedCertificate) => {
    let found = proofs.get(candidate);
    if (!found) {
      const bounds = keyOutOfBounds(cert.publicKey);
      found = bounds ? Promise.resolve({ proof: null, why: bounds, key: candidate.key }) : proveAll(candidate, cert);
      proofs.set(candidate, found);
    }
    return found;
  };
  const pairings = new Map<CertificateGroup, Pairing>();
  const tried = new Set<KeyGroup>();
  for (const group of groups) {
    const candidate = keys.get(group.cert.publicKey.id);
    if (!candidate) continue;
    tried.add(candidate);
    const { proof, why, key } = await proofOf(candidate, group.cert);
    const bounds = why !== null && keyOutOfBounds(group.cert.publicKey) !== null;
    if (proof === false) warnings.push({ code: 'KEY_MISMATCH', message: bundleMessages.keyMismatch(candidate.source, who(group.cert)) });
    else if (bounds) warnings.push({ code: 'KEY_OUT_OF_BOUNDS', message: bundleMessages.keyOutOfBounds(candidate.source, who(group.cert), why!) });
    else if (proof === null) warnings.push({ code: 'KEY_UNVERIFIED', message: why ? bundleMessages.keyUnverifiedBecause(candidate.source, who(group.cert), why) : bundleMessages.keyUnverified(candidate.source, who(group.cert)) });
    const paired = proof === true || (proof === null && !bounds);
    pairings.set(group, { key: paired ? key : undefined, keyMatches: proof === true ? true : proof === false ? false : null });
  }
  for (const candidate of tried) keys.delete(candidate.key.publicKeyId);
  // A certificate delivered with a key (same localKeyId) that no certificate took: not its key.
  const untaken = [...keys.values()].flatMap((k) => k.localKeyIds.map((id) => toHex(id)));
  for (const group of groups) {
    if (pairings.has(group)) continue;
    const mismatched = group.localKeyIds.some((id) => untaken.includes(toHex(id)));
    pairings.set(group, { key: undefined, keyMatches: mismatched ? false : null });
  }
  return pairings;
}

/** `KEY_WITHOUT_CERTIFICATE` warnings for the keys no certificate took. */
export function orphanKeyWarnings(keys: ReadonlyMap<string, KeyGroup>): CertificateWarning[] {
  return [...keys.values()].map((orphan) => ({ code: 'KEY_WITHOUT_CERTIFICATE', message: bundleMessages.keyWithoutCertificate(orphan.key.algorithm, orphan.source) }));
}
