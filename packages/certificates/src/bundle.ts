import { Asn1Error, child, contextChild, parseAsn1, readOid, TAG } from './asn1.js';
import { fromBase64, fromUtf8, parsePem, toHex } from './bytes.js';
import { type Classification, classifyCertificate, type Role, ROLES } from './classify.js';
import { CertificateError, type CertificateWarning } from './errors.js';
import { decryptPkcs8, parsePkcs8, pkcs1ToPkcs8, type PrivateKey, sec1ToPkcs8 } from './keys.js';
import { OID } from './oids.js';
import { looksLikePkcs12, readPkcs12 } from './pkcs12.js';
import { isIssuerOf, verifySignature } from './verify.js';
import { type ParsedCertificate, parseCertificate } from './x509.js';
import { looksLikeZip, readZip } from './zip-reader.js';

/** One input file: its name (for messages) and its bytes. */
export interface BundleInput {
  name: string;
  bytes: Uint8Array;
}

/** Options of {@link openBundle}. */
export interface OpenBundleOptions {
  /** Password of the protected inputs; undefined when none was given. */
  password?: string;
  /** Reference date for validity (default: now). */
  now?: Date;
  /** Role forced for a certificate: SHA-256 fingerprint prefix (hex, colons optional) → role. */
  roles?: Readonly<Record<string, Role>>;
}

/** Chain status of a certificate within the set. */
export type ChainStatus = 'valide' | 'auto-signe' | 'emetteur-absent' | 'signature-invalide' | 'non-verifiable';

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
  keySize: number;
  curve: string | null;
  keyUsage: string[];
  extendedKeyUsage: string[];
  isCertificateAuthority: boolean;
  policies: string[];
  hasPrivateKey: boolean;
  /** false when a private key delivered with this certificate does not match it. */
  keyMatches: boolean | null;
  chain: ChainStatus;
  fingerprintSha256: string;
  fingerprintSha1: string;
  sources: string[];
}

interface Entry {
  cert: ParsedCertificate;
  summary: CertificateSummary;
  key: PrivateKey | undefined;
}

const DAY = 86_400_000;

function attr(cert: ParsedCertificate, which: 'subject' | 'issuer', type: string): string | null {
  return cert[which].attributes.find((a) => a.type === type)?.value ?? null;
}

interface Found {
  certificates: { der: Uint8Array; source: string; localKeyId?: Uint8Array }[];
  keys: { pkcs8: Uint8Array; source: string; localKeyId?: Uint8Array }[];
}

function unsupported(name: string, what: string): CertificateError {
  return new CertificateError('UNSUPPORTED_FORMAT', `« ${name} » n'est pas un fichier de certificat reconnu (${what}). Formats lus : .p12/.pfx, .pem, .cer/.crt/.der, .p7b, .zip.`, { file: name });
}

function corruptFile(name: string, cause?: unknown): CertificateError {
  return new CertificateError('CORRUPT_FILE', `« ${name} » est endommagé ou tronqué : retéléchargez-le depuis le site de l'autorité de certification.`, { file: name, cause });
}

function describeBytes(bytes: Uint8Array): string {
  if (bytes.byteLength === 0) return 'fichier vide';
  const head = fromUtf8(bytes.subarray(0, 8));
  if (head.startsWith('%PDF')) return 'document PDF';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf) return 'document Office';
  return 'contenu inconnu';
}

function withFile(error: unknown, name: string): never {
  if (error instanceof CertificateError) {
    if (error.file) throw error;
    throw new CertificateError(error.code, error.message.startsWith('«') ? error.message : `« ${name} » : ${error.message}`, { file: name, cause: error.cause });
  }
  throw corruptFile(name, error);
}

async function readPemText(text: string, name: string, password: string | undefined, found: Found): Promise<boolean> {
  const blocks = parsePem(text);
  if (blocks.length === 0) return false;
  for (const block of blocks) {
    switch (block.label) {
      case 'CERTIFICATE':
      case 'X509 CERTIFICATE':
      case 'TRUSTED CERTIFICATE':
        found.certificates.push({ der: block.der, source: name });
        break;
      case 'PRIVATE KEY':
        found.keys.push({ pkcs8: block.der, source: name });
        break;
      case 'RSA PRIVATE KEY':
      case 'EC PRIVATE KEY':
        if (block.headers['Proc-Type']?.includes('ENCRYPTED')) {
          throw new CertificateError('UNSUPPORTED_FORMAT', `« ${name} » utilise l'ancien chiffrement PEM d'OpenSSL : convertissez la clé en PKCS#8 (openssl pkcs8 -topk8).`, { file: name });
        }
        found.keys.push({ pkcs8: block.label === 'RSA PRIVATE KEY' ? pkcs1ToPkcs8(block.der) : sec1ToPkcs8(block.der), source: name });
        break;
      case 'ENCRYPTED PRIVATE KEY': {
        if (password === undefined) throw new CertificateError('PASSWORD_REQUIRED', `La clé de « ${name} » est protégée par un mot de passe : indiquez-le.`, { file: name });
        const plain = await decryptPkcs8(parseAsn1(block.der), password);
        if (!plain) throw new CertificateError('BAD_PASSWORD', `Mot de passe incorrect pour la clé de « ${name} ». Vérifiez les majuscules et les accents.`, { file: name });
        found.keys.push({ pkcs8: plain, source: name });
        break;
      }
      case 'PKCS7':
      case 'CMS':
        readPkcs7(block.der, name, found);
        break;
      default:
        break;
    }
  }
  return true;
}

function readPkcs7(bytes: Uint8Array, name: string, found: Found): void {
  const info = parseAsn1(bytes);
  if (readOid(child(info, 0)) !== OID.signedData) throw unsupported(name, 'PKCS#7 sans certificats');
  const signed = child(contextChild(info, 0) ?? child(info, 1), 0);
  const certs = contextChild(signed, 0);
  for (const cert of certs?.children ?? []) found.certificates.push({ der: cert.raw, source: name });
}

function derKind(bytes: Uint8Array): 'pkcs12' | 'pkcs7' | 'certificate' | 'pkcs8' | 'encrypted-pkcs8' | null {
  if (looksLikePkcs12(bytes)) return 'pkcs12';
  const node = parseAsn1(bytes);
  if (node.tag !== TAG.SEQUENCE || node.cls !== 0) return null;
  const [a, b, c] = node.children;
  if (a?.tag === TAG.OID) return readOid(a) === OID.signedData ? 'pkcs7' : null;
  if (a?.tag === TAG.SEQUENCE && b?.tag === TAG.SEQUENCE && c?.tag === TAG.BIT_STRING) return 'certificate';
  if (a?.tag === TAG.INTEGER && b?.tag === TAG.SEQUENCE && c?.tag === TAG.OCTET_STRING) return 'pkcs8';
  if (a?.tag === TAG.SEQUENCE && b?.tag === TAG.OCTET_STRING && node.children.length === 2) return 'encrypted-pkcs8';
  return null;
}

function declaredLongerThanData(bytes: Uint8Array): boolean {
  // A DER SEQUENCE whose announced length runs past the end of the file: a truncated download.
  if (bytes[0] !== 0x30 || bytes.byteLength < 4) return false;
  const first = bytes[1]!;
  if (first < 0x80) return first + 2 > bytes.byteLength;
  const count = first & 0x7f;
  if (count === 0 || count > 4) return false;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + (bytes[2 + i] ?? 0);
  return length + 2 + count > bytes.byteLength && length < 1 << 24;
}

async function readInput(input: BundleInput, password: string | undefined, found: Found, depth: number): Promise<void> {
  const { name, bytes } = input;
  try {
    if (looksLikeZip(bytes)) {
      if (depth > 1) return;
      const entries = await readZip(bytes);
      const before = found.certificates.length + found.keys.length;
      for (const entry of entries) {
        const entryName = `${name} › ${entry.name}`;
        try {
          await readInput({ name: entryName, bytes: entry.bytes }, password, found, depth + 1);
        } catch (error) {
          // Readme files and the like sit beside the certificates in a zip: skip what is not one.
          if (error instanceof CertificateError && error.code === 'UNSUPPORTED_FORMAT') continue;
          throw error;
        }
      }
      if (found.certificates.length + found.keys.length === before) throw unsupported(name, 'archive zip sans certificat');
      return;
    }
    const text = bytes.byteLength < 4 << 20 ? fromUtf8(bytes) : '';
    if (text.includes('-----BEGIN ')) {
      if (await readPemText(text, name, password, found)) return;
    }
    let der = bytes;
    if (bytes[0] !== 0x30 && /^[\sA-Za-z0-9+/=]+$/.test(text) && text.trim().length > 64) {
      // A .txt holding base64 without PEM lines.
      const decoded = fromBase64(text);
      if (decoded && decoded[0] === 0x30) der = decoded;
    }
    let kind: ReturnType<typeof derKind>;
    try {
      kind = derKind(der);
    } catch (error) {
      if (error instanceof Asn1Error && declaredLongerThanData(der)) throw corruptFile(name, error);
      throw unsupported(name, describeBytes(bytes));
    }
    switch (kind) {
      case 'pkcs12': {
        const contents = await readPkcs12(der, password);
        for (const c of contents.certificates) found.certificates.push({ der: c.der, source: name, ...(c.localKeyId ? { localKeyId: c.localKeyId } : {}) });
        for (const k of contents.keys) found.keys.push({ pkcs8: k.der, source: name, ...(k.localKeyId ? { localKeyId: k.localKeyId } : {}) });
        return;
      }
      case 'pkcs7':
        readPkcs7(der, name, found);
        return;
      case 'certificate':
        found.certificates.push({ der: parseAsn1(der).raw, source: name });
        return;
      case 'pkcs8':
        found.keys.push({ pkcs8: parseAsn1(der).raw, source: name });
        return;
      case 'encrypted-pkcs8': {
        if (password === undefined) throw new CertificateError('PASSWORD_REQUIRED', `La clé de « ${name} » est protégée par un mot de passe : indiquez-le.`, { file: name });
        const plain = await decryptPkcs8(parseAsn1(der), password);
        if (!plain) throw new CertificateError('BAD_PASSWORD', `Mot de passe incorrect pour la clé de « ${name} ».`, { file: name });
        found.keys.push({ pkcs8: plain, source: name });
        return;
      }
      default:
        throw unsupported(name, describeBytes(bytes));
    }
  } catch (error) {
    withFile(error, name);
  }
}

function normalizeFingerprint(text: string): string {
  return text.replace(/[^0-9a-f]/gi, '').toUpperCase();
}

/**
 * The certificates and keys of one or several inputs, merged (duplicates removed), each key paired
 * with its certificate by public key, each certificate classified and its chain checked.
 * Private keys stay inside: only {@link CertificateSummary} data is exposed.
 */
export class CertificateBundle {
  readonly certificates: readonly CertificateSummary[];
  readonly warnings: readonly CertificateWarning[];
  readonly #entries: readonly Entry[];

  /** @internal */
  constructor(entries: Entry[], warnings: CertificateWarning[]) {
    this.#entries = entries;
    this.certificates = entries.map((e) => e.summary);
    this.warnings = warnings;
  }

  /** @internal DER of a certificate (by SHA-256 fingerprint). */
  certificateDer(fingerprint: string): Uint8Array | undefined {
    return this.#entries.find((e) => e.summary.fingerprintSha256 === fingerprint)?.cert.der;
  }

  /** @internal Unencrypted PKCS#8 of the key paired with a certificate. */
  privateKey(fingerprint: string): PrivateKey | undefined {
    return this.#entries.find((e) => e.summary.fingerprintSha256 === fingerprint)?.key;
  }

  /** @internal Issuers of a certificate found in the set, nearest first, up to the root. */
  chainOf(fingerprint: string): Uint8Array[] {
    const chain: Uint8Array[] = [];
    let current = this.#entries.find((e) => e.summary.fingerprintSha256 === fingerprint);
    const seen = new Set<string>();
    while (current && chain.length < 10) {
      seen.add(current.summary.fingerprintSha256);
      const cur = current;
      const issuer = this.#entries.find((e) => !seen.has(e.summary.fingerprintSha256) && isIssuerOf(e.cert, cur.cert) && e.summary.isCertificateAuthority);
      if (!issuer) break;
      chain.push(issuer.cert.der);
      current = issuer;
    }
    return chain;
  }

  toJSON(): CertificateSummary[] {
    return [...this.certificates];
  }
}

/**
 * Opens one or several inputs (PKCS#12, PEM, DER, PKCS#7, zip) as one set. Throws a
 * {@link CertificateError} naming the file on the first input that cannot be read.
 */
export async function openBundle(inputs: readonly BundleInput[], options: OpenBundleOptions = {}): Promise<CertificateBundle> {
  const found: Found = { certificates: [], keys: [] };
  for (const input of inputs) await readInput(input, options.password, found, 0);
  if (found.certificates.length === 0) {
    throw new CertificateError('NO_CERTIFICATE', 'Aucun certificat trouvé dans les fichiers donnés. Vérifiez que vous avez choisi le fichier reçu de l\'autorité de certification (.p12, .pfx, .pem, .cer, .p7b ou .zip).');
  }
  const now = options.now ?? new Date();
  const warnings: CertificateWarning[] = [];

  // Certificates, deduplicated by fingerprint (keytool repeats the chain for every key entry).
  const byFingerprint = new Map<string, { cert: ParsedCertificate; sources: Set<string>; localKeyIds: Uint8Array[] }>();
  for (const c of found.certificates) {
    let cert: ParsedCertificate;
    try {
      cert = parseCertificate(c.der);
    } catch (error) {
      throw corruptFile(c.source, error);
    }
    const known = byFingerprint.get(cert.fingerprintSha256);
    if (known) known.sources.add(c.source);
    else byFingerprint.set(cert.fingerprintSha256, { cert, sources: new Set([c.source]), localKeyIds: [] });
    if (c.localKeyId) byFingerprint.get(cert.fingerprintSha256)!.localKeyIds.push(c.localKeyId);
  }

  // Keys, deduplicated by public key.
  const keys = new Map<string, { key: PrivateKey; localKeyIds: Uint8Array[]; source: string }>();
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

  const overrides = Object.entries(options.roles ?? {}).map(([prefix, role]) => [normalizeFingerprint(prefix), role] as const);
  const parsed = [...byFingerprint.values()];
  const entries: Entry[] = [];
  for (const { cert, sources, localKeyIds } of parsed) {
    const fingerprint = normalizeFingerprint(cert.fingerprintSha256);
    const override = overrides.find(([prefix]) => prefix.length >= 6 && fingerprint.startsWith(prefix));
    const classification: Classification = override ? { role: override[1], reason: 'rôle imposé (--role)' } : classifyCertificate(cert);
    const paired = keys.get(cert.publicKey.id);
    // A key delivered with this certificate (same localKeyId) but for another key pair: a mismatch.
    const mismatched =
      !paired &&
      [...keys.values()].some((k) => k.localKeyIds.some((id) => localKeyIds.some((cid) => toHex(cid) === toHex(id))));
    let chain: ChainStatus = 'emetteur-absent';
    const selfIssued = isIssuerOf(cert, cert);
    if (selfIssued) {
      const ok = await verifySignature(cert, cert);
      chain = ok === null ? 'non-verifiable' : ok ? 'auto-signe' : 'signature-invalide';
    } else {
      const issuers = parsed.filter((p) => p.cert !== cert && isIssuerOf(p.cert, cert)).map((p) => p.cert);
      for (const issuer of issuers) {
        const ok = await verifySignature(cert, issuer);
        chain = ok === null ? 'non-verifiable' : ok ? 'valide' : 'signature-invalide';
        if (ok) break;
      }
    }
    const daysLeft = Math.floor((cert.notAfter.getTime() - now.getTime()) / DAY);
    const validity: ValidityStatus = now < cert.notBefore ? 'pas-encore-valide' : now > cert.notAfter ? 'expire' : 'valide';
    entries.push({
      cert,
      key: paired?.key,
      summary: {
        role: classification.role,
        roleReason: classification.reason,
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
        daysLeft,
        validity,
        keyType: cert.publicKey.algorithm,
        keySize: cert.publicKey.bits,
        curve: cert.publicKey.curve ?? null,
        keyUsage: cert.keyUsage ?? [],
        extendedKeyUsage: cert.extendedKeyUsage ?? [],
        isCertificateAuthority: cert.basicConstraints?.ca ?? false,
        policies: cert.policies,
        hasPrivateKey: paired !== undefined,
        keyMatches: paired ? true : mismatched ? false : null,
        chain,
        fingerprintSha256: cert.fingerprintSha256,
        fingerprintSha1: cert.fingerprintSha1,
        sources: [...sources],
      },
    });
    if (paired) keys.delete(cert.publicKey.id);
  }
  for (const orphan of keys.values()) {
    warnings.push({ code: 'KEY_WITHOUT_CERTIFICATE', message: `Une clé privée ${orphan.key.algorithm} de « ${orphan.source} » ne correspond à aucun certificat fourni : elle est ignorée.` });
  }
  entries.sort((a, b) => ROLES.indexOf(a.summary.role) - ROLES.indexOf(b.summary.role) || a.cert.notAfter.getTime() - b.cert.notAfter.getTime());
  return new CertificateBundle(entries, warnings);
}
