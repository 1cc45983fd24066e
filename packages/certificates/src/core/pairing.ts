import { toHex } from './bytes.js';
import { CertificateError, type CertificateWarning } from './errors.js';
import { parsePkcs8, type PrivateKey, proveKeyPair } from './keys.js';
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

/** Parses the certificates, deduplicated by fingerprint (keytool repeats the chain for every key entry). */
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
  return [...byFingerprint.values()];
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
    } else keys.set(key.publicKeyId, { key, localKeyIds: k.localKeyId ? [k.localKeyId] : [], source: k.source });
  }
  return keys;
}

/**
 * Pairs a certificate with its private key: same public key, proven by a signature (same public
 * numbers are not a proof). The key paired or tried is taken out of `keys`; a key that fails the
 * proof is a `KEY_MISMATCH` warning; a key whose proof cannot run here (no WebCrypto `subtle`) is
 * kept but never called proven: `keyMatches` null and a `KEY_UNVERIFIED` warning.
 */
export async function pairKey(group: CertificateGroup, keys: Map<string, KeyGroup>, warnings: CertificateWarning[]): Promise<Pairing> {
  const { cert, localKeyIds } = group;
  const candidate = keys.get(cert.publicKey.id);
  const proof = candidate ? await proveKeyPair(candidate.key, cert.publicKey.spki) : null;
  const paired = candidate && proof !== false ? candidate : undefined;
  // A key delivered with this certificate (same public key, or same localKeyId) that is not its key.
  const mismatched =
    (candidate !== undefined && proof === false) ||
    (!candidate && [...keys.values()].some((k) => k.localKeyIds.some((id) => localKeyIds.some((cid) => toHex(cid) === toHex(id)))));
  if (candidate && proof === false) warnings.push({ code: 'KEY_MISMATCH', message: bundleMessages.keyMismatch(candidate.source, who(cert)) });
  if (candidate && proof === null) warnings.push({ code: 'KEY_UNVERIFIED', message: bundleMessages.keyUnverified(candidate.source, who(cert)) });
  if (candidate) keys.delete(cert.publicKey.id);
  return { key: paired?.key, keyMatches: paired ? (proof === true ? true : null) : mismatched ? false : null };
}

/** `KEY_WITHOUT_CERTIFICATE` warnings for the keys no certificate took. */
export function orphanKeyWarnings(keys: ReadonlyMap<string, KeyGroup>): CertificateWarning[] {
  return [...keys.values()].map((orphan) => ({ code: 'KEY_WITHOUT_CERTIFICATE', message: bundleMessages.keyWithoutCertificate(orphan.key.algorithm, orphan.source) }));
}
