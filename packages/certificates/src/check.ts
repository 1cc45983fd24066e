import type { CertificateBundle, CertificateSummary } from './bundle.js';
import { toAuthority } from './classify.js';
import { frDate, frDays, ROLE_WORDS } from './format.js';

/** Result of checking one certificate. */
export type CheckStatus = 'ok' | 'expire-bientot' | 'expire' | 'pas-encore-valide' | 'cle-incorrecte';

/** One checked certificate. */
export interface CheckResult {
  certificate: CertificateSummary;
  status: CheckStatus;
  /** French line for the terminal and for monitoring mails. */
  line: string;
}

/** Exit code of `check`: 0 all valid, 3 one expires within the warning window, 4 expired/not yet valid/bad key. */
export type CheckExitCode = 0 | 3 | 4;



/** Checks validity dates and key pairing of every certificate of a bundle. */
export function checkBundle(bundle: CertificateBundle, warnDays = 60): { results: CheckResult[]; exitCode: CheckExitCode } {
  const results = bundle.certificates.map((c): CheckResult => {
    const who = `${ROLE_WORDS[c.role] ?? c.role}${c.subject.commonName ? ` (${c.subject.commonName})` : ''}`;
    if (c.keyMatches === false) return { certificate: c, status: 'cle-incorrecte', line: `${who} — la clé privée fournie ne correspond pas à ce certificat` };
    if (c.validity === 'expire') return { certificate: c, status: 'expire', line: `${who} — EXPIRÉ depuis le ${frDate(c.notAfter)}, il y a ${frDays(-c.daysLeft)} : demandez-en un nouveau ${toAuthority(c.authority)}` };
    if (c.validity === 'pas-encore-valide') return { certificate: c, status: 'pas-encore-valide', line: `${who} — PAS ENCORE VALIDE : valide à partir du ${frDate(c.notBefore)}` };
    if (c.daysLeft <= warnDays) return { certificate: c, status: 'expire-bientot', line: `${who} — expire le ${frDate(c.notAfter)}, dans ${frDays(c.daysLeft)} : demandez son renouvellement ${toAuthority(c.authority)}` };
    return { certificate: c, status: 'ok', line: `${who} — expire le ${frDate(c.notAfter)}, dans ${frDays(c.daysLeft)}` };
  });
  const exitCode: CheckExitCode = results.some((r) => r.status === 'expire' || r.status === 'pas-encore-valide' || r.status === 'cle-incorrecte')
    ? 4
    : results.some((r) => r.status === 'expire-bientot')
      ? 3
      : 0;
  return { results, exitCode };
}
