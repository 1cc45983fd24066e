import { printable } from '@sne-toolbox/text';
import type { CertificateWarning } from './errors.js';
import { CHAIN_LABELS, frDate, frDays, frenchTypography, toAuthority } from './messages.js';
import { friendlyName, javaAlias } from './names.js';
import type { EncryptionProfile } from './pbe.js';
import type { CertificateSummary } from './summary.js';

/** An exported file as LISEZMOI names it (kept structural: export.ts builds the files and calls this). */
interface FileRef {
  name: string;
  kind: string;
  role: string | null;
}

type ChosenByRole = Partial<Record<'chiffrement' | 'signature' | 'authentification', CertificateSummary>>;

/** Per role, the authorities of the exported chain that have expired (they stay in the file). */
export type ExpiredIssuers = Partial<Record<'signature' | 'authentification', { name: string; notAfter: Date }[]>>;

/** Lines naming the expired authorities a role's file carries. */
function expiredAuthorities(list: ExpiredIssuers[keyof ExpiredIssuers]): string[] {
  return (list ?? []).map(
    (a) => `     Attention : l'autorité ${printable(a.name)} de la chaîne a expiré le ${frDate(a.notAfter.toISOString())} ; elle reste dans le fichier, mais les logiciels refuseront ce certificat tant que l'autorité n'aura pas fourni une chaîne à jour.`,
  );
}

/** The name of the exported file of a kind and role, if written. */
function named(files: readonly FileRef[], kind: string, role: string | null): string | undefined {
  return files.find((f) => f.kind === kind && f.role === role)?.name;
}

/**
 * Holder, authority, validity, chain verdict and fingerprint of a chosen certificate. Every text read
 * from the certificate goes through `printable`: a subject cannot add a line or a screen control.
 */
function about(c: CertificateSummary | undefined): string[] {
  return c
    ? [
        `     Titulaire : ${printable(c.subject.commonName ?? c.subject.text)}`,
        `     Autorité : ${printable(c.issuer.commonName ?? c.issuer.text)}`,
        `     Valable du ${frDate(c.notBefore)} au ${frDate(c.notAfter)} (${c.daysLeft >= 0 ? `encore ${frDays(c.daysLeft)}` : `expiré depuis ${frDays(-c.daysLeft)}`})`,
        `     Chaîne : ${CHAIN_LABELS[c.chain]} — ${printable(c.chainReason)}`,
        `     Empreinte SHA-256 : ${c.fingerprintSha256}`,
      ]
    : [];
}

/** Installing the signature file for Outlook: Windows' import, then the account's certificates. */
function outlookSteps(sig: string): string[] {
  return [
    '   Avec Outlook :',
    `   a) Importer dans Windows : double-cliquez sur ${sig}, choisissez « Utilisateur actuel », puis Suivant ;`,
    '      saisissez le mot de passe ; laissez « Sélectionner automatiquement le magasin de certificats » ; Terminer.',
    '   b) Choisir le certificat dans Outlook : Fichier > Options > Centre de gestion de la confidentialité >',
    '      Paramètres du Centre de gestion de la confidentialité > Sécurité de messagerie électronique > Paramètres…',
    '      Dans « Certificat de signature », cliquez sur Choisir… et prenez ce certificat (vérifiez la date de fin).',
    '      Outlook demande aussi un « Certificat de chiffrement » : il sert à recevoir des courriels chiffrés et',
    '      exige une clé privée de chiffrement, qui n\'est que dans le fichier d\'origine. Si votre organisation',
    '      reçoit des courriels chiffrés, importez le fichier d\'origine de la même façon et choisissez le certificat',
    '      de chiffrement ; sinon, laissez ce champ vide.',
  ];
}

/**
 * Installing the signature file for Thunderbird, with the labels of its French localisation
 * (am-smime.dtd, certManager.ftl: docs/importers.md). NSS gives one name per subject, so the
 * authentication file, imported too, would hide the signature key under its name.
 */
function thunderbirdSteps(sig: string, auth: string | undefined, cert: CertificateSummary | undefined): string[] {
  const friendly = friendlyName('signature', cert?.subject.commonName);
  return [
    '   Avec Thunderbird :',
    '   a) Menu ≡ > Paramètres des comptes (ou Outils > Paramètres des comptes) ; choisissez le compte de messagerie,',
    '      puis « Chiffrement de bout en bout ».',
    '   b) Importer : dans la partie S/MIME, cliquez sur « Gestion des certificats S/MIME », onglet « Vos certificats »,',
    `      bouton « Importer… » ; choisissez ${sig} et saisissez le mot de passe.`,
    '   c) Choisir : en face de « Certificat personnel pour la signature numérique », cliquez sur',
    `      « Sélectionner un certificat… » et prenez « ${friendly} » (vérifiez la date de fin).`,
    '   d) À la question « Voulez-vous configurer un certificat de chiffrement maintenant ? », répondez Non ; si votre',
    '      organisation reçoit des courriels chiffrés, importez le fichier d\'origine de la même façon et choisissez son',
    '      certificat en face de « Certificat personnel pour le chiffrement » (« Sélectionner… »).',
    ...(auth ? [`   N'importez pas ${auth} dans Thunderbird : il ne sert pas au courrier.`] : []),
    '   Si Thunderbird ne propose aucun certificat :',
    `   - l'adresse du compte doit être celle du certificat${cert?.subject.email ? ` (${printable(cert.subject.email)})` : ''} ;`,
    '   - l\'autorité doit être approuvée pour le courrier : « Gestion des certificats S/MIME », onglet « Autorités »,',
    `     ${printable(cert?.issuer.commonName ?? 'l\'autorité')}, « Modifier la confiance… », cochez « Ce certificat peut identifier des utilisateurs`,
    '     de courrier électronique. »',
  ];
}

/** The alias a Java-based housing software asks for, and how to see it with keytool. */
function javaSteps(auth: string, cert: CertificateSummary | undefined): string[] {
  return [
    `   Logiciel écrit en Java : si l'écran demande un « alias », donnez « ${javaAlias(friendlyName('authentification', cert?.subject.commonName))} ».`,
    `   Pour le vérifier : keytool -list -keystore "${auth}" -storetype PKCS12 (il demande le mot de passe).`,
  ];
}

/** One section per role: the file, for whom, what to do. */
function roleSections(chosen: ChosenByRole, files: readonly FileRef[], expired: ExpiredIssuers): string[] {
  const cer = named(files, 'cer', 'chiffrement');
  const txt = named(files, 'txt', 'chiffrement');
  const sig = named(files, 'p12', 'signature');
  const auth = named(files, 'p12', 'authentification');
  const out: string[] = [];
  if (cer) {
    out.push(
      `1. ${cer} et ${txt} : la clé publique de chiffrement`,
      '   (Techniquement, c\'est le certificat de chiffrement, sans aucune clé privée : il peut circuler sans risque.)',
      '   Pour qui : le gestionnaire territorial du SNE.',
      `   À faire : envoyez-lui par courriel l'un des deux fichiers, celui qu'il demande : ${cer} (binaire) ou ${txt} (texte).`,
      ...about(chosen.chiffrement),
      '',
    );
  }
  if (sig) {
    out.push(
      `2. ${sig} : la clé de signature (avec son certificat et la chaîne de l'autorité)`,
      '   Pour qui : la messagerie du poste qui signe les courriels (Outlook ou Thunderbird).',
      ...outlookSteps(sig),
      ...thunderbirdSteps(sig, auth, chosen.signature),
      ...about(chosen.signature),
      ...expiredAuthorities(expired.signature),
      '',
    );
  }
  if (auth) {
    const keyPem = named(files, 'key.pem', 'authentification');
    out.push(
      `3. ${auth} : la clé d'authentification (avec son certificat et la chaîne de l'autorité)`,
      '   Pour qui : le logiciel métier de gestion de la demande (Pelehas, Ulysse, Aïda…).',
      '   À faire : dans l\'écran de configuration du certificat du logiciel, ajoutez ce fichier et saisissez le mot de passe.',
      ...(keyPem
        ? [`   Pour un logiciel qui demande des fichiers PEM : ${keyPem} (clé chiffrée), ${named(files, 'crt.pem', 'authentification')}, ${named(files, 'chaine.pem', 'authentification')}.`]
        : []),
      ...javaSteps(auth, chosen.authentification),
      ...about(chosen.authentification),
      ...expiredAuthorities(expired.authentification),
      '',
    );
  }
  return out;
}

/** The MOT DE PASSE paragraph of a password that Java refuses (measured: docs/importers.md). */
function notPortable(auth: string | undefined): string[] {
  return [
    '   Attention : ce mot de passe contient un caractère que les logiciels écrits en Java refusent (lettre accentuée,',
    '   tabulation ou autre caractère hors du clavier anglais) ; ils répondent « mot de passe incorrect ». NSS (Thunderbird,',
    `   Firefox) et OpenSSL l'acceptent. Si votre logiciel métier n'ouvre pas ${auth ?? 'le fichier .p12'}, refaites l'extraction avec`,
    '   un mot de passe fait seulement de lettres sans accent, de chiffres, d\'espaces et de signes comme - _ . ! ? @ #.',
  ];
}

/**
 * LISEZMOI.txt: what each exported file is, to whom it goes and how to install it, in the order of
 * the SNE procedure; UTF-8 with BOM and CRLF so that Notepad on any Windows shows it right.
 */
export function lisezmoi(chosen: ChosenByRole, files: readonly FileRef[], profile: EncryptionProfile, warnings: readonly CertificateWarning[], expired: ExpiredIssuers = {}): string {
  const cer = named(files, 'cer', 'chiffrement');
  const txt = named(files, 'txt', 'chiffrement');
  const sig = named(files, 'p12', 'signature');
  const auth = named(files, 'p12', 'authentification');
  const out = [
    'CERTIFICATS RGS : LES FICHIERS POUR LE SNE',
    '==========================================',
    '',
    'Ces fichiers ont été extraits du certificat reçu de l\'autorité de certification (Certigna, Certinomis…).',
    'La procédure du SNE tient en trois étapes, une par clé :',
    `   1. envoyer la clé publique de chiffrement au gestionnaire territorial${cer ? ` : ${cer} (ou ${txt})` : ' (absente : voir les avertissements)'} ;`,
    `   2. installer la clé de signature dans la messagerie (Outlook, Thunderbird)${sig ? ` : ${sig}` : ' (absente : voir les avertissements)'} ;`,
    `   3. ajouter la clé d'authentification au logiciel métier${auth ? ` : ${auth}` : ' (absente : voir les avertissements)'}.`,
    '',
    'GARDEZ LE FICHIER D\'ORIGINE',
    '   Rangez le fichier reçu de l\'autorité et son mot de passe en lieu sûr (coffre de mots de passe, dossier protégé) :',
    '   c\'est la seule copie complète, la seule qui contient la clé privée de chiffrement. Sans lui, il faudra',
    '   redemander un certificat.',
    '',
  ];
  out.push(...roleSections(chosen, files, expired));
  const ends = Object.values(chosen).filter((c): c is CertificateSummary => c !== undefined).sort((a, b) => a.notAfter.localeCompare(b.notAfter));
  if (ends.length) {
    out.push(
      'DATES D\'EXPIRATION',
      `   Le premier de ces certificats à arriver à échéance expire le ${frDate(ends[0]!.notAfter)}. Demandez le renouvellement ${toAuthority(ends[0]!.authority)} deux mois avant ;`,
      '   à réception, refaites ces trois étapes avec le nouveau fichier et envoyez la nouvelle clé publique au gestionnaire.',
      ...(named(files, 'ics', null) ? [`   ${named(files, 'ics', null)} met ce rappel dans votre agenda (Outlook, Thunderbird, Google Agenda) : ouvrez-le par un double-clic.`] : []),
      '',
    );
  }
  out.push(
    'MOT DE PASSE',
    '   Les fichiers .p12 et .key.pem sont protégés par le mot de passe choisi lors de l\'extraction',
    '   (par défaut celui du fichier d\'origine). Ne l\'envoyez jamais dans le même courriel que les fichiers.',
    `   Format des .p12 : ${profile === 'compatible' ? '« compatible » (3DES, SHA-1), qui s\'importe sur toutes les versions de Windows et d\'Outlook' : '« moderne » (AES-256, SHA-256), pour Windows 10 1709 et plus récents, et OpenSSL 3'}.`,
    ...(warnings.some((w) => w.code === 'PASSWORD_NOT_PORTABLE') ? notPortable(auth) : []),
    '',
  );
  // PASSWORD_NOT_PORTABLE is told just above, beside the password it is about.
  const others = warnings.filter((w) => w.code !== 'PASSWORD_NOT_PORTABLE');
  if (others.length) {
    out.push('AVERTISSEMENTS', ...others.map((w) => `   - ${printable(w.message)}`), '');
  }
  out.push('Vérifiez les empreintes ci-dessus avant d\'installer ou d\'envoyer un certificat : le gestionnaire peut vous', 'demander celle de la clé publique de chiffrement pour s\'assurer qu\'il a reçu la bonne.', '');
  return '\uFEFF' + frenchTypography(out.join('\r\n'));
}
