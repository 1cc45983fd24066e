import { Asn1Error, child, contextChild, parseAsn1, readOid, TAG } from './asn1.js';
import { fromBase64, fromUtf8, parsePem, toHex } from './bytes.js';
import { type AuthorityHint, authorityHint, type Classification, classifyCertificate, type Role, ROLES } from './classify.js';
import { CertificateError, type CertificateWarning } from './errors.js';
import { KdfBudget } from './crypto.js';
import { decryptPkcs8, parsePkcs8, pkcs1ToPkcs8, type PrivateKey, proveKeyPair, sec1ToPkcs8 } from './keys.js';
import { frenchTypography } from './format.js';
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

/**
 * What was proven about a certificate's chain, from the inputs alone. No trust anchor is consulted:
 * no status means "trusted".
 * - `complete`: every link verifies (issuer is a CA allowed to sign certificates, valid at the
 *   reference date, its signature over the child checks) up to a self-signed root present in the inputs;
 * - `auto-signe`: the certificate is itself a self-signed root whose own signature checks;
 * - `incomplete`: every link present verifies, but an issuer is missing from the inputs;
 * - `invalide`: a link fails (reason in `chainReason`): bad signature, issuer not a CA, expired
 *   authority, loop;
 * - `non-verifiable`: a signature this tool cannot check (RSA-PSS…).
 */
export type ChainStatus = 'complete' | 'auto-signe' | 'incomplete' | 'invalide' | 'non-verifiable';

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
  /** Key size in bits; null when the tool cannot tell (shown as « taille inconnue »). */
  keySize: number | null;
  curve: string | null;
  keyUsage: string[];
  extendedKeyUsage: string[];
  isCertificateAuthority: boolean;
  policies: string[];
  /**
   * The RGS authority the certificate names (policy OID arc, else issuer name): what it *says*, for
   * the renewal advice; the chain status tells what was proven. null when it names none we know.
   */
  authority: AuthorityHint | null;
  hasPrivateKey: boolean;
  /**
   * true when a private key was proven to be this certificate's (sign-and-verify); false when a key
   * delivered with it (same public key or same localKeyId) is not; null when there is none.
   */
  keyMatches: boolean | null;
  chain: ChainStatus;
  /** French explanation of the chain status (which issuer, which link failed and why). */
  chainReason: string;
  /** Why nothing proves this certificate's file unaltered (PKCS#12 without MAC…), or null. */
  unauthenticated: string | null;
  fingerprintSha256: string;
  fingerprintSha1: string;
  sources: string[];
}

interface Entry {
  cert: ParsedCertificate;
  summary: CertificateSummary;
  /** Present only when proven to be this certificate's key. */
  key: PrivateKey | undefined;
  /** Verified issuers, nearest first. */
  path: ParsedCertificate[];
}

const DAY = 86_400_000;

function attr(cert: ParsedCertificate, which: 'subject' | 'issuer', type: string): string | null {
  return cert[which].attributes.find((a) => a.type === type)?.value ?? null;
}

interface Found {
  certificates: { der: Uint8Array; source: string; localKeyId?: Uint8Array }[];
  keys: { pkcs8: Uint8Array; source: string; localKeyId?: Uint8Array }[];
  /** Things that are not certificates nor keys, kept to say what a file was when nothing else is found. */
  others: { kind: 'crl' | 'csr'; source: string }[];
  /** Inputs whose integrity nothing proves, with the reason. */
  unauthenticated: Map<string, string>;
}

const OTHER_KINDS = {
  crl: 'une liste de révocation (CRL), pas un certificat',
  csr: 'une demande de certificat (CSR), pas le certificat délivré : installez le certificat reçu de l\'autorité',
} as const;

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

async function readPemText(text: string, name: string, password: string | undefined, found: Found, budget: KdfBudget): Promise<boolean> {
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
        const plain = await decryptPkcs8(parseAsn1(block.der), password, budget);
        if (!plain) throw new CertificateError('BAD_PASSWORD', `Mot de passe incorrect pour la clé de « ${name} ». Vérifiez les majuscules et les accents.`, { file: name });
        found.keys.push({ pkcs8: plain, source: name });
        break;
      }
      case 'PKCS7':
      case 'CMS':
        readPkcs7(block.der, name, found);
        break;
      case 'X509 CRL':
        found.others.push({ kind: 'crl', source: name });
        break;
      case 'CERTIFICATE REQUEST':
      case 'NEW CERTIFICATE REQUEST':
        found.others.push({ kind: 'csr', source: name });
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

function derKind(bytes: Uint8Array): 'pkcs12' | 'pkcs7' | 'certificate' | 'crl' | 'csr' | 'pkcs8' | 'encrypted-pkcs8' | null {
  if (looksLikePkcs12(bytes)) return 'pkcs12';
  const node = parseAsn1(bytes);
  if (node.tag !== TAG.SEQUENCE || node.cls !== 0) return null;
  const [a, b, c] = node.children;
  if (a?.tag === TAG.OID) return readOid(a) === OID.signedData ? 'pkcs7' : null;
  if (a?.tag === TAG.SEQUENCE && b?.tag === TAG.SEQUENCE && c?.tag === TAG.BIT_STRING) {
    // Certificates, CRLs and CSRs share the signed shape; the to-be-signed part tells them apart:
    // a certificate has [0] version or serial, algorithm, issuer, validity (a SEQUENCE); a CRL has a
    // time after the issuer; a CSR has a subject, a key, then [0] attributes.
    const tbs = a.children;
    if (tbs[0]?.cls === 2) return 'certificate';
    const offset = tbs[0]?.tag === TAG.INTEGER ? 1 : 0;
    const fourth = tbs[offset + 2];
    if (tbs[0]?.tag === TAG.INTEGER && tbs[3]?.cls === 2 && tbs[1]?.tag === TAG.SEQUENCE && tbs[2]?.tag === TAG.SEQUENCE) return 'csr';
    if (fourth && fourth.cls === 0 && (fourth.tag === 0x17 || fourth.tag === 0x18)) return 'crl';
    return 'certificate';
  }
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
  // One derivation budget per input: a file, or a zip with everything it holds.
  const budget = new KdfBudget();
  return readOne(input, password, found, depth, budget);
}

async function readOne(input: BundleInput, password: string | undefined, found: Found, depth: number, budget: KdfBudget): Promise<void> {
  const { name, bytes } = input;
  try {
    if (looksLikeZip(bytes)) {
      const entries = await readZip(bytes);
      const before = found.certificates.length + found.keys.length;
      for (const entry of entries) {
        const entryName = `${name} › ${entry.name}`;
        try {
          await readOne({ name: entryName, bytes: entry.bytes }, password, found, depth + 1, budget);
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
      if (await readPemText(text, name, password, found, budget)) return;
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
        const contents = await readPkcs12(der, password, { budget });
        if (contents.unauthenticated) found.unauthenticated.set(name, contents.unauthenticated);
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
      case 'crl':
      case 'csr':
        throw new CertificateError('UNSUPPORTED_FORMAT', `« ${name} » est ${OTHER_KINDS[kind]}. Choisissez le fichier .p12, .pfx, .cer ou .pem reçu de l'autorité de certification.`, { file: name });
      case 'pkcs8':
        found.keys.push({ pkcs8: parseAsn1(der).raw, source: name });
        return;
      case 'encrypted-pkcs8': {
        if (password === undefined) throw new CertificateError('PASSWORD_REQUIRED', `La clé de « ${name} » est protégée par un mot de passe : indiquez-le.`, { file: name });
        const plain = await decryptPkcs8(parseAsn1(der), password, budget);
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

/** @internal The issuers of the verified chain, nearest first (empty when no link was proven). */
export function chainOf(bundle: CertificateBundle, fingerprint: string): Uint8Array[] {
  return entryOf(bundle, fingerprint)?.path.map((c) => c.der) ?? [];
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

  toJSON(): CertificateSummary[] {
    return [...this.certificates];
  }
}

/** True when `cert` may sign certificates: basicConstraints cA, and keyCertSign when keyUsage is present. */
function isCertificateAuthority(cert: ParsedCertificate): boolean {
  return cert.basicConstraints?.ca === true && (cert.keyUsage === null || cert.keyUsage.includes('keyCertSign'));
}

function who(cert: ParsedCertificate): string {
  return `« ${attr(cert, 'subject', 'CN') ?? cert.subject.text} »`;
}

interface ChainResult {
  status: ChainStatus;
  reason: string;
  path: ParsedCertificate[];
}

/** Why `issuer` cannot have signed a certificate at `now`, or null. */
function issuerProblem(issuer: ParsedCertificate, now: Date): string | null {
  if (issuer.basicConstraints?.ca !== true) return `l'émetteur ${who(issuer)} n'est pas une autorité de certification (CA:FALSE) : il ne peut pas signer de certificat`;
  if (!isCertificateAuthority(issuer)) return `l'autorité ${who(issuer)} n'a pas l'usage keyCertSign : elle ne peut pas signer de certificat`;
  if (now > issuer.notAfter) return `l'autorité ${who(issuer)} a expiré le ${issuer.notAfter.toISOString().slice(0, 10).split('-').reverse().join('/')}`;
  if (now < issuer.notBefore) return `l'autorité ${who(issuer)} n'est pas encore valide`;
  return null;
}

/**
 * Follows a certificate's issuers through the inputs, verifying every link, and says exactly what was
 * proven (see {@link ChainStatus}). Loops end; at most 10 links.
 */
async function evaluateChain(start: ParsedCertificate, pool: readonly ParsedCertificate[], now: Date): Promise<ChainResult> {
  const path: ParsedCertificate[] = [];
  const seen = new Set([start.fingerprintSha256]);
  let current = start;
  for (let depth = 0; depth < 10; depth++) {
    if (isIssuerOf(current, current)) {
      const ok = await verifySignature(current, current);
      if (ok === null) return { status: 'non-verifiable', reason: `signature de ${who(current)} d'un algorithme que cet outil ne vérifie pas`, path };
      if (!ok) return { status: 'invalide', reason: `la signature de la racine ${who(current)} ne se vérifie pas`, path };
      if (current === start) return { status: 'auto-signe', reason: 'certificat racine auto-signé (sa propre signature est vérifiée) ; aucune autorité de confiance n\'est consultée', path };
      const problem = issuerProblem(current, now);
      if (problem) return { status: 'invalide', reason: problem, path };
      return { status: 'complete', reason: `chaque lien est vérifié jusqu'à la racine ${who(current)} fournie avec le fichier ; cette racine n'est comparée à aucune liste de confiance`, path };
    }
    const candidates = pool.filter((p) => p !== current && isIssuerOf(p, current));
    if (candidates.length === 0) {
      return { status: 'incomplete', reason: `l'émetteur « ${attr(current, 'issuer', 'CN') ?? current.issuer.text} » n'est pas dans les fichiers fournis`, path };
    }
    let failure: { status: ChainStatus; reason: string } | null = null;
    let next: ParsedCertificate | null = null;
    for (const candidate of candidates) {
      if (seen.has(candidate.fingerprintSha256)) {
        failure ??= { status: 'invalide', reason: 'la chaîne boucle sur elle-même' };
        continue;
      }
      const problem = issuerProblem(candidate, now);
      if (problem) {
        failure ??= { status: 'invalide', reason: problem };
        continue;
      }
      const ok = await verifySignature(current, candidate);
      if (ok === null) failure ??= { status: 'non-verifiable', reason: `signature de ${who(current)} d'un algorithme que cet outil ne vérifie pas` };
      else if (!ok) failure ??= { status: 'invalide', reason: `la signature de ${who(current)} ne se vérifie pas avec la clé de ${who(candidate)}` };
      else {
        next = candidate;
        break;
      }
    }
    if (!next) return { ...failure!, path };
    path.push(next);
    seen.add(next.fingerprintSha256);
    current = next;
  }
  return { status: 'invalide', reason: 'chaîne de plus de 10 autorités : elle boucle ou est fabriquée', path };
}

/**
 * Opens one or several inputs (PKCS#12, PEM, DER, PKCS#7, zip) as one set. Throws a
 * {@link CertificateError} naming the file on the first input that cannot be read.
 */
export async function openBundle(inputs: readonly BundleInput[], options: OpenBundleOptions = {}): Promise<CertificateBundle> {
  const found: Found = { certificates: [], keys: [], others: [], unauthenticated: new Map() };
  for (const input of inputs) await readInput(input, options.password, found, 0);
  if (found.certificates.length === 0) throw nothingUsable(found);
  const now = options.now ?? new Date();
  const warnings: CertificateWarning[] = [];
  for (const [source, reason] of found.unauthenticated) {
    warnings.push({
      code: 'UNAUTHENTICATED',
      message: `Rien ne prouve que « ${source} » n'a pas été modifié : ${reason}. Utilisez de préférence le fichier tel que l'autorité de certification l'a délivré.`,
    });
  }

  // Certificates, deduplicated by fingerprint (keytool repeats the chain for every key entry).
  const byFingerprint = new Map<string, { cert: ParsedCertificate; sources: Set<string>; localKeyIds: Uint8Array[] }>();
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
  for (const [prefix] of overrides) {
    if (!parsed.some((p) => normalizeFingerprint(p.cert.fingerprintSha256).startsWith(prefix))) {
      const present = parsed.map((p) => `« ${attr(p.cert, 'subject', 'CN') ?? p.cert.subject.text} » ${p.cert.fingerprintSha256.slice(0, 23)}…`).join(' ; ');
      throw new CertificateError('USAGE', `Aucun certificat n'a une empreinte SHA-256 qui commence par ${prefix.match(/../g)?.join(':') ?? prefix}. Empreintes présentes : ${present}.`);
    }
  }
  const pool = parsed.map((p) => p.cert);
  const entries: Entry[] = [];
  for (const { cert, sources, localKeyIds } of parsed) {
    const fingerprint = normalizeFingerprint(cert.fingerprintSha256);
    const override = overrides.find(([prefix]) => prefix.length >= 6 && fingerprint.startsWith(prefix));
    const classification: Classification = override ? { role: override[1], reason: 'rôle imposé' } : classifyCertificate(cert);
    const candidate = keys.get(cert.publicKey.id);
    // Same public numbers are not a proof: the key must sign what the certificate's key verifies.
    const proof = candidate ? await proveKeyPair(candidate.key, cert.publicKey.spki) : null;
    const paired = candidate && proof !== false ? candidate : undefined;
    // A key delivered with this certificate (same public key, or same localKeyId) that is not its key.
    const mismatched =
      (candidate !== undefined && proof === false) ||
      (!candidate && [...keys.values()].some((k) => k.localKeyIds.some((id) => localKeyIds.some((cid) => toHex(cid) === toHex(id)))));
    if (candidate && proof === false) {
      warnings.push({
        code: 'KEY_MISMATCH',
        message: `La clé privée de « ${candidate.source} » porte les mêmes nombres publics que le certificat ${who(cert)} mais ne signe pas comme lui : clé fabriquée ou endommagée, elle n'est pas exportée. Redemandez le fichier à l'autorité de certification.`,
      });
    }
    const chain = await evaluateChain(cert, pool, now);
    const daysLeft = Math.floor((cert.notAfter.getTime() - now.getTime()) / DAY);
    const validity: ValidityStatus = now < cert.notBefore ? 'pas-encore-valide' : now > cert.notAfter ? 'expire' : 'valide';
    const unauthenticated = [...sources].map((src) => found.unauthenticated.get(src)).find((r) => r !== undefined) ?? null;
    entries.push({
      cert,
      key: paired?.key,
      path: chain.path,
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
        curve: cert.publicKey.curve ?? cert.publicKey.curveName ?? null,
        keyUsage: cert.keyUsage ?? [],
        extendedKeyUsage: cert.extendedKeyUsage ?? [],
        isCertificateAuthority: cert.basicConstraints?.ca ?? false,
        policies: cert.policies,
        authority: authorityHint({ policies: cert.policies, issuerNames: [attr(cert, 'issuer', 'O'), attr(cert, 'issuer', 'CN')] }),
        hasPrivateKey: paired !== undefined,
        keyMatches: paired ? true : mismatched ? false : null,
        chain: chain.status,
        chainReason: chain.reason,
        unauthenticated,
        fingerprintSha256: cert.fingerprintSha256,
        fingerprintSha1: cert.fingerprintSha1,
        sources: [...sources],
      },
    });
    if (candidate) keys.delete(cert.publicKey.id);
  }
  for (const orphan of keys.values()) {
    warnings.push({ code: 'KEY_WITHOUT_CERTIFICATE', message: `Une clé privée ${orphan.key.algorithm} de « ${orphan.source} » ne correspond à aucun certificat fourni : elle est ignorée.` });
  }
  entries.sort((a, b) => ROLES.indexOf(a.summary.role) - ROLES.indexOf(b.summary.role) || a.cert.notAfter.getTime() - b.cert.notAfter.getTime());
  return new CertificateBundle(entries, warnings.map((w) => ({ ...w, message: frenchTypography(w.message) })));
}

/** The error when the inputs hold no certificate: it says what they held instead. */
function nothingUsable(found: Found): CertificateError {
  const other = found.others[0];
  if (other) return new CertificateError('UNSUPPORTED_FORMAT', `« ${other.source} » est ${OTHER_KINDS[other.kind]}. Choisissez le fichier .p12, .pfx, .cer ou .pem reçu de l'autorité de certification.`, { file: other.source });
  if (found.keys.length > 0) {
    return new CertificateError('NO_CERTIFICATE', `« ${found.keys[0]!.source} » ne contient qu'une clé privée, sans son certificat. Ajoutez le fichier du certificat (.cer, .pem) à la commande, ou utilisez le .p12 complet reçu de l'autorité.`, { file: found.keys[0]!.source });
  }
  return new CertificateError('NO_CERTIFICATE', 'Aucun certificat trouvé dans les fichiers donnés. Vérifiez que vous avez choisi le fichier reçu de l\'autorité de certification (.p12, .pfx, .pem, .cer, .p7b ou .zip).');
}
