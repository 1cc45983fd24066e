import type { CertificateBundle } from './bundle.js';
import { checkLines } from './messages.js';
import type { CertificateSummary } from './summary.js';
import { checkCheckOptions } from './options.js';

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

/** Days before the end of validity from which a certificate "expires soon" (`check`, `extract`, the web page). */
export const DEFAULT_WARN_DAYS = 60;

/**
 * The one rule of `EXPIRES_SOON` / `expire-bientot`: valid today, and ends within `warnDays` days
 * (the last day included).
 */
export function expiresSoon(c: Pick<CertificateSummary, 'validity' | 'daysLeft'>, warnDays: number = DEFAULT_WARN_DAYS): boolean {
  return c.validity === 'valide' && c.daysLeft <= warnDays;
}

/** Options of {@link checkBundle}. */
export interface CheckOptions {
  /** A certificate that expires within this many days is `EXPIRES_SOON` (default {@link DEFAULT_WARN_DAYS}). */
  warnDays?: number;
}

/** Checks validity dates and key pairing of every certificate of a bundle. */
export function checkBundle(bundle: CertificateBundle, options: CheckOptions = {}): { results: CheckResult[]; exitCode: CheckExitCode } {
  checkCheckOptions(options as Record<string, unknown>);
  const warnDays = options.warnDays ?? DEFAULT_WARN_DAYS;
  const results = bundle.certificates.map((c): CheckResult => {
    const who = checkLines.who(c.role, c.subject.commonName);
    if (c.keyMatches === false) return { certificate: c, status: 'cle-incorrecte', line: checkLines.keyMismatch(who) };
    if (c.validity === 'expire') return { certificate: c, status: 'expire', line: checkLines.expired(who, c) };
    if (c.validity === 'pas-encore-valide') return { certificate: c, status: 'pas-encore-valide', line: checkLines.notYetValid(who, c) };
    if (expiresSoon(c, warnDays)) return { certificate: c, status: 'expire-bientot', line: checkLines.expiresSoon(who, c) };
    return { certificate: c, status: 'ok', line: checkLines.ok(who, c) };
  });
  const exitCode: CheckExitCode = results.some((r) => r.status === 'expire' || r.status === 'pas-encore-valide' || r.status === 'cle-incorrecte')
    ? 4
    : results.some((r) => r.status === 'expire-bientot')
      ? 3
      : 0;
  return { results, exitCode };
}
