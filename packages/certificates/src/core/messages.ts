import { parisDate } from './paris-date.js';

/** A date as dd/mm/yyyy, from an ISO string: the day in Paris, as the days left are counted. */
export function frDate(iso: string): string {
  const { year, month, day } = parisDate(new Date(iso));
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}

/** A number of days in French: « 1 jour », « 2 954 jours » (thousands grouped by U+202F). */
export function frDays(n: number): string {
  const grouped = String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, '\u202f');
  return `${n < 0 ? '-' : ''}${grouped} jour${Math.abs(n) > 1 ? 's' : ''}`;
}

/** Roles as French words for people (the `role` values themselves stay plain identifiers). */
export const ROLE_WORDS: Record<string, string> = {
  chiffrement: 'chiffrement',
  signature: 'signature',
  authentification: 'authentification',
  autorite: 'autorité',
  inconnu: 'inconnu',
};

/** French typography, shared by every package and the page. */
export { frenchTypography } from '@sne-toolbox/text';

/** A certificate as messages name it: « its common name », else its subject text. */
export function who(cert: { subject: { text: string; attributes: readonly { type: string; value: string }[] } }): string {
  return `« ${cert.subject.attributes.find((a) => a.type === 'CN')?.value ?? cert.subject.text} »`;
}

/** dd/mm/yyyy of a Date, in Paris. */
function dayOf(date: Date): string {
  return frDate(date.toISOString());
}

/** Reasons of a chain status (`chainReason`): which issuer, which link failed and why. */
export const chainMessages = {
  notCa: (issuer: string) => `l'émetteur ${issuer} n'est pas une autorité de certification (CA:FALSE) : il ne peut pas signer de certificat`,
  noKeyCertSign: (issuer: string) => `l'autorité ${issuer} n'a pas l'usage keyCertSign : elle ne peut pas signer de certificat`,
  issuerExpired: (issuer: string, notAfter: Date) => `l'autorité ${issuer} a expiré le ${dayOf(notAfter)}`,
  issuerNotYetValid: (issuer: string) => `l'autorité ${issuer} n'est pas encore valide`,
  unverifiable: (cert: string) => `signature de ${cert} d'un algorithme que cet outil ne vérifie pas`,
  badRootSignature: (root: string) => `la signature de la racine ${root} ne se vérifie pas`,
  badSignature: (cert: string, issuer: string) => `la signature de ${cert} ne se vérifie pas avec la clé de ${issuer}`,
  selfSigned: 'certificat racine auto-signé (sa propre signature est vérifiée) ; aucune autorité de confiance n\'est consultée',
  complete: (root: string) => `chaque lien est vérifié jusqu'à la racine ${root} fournie avec le fichier ; cette racine n'est comparée à aucune liste de confiance`,
  issuerMissing: (issuerName: string) => `l'émetteur « ${issuerName} » n'est pas dans les fichiers fournis`,
  loop: 'la chaîne boucle sur elle-même',
  issuerKeyOutOfBounds: (issuer: string, why: string) => `la clé de ${issuer} est hors des tailles qu'une autorité délivre (${why}) : ce n'est pas une autorité réelle`,
  tooManyChecks: (max: number) => `signature non vérifiée : plus de ${max.toLocaleString('fr-FR')} vérifications pour ces fichiers, aucun fichier réel n'en demande autant`,
  tooLong: 'chaîne de plus de 10 autorités : elle boucle ou est fabriquée',
  pathLenExceeded: (ca: string, limit: number, found: number) =>
    `l'autorité ${ca} n'admet que ${limit} autorité${limit > 1 ? 's' : ''} intermédiaire${limit > 1 ? 's' : ''} sous elle (pathLen ${limit}) et la chaîne en compte ${found}`,
  nameOutside: (cert: string, name: string, ca: string) => `le nom « ${name} » de ${cert} sort des noms que l'autorité ${ca} a le droit de certifier (contraintes de nom)`,
  nameConstraintsUnsupported: (ca: string) => `l'autorité ${ca} impose des contraintes de nom critiques d'une forme que cet outil ne vérifie pas (adresse IP, URI…)`,
  nameConstraintsUnreadable: (ca: string) => `les contraintes de nom de l'autorité ${ca} sont illisibles`,
} as const;

/** Chain statuses as a person reads them: never « valide », since no trust anchor is consulted. */
export const CHAIN_LABELS = {
  complete: 'complète jusqu\'à une racine fournie (confiance non vérifiée)',
  'auto-signe': 'racine auto-signée (confiance non vérifiée)',
  incomplete: 'incomplète',
  invalide: 'INVALIDE',
  'non-verifiable': 'non vérifiable ici',
} as const;

/** What a file is when it is not a certificate file (CRL, CSR). */
export const OTHER_KINDS = {
  crl: 'une liste de révocation (CRL), pas un certificat',
  csr: 'une demande de certificat (CSR), pas le certificat délivré : installez le certificat reçu de l\'autorité',
} as const;

/** Messages of reading the inputs (their codes are chosen by the readers). */
export const readMessages = {
  unsupported: (name: string, what: string) => `« ${name} » n'est pas un fichier de certificat reconnu (${what}). Formats lus : .p12/.pfx, .pem, .cer/.crt/.der, .p7b, .zip.`,
  corrupt: (name: string) => `« ${name} » est endommagé ou tronqué : retéléchargez-le depuis le site de l'autorité de certification.`,
  otherKind: (name: string, kind: keyof typeof OTHER_KINDS) => `« ${name} » est ${OTHER_KINDS[kind]}. Choisissez le fichier .p12, .pfx, .cer ou .pem reçu de l'autorité de certification.`,
  legacyPemEncryption: (name: string) => `« ${name} » utilise l'ancien chiffrement PEM d'OpenSSL : convertissez la clé en PKCS#8 (openssl pkcs8 -topk8).`,
  keyPasswordRequired: (name: string) => `La clé de « ${name} » est protégée par un mot de passe : indiquez-le.`,
  keyBadPassword: (name: string) => `Mot de passe incorrect pour la clé de « ${name} ». Vérifiez les majuscules et les accents.`,
  emptyFile: 'fichier vide',
  pdf: 'document PDF',
  office: 'document Office',
  unknownContent: 'contenu inconnu',
  pkcs7WithoutCertificates: 'PKCS#7 sans certificats',
  zipWithoutCertificate: 'archive zip sans certificat',
} as const;

/** Messages of assembling a bundle: warnings and the errors when nothing usable was given. */
export const bundleMessages = {
  keyUnverified: (source: string, cert: string) =>
    `La clé privée de « ${source} » porte les nombres publics du certificat ${cert}, mais la preuve par signature n'a pas pu être faite ici (WebCrypto indisponible : page ouverte en http simple ?) : correspondance NON VÉRIFIÉE. Ouvrez la page en file:// ou https, ou utilisez l'outil en ligne de commande.`,
  keyUnverifiedBecause: (source: string, cert: string, why: string) =>
    `La clé privée de « ${source} » porte les nombres publics du certificat ${cert}, mais la preuve par signature n'a pas été faite : ${why}. Correspondance NON VÉRIFIÉE.`,
  proofBudgetSpent: 'ces fichiers demandent plus de preuves de clé qu\'aucun envoi réel (trop de clés, ou des clés trop grandes)',
  keyOutOfBounds: (source: string, cert: string, why: string) =>
    `La clé privée de « ${source} » (certificat ${cert}) est écartée : ${why}. Aucune autorité ne délivre de telle clé : redemandez le fichier à l'autorité de certification.`,
  tooManyCertificates: (source: string, max: number) =>
    `« ${source} » porte le nombre de certificats lus au-delà de ${max.toLocaleString('fr-FR')} : aucun fichier réel n'en contient autant (fichier fabriqué ?). Ouvrez les fichiers reçus de l'autorité un par un.`,
  unauthenticated: (source: string, reason: string) => `Rien ne prouve que « ${source} » n'a pas été modifié : ${reason}. Utilisez de préférence le fichier tel que l'autorité de certification l'a délivré.`,
  keyMismatch: (source: string, cert: string) =>
    `La clé privée de « ${source} » porte les mêmes nombres publics que le certificat ${cert} mais ne signe pas comme lui : clé fabriquée ou endommagée, elle n'est pas exportée. Redemandez le fichier à l'autorité de certification.`,
  keyWithoutCertificate: (algorithm: string, source: string) => `Une clé privée ${algorithm} de « ${source} » ne correspond à aucun certificat fourni : elle est ignorée.`,
  shortFingerprint: (prefix: string) => `Début d'empreinte trop court (« ${prefix} ») : donnez au moins 6 chiffres hexadécimaux de l'empreinte SHA-256, pour ne désigner qu'un certificat.`,
  unknownRole: (role: string, roles: readonly string[]) => `Rôle inconnu « ${role} » : les rôles sont ${roles.join(', ')}.`,
  conflictingRoles: (cert: string, roles: readonly string[]) => `Le certificat ${cert} reçoit deux rôles différents (${roles.join(' et ')}) : n'en donnez qu'un.`,
  noSuchFingerprint: (prefix: string, present: string) => `Aucun certificat n'a une empreinte SHA-256 qui commence par ${prefix}. Empreintes présentes : ${present}.`,
  onlyAKey: (source: string) => `« ${source} » ne contient qu'une clé privée, sans son certificat. Ajoutez le fichier du certificat (.cer, .pem) à la commande, ou utilisez le .p12 complet reçu de l'autorité.`,
  noCertificate: 'Aucun certificat trouvé dans les fichiers donnés. Vérifiez que vous avez choisi le fichier reçu de l\'autorité de certification (.p12, .pfx, .pem, .cer, .p7b ou .zip).',
  forcedRole: 'rôle imposé',
} as const;

/** Roles with a capital, for friendly names inside the exported `.p12` files. */
export const ROLE_LABELS = { chiffrement: 'Chiffrement', signature: 'Signature', authentification: 'Authentification' } as const;

/** Whom to ask for a renewal, in French: « à Certigna », else « à l'autorité de certification ». */
export function toAuthority(hint: { name: string } | null): string {
  return hint ? `à ${hint.name}` : 'à l\'autorité de certification';
}

/** Words for a role after « de » (« d'authentification », never « de authentification »). */
export function ofRole(role: string): string {
  return /^[aeiouyéèêh]/i.test(role) ? `d'${role}` : `de ${role}`;
}

/** What export messages need of a certificate summary (kept structural: summary.ts imports nothing of this module). */
interface Chosen {
  subject: { commonName: string | null; text: string };
  notBefore: string;
  notAfter: string;
  daysLeft: number;
  validity: string;
  fingerprintSha256: string;
  roleReason: string;
  authority: { name: string } | null;
}

/** After a missing role's sentence: the .p12 that was not written (none for chiffrement, which has no .p12). */
function notCreated(role: string): string {
  return role === 'chiffrement' ? '' : ` : le fichier .p12 ${ofRole(role)} n'a pas été créé`;
}

/** Messages of exporting a bundle (warnings and errors). */
export const exportMessages = {
  passwordRequired: 'Un mot de passe est nécessaire pour protéger les clés privées exportées : elles ne sont jamais écrites sans protection. Indiquez le mot de passe des fichiers exportés.',
  roleWithoutKey: (role: string) => `Le certificat ${ofRole(role)} est présent mais sans sa clé privée${notCreated(role)}. Fournissez le fichier .p12 qui contient la clé.`,
  roleCandidates: (role: string, candidates: readonly Chosen[]) =>
    `Aucun certificat n'a été reconnu comme certificat ${ofRole(role)}${notCreated(role)}. ${candidates.map((c) => `« ${c.subject.commonName ?? c.subject.text} » (empreinte SHA-256 ${c.fingerprintSha256.slice(0, 23)}…, ${c.roleReason.replace(/ : précisez son rôle$/, '')})`).join(' ou ')} pourrait l'être : précisez son rôle.`,
  roleMissing: (role: string) => `Aucun certificat ${ofRole(role)} dans les fichiers fournis${notCreated(role)}. Ajoutez le fichier qui le contient.`,
  roleDuplicate: (role: string, cert: Chosen) => `Plusieurs certificats ${ofRole(role)} : celui qui expire le ${frDate(cert.notAfter)} a été retenu (empreinte ${cert.fingerprintSha256.slice(0, 23)}…).`,
  notValid: (role: string, cert: Chosen) => `Le certificat ${ofRole(role)} ${cert.validity === 'expire' ? `a expiré le ${frDate(cert.notAfter)}` : `n'est valide qu'à partir du ${frDate(cert.notBefore)}`}.`,
  expiresSoon: (role: string, cert: Chosen) => `Le certificat ${ofRole(role)} expire le ${frDate(cert.notAfter)}, dans ${frDays(cert.daysLeft)} : demandez son renouvellement ${toAuthority(cert.authority)}.`,
  passwordNotPortable: (reused: boolean) =>
    `Le mot de passe ${reused ? 'du fichier d\'origine, repris pour les fichiers .p12,' : 'choisi pour les fichiers .p12'} contient un caractère que les logiciels écrits en Java refusent (lettre accentuée, tabulation, caractère hors du clavier anglais) : un logiciel métier écrit en Java répondra « mot de passe incorrect ». NSS (Thunderbird, Firefox) et OpenSSL l'acceptent. Pour un logiciel métier, prenez plutôt un mot de passe fait seulement de lettres sans accent, de chiffres, d'espaces et de signes comme - _ . ! ? @ #.`,
  chainIncomplete: (role: string, carried: number) =>
    carried === 0
      ? `La chaîne de l'autorité n'est pas dans les fichiers fournis : le fichier .p12 ${ofRole(role)} ne contient que la clé et le certificat.`
      : `La chaîne de l'autorité n'est pas entière dans les fichiers fournis : le fichier .p12 ${ofRole(role)} contient la clé, le certificat et les autorités présentes, sans la racine.`,
  chainInvalid: (role: string, reason: string) =>
    `La chaîne du certificat ${ofRole(role)} est INVALIDE : ${reason}. Les logiciels refuseront ce certificat ; aucune autorité douteuse n'est mise dans les fichiers. Redemandez le fichier à l'autorité de certification.`,
  chainUnverified: (role: string, reason: string) => `La chaîne du certificat ${ofRole(role)} n'a pas pu être vérifiée ici : ${reason}.`,
  superseded: (role: string, old: Chosen, successor: Chosen) =>
    `Le certificat ${ofRole(role)} qui ${old.validity === 'expire' ? 'a expiré' : 'expire'} le ${frDate(old.notAfter)} (empreinte ${old.fingerprintSha256.slice(0, 23)}…) est remplacé par son renouvellement, qui expire le ${frDate(successor.notAfter)} : seul le renouvellement est exporté.`,
} as const;

/** The `check` line of one certificate, by status. */
export const checkLines = {
  who: (role: string, commonName: string | null) => `${ROLE_WORDS[role] ?? role}${commonName ? ` (${commonName})` : ''}`,
  keyMismatch: (who: string) => `${who} — la clé privée fournie ne correspond pas à ce certificat`,
  expired: (who: string, c: Chosen) => `${who} — EXPIRÉ depuis le ${frDate(c.notAfter)}${c.daysLeft === 0 ? ', aujourd\'hui' : `, il y a ${frDays(-c.daysLeft)}`} : demandez-en un nouveau ${toAuthority(c.authority)}`,
  upcoming: (who: string, c: Chosen) => `${who} — renouvellement valide à partir du ${frDate(c.notBefore)} : il prendra la suite du certificat en cours, rien à faire`,
  notYetValid: (who: string, c: Chosen) => `${who} — PAS ENCORE VALIDE : valide à partir du ${frDate(c.notBefore)}`,
  expiresSoon: (who: string, c: Chosen) => `${who} — expire le ${frDate(c.notAfter)}, ${c.daysLeft === 0 ? 'aujourd\'hui' : `dans ${frDays(c.daysLeft)}`} : demandez son renouvellement ${toAuthority(c.authority)}`,
  ok: (who: string, c: Chosen) => `${who} — expire le ${frDate(c.notAfter)}, dans ${frDays(c.daysLeft)}`,
  superseded: (who: string, c: Chosen, successor: Chosen) =>
    `${who} — ${c.validity === 'expire' ? `expiré le ${frDate(c.notAfter)}` : `expire le ${frDate(c.notAfter)}`}, remplacé par le certificat qui expire le ${frDate(successor.notAfter)} (empreinte ${successor.fingerprintSha256.slice(0, 23)}…) : rien à faire`,
  chainInvalid: (who: string, reason: string) => `${who} — CHAÎNE INVALIDE : ${reason} ; redemandez le fichier à l'autorité de certification`,
} as const;
