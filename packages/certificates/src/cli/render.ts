import { jsonText, printable } from '@sne-toolbox/text';

/** JSON for stdout: exact values, nothing a terminal would obey left raw (the one rule of both CLIs). */
export { jsonText };
import type { CheckReport, CheckResult, CheckStatus } from '../core/check.js';
import type { CertificateWarning } from '../core/errors.js';
import type { ExportResult } from '../core/export.js';
import { CHAIN_LABELS, frDate, frDays, ROLE_WORDS } from '../core/messages.js';
import type { CertificateSummary } from '../core/summary.js';

/** What is known of a certificate's private key: « prouvée » only when the signature proof ran. */
function keyLine(c: CertificateSummary): string {
  if (c.hasPrivateKey && c.keyMatches === true) return ' — clé privée présente, correspondance prouvée par une signature';
  if (c.hasPrivateKey) return ' — clé privée présente, correspondance NON VÉRIFIÉE (aucune preuve par signature ici)';
  return c.keyMatches === false ? ' — LA CLÉ PRIVÉE FOURNIE NE CORRESPOND PAS' : ' — sans clé privée';
}

/** The `inspect` block of one certificate, for a person. */
export function describe(c: CertificateSummary): string {
  const subject = [c.subject.commonName, c.subject.organization].filter(Boolean).join(' — ') || c.subject.text;
  const validity =
    c.validity === 'expire' ? `EXPIRÉ depuis ${frDays(-c.daysLeft)}` : c.validity === 'pas-encore-valide' ? 'PAS ENCORE VALIDE' : `${frDays(c.daysLeft)} restants`;
  const size = c.curve ?? (c.keySize === null ? 'taille inconnue' : `${c.keySize} bits`);
  const key = `${c.keyType} ${size}${keyLine(c)}`;
  return [
    `[${ROLE_WORDS[c.role] ?? c.role}] ${subject}`,
    `  Sujet        : ${c.subject.text}${c.subject.email ? ` <${c.subject.email}>` : ''}`,
    `  Émetteur     : ${c.issuer.text}`,
    `  N° de série  : ${c.serialNumber}`,
    `  Validité     : du ${frDate(c.notBefore)} au ${frDate(c.notAfter)} — ${validity}`,
    `  Clé          : ${key}`,
    `  Usages       : ${c.keyUsage.join(', ') || '—'}${c.extendedKeyUsage.length ? ` ; étendus : ${c.extendedKeyUsage.join(', ')}` : ''}`,
    `  Politiques   : ${c.policies.join(', ') || '—'}`,
    ...(c.authority ? [`  Autorité     : ${c.authority.name} (d'après ${c.authority.basis} ; la ligne Chaîne dit ce qui est prouvé)`] : []),
    `  Chaîne       : ${CHAIN_LABELS[c.chain]} — ${c.chainReason}`,
    ...(c.unauthenticated ? [`  Intégrité    : NON PROUVÉE (${c.unauthenticated})`] : []),
    `  Rôle         : ${ROLE_WORDS[c.role] ?? c.role} (${c.roleReason})${c.role === 'inconnu' ? ` ; pour trancher : --role ${c.fingerprintSha256.slice(0, 23)}=<rôle>` : ''}`,
    `  SHA-256      : ${c.fingerprintSha256}`,
  ]
    .map((line) => printable(line))
    .join('\n');
}

/** A warning as the CLI prints it: `hint` is the CLI's own advice (its options), said after the message. */
export type CliWarning = CertificateWarning & { hint?: string };

/** A warning line for stderr, then its hint on the next line. */
export function warningLine(w: CliWarning): string {
  return `Avertissement [${w.code}]\u202f: ${printable(w.message)}\n${w.hint ? `   ${w.hint}\n` : ''}`;
}

/**
 * Options whose value is a secret in clear, in every spelling commander accepts (`--password VALUE`,
 * `--password=VALUE`). The CLI has no short form of them; `--out-password-*` and `--password-env`
 * / `--password-file` take a variable's name or a path, never the password itself.
 */
const SECRET_OPTIONS: readonly string[] = ['--password'];
const MASK = '<mot de passe>';

/** `argv` with every password given in clear replaced by {@link MASK}. */
export function maskSecrets(argv: readonly string[]): string[] {
  return argv.map((a, i) => {
    if (i > 0 && SECRET_OPTIONS.includes(argv[i - 1]!)) return MASK;
    const option = SECRET_OPTIONS.find((o) => a.startsWith(`${o}=`));
    return option ? `${option}=${MASK}` : a;
  });
}

/** Arguments as a command line to copy, quoted where a shell needs it; passwords given in clear are masked. */
export function commandLine(argv: readonly string[]): string {
  return maskSecrets(argv)
    .map((a) => (/^[\w@%+=:,./-]+$/u.test(a) ? a : `"${a.replace(/(["\\$`])/g, '\\$1')}"`))
    .join(' ');
}

/** `extract --json`. */
export function extractJson(dir: string, result: ExportResult, warnings: readonly CertificateWarning[]): string {
  return jsonText({
    outputDir: dir,
    files: result.files.map((f) => ({ name: f.name, containsPrivateKey: f.secret })),
    roles: Object.fromEntries(Object.entries(result.chosen).map(([role, c]) => [role, { fingerprintSha256: c.fingerprintSha256, notAfter: c.notAfter, subject: c.subject.text }])),
    warnings,
  });
}

/** `check --json`. */
export function checkJson(results: readonly CheckResult[]): string {
  return jsonText(
    results.map((r) => ({
      status: r.status,
      message: r.line,
      role: r.certificate.role,
      subject: r.certificate.subject.text,
      notAfter: r.certificate.notAfter,
      daysLeft: r.certificate.daysLeft,
      chain: r.certificate.chain,
      chainReason: r.certificate.chainReason,
      fingerprintSha256: r.certificate.fingerprintSha256,
      warnings: r.certificate.unauthenticated ? [{ code: 'UNAUTHENTICATED', message: `Intégrité non prouvée : ${r.certificate.unauthenticated}.` }] : [],
    })),
  );
}

const STATE_NAMES = ['OK', 'WARNING', 'CRITICAL', 'UNKNOWN'] as const;
/** Which results a monitoring line names first: the worst. */
const SEVERITY: Record<CheckStatus, number> = { 'cle-incorrecte': 5, 'chaine-invalide': 5, expire: 4, 'pas-encore-valide': 4, 'expire-bientot': 2, ok: 1, 'a-venir': 0, remplace: 0 };

/**
 * `check --nagios`: one line as the monitoring plugins write it (`SERVICE STATE - text | perfdata`):
 * the worst certificate's line, and the days left of the first to end, with the warning and
 * critical thresholds as ranges (`60:` alerts below 60, `1:` below 1: a certificate that ends today
 * is critical).
 */
export function monitoringLine(report: CheckReport, warnDays: number): string {
  const current = report.results.filter((r) => r.status !== 'remplace' && r.status !== 'a-venir');
  const worst = [...current].sort((a, b) => SEVERITY[b.status] - SEVERITY[a.status])[0];
  const alike = worst ? current.filter((r) => SEVERITY[r.status] === SEVERITY[worst.status]).length - 1 : 0;
  const text = worst ? `${worst.line}${alike > 0 ? ` (et ${alike} autre${alike > 1 ? 's' : ''})` : ''}` : 'aucun certificat en cours';
  const days = current.length ? Math.min(...current.map((r) => r.certificate.daysLeft)) : 0;
  return printable(`CERTIFICATS RGS ${STATE_NAMES[report.state]} - ${text.replace(/\|/g, '/')} | 'jours_restants'=${days};${warnDays}:;1:`);
}
