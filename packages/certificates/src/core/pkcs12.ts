import { type Asn1, Asn1Error, child, contextChild, der, expect, parseAsn1, parseAsn1Exact, readOctets, readOid, readSmallInt, readString, tlv, TAG } from './asn1.js';
import { equalBytes, utf8 } from './bytes.js';
import { type DigestName, hmac, KdfBudget, pbkdf2, pkcs12Kdf, randomBytes } from './crypto.js';
import { CertificateError } from './errors.js';
import { OID } from './oids.js';
import { bmpCandidates, checkIterations, type EncryptionProfile, HMAC_DIGESTS, pbeDecrypt, pbeEncrypt, WRITE_ITERATIONS } from './pbe.js';

/** A bag read from a PKCS#12 file. */
export interface Pkcs12Item {
  der: Uint8Array;
  friendlyName?: string;
  localKeyId?: Uint8Array;
}

/** Contents of a PKCS#12 file: unencrypted PKCS#8 keys and DER certificates. */
export interface Pkcs12Contents {
  keys: Pkcs12Item[];
  certificates: Pkcs12Item[];
  /** How the file was protected, for `inspect`. */
  protection: { mac: string | null; keyEncryption: string[]; certificateEncryption: string[] };
  /**
   * Why nothing proves the file unaltered (no MAC, bytes outside the MAC's protection), or null when
   * the MAC covers everything that was read.
   */
  unauthenticated: string | null;
}

/** Options of {@link readPkcs12}. */
export interface ReadPkcs12Options {
  /** Derivation work this file may cost (shared with the other parts of the same input), and the signal that stops it. */
  budget?: KdfBudget;
}

const DIGESTS: Record<string, DigestName> = {
  [OID.sha1]: 'sha1',
  [OID.sha224]: 'sha224',
  [OID.sha256]: 'sha256',
  [OID.sha384]: 'sha384',
  [OID.sha512]: 'sha512',
};
const ALGORITHM_NAMES: Record<string, string> = {
  [OID.pbeSha1TripleDes]: '3DES (PKCS#12)',
  [OID.pbeSha1TwoKeyTripleDes]: '3DES 2 clés (PKCS#12)',
  [OID.pbeSha1Rc2_40]: 'RC2-40 (PKCS#12)',
  [OID.pbeSha1Rc2_128]: 'RC2-128 (PKCS#12)',
  [OID.pbes2]: 'PBES2',
};

/**
 * Shortest PBMAC1 key accepted (RFC 9579 §7, as sslmate/go-pkcs12 does): the key length comes from
 * the file, and with a 1-octet key a forger without the password passes the MAC 1 time in 256. A
 * shorter key is refused as `CORRUPT_FILE` (a forged file, whose content is not shown), not merely
 * flagged `UNAUTHENTICATED`: no producer writes one. The PRF's output length is not required: RFC
 * 9579's own vector A.2 derives a 32-octet HMAC-SHA-256 key with an HMAC-SHA-512 PRF.
 */
const MIN_PBMAC1_KEY_LENGTH = 20;

function corrupt(detail: string, cause?: unknown): CertificateError {
  return new CertificateError('CORRUPT_FILE', `Le fichier PKCS#12 est endommagé ou incomplet (${detail}). Retéléchargez-le depuis le site de l'autorité de certification.`, { cause });
}

/** True when the bytes look like a PKCS#12 PFX (version 3, data or signedData content). */
export function looksLikePkcs12(bytes: Uint8Array): boolean {
  try {
    const pfx = parseAsn1(bytes);
    if (pfx.tag !== TAG.SEQUENCE || pfx.children.length < 2) return false;
    const version = pfx.children[0]!;
    if (version.tag !== TAG.INTEGER || version.value[0] !== 3) return false;
    return readOid(child(child(pfx, 1), 0)) === OID.data;
  } catch {
    return false;
  }
}

function contentOctets(contentInfo: Asn1): Uint8Array {
  const type = readOid(child(contentInfo, 0));
  if (type !== OID.data) throw new CertificateError('UNSUPPORTED_FORMAT', 'PKCS#12 signé par clé publique (mode non pris en charge) : réexportez avec un mot de passe.');
  return readOctets(child(contextChild(contentInfo, 0) ?? child(contentInfo, 1), 0));
}

function pbeName(algorithm: Asn1): string {
  const oid = readOid(child(algorithm, 0));
  if (oid !== OID.pbes2) return ALGORITHM_NAMES[oid] ?? oid;
  try {
    const scheme = readOid(child(child(child(algorithm, 1), 1), 0));
    const name = { [OID.aes128Cbc]: 'AES-128-CBC', [OID.aes192Cbc]: 'AES-192-CBC', [OID.aes256Cbc]: 'AES-256-CBC', [OID.desEde3Cbc]: '3DES-CBC' }[scheme] ?? scheme;
    return `PBES2 ${name}`;
  } catch {
    return 'PBES2';
  }
}

function readAttributes(bag: Asn1): { friendlyName?: string; localKeyId?: Uint8Array } {
  const out: { friendlyName?: string; localKeyId?: Uint8Array } = {};
  const attrs = bag.children[2];
  if (!attrs || attrs.tag !== TAG.SET) return out;
  for (const attr of attrs.children) {
    const oid = readOid(child(attr, 0));
    const value = child(attr, 1).children[0];
    if (!value) continue;
    if (oid === OID.friendlyName) out.friendlyName = readString(value);
    else if (oid === OID.localKeyId) out.localKeyId = readOctets(value);
  }
  return out;
}

interface MacCheck {
  ok: boolean;
  name: string;
}

async function checkMac(macData: Asn1, authSafe: Uint8Array, password: string, budget: KdfBudget): Promise<MacCheck> {
  const digestInfo = child(macData, 0);
  const algorithm = child(digestInfo, 0);
  const oid = readOid(child(algorithm, 0));
  const expected = readOctets(child(digestInfo, 1));
  if (oid === OID.pbmac1) {
    // RFC 9579: PBKDF2 (password as UTF-8) gives the HMAC key; keyLength is mandatory.
    const params = child(algorithm, 1);
    const kdf = child(params, 0);
    if (readOid(child(kdf, 0)) !== OID.pbkdf2) throw corrupt('PBMAC1 sans PBKDF2');
    const kdfParams = child(kdf, 1);
    const salt = readOctets(child(kdfParams, 0));
    const iterations = checkIterations(readSmallInt(child(kdfParams, 1)));
    const keyLengthNode = kdfParams.children.find((c, i) => i >= 2 && c.tag === TAG.INTEGER);
    if (!keyLengthNode) throw corrupt('PBMAC1 sans longueur de clé, exigée par la RFC 9579');
    const keyLength = readSmallInt(keyLengthNode);
    if (keyLength < MIN_PBMAC1_KEY_LENGTH) throw corrupt(`clé d'intégrité PBMAC1 de ${keyLength} octet${keyLength > 1 ? 's' : ''}, moins que les ${MIN_PBMAC1_KEY_LENGTH} exigés : fichier fabriqué`);
    if (keyLength > 128) throw corrupt('longueur de clé PBMAC1 invalide');
    const prfNode = kdfParams.children.find((c, i) => i >= 2 && c.tag === TAG.SEQUENCE);
    const prf = prfNode ? HMAC_DIGESTS[readOid(child(prfNode, 0))] : 'sha1';
    const macAlg = HMAC_DIGESTS[readOid(child(child(params, 1), 0))];
    if (!prf || !macAlg) throw new CertificateError('UNSUPPORTED_FORMAT', 'Algorithme d\'intégrité PBMAC1 non pris en charge.');
    const key = await pbkdf2(password === '' ? new Uint8Array(0) : utf8(password), salt, iterations, keyLength, prf, budget);
    return { ok: equalBytes(hmac(macAlg, key, authSafe), expected), name: `PBMAC1 HMAC-${macAlg.toUpperCase()}` };
  }
  const name = DIGESTS[oid];
  if (!name) throw new CertificateError('UNSUPPORTED_FORMAT', `Algorithme d'intégrité non pris en charge (OID ${oid}).`);
  const salt = readOctets(child(macData, 1));
  const iterations = checkIterations(macData.children[2] ? readSmallInt(macData.children[2]) : 1);
  const length = { sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64 }[name];
  for (const pw of bmpCandidates(password)) {
    await budget.checkpoint();
    budget.spendPkcs12Kdf(iterations, name);
    const key = pkcs12Kdf(pw, salt, 3, iterations, length, name);
    if (equalBytes(hmac(name, key, authSafe), expected)) return { ok: true, name: `HMAC-${name.toUpperCase()}` };
  }
  return { ok: false, name: `HMAC-${name.toUpperCase()}` };
}

function isSequence(bytes: Uint8Array): boolean {
  try {
    return parseAsn1Exact(bytes).tag === TAG.SEQUENCE;
  } catch {
    return false;
  }
}

/** Stops the bag walk once one encrypted item has been tried (see `readPkcs12`). */
class ProbeDone extends Error {
  constructor(readonly decrypted: boolean) {
    super('probe done');
  }
}

/** The outer PFX: its sequence, the authenticated-safe bytes (what the MAC covers) and their ContentInfos. */
function parsePfx(bytes: Uint8Array): { pfx: Asn1; authSafeBytes: Uint8Array; contentInfos: Asn1[] } {
  try {
    const pfx = parseAsn1(bytes);
    expect(pfx, TAG.SEQUENCE);
    const authSafeBytes = contentOctets(child(pfx, 1));
    return { pfx, authSafeBytes, contentInfos: parseAsn1Exact(authSafeBytes).children };
  } catch (error) {
    if (error instanceof CertificateError) throw error;
    throw corrupt('structure illisible', error);
  }
}

/** Checks the MAC when there is one: true / false, or null when the file has none. */
async function macStatus(pfx: Asn1, authSafeBytes: Uint8Array, pw: string, budget: KdfBudget, protection: Pkcs12Contents['protection']): Promise<boolean | null> {
  try {
    const macData = pfx.children[2];
    if (!macData) return null;
    const mac = await checkMac(macData, authSafeBytes, pw, budget);
    protection.mac = mac.name;
    return mac.ok;
  } catch (error) {
    if (error instanceof CertificateError) throw error;
    throw corrupt('données d\'intégrité illisibles', error);
  }
}

/** Why nothing proves the file unaltered (no MAC, bytes after the MAC-covered part), or null. */
function unauthenticatedReason(macOk: boolean | null, bytes: Uint8Array, pfx: Asn1): string | null {
  if (macOk === null) return 'ce fichier PKCS#12 n\'a pas de code d\'intégrité (MAC)';
  if (bytes.byteLength > pfx.raw.byteLength) return `${bytes.byteLength - pfx.raw.byteLength} octets suivent la partie protégée par le code d'intégrité`;
  return null;
}

/** The error for a password that does not open the file (none given: `PASSWORD_REQUIRED`). */
function wrongPassword(password: string | undefined): CertificateError {
  return password === undefined
    ? new CertificateError('PASSWORD_REQUIRED', 'Ce fichier est protégé par un mot de passe : indiquez-le.')
    : new CertificateError('BAD_PASSWORD', 'Mot de passe incorrect. Vérifiez les majuscules et les accents, puis réessayez (le fichier lui-même semble intact).');
}

function missingBagValue(): never {
  throw new Asn1Error('missing bag value');
}

/** What the bag walk needs and fills. */
interface BagWalk {
  password: string | undefined;
  budget: KdfBudget;
  macOk: boolean | null;
  protection: Pkcs12Contents['protection'];
  keys: Pkcs12Item[];
  certificates: Pkcs12Item[];
}

/** Decrypts one item; the first failure ends the reading with the right error (a probe ends it anyway). */
async function decryptItem(walk: BagWalk, algorithm: Asn1, data: Uint8Array): Promise<Uint8Array> {
  const plain = await pbeDecrypt(algorithm, data, walk.password ?? '', isSequence, { budget: walk.budget, alternativeEncodings: walk.macOk === true });
  if (walk.macOk === false) throw new ProbeDone(plain !== null);
  if (plain) return plain;
  if (walk.macOk) {
    throw new CertificateError(
      'UNSUPPORTED_FORMAT',
      `Le mot de passe est juste (le contrôle d'intégrité le prouve), mais un élément chiffré en ${pbeName(algorithm)} ne s'ouvre avec aucun des encodages de mot de passe connus. Réexportez le certificat depuis l'outil d'origine (profil AES ou 3DES standard).`,
    );
  }
  throw wrongPassword(walk.password);
}

async function readBags(walk: BagWalk, safeContents: Asn1, depth: number): Promise<void> {
  if (depth > 4) throw corrupt('imbrication excessive');
  for (const bag of safeContents.children) {
    await walk.budget.checkpoint();
    const type = readOid(child(bag, 0));
    const value = child(contextChild(bag, 0) ?? missingBagValue(), 0);
    const attributes = readAttributes(bag);
    if (type === OID.keyBag) {
      walk.keys.push({ der: value.raw, ...attributes });
    } else if (type === OID.pkcs8ShroudedKeyBag) {
      const algorithm = child(value, 0);
      walk.protection.keyEncryption.push(pbeName(algorithm));
      walk.keys.push({ der: await decryptItem(walk, algorithm, readOctets(child(value, 1))), ...attributes });
    } else if (type === OID.certBag) {
      const certType = readOid(child(value, 0));
      if (certType === OID.x509Certificate) walk.certificates.push({ der: readOctets(child(contextChild(value, 0) ?? missingBagValue(), 0)), ...attributes });
    } else if (type === OID.safeContentsBag) {
      await readBags(walk, value, depth + 1);
    }
  }
}

async function readContentInfos(walk: BagWalk, contentInfos: readonly Asn1[]): Promise<void> {
  for (const info of contentInfos) {
    const type = readOid(child(info, 0));
    if (type === OID.data) {
      await readBags(walk, parseAsn1Exact(contentOctets(info)), 0);
    } else if (type === OID.encryptedData) {
      const encryptedData = child(contextChild(info, 0) ?? missingBagValue(), 0);
      const eci = child(encryptedData, 1);
      const algorithm = child(eci, 1);
      walk.protection.certificateEncryption.push(pbeName(algorithm));
      const content = contextChild(eci, 0);
      if (!content) continue;
      const data = content.constructed ? readOctets({ ...content, tag: TAG.OCTET_STRING, cls: 0 }) : content.value;
      await readBags(walk, parseAsn1Exact(await decryptItem(walk, algorithm, data)), 0);
    } else {
      throw new CertificateError('UNSUPPORTED_FORMAT', 'Contenu PKCS#12 chiffré par clé publique (enveloppé) : non pris en charge. Réexportez avec un mot de passe.');
    }
  }
}

/**
 * Opens a PKCS#12 file. `password` undefined means none was given: an empty password is tried and
 * `PASSWORD_REQUIRED` raised if it does not fit.
 *
 * The MAC is checked before anything is decrypted. When it fails, one encrypted item at most is
 * tried — its content is never used — to tell a wrong password (`BAD_PASSWORD`) from a damaged file
 * whose content the password does open (`CORRUPT_FILE`). When the MAC proves the password, a bag
 * that does not decrypt is tried with the password encodings of non-standard producers, and is
 * `UNSUPPORTED_FORMAT` naming its algorithm if none fits — never `BAD_PASSWORD`. All derivations of
 * the file share one {@link KdfBudget}.
 */
export async function readPkcs12(bytes: Uint8Array, password: string | undefined, options: ReadPkcs12Options = {}): Promise<Pkcs12Contents> {
  const budget = options.budget ?? new KdfBudget();
  const { pfx, authSafeBytes, contentInfos } = parsePfx(bytes);
  const protection: Pkcs12Contents['protection'] = { mac: null, keyEncryption: [], certificateEncryption: [] };
  const macOk = await macStatus(pfx, authSafeBytes, password ?? '', budget, protection);
  const unauthenticated = unauthenticatedReason(macOk, bytes, pfx);
  const walk: BagWalk = { password, budget, macOk, protection, keys: [], certificates: [] };
  const probe = macOk === false;
  try {
    await readContentInfos(walk, contentInfos);
  } catch (error) {
    if (error instanceof ProbeDone) {
      // The password opened content the MAC does not vouch for: the file, not the password, is wrong.
      if (error.decrypted) throw corrupt('contrôle d\'intégrité en échec alors que le mot de passe est correct');
      throw wrongPassword(password);
    }
    if (error instanceof CertificateError) throw error;
    if (probe) throw wrongPassword(password);
    throw corrupt('contenu illisible', error);
  }
  if (probe) throw wrongPassword(password);
  return { keys: walk.keys, certificates: walk.certificates, protection, unauthenticated };
}

/** One key entry to write: key, its certificate, and the chain. */
export interface Pkcs12Entry {
  pkcs8: Uint8Array;
  certificate: Uint8Array;
  chain: readonly Uint8Array[];
  friendlyName: string;
  localKeyId: Uint8Array;
}

function attributes(friendlyName: string | undefined, localKeyId: Uint8Array | undefined): Uint8Array {
  const list: Uint8Array[] = [];
  if (friendlyName) list.push(der.sequence(der.oid(OID.friendlyName), der.set(der.bmp(friendlyName))));
  if (localKeyId) list.push(der.sequence(der.oid(OID.localKeyId), der.set(der.octets(localKeyId))));
  return list.length ? der.set(...list) : new Uint8Array(0);
}

/**
 * Writes a PKCS#12 file. `compatible`: keys and certificates under pbeWithSHAAnd3-KeyTripleDES-CBC and
 * an HMAC-SHA1 MAC (every Windows and Outlook). `modern`: PBES2 / PBKDF2-HMAC-SHA256 / AES-256-CBC and
 * an HMAC-SHA256 MAC, as OpenSSL 3 writes. The password is used as OpenSSL does (BMPString for the
 * PKCS#12 KDF, UTF-8 for PBKDF2), so files with accented passwords open everywhere.
 */
export async function writePkcs12(entry: Pkcs12Entry, password: string, profile: EncryptionProfile): Promise<Uint8Array> {
  const certBag = (certificate: Uint8Array, attrs: Uint8Array) =>
    der.sequence(der.oid(OID.certBag), der.explicit(0, der.sequence(der.oid(OID.x509Certificate), der.explicit(0, der.octets(certificate)))), attrs);
  const certBags = der.sequence(
    certBag(entry.certificate, attributes(entry.friendlyName, entry.localKeyId)),
    ...entry.chain.map((c) => certBag(c, new Uint8Array(0))),
  );
  const encryptedCerts = await pbeEncrypt(certBags, password, profile);
  const certsInfo = der.sequence(
    der.oid(OID.encryptedData),
    der.explicit(0, der.sequence(der.integer(0), der.sequence(der.oid(OID.data), encryptedCerts.algorithm, tlv(0x80, encryptedCerts.data)))),
  );
  const shrouded = await pbeEncrypt(entry.pkcs8, password, profile);
  const keyBags = der.sequence(
    der.sequence(der.oid(OID.pkcs8ShroudedKeyBag), der.explicit(0, der.sequence(shrouded.algorithm, der.octets(shrouded.data))), attributes(entry.friendlyName, entry.localKeyId)),
  );
  const keysInfo = der.sequence(der.oid(OID.data), der.explicit(0, der.octets(keyBags)));
  const authSafe = der.sequence(certsInfo, keysInfo);

  const digestName: DigestName = profile === 'compatible' ? 'sha1' : 'sha256';
  const salt = randomBytes(8);
  const macKey = pkcs12Kdf(bmpCandidates(password)[0]!, salt, 3, WRITE_ITERATIONS, digestName === 'sha1' ? 20 : 32, digestName);
  const mac = hmac(digestName, macKey, authSafe);
  return der.sequence(
    der.integer(3),
    der.sequence(der.oid(OID.data), der.explicit(0, der.octets(authSafe))),
    der.sequence(der.sequence(der.sequence(der.oid(digestName === 'sha1' ? OID.sha1 : OID.sha256), der.null()), der.octets(mac)), der.octets(salt), der.integer(WRITE_ITERATIONS)),
  );
}
