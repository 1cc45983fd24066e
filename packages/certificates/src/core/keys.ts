import { type Asn1, child, contextChild, der, parseAsn1Exact, readBitString, readOctets, readOid, readUnsigned, TAG } from './asn1.js';
import { concat, fromBase64 } from './bytes.js';
import type { KdfBudget } from './crypto.js';
import { CertificateError } from './errors.js';
import { CURVES, OID } from './oids.js';
import { type EncryptionProfile, pbeDecrypt, pbeEncrypt } from './pbe.js';
import { ecKeyId, rsaKeyId } from './x509.js';

/** A private key, kept as unencrypted PKCS#8 DER (RSA or EC), with the identity of its key pair. */
export interface PrivateKey {
  algorithm: 'RSA' | 'EC';
  bits: number;
  curve?: 'P-256' | 'P-384' | 'P-521';
  pkcs8: Uint8Array;
  /** Same as the matching certificate's `publicKey.id`. */
  publicKeyId: string;
}

function isSequence(bytes: Uint8Array): boolean {
  try {
    return parseAsn1Exact(bytes).tag === TAG.SEQUENCE;
  } catch {
    return false;
  }
}

function unsupportedKey(oid: string): CertificateError {
  const name = oid === OID.ed25519 ? 'Ed25519' : oid === OID.dsa ? 'DSA' : `OID ${oid}`;
  return new CertificateError('UNSUPPORTED_ALGORITHM', `Clé privée d'un type non pris en charge (${name}) : seules les clés RSA et EC (P-256, P-384, P-521) sont gérées.`);
}

async function ecPublicPoint(pkcs8: Uint8Array, curve: 'P-256' | 'P-384' | 'P-521'): Promise<Uint8Array> {
  // The ECPrivateKey has no public point: let WebCrypto compute it from the scalar.
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new CertificateError('UNSUPPORTED_ALGORITHM', 'Cette clé EC ne contient pas sa partie publique et WebCrypto est indisponible pour la calculer.');
  const key = await subtle.importKey('pkcs8', pkcs8 as Uint8Array<ArrayBuffer>, { name: 'ECDSA', namedCurve: curve }, true, ['sign']);
  const jwk = await subtle.exportKey('jwk', key);
  const b64 = (s: string) => fromBase64(s.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(s.length / 4) * 4, '='))!;
  return concat([Uint8Array.of(4), b64(jwk.x!), b64(jwk.y!)]);
}

/** Reads an unencrypted PKCS#8 PrivateKeyInfo. */
export async function parsePkcs8(pkcs8: Uint8Array): Promise<PrivateKey> {
  const info = parseAsn1Exact(pkcs8);
  const algorithm = child(info, 1);
  const oid = readOid(child(algorithm, 0));
  const inner = parseAsn1Exact(readOctets(child(info, 2)));
  if (oid === OID.rsaEncryption || oid === OID.rsassaPss) {
    const n = readUnsigned(child(inner, 1));
    const e = readUnsigned(child(inner, 2));
    let bits = n.byteLength * 8;
    for (let b = n[0]!; b < 0x80 && bits > 0; b <<= 1) bits--;
    return { algorithm: 'RSA', bits, pkcs8: info.raw, publicKeyId: rsaKeyId(n, e) };
  }
  if (oid === OID.ecPublicKey) {
    let curveOid = algorithm.children[1]?.tag === TAG.OID ? readOid(algorithm.children[1]) : undefined;
    const params = contextChild(inner, 0);
    if (!curveOid && params) curveOid = readOid(child(params, 0));
    const curve = curveOid ? CURVES[curveOid] : undefined;
    if (!curve || !curveOid) throw new CertificateError('UNSUPPORTED_ALGORITHM', 'Clé EC sur une courbe non prise en charge : seules P-256, P-384 et P-521 sont gérées.');
    const pub = contextChild(inner, 1);
    const point = pub ? readBitString(child(pub, 0)).bytes : await ecPublicPoint(info.raw, curve.name);
    return { algorithm: 'EC', bits: curve.bits, curve: curve.name, pkcs8: info.raw, publicKeyId: ecKeyId(curveOid, point) };
  }
  throw unsupportedKey(oid);
}

/** Wraps a PKCS#1 RSAPrivateKey into PKCS#8. */
export function pkcs1ToPkcs8(rsa: Uint8Array): Uint8Array {
  return der.sequence(der.integer(0), der.sequence(der.oid(OID.rsaEncryption), der.null()), der.octets(rsa));
}

/** Wraps a SEC1 ECPrivateKey into PKCS#8 (the curve comes from its parameters). */
export function sec1ToPkcs8(ec: Uint8Array): Uint8Array {
  const node = parseAsn1Exact(ec);
  const params = contextChild(node, 0);
  if (!params) throw new CertificateError('UNSUPPORTED_FORMAT', 'Clé EC sans courbe indiquée : exportez-la au format PKCS#8.');
  const curve = readOid(child(params, 0));
  return der.sequence(der.integer(0), der.sequence(der.oid(OID.ecPublicKey), der.oid(curve)), der.octets(ec));
}

/** Decrypts an EncryptedPrivateKeyInfo; null when the password does not fit. */
export async function decryptPkcs8(encrypted: Asn1, password: string, budget?: KdfBudget): Promise<Uint8Array | null> {
  return pbeDecrypt(child(encrypted, 0), readOctets(child(encrypted, 1)), password, isSequence, budget ? { budget } : {});
}

/** Encrypts a PKCS#8 key into an EncryptedPrivateKeyInfo with the given profile. */
export async function encryptPkcs8(pkcs8: Uint8Array, password: string, profile: EncryptionProfile): Promise<Uint8Array> {
  const { algorithm, data } = await pbeEncrypt(pkcs8, password, profile);
  return der.sequence(algorithm, der.octets(data));
}

/** Index of the AlgorithmIdentifier in an SPKI (first child) or a PKCS#8 (after the version). */
const algorithmAt = (info: Asn1) => info.children.findIndex((c) => c.cls === 0 && c.tag === TAG.SEQUENCE);

/**
 * The same key under the rsaEncryption identifier (SPKI or PKCS#8): WebCrypto refuses the
 * id-RSASSA-PSS encodings, while the key numbers are the same. The PSS parameters only restrict
 * which signatures the key may make; the proof below asks nothing else of the key.
 */
export function asRsaEncryption(encoded: Uint8Array): Uint8Array {
  const info = parseAsn1Exact(encoded);
  const at = algorithmAt(info);
  if (at < 0 || readOid(child(child(info, at), 0)) !== OID.rsassaPss) return encoded;
  const rsa = der.sequence(der.oid(OID.rsaEncryption), der.null());
  return der.sequence(...info.children.map((c, i) => (i === at ? rsa : c.raw)));
}

/** Where the signature check runs: WebCrypto's `subtle`, or undefined (page over plain http). */
export type SubtleProvider = () => SubtleCrypto | undefined;
const platformSubtle: SubtleProvider = () => globalThis.crypto?.subtle;

/**
 * Proves that a private key is the one of a certificate: signs a random challenge with the private
 * key and verifies it with the certificate's public key (WebCrypto, Node and browsers). Matching
 * public fields are not enough: a key with the victim's n and e but another d must fail here.
 * RSA-PSS keys (id-RSASSA-PSS) are proven the same way, under the rsaEncryption identifier.
 * Resolves to null when it cannot be checked (no WebCrypto): null is never a match.
 */
export async function proveKeyPair(key: PrivateKey, spki: Uint8Array, subtleOf: SubtleProvider = platformSubtle): Promise<boolean | null> {
  const subtle = subtleOf();
  if (!subtle) return null;
  const challenge = new Uint8Array(32);
  globalThis.crypto.getRandomValues(challenge);
  const rsa = key.algorithm === 'RSA';
  const algorithm = rsa ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } : { name: 'ECDSA', namedCurve: key.curve! };
  const params = rsa ? { name: 'RSASSA-PKCS1-v1_5' } : { name: 'ECDSA', hash: 'SHA-256' };
  try {
    const pkcs8 = rsa ? asRsaEncryption(key.pkcs8) : key.pkcs8;
    const publicSpki = rsa ? asRsaEncryption(spki) : spki;
    const privateKey = await subtle.importKey('pkcs8', pkcs8 as Uint8Array<ArrayBuffer>, algorithm, false, ['sign']);
    const publicKey = await subtle.importKey('spki', publicSpki as Uint8Array<ArrayBuffer>, algorithm, false, ['verify']);
    const signature = await subtle.sign(params, privateKey, challenge);
    return await subtle.verify(params, publicKey, signature, challenge);
  } catch {
    // A key the platform refuses to load (inconsistent numbers) proves nothing: it does not match.
    return false;
  }
}
