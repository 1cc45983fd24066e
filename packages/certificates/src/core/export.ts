import { type CertificateBundle, certificateDerOf, chainOf, privateKeyOf } from './bundle.js';
import { toPem, utf8 } from './bytes.js';
import type { Role } from './classify.js';
import { digest } from './crypto.js';
import { CertificateError, type CertificateWarning } from './errors.js';
import { encryptPkcs8 } from './keys.js';
import type { EncryptionProfile } from './pbe.js';
import { writePkcs12 } from './pkcs12.js';
import { DEFAULT_WARN_DAYS, expiresSoon } from './check.js';
import { exportMessages, frenchTypography, who } from './messages.js';
import { friendlyName, roleFileName } from './names.js';
import { renewalCalendar } from './calendar.js';
import { replaces } from './renewal.js';
import { passwordWarning } from './password.js';
import { type ExpiredIssuers, lisezmoi } from './readme.js';
import type { CertificateSummary } from './summary.js';
import { checkExportOptions } from './options.js';
import { throwIfAborted } from './abort.js';

/** A file to write: name (always from a role, never from the input), bytes, and whether it holds a key. */
export interface ExportedFile {
  /** File name, safe on Windows: `signature - Jeanne Dupont-Lefèvre.p12` (or `signature.p12` with plain names). */
  name: string;
  /** The file's bytes, on an ArrayBuffer of their own: `new Blob([file.bytes])` needs no cast. */
  bytes: Uint8Array<ArrayBuffer>;
  /** Holds a private key: write it with mode 0600. */
  secret: boolean;
  /** The role the file is for; null for LISEZMOI.txt and the calendar. */
  role: 'chiffrement' | 'signature' | 'authentification' | null;
  /** What the file is: `cer` (DER), `txt` (PEM), `p12`, `key.pem`, `crt.pem`, `chaine.pem`, `readme`, `ics` (renewal reminders). */
  kind: 'cer' | 'txt' | 'p12' | 'key.pem' | 'crt.pem' | 'chaine.pem' | 'readme' | 'ics';
}

/** Options of {@link exportBundle}. */
export interface ExportOptions {
  /** Password of the written `.p12` and `.key.pem` files. Never empty: keys are never written unprotected. */
  password: string;
  /** `password` is the input's own password, kept by default: `PASSWORD_NOT_PORTABLE` says so. */
  passwordReused?: boolean | undefined;
  /** `compatible` (default): 3DES + SHA-1 MAC for every Windows/Outlook; `modern`: AES-256 + SHA-256. */
  profile?: EncryptionProfile | undefined;
  /** Also write `authentification.key.pem`, `authentification.crt.pem` and `chaine.pem`. */
  pem?: boolean | undefined;
  /** Fail with `ROLE_MISSING` instead of warning when a role is missing. */
  requireAll?: boolean | undefined;
  /**
   * `holder` (default): names carry the holder, `signature - Jeanne Dupont-Lefèvre.p12`, so that the
   * files of several agents or offices never share a name; `plain`: `signature.p12`.
   */
  fileNames?: 'holder' | 'plain' | undefined;
  /** The roles to export (default: all three); a role left out is never `ROLE_MISSING`. */
  roles?: readonly ('chiffrement' | 'signature' | 'authentification')[] | undefined;
  /** Write LISEZMOI.txt, the procedure for the admin (default true). */
  readme?: boolean | undefined;
  /**
   * Write `renouvellement - Holder.ics`, an iCalendar file with one reminder per exported certificate
   * that has a key, `warnDays` before it ends (default true).
   */
  calendar?: boolean | undefined;
  /** Warn (`EXPIRES_SOON`) about an exported certificate that expires within this many days (default {@link DEFAULT_WARN_DAYS}). */
  warnDays?: number | undefined;
  now?: Date | undefined;
  /** Stops the work between files: rejects with `ABORTED` (an `AbortError`). */
  signal?: AbortSignal | undefined;
}

/** A file whose bytes sit on an ArrayBuffer of their own (copied only when they do not). */
function ownedBytes(file: Omit<ExportedFile, 'bytes'> & { bytes: Uint8Array }): ExportedFile {
  return { ...file, bytes: file.bytes.buffer instanceof ArrayBuffer ? (file.bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(file.bytes) };
}

/** What was written for which role. */
export interface ExportResult {
  files: ExportedFile[];
  warnings: CertificateWarning[];
  chosen: Partial<Record<'chiffrement' | 'signature' | 'authentification', CertificateSummary>>;
}

function pick(bundle: CertificateBundle, role: Role, needKey: boolean): { chosen?: CertificateSummary; others: CertificateSummary[] } {
  const candidates = bundle.certificates.filter((c) => c.role === role && (!needKey || c.hasPrivateKey));
  // Prefer a certificate valid today, then the one that lasts longest (a renewal sits beside the old
  // one, often on the same key), then the fingerprint: never the order of files or bags.
  candidates.sort((a, b) => Number(b.validity === 'valide') - Number(a.validity === 'valide') || b.notAfter.localeCompare(a.notAfter) || a.fingerprintSha256.localeCompare(b.fingerprintSha256));
  return { chosen: candidates[0], others: candidates.slice(1) };
}

/** What the export says of the chain it writes: absent, wrong, or not checkable here. */
function chainWarning(role: 'chiffrement' | 'signature' | 'authentification', cert: CertificateSummary, carried: number): CertificateWarning | null {
  if (cert.chain === 'invalide') return { code: 'CHAIN_INVALID', message: exportMessages.chainInvalid(role, cert.chainReason) };
  if (cert.chain === 'non-verifiable') return { code: 'CHAIN_UNVERIFIED', message: exportMessages.chainUnverified(role, cert.chainReason) };
  if (cert.chain === 'incomplete' && role !== 'chiffrement') return { code: 'CHAIN_INCOMPLETE', message: exportMessages.chainIncomplete(role, carried) };
  return null;
}

/** The holder named in the calendar's file name: that of the first role exported. */
function firstHolder(chosen: ExportResult['chosen']): string | null {
  return (chosen.signature ?? chosen.authentification ?? chosen.chiffrement)?.subject.commonName ?? null;
}

/**
 * Builds the files an IT admin needs from a bundle: `chiffrement.cer`/`.txt` (public certificate only),
 * `signature.p12` and `authentification.p12` (key, certificate and chain), optional PEM files, and
 * `LISEZMOI.txt`. A missing role is a `ROLE_MISSING` warning (or error with `requireAll`); a password
 * that Java refuses is a `PASSWORD_NOT_PORTABLE` warning.
 */
export async function exportBundle(bundle: CertificateBundle, options: ExportOptions = { password: '' }): Promise<ExportResult> {
  checkExportOptions(options as unknown as Record<string, unknown>);
  throwIfAborted(options.signal);
  // Only files holding a private key need a password: a set of public certificates needs none.
  const needPassword = () => {
    if (!options.password) {
      throw new CertificateError('PASSWORD_REQUIRED', exportMessages.passwordRequired);
    }
  };
  const profile = options.profile ?? 'compatible';
  const names = options.fileNames ?? 'holder';
  const files: (Omit<ExportedFile, 'bytes'> & { bytes: Uint8Array })[] = [];
  // What the bundle could not prove (integrity, key pairs) belongs in LISEZMOI too.
  const warnings: CertificateWarning[] = bundle.warnings.filter((w) => w.code === 'UNAUTHENTICATED' || w.code === 'KEY_MISMATCH' || w.code === 'KEY_UNVERIFIED');
  const chosen: ExportResult['chosen'] = {};
  // Authorities of an exported chain that have expired: kept in the files, named in LISEZMOI.
  const expiredIssuers: ExpiredIssuers = {};
  const now = options.now ?? new Date();

  for (const role of (['chiffrement', 'signature', 'authentification'] as const).filter((r) => !options.roles || options.roles.includes(r))) {
    const needKey = role !== 'chiffrement';
    const { chosen: cert, others } = pick(bundle, role, needKey);
    if (!cert) {
      const withoutKey = needKey && bundle.certificates.some((c) => c.role === role);
      // A certificate whose role could not be told (mixed usages) may be the one: name it.
      const candidates = bundle.certificates.filter((c) => c.role === 'inconnu' && (!needKey || c.hasPrivateKey));
      const message = withoutKey ? exportMessages.roleWithoutKey(role) : candidates.length ? exportMessages.roleCandidates(role, candidates) : exportMessages.roleMissing(role);
      if (options.requireAll) throw new CertificateError('ROLE_MISSING', message);
      warnings.push({ code: 'ROLE_MISSING', message, role, candidates: candidates.map((c) => ({ subject: c.subject.commonName ?? c.subject.text, fingerprintSha256: c.fingerprintSha256 })) });
      continue;
    }
    chosen[role] = cert;
    for (const old of others.filter((o) => replaces(cert, o))) warnings.push({ code: 'SUPERSEDED', message: exportMessages.superseded(role, old, cert) });
    if (others.some((o) => !replaces(cert, o))) {
      warnings.push({ code: 'ROLE_DUPLICATE', message: exportMessages.roleDuplicate(role, cert) });
    }
    if (cert.validity !== 'valide') {
      warnings.push({ code: cert.validity === 'expire' ? 'EXPIRED' : 'NOT_YET_VALID', message: exportMessages.notValid(role, cert) });
    } else if (expiresSoon(cert, options.warnDays ?? DEFAULT_WARN_DAYS)) {
      warnings.push({ code: 'EXPIRES_SOON', message: exportMessages.expiresSoon(role, cert) });
    }
    const certDer = certificateDerOf(bundle, cert.fingerprintSha256)!;
    const issuers = chainOf(bundle, cert.fingerprintSha256);
    const chainNote = chainWarning(role, cert, issuers.length);
    if (chainNote) warnings.push(chainNote);
    if (role === 'chiffrement') {
      files.push({ name: roleFileName('chiffrement', '.cer', cert.subject.commonName, names), bytes: certDer, secret: false, role, kind: 'cer' });
      files.push({ name: roleFileName('chiffrement', '.txt', cert.subject.commonName, names), bytes: utf8(toPem('CERTIFICATE', certDer)), secret: false, role, kind: 'txt' });
      continue;
    }
    needPassword();
    throwIfAborted(options.signal);
    const key = privateKeyOf(bundle, cert.fingerprintSha256)!;
    const chain = issuers.map((c) => c.der);
    expiredIssuers[role] = issuers.filter((c) => c.notAfter < now).map((c) => ({ name: who(c), notAfter: c.notAfter }));
    files.push({
      role,
      kind: 'p12',
      name: roleFileName(role, '.p12', cert.subject.commonName, names),
      bytes: await writePkcs12(
        { pkcs8: key.pkcs8, certificate: certDer, chain, friendlyName: friendlyName(role, cert.subject.commonName), localKeyId: digest('sha1', certDer) },
        options.password,
        profile,
      ),
      secret: true,
    });
    if (role === 'authentification' && options.pem) {
      files.push({ name: roleFileName('authentification', '.key.pem', cert.subject.commonName, names), bytes: utf8(toPem('ENCRYPTED PRIVATE KEY', await encryptPkcs8(key.pkcs8, options.password, 'modern'))), secret: true, role, kind: 'key.pem' });
      files.push({ name: roleFileName('authentification', '.crt.pem', cert.subject.commonName, names), bytes: utf8(toPem('CERTIFICATE', certDer)), secret: false, role, kind: 'crt.pem' });
      files.push({ name: roleFileName('chaine', '.pem', cert.subject.commonName, names), bytes: utf8(chain.map((c) => toPem('CERTIFICATE', c)).join('')), secret: false, role, kind: 'chaine.pem' });
    }
  }
  // Java refuses some passwords that NSS and OpenSSL take: say so wherever a key was written with one.
  const notPortable = files.some((f) => f.secret) ? passwordWarning(options.password, options.passwordReused ? 'reused' : 'given') : undefined;
  if (notPortable) warnings.push(notPortable);
  const reminders = options.calendar !== false ? renewalCalendar(Object.values(chosen), { warnDays: options.warnDays ?? DEFAULT_WARN_DAYS, now }) : null;
  if (reminders) files.push({ name: roleFileName('renouvellement', '.ics', firstHolder(chosen), names), bytes: utf8(reminders), secret: false, role: null, kind: 'ics' });
  if (options.readme !== false) files.push({ name: 'LISEZMOI.txt', bytes: utf8(lisezmoi(chosen, files, profile, warnings, expiredIssuers)), secret: false, role: null, kind: 'readme' });
  // The bundle's own warnings keep their identity (callers dedupe them); the new ones get French typography.
  return { files: files.map(ownedBytes), warnings: warnings.map((w) => (bundle.warnings.includes(w) ? w : { ...w, message: frenchTypography(w.message) })), chosen };
}
