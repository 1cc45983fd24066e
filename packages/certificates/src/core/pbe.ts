import { type Asn1, child, der, expect, readOctets, readOid, readSmallInt, TAG } from './asn1.js';
import { latin1Bytes, utf8 } from './bytes.js';
import { bmpPassword, type CipherName, decrypt, type DigestName, encrypt, KdfBudget, pbkdf2, pkcs12Kdf, randomBytes } from './crypto.js';
import { CertificateError } from './errors.js';
import { OID } from './oids.js';

/** HMAC algorithm identifiers (PBKDF2 PRFs, PBMAC1) and their digest. */
export const HMAC_DIGESTS: Record<string, DigestName> = {
  [OID.hmacSha1]: 'sha1',
  [OID.hmacSha224]: 'sha224',
  [OID.hmacSha256]: 'sha256',
  [OID.hmacSha384]: 'sha384',
  [OID.hmacSha512]: 'sha512',
};

const PBES2_CIPHERS: Record<string, { name: CipherName; keyLength: number }> = {
  [OID.aes128Cbc]: { name: 'aes-128-cbc', keyLength: 16 },
  [OID.aes192Cbc]: { name: 'aes-192-cbc', keyLength: 24 },
  [OID.aes256Cbc]: { name: 'aes-256-cbc', keyLength: 32 },
  [OID.desEde3Cbc]: { name: 'des-ede3-cbc', keyLength: 24 },
  [OID.desCbc]: { name: 'des-cbc', keyLength: 8 },
};

const PKCS12_PBE: Record<string, { name: CipherName; keyLength: number; ivLength: number; rc2Bits?: number }> = {
  [OID.pbeSha1TripleDes]: { name: 'des-ede3-cbc', keyLength: 24, ivLength: 8 },
  [OID.pbeSha1TwoKeyTripleDes]: { name: 'des-ede3-cbc', keyLength: 16, ivLength: 8 },
  [OID.pbeSha1Rc2_128]: { name: 'rc2-cbc', keyLength: 16, ivLength: 8, rc2Bits: 128 },
  [OID.pbeSha1Rc2_40]: { name: 'rc2-cbc', keyLength: 5, ivLength: 8, rc2Bits: 40 },
};

/**
 * Checks that an iteration count is a count. There is no cap per derivation: the input's
 * {@link KdfBudget} bounds the total work, so that NSS's 600,000 iterations open and a file of
 * thousands of bags does not.
 */
export function checkIterations(iterations: number): number {
  if (!(iterations >= 1)) throw new CertificateError('CORRUPT_FILE', 'Fichier endommagé : nombre d\'itérations invalide.');
  return iterations;
}

function unsupported(oid: string): CertificateError {
  return new CertificateError('UNSUPPORTED_FORMAT', `Algorithme de chiffrement non pris en charge (OID ${oid}). Réexportez le fichier avec un outil récent (AES ou 3DES).`);
}

/** Password encodings to try for PKCS#12-KDF based schemes (an empty password has two forms in the wild). */
export function bmpCandidates(password: string): Uint8Array[] {
  return password === '' ? [bmpPassword(''), new Uint8Array(0)] : [bmpPassword(password)];
}

function rc2Bits(version: number): number {
  // RFC 8018 B.2.3: RC2 parameter version → effective key bits (160, 120, 58, or the bits themselves from 256).
  if (version === 160) return 40;
  if (version === 120) return 64;
  if (version === 58) return 128;
  if (version >= 256 && version <= 1024) return version;
  throw badParameters(`version RC2 ${version} inconnue`);
}

function badParameters(detail: string): CertificateError {
  return new CertificateError('CORRUPT_FILE', `Fichier endommagé ou fabriqué : paramètres de chiffrement invalides (${detail}). Retéléchargez-le depuis le site de l'autorité de certification.`);
}

/**
 * Password encodings real producers use, standard first. RFC 7292 wants a BMPString for the PKCS#12
 * KDF and RFC 8018 the UTF-8 bytes for PBKDF2; older NSS and some Java versions used the other form,
 * with or without the terminator, or Latin-1. The alternatives are tried only once the MAC has proven
 * the password right.
 */
function passwordEncodings(password: string, scheme: 'pkcs12' | 'pbes2', alternatives: boolean): Uint8Array[] {
  const bmp = bmpPassword(password);
  const standard = scheme === 'pkcs12' ? bmpCandidates(password) : [password === '' ? new Uint8Array(0) : utf8(password)];
  if (!alternatives) return standard;
  const others = scheme === 'pkcs12' ? [utf8(password), bmp.subarray(0, bmp.byteLength - 2)] : [bmp, bmp.subarray(0, bmp.byteLength - 2)];
  const latin = latin1Bytes(password);
  if (latin) others.push(latin);
  const seen = new Set(standard.map((c) => c.join(',')));
  return [...standard, ...others.filter((c) => !seen.has(c.join(',')) && (seen.add(c.join(',')), true))];
}

/** Options of {@link pbeDecrypt}. */
export interface PbeDecryptOptions {
  /** The derivation work this input may still cost. */
  budget?: KdfBudget;
  /** Also try the password encodings of non-standard producers (when the MAC proved the password). */
  alternativeEncodings?: boolean;
}

const BLOCK_BYTES: Partial<Record<CipherName, number>> = { 'aes-128-cbc': 16, 'aes-192-cbc': 16, 'aes-256-cbc': 16, 'des-ede3-cbc': 8, 'des-cbc': 8, 'rc2-cbc': 8 };

/**
 * Decrypts data protected with a PKCS#12 PBE or PBES2 (PBKDF2) algorithm. Returns the first candidate
 * plaintext that `isValid` accepts, or null when no password encoding fits (wrong password).
 */
export async function pbeDecrypt(algorithm: Asn1, data: Uint8Array, password: string, isValid: (plain: Uint8Array) => boolean, options: PbeDecryptOptions = {}): Promise<Uint8Array | null> {
  const budget = options.budget ?? new KdfBudget();
  const oid = readOid(child(algorithm, 0));
  const params = algorithm.children[1];
  const pkcs12 = PKCS12_PBE[oid];
  if (pkcs12) {
    if (!params) throw new CertificateError('CORRUPT_FILE', 'Fichier endommagé : paramètres de chiffrement absents.');
    const salt = readOctets(child(params, 0));
    const iterations = checkIterations(readSmallInt(child(params, 1)));
    for (const pw of passwordEncodings(password, 'pkcs12', options.alternativeEncodings ?? false)) {
      await budget.checkpoint();
      budget.spendPkcs12Kdf(2 * iterations, 'sha1');
      let key = pkcs12Kdf(pw, salt, 1, iterations, pkcs12.keyLength, 'sha1');
      if (oid === OID.pbeSha1TwoKeyTripleDes) key = Uint8Array.from([...key, ...key.subarray(0, 8)]);
      await budget.checkpoint();
      const iv = pkcs12Kdf(pw, salt, 2, iterations, pkcs12.ivLength, 'sha1');
      const plain = decrypt(pkcs12.name, key, iv, data, pkcs12.rc2Bits);
      if (plain && isValid(plain)) return plain;
    }
    return null;
  }
  if (oid === OID.pbes2) {
    if (!params) throw new CertificateError('CORRUPT_FILE', 'Fichier endommagé : paramètres PBES2 absents.');
    const kdf = child(params, 0);
    const scheme = child(params, 1);
    const kdfOid = readOid(child(kdf, 0));
    if (kdfOid !== OID.pbkdf2) throw unsupported(kdfOid);
    const kdfParams = child(kdf, 1);
    const salt = readOctets(expect(kdfParams.children[0], TAG.OCTET_STRING));
    const iterations = checkIterations(readSmallInt(child(kdfParams, 1)));
    let explicitKeyLength: number | undefined;
    let prf: DigestName = 'sha1';
    for (const extra of kdfParams.children.slice(2)) {
      if (extra.tag === TAG.INTEGER) explicitKeyLength = readSmallInt(extra);
      else if (extra.tag === TAG.SEQUENCE) {
        const prfOid = readOid(child(extra, 0));
        prf = HMAC_DIGESTS[prfOid] ?? (() => { throw unsupported(prfOid); })();
      }
    }
    const schemeOid = readOid(child(scheme, 0));
    let cipher = PBES2_CIPHERS[schemeOid];
    let iv: Uint8Array;
    let bits = 128;
    if (schemeOid === OID.rc2Cbc) {
      const p = child(scheme, 1);
      if (p.tag === TAG.SEQUENCE) {
        bits = p.children.length > 1 ? rc2Bits(readSmallInt(child(p, 0))) : 32;
        iv = readOctets(p.children[p.children.length - 1]!);
      } else iv = readOctets(p);
      cipher = { name: 'rc2-cbc', keyLength: explicitKeyLength ?? bits / 8 };
    } else {
      if (!cipher) throw unsupported(schemeOid);
      iv = readOctets(child(scheme, 1));
    }
    const keyLength = explicitKeyLength ?? cipher.keyLength;
    // Parameters that no cipher accepts are refused with a code, never passed on to crash the cipher.
    if (iv.byteLength !== BLOCK_BYTES[cipher.name]) throw badParameters(`vecteur d'initialisation de ${iv.byteLength} octets pour ${cipher.name.toUpperCase()}`);
    if (cipher.name !== 'rc2-cbc' && keyLength !== cipher.keyLength) throw badParameters(`clé de ${keyLength} octets pour ${cipher.name.toUpperCase()}`);
    if (keyLength < 1 || keyLength > 128) throw badParameters(`longueur de clé ${keyLength}`);
    for (const pw of passwordEncodings(password, 'pbes2', options.alternativeEncodings ?? false)) {
      await budget.checkpoint();
      const key = await pbkdf2(pw, salt, iterations, keyLength, prf, budget);
      const plain = decrypt(cipher.name, key, iv, data, bits);
      if (plain && isValid(plain)) return plain;
    }
    return null;
  }
  throw unsupported(oid);
}

/** Encryption profile of written files. */
export type EncryptionProfile = 'compatible' | 'modern';

/** Default iteration count of written files: OpenSSL's. */
export const WRITE_ITERATIONS = 2048;

/**
 * Encrypts with the profile's algorithm: `compatible` = pbeWithSHAAnd3-KeyTripleDES-CBC (every Windows),
 * `modern` = PBES2 / PBKDF2-HMAC-SHA256 / AES-256-CBC (OpenSSL 3). Returns AlgorithmIdentifier and data.
 */
export async function pbeEncrypt(plain: Uint8Array, password: string, profile: EncryptionProfile): Promise<{ algorithm: Uint8Array; data: Uint8Array }> {
  const iterations = WRITE_ITERATIONS;
  if (profile === 'compatible') {
    const salt = randomBytes(8);
    const pw = bmpPassword(password);
    const key = pkcs12Kdf(pw, salt, 1, iterations, 24, 'sha1');
    const iv = pkcs12Kdf(pw, salt, 2, iterations, 8, 'sha1');
    return {
      algorithm: der.sequence(der.oid(OID.pbeSha1TripleDes), der.sequence(der.octets(salt), der.integer(iterations))),
      data: encrypt('des-ede3-cbc', key, iv, plain),
    };
  }
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  const key = await pbkdf2(utf8(password), salt, iterations, 32, 'sha256');
  return {
    algorithm: der.sequence(
      der.oid(OID.pbes2),
      der.sequence(
        der.sequence(der.oid(OID.pbkdf2), der.sequence(der.octets(salt), der.integer(iterations), der.sequence(der.oid(OID.hmacSha256), der.null()))),
        der.sequence(der.oid(OID.aes256Cbc), der.octets(iv)),
      ),
    ),
    data: encrypt('aes-256-cbc', key, iv, plain),
  };
}
