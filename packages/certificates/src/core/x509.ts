import { type Asn1, child, contextChild, der, expect, parseAsn1Exact, readBitString, readBoolean, readOctets, readOid, readString, readTime, readUnsigned, TAG } from './asn1.js';
import { toHex } from './bytes.js';
import { shaDigest } from './iterated-digest.js';
import { CertificateError } from './errors.js';
import { CURVES, EXTENDED_KEY_USAGES, KEY_USAGE_BITS, type KeyUsage, NAME_ATTRIBUTES, OID } from './oids.js';

/** A distinguished name: its attributes in order, and the exact DER for comparisons. */
export interface DistinguishedName {
  attributes: { type: string; value: string }[];
  /** RFC 4514-like text, most specific first (`CN=…, OU=…, O=…, C=FR`). */
  text: string;
  der: Uint8Array;
}

/** Public key of a certificate or derived from a private key. */
export interface PublicKeyInfo {
  /** RSA, EC, or the name of another type this tool can name (Ed25519, Ed448, DSA, GOST…). */
  algorithm: string;
  /** RSA modulus size, DSA prime size, curve size; null when the tool cannot tell. */
  bits: number | null;
  /** RSA public exponent size in bits (65,537 has 17). */
  exponentBits?: number;
  curve?: 'P-256' | 'P-384' | 'P-521';
  /** Name of a curve outside P-256/384/521 (P-224, brainpool…), shown but not supported for keys. */
  curveName?: string;
  /** SubjectPublicKeyInfo DER. */
  spki: Uint8Array;
  /** Stable identity of the key pair: pairs a private key with its certificate. */
  id: string;
}

/** Everything read from one X.509 certificate. */
export interface ParsedCertificate {
  der: Uint8Array;
  tbs: Uint8Array;
  signatureAlgorithm: string;
  signature: Uint8Array;
  serialNumber: string;
  issuer: DistinguishedName;
  subject: DistinguishedName;
  notBefore: Date;
  notAfter: Date;
  publicKey: PublicKeyInfo;
  keyUsage: KeyUsage[] | null;
  extendedKeyUsage: string[] | null;
  basicConstraints: { ca: boolean; pathLength?: number } | null;
  policies: string[];
  emails: string[];
  /** dNSName entries of subjectAltName (checked against name constraints). */
  dnsNames: string[];
  /** The nameConstraints extension, undecoded (see constraints.ts), and whether it is critical. */
  nameConstraints: { critical: boolean; der: Uint8Array } | null;
  subjectKeyId: string | null;
  authorityKeyId: string | null;
  fingerprintSha256: string;
  fingerprintSha1: string;
}

function parseName(node: Asn1): DistinguishedName {
  expect(node, TAG.SEQUENCE);
  const attributes: { type: string; value: string }[] = [];
  for (const rdn of node.children) {
    for (const atv of rdn.children) {
      const oid = readOid(child(atv, 0));
      attributes.push({ type: NAME_ATTRIBUTES[oid] ?? oid, value: readString(child(atv, 1)) });
    }
  }
  const text = [...attributes]
    .reverse()
    .map((a) => `${a.type}=${a.value}`)
    .join(', ');
  return { attributes, text, der: node.raw };
}

/** Identity of an RSA key: hash of its canonical RSAPublicKey. */
export function rsaKeyId(modulus: Uint8Array, exponent: Uint8Array): string {
  return 'rsa:' + toHex(shaDigest('sha256', der.sequence(der.integer(modulus), der.integer(exponent))));
}

/** Identity of an EC key: hash of its curve and uncompressed point. */
export function ecKeyId(curveOid: string, point: Uint8Array): string {
  return 'ec:' + toHex(shaDigest('sha256', der.sequence(der.oid(curveOid), der.octets(point))));
}

function bitLength(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.byteLength && bytes[i] === 0) i++;
  if (i === bytes.byteLength) return 0;
  return (bytes.byteLength - i - 1) * 8 + (32 - Math.clz32(bytes[i]!));
}

/** Key types named but not supported for export: name and size (null when the size depends on parameters). */
const OTHER_KEY_TYPES: Record<string, { name: string; bits: number | null }> = {
  '1.3.101.112': { name: 'Ed25519', bits: 256 },
  '1.3.101.113': { name: 'Ed448', bits: 448 },
  '1.3.101.110': { name: 'X25519', bits: 256 },
  '1.3.101.111': { name: 'X448', bits: 448 },
  '1.2.840.10040.4.1': { name: 'DSA', bits: null },
  '1.2.643.2.2.19': { name: 'GOST R 34.10-2001', bits: 256 },
  '1.2.643.7.1.1.1.1': { name: 'GOST R 34.10-2012', bits: 256 },
  '1.2.643.7.1.1.1.2': { name: 'GOST R 34.10-2012', bits: 512 },
};
const OTHER_CURVES: Record<string, { name: string; bits: number }> = {
  '1.3.132.0.33': { name: 'P-224', bits: 224 },
  '1.3.132.0.10': { name: 'secp256k1', bits: 256 },
  '1.3.36.3.3.2.8.1.1.7': { name: 'brainpoolP256r1', bits: 256 },
  '1.3.36.3.3.2.8.1.1.11': { name: 'brainpoolP384r1', bits: 384 },
  '1.3.36.3.3.2.8.1.1.13': { name: 'brainpoolP512r1', bits: 512 },
};

function unsupportedKey(detail: string): CertificateError {
  return new CertificateError('UNSUPPORTED_ALGORITHM', `Certificat à clé ${detail} : ce type de clé n'est pas pris en charge (RSA et EC P-256, P-384, P-521 seulement).`);
}

/** Reads a SubjectPublicKeyInfo. Unknown key types and explicit EC parameters are `UNSUPPORTED_ALGORITHM`. */
export function parseSpki(node: Asn1): PublicKeyInfo {
  const algorithm = child(node, 0);
  const oid = readOid(child(algorithm, 0));
  const key = readBitString(child(node, 1)).bytes;
  if (oid === OID.rsaEncryption || oid === OID.rsassaPss) {
    const rsa = parseAsn1Exact(key);
    const n = readUnsigned(child(rsa, 0));
    const e = readUnsigned(child(rsa, 1));
    return { algorithm: 'RSA', bits: bitLength(n), exponentBits: bitLength(e), spki: node.raw, id: rsaKeyId(n, e) };
  }
  if (oid === OID.ecPublicKey) {
    const params = algorithm.children[1];
    if (params?.tag !== TAG.OID) throw unsupportedKey('EC à paramètres de courbe explicites (non nommés)');
    const curveOid = readOid(params);
    const curve = CURVES[curveOid];
    const other = OTHER_CURVES[curveOid];
    return {
      algorithm: 'EC',
      bits: curve?.bits ?? other?.bits ?? null,
      ...(curve ? { curve: curve.name } : { curveName: other?.name ?? `courbe ${curveOid}` }),
      spki: node.raw,
      id: ecKeyId(curveOid, key),
    };
  }
  const known = OTHER_KEY_TYPES[oid];
  if (!known) throw unsupportedKey(`d'algorithme inconnu (OID ${oid})`);
  let bits = known.bits;
  if (known.name === 'DSA') {
    // DSA's size is its prime p, in the parameters.
    try {
      bits = bitLength(readUnsigned(child(child(algorithm, 1), 0)));
    } catch {
      bits = null;
    }
  }
  return { algorithm: known.name, bits, spki: node.raw, id: `${oid}:${toHex(shaDigest('sha256', key))}` };
}

function decodeKeyUsage(value: Uint8Array): KeyUsage[] {
  const { bytes } = readBitString(parseAsn1Exact(value));
  const out: KeyUsage[] = [];
  KEY_USAGE_BITS.forEach((name, bit) => {
    const byte = bytes[bit >> 3];
    if (byte !== undefined && byte & (0x80 >> (bit & 7))) out.push(name);
  });
  return out;
}

/** Formats bytes as colon-separated upper-case hex (fingerprints, serials). */
export function colonHex(bytes: Uint8Array): string {
  return toHex(bytes, ':').toUpperCase();
}

/** Parses a DER certificate. Throws {@link Asn1Error} on malformed input. */
export function parseCertificate(bytes: Uint8Array): ParsedCertificate {
  const cert = parseAsn1Exact(bytes);
  expect(cert, TAG.SEQUENCE);
  const tbs = expect(cert.children[0], TAG.SEQUENCE);
  const signatureAlgorithm = readOid(child(child(cert, 1), 0));
  const signature = readBitString(child(cert, 2)).bytes;
  let i = 0;
  if (tbs.children[0]?.cls === 2 && tbs.children[0].tag === 0) i++;
  const serial = expect(tbs.children[i++], TAG.INTEGER).value;
  i++; // signature algorithm (inner)
  const issuer = parseName(child(tbs, i++));
  const validity = child(tbs, i++);
  const subject = parseName(child(tbs, i++));
  const publicKey = parseSpki(child(tbs, i++));
  const result: ParsedCertificate = {
    der: cert.raw,
    tbs: tbs.raw,
    signatureAlgorithm,
    signature,
    serialNumber: toHex(serial).toUpperCase(),
    issuer,
    subject,
    notBefore: readTime(child(validity, 0)),
    notAfter: readTime(child(validity, 1)),
    publicKey,
    keyUsage: null,
    extendedKeyUsage: null,
    basicConstraints: null,
    policies: [],
    emails: subject.attributes.filter((a) => a.type === 'E').map((a) => a.value),
    dnsNames: [],
    nameConstraints: null,
    subjectKeyId: null,
    authorityKeyId: null,
    fingerprintSha256: colonHex(shaDigest('sha256', cert.raw)),
    fingerprintSha1: colonHex(shaDigest('sha1', cert.raw)),
  };
  const extensions = contextChild(tbs, 3);
  if (extensions) {
    for (const ext of child(extensions, 0).children) {
      const oid = readOid(child(ext, 0));
      const valueNode = ext.children[ext.children.length - 1]!;
      const value = readOctets(valueNode);
      switch (oid) {
        case OID.keyUsage:
          result.keyUsage = decodeKeyUsage(value);
          break;
        case OID.extKeyUsage:
          result.extendedKeyUsage = parseAsn1Exact(value).children.map((c) => {
            const o = readOid(c);
            return EXTENDED_KEY_USAGES[o] ?? o;
          });
          break;
        case OID.basicConstraints: {
          const seq = parseAsn1Exact(value);
          const ca = seq.children[0]?.tag === TAG.BOOLEAN ? readBoolean(seq.children[0]) : false;
          const last = seq.children[seq.children.length - 1];
          result.basicConstraints = { ca, ...(last?.tag === TAG.INTEGER ? { pathLength: last.value[0] ?? 0 } : {}) };
          break;
        }
        case OID.certificatePolicies:
          result.policies = parseAsn1Exact(value).children.map((p) => readOid(child(p, 0)));
          break;
        case OID.subjectAltName:
          for (const name of parseAsn1Exact(value).children) {
            if (name.cls === 2 && name.tag === 1) result.emails.push(new TextDecoder().decode(name.value));
            if (name.cls === 2 && name.tag === 2) result.dnsNames.push(new TextDecoder().decode(name.value));
          }
          break;
        case OID.nameConstraints:
          result.nameConstraints = { critical: ext.children.length > 2 && readBoolean(child(ext, 1)), der: value };
          break;
        case OID.subjectKeyIdentifier:
          result.subjectKeyId = toHex(readOctets(parseAsn1Exact(value)));
          break;
        case OID.authorityKeyIdentifier: {
          const keyId = contextChild(parseAsn1Exact(value), 0);
          if (keyId) result.authorityKeyId = toHex(keyId.value);
          break;
        }
      }
    }
  }
  result.emails = [...new Set(result.emails)];
  return result;
}
