import { type CertificateBundle, type CertificateSummary, certificateDerOf, chainOf, privateKeyOf } from './bundle.js';
import { toPem, utf8 } from './bytes.js';
import type { Role } from './classify.js';
import { digest } from './crypto.js';
import { CertificateError, type CertificateWarning } from './errors.js';
import { encryptPkcs8 } from './keys.js';
import type { EncryptionProfile } from './pbe.js';
import { writePkcs12 } from './pkcs12.js';
import { frDate } from './format.js';

/** A file to write: name (always from a role, never from the input), bytes, and whether it holds a key. */
export interface ExportedFile {
  name: string;
  bytes: Uint8Array;
  /** Holds a private key: write it with mode 0600. */
  secret: boolean;
}

/** Options of {@link exportBundle}. */
export interface ExportOptions {
  /** Password of the written `.p12` and `.key.pem` files. Never empty: keys are never written unprotected. */
  password: string;
  /** `compatible` (default): 3DES + SHA-1 MAC for every Windows/Outlook; `modern`: AES-256 + SHA-256. */
  profile?: EncryptionProfile;
  /** Also write `authentification.key.pem`, `authentification.crt.pem` and `chaine.pem`. */
  pem?: boolean;
  /** Fail with `ROLE_MISSING` instead of warning when a role is missing. */
  requireAll?: boolean;
  now?: Date;
}

/** What was written for which role. */
export interface ExportResult {
  files: ExportedFile[];
  warnings: CertificateWarning[];
  chosen: Partial<Record<'chiffrement' | 'signature' | 'authentification', CertificateSummary>>;
}

function pick(bundle: CertificateBundle, role: Role, needKey: boolean): { chosen?: CertificateSummary; others: CertificateSummary[] } {
  const candidates = bundle.certificates.filter((c) => c.role === role && (!needKey || c.hasPrivateKey));
  // Prefer a certificate valid today, then the one that lasts longest (a renewal sits beside the old one).
  candidates.sort((a, b) => Number(b.validity === 'valide') - Number(a.validity === 'valide') || b.notAfter.localeCompare(a.notAfter));
  return { chosen: candidates[0], others: candidates.slice(1) };
}

const LABELS = { chiffrement: 'Chiffrement', signature: 'Signature', authentification: 'Authentification' } as const;


function readme(chosen: ExportResult['chosen'], files: ExportedFile[], profile: EncryptionProfile, warnings: CertificateWarning[]): string {
  const has = (name: string) => files.some((f) => f.name === name);
  const line = (c: CertificateSummary | undefined) =>
    c
      ? [`    Titulaire   : ${c.subject.commonName ?? c.subject.text}`, `    Émetteur    : ${c.issuer.commonName ?? c.issuer.text}`, `    Valide du ${frDate(c.notBefore)} au ${frDate(c.notAfter)} (${c.daysLeft} jours restants)`, `    Empreinte SHA-256 : ${c.fingerprintSha256}`]
      : ['    (absent du fichier reçu)'];
  const out = [
    'CERTIFICATS RGS — FICHIERS POUR LE SNE',
    '======================================',
    '',
    'Ces fichiers ont été extraits du certificat reçu de l\'autorité de certification (Certigna, Certinomis…).',
    'Conservez précieusement le fichier d\'origine : il reste la seule copie complète (dont la clé privée de chiffrement).',
    '',
  ];
  if (has('chiffrement.cer')) {
    out.push(
      '1. chiffrement.cer et chiffrement.txt — certificat PUBLIC de chiffrement',
      '   Destinataire : le gestionnaire territorial du SNE.',
      '   À faire : envoyez-lui par courriel l\'un des deux fichiers (.cer binaire, ou .txt en texte), selon ce qu\'il demande.',
      '   Ces fichiers ne contiennent aucune clé privée : ils peuvent circuler sans risque.',
      ...line(chosen.chiffrement),
      '',
    );
  }
  if (has('signature.p12')) {
    out.push(
      '2. signature.p12 — clé de SIGNATURE (avec son certificat et la chaîne)',
      '   Destinataire : la messagerie (Outlook) du poste qui signe les courriels.',
      '   À faire : double-cliquez sur signature.p12, suivez l\'assistant d\'importation de Windows et saisissez le mot de passe ;',
      '   puis dans Outlook : Fichier > Options > Centre de gestion de la confidentialité > Sécurité de la messagerie,',
      '   choisissez ce certificat pour la signature.',
      ...line(chosen.signature),
      '',
    );
  }
  if (has('authentification.p12')) {
    out.push(
      '3. authentification.p12 — clé d\'AUTHENTIFICATION (avec son certificat et la chaîne)',
      '   Destinataire : le logiciel métier de gestion de la demande (Pelehas, Ulysse, Aïda…).',
      '   À faire : ajoutez ce fichier dans l\'écran de configuration du certificat du logiciel et saisissez le mot de passe.',
      ...(has('authentification.key.pem')
        ? ['   Pour un logiciel qui demande des fichiers PEM : authentification.key.pem (clé chiffrée), authentification.crt.pem, chaine.pem.']
        : []),
      ...line(chosen.authentification),
      '',
    );
  }
  out.push(
    'MOT DE PASSE',
    '   Les fichiers .p12 et .key.pem sont protégés par le mot de passe choisi lors de l\'extraction',
    '   (par défaut celui du fichier d\'origine). Ne l\'envoyez jamais dans le même courriel que les fichiers.',
    `   Format des .p12 : ${profile === 'compatible' ? 'compatible (3DES, SHA-1) : s\'importe sur toutes les versions de Windows et d\'Outlook' : 'moderne (AES-256, SHA-256) : Windows 10 1709 et plus récents, OpenSSL 3'}.`,
    '',
  );
  if (warnings.length) {
    out.push('AVERTISSEMENTS', ...warnings.map((w) => `   - ${w.message}`), '');
  }
  out.push('Vérifiez les empreintes ci-dessus avant d\'installer ou d\'envoyer un certificat.', '');
  return '\uFEFF' + out.join('\r\n');
}

/**
 * Builds the files an IT admin needs from a bundle: `chiffrement.cer`/`.txt` (public certificate only),
 * `signature.p12` and `authentification.p12` (key, certificate and chain), optional PEM files, and
 * `LISEZMOI.txt`. A missing role is a `ROLE_MISSING` warning (or error with `requireAll`).
 */
export async function exportBundle(bundle: CertificateBundle, options: ExportOptions): Promise<ExportResult> {
  if (!options.password) {
    throw new CertificateError('PASSWORD_REQUIRED', 'Un mot de passe est nécessaire pour protéger les clés privées exportées : elles ne sont jamais écrites sans protection (--out-password-env ou --out-password-file).');
  }
  const profile = options.profile ?? 'compatible';
  const files: ExportedFile[] = [];
  // What the bundle could not prove (integrity, key pairs) belongs in LISEZMOI too.
  const warnings: CertificateWarning[] = bundle.warnings.filter((w) => w.code === 'UNAUTHENTICATED' || w.code === 'KEY_MISMATCH');
  const chosen: ExportResult['chosen'] = {};

  for (const role of ['chiffrement', 'signature', 'authentification'] as const) {
    const needKey = role !== 'chiffrement';
    const { chosen: cert, others } = pick(bundle, role, needKey);
    if (!cert) {
      const withoutKey = needKey && bundle.certificates.some((c) => c.role === role);
      const message = withoutKey
        ? `Le certificat de ${role} est présent mais sans sa clé privée : ${role}.p12 n'a pas pu être créé. Fournissez le fichier .p12 qui contient la clé.`
        : `Aucun certificat de ${role} dans les fichiers fournis${role === 'chiffrement' ? '' : ` : ${role}.p12 n'a pas été créé`}. Ajoutez le fichier qui le contient, ou précisez un rôle avec --role.`;
      if (options.requireAll) throw new CertificateError('ROLE_MISSING', message);
      warnings.push({ code: 'ROLE_MISSING', message });
      continue;
    }
    chosen[role] = cert;
    if (others.length) {
      warnings.push({ code: 'ROLE_DUPLICATE', message: `Plusieurs certificats de ${role} : celui qui expire le ${frDate(cert.notAfter)} a été retenu (empreinte ${cert.fingerprintSha256.slice(0, 23)}…).` });
    }
    if (cert.validity !== 'valide') {
      warnings.push({ code: cert.validity === 'expire' ? 'EXPIRED' : 'NOT_YET_VALID', message: `Le certificat de ${role} ${cert.validity === 'expire' ? `a expiré le ${frDate(cert.notAfter)}` : `n'est valide qu'à partir du ${frDate(cert.notBefore)}`}.` });
    }
    const certDer = certificateDerOf(bundle, cert.fingerprintSha256)!;
    if (role === 'chiffrement') {
      files.push({ name: 'chiffrement.cer', bytes: certDer, secret: false });
      files.push({ name: 'chiffrement.txt', bytes: utf8(toPem('CERTIFICATE', certDer)), secret: false });
      continue;
    }
    const key = privateKeyOf(bundle, cert.fingerprintSha256)!;
    const chain = chainOf(bundle, cert.fingerprintSha256);
    if (chain.length === 0 && cert.chain !== 'auto-signe') {
      warnings.push({ code: 'CHAIN_INCOMPLETE', message: `La chaîne de l'autorité n'est pas dans les fichiers fournis : ${role}.p12 ne contient que la clé et le certificat.` });
    }
    files.push({
      name: `${role}.p12`,
      bytes: await writePkcs12(
        { pkcs8: key.pkcs8, certificate: certDer, chain, friendlyName: `${LABELS[role]} - ${cert.subject.commonName ?? 'certificat RGS'}`, localKeyId: digest('sha1', certDer) },
        options.password,
        profile,
      ),
      secret: true,
    });
    if (role === 'authentification' && options.pem) {
      files.push({ name: 'authentification.key.pem', bytes: utf8(toPem('ENCRYPTED PRIVATE KEY', await encryptPkcs8(key.pkcs8, options.password, 'modern'))), secret: true });
      files.push({ name: 'authentification.crt.pem', bytes: utf8(toPem('CERTIFICATE', certDer)), secret: false });
      files.push({ name: 'chaine.pem', bytes: utf8(chain.map((c) => toPem('CERTIFICATE', c)).join('')), secret: false });
    }
  }
  files.push({ name: 'LISEZMOI.txt', bytes: utf8(readme(chosen, files, profile, warnings)), secret: false });
  return { files, warnings, chosen };
}
