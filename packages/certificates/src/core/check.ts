import type { CertificateBundle } from './bundle.js';
import { checkLines } from './messages.js';
import { renewsValid, successorOf } from './renewal.js';
import type { CertificateSummary } from './summary.js';
import { checkCheckOptions } from './options.js';

/**
 * Result of checking one certificate. `remplace`: expired or ending sooner, with its valid successor
 * (same holder and role) given too: information, not a failure. `a-venir`: a renewal not valid yet,
 * beside the valid certificate it will replace: information too. `chaine-invalide`: the chain is
 * there but wrong (see `chainReason`).
 */
export type CheckStatus = 'ok' | 'expire-bientot' | 'expire' | 'pas-encore-valide' | 'cle-incorrecte' | 'chaine-invalide' | 'remplace' | 'a-venir';

/** One checked certificate. */
export interface CheckResult {
  certificate: CertificateSummary;
  status: CheckStatus;
  /** French line for the terminal and for monitoring mails. */
  line: string;
}

/**
 * Exit code of `check`: 0 all valid, 3 one expires within the warning window, 4 one is expired, not
 * yet valid, has a key that does not match, or an invalid chain.
 */
export type CheckExitCode = 0 | 3 | 4;

/**
 * The monitoring-plugins state (Nagios, Icinga, Centreon, Zabbix): 0 OK, 1 WARNING, 2 CRITICAL,
 * 3 UNKNOWN (a file that cannot be read: the CLI's business).
 */
export type MonitoringState = 0 | 1 | 2 | 3;

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
  warnDays?: number | undefined;
}

/** What checking found: each certificate, the exit code, and the monitoring state. */
export interface CheckReport {
  results: CheckResult[];
  exitCode: CheckExitCode;
  state: MonitoringState;
}

const FAILURES: readonly CheckStatus[] = ['expire', 'pas-encore-valide', 'cle-incorrecte', 'chaine-invalide'];

function checkOne(c: CertificateSummary, all: readonly CertificateSummary[], warnDays: number): CheckResult {
  const who = checkLines.who(c.role, c.subject.commonName);
  const result = (status: CheckStatus, line: string): CheckResult => ({ certificate: c, status, line });
  if (c.keyMatches === false) return result('cle-incorrecte', checkLines.keyMismatch(who));
  const successor = c.validity !== 'pas-encore-valide' ? successorOf(c, all) : undefined;
  if (successor && (c.validity === 'expire' || expiresSoon(c, warnDays))) return result('remplace', checkLines.superseded(who, c, successor));
  if (c.chain === 'invalide') return result('chaine-invalide', checkLines.chainInvalid(who, c.chainReason));
  if (c.validity === 'expire') return result('expire', checkLines.expired(who, c));
  if (renewsValid(c, all)) return result('a-venir', checkLines.upcoming(who, c));
  if (c.validity === 'pas-encore-valide') return result('pas-encore-valide', checkLines.notYetValid(who, c));
  if (expiresSoon(c, warnDays)) return result('expire-bientot', checkLines.expiresSoon(who, c));
  return result('ok', checkLines.ok(who, c));
}

/**
 * Checks validity dates, key pairing and chain of every certificate of a bundle. An expired
 * certificate beside its valid successor is `remplace`, not a failure. The verdicts depend on the
 * certificates given, never on their order.
 */
export function checkBundle(bundle: CertificateBundle, options: CheckOptions = {}): CheckReport {
  checkCheckOptions(options as Record<string, unknown>);
  const warnDays = options.warnDays ?? DEFAULT_WARN_DAYS;
  const results = bundle.certificates.map((c) => checkOne(c, bundle.certificates, warnDays));
  const failed = results.some((r) => FAILURES.includes(r.status));
  const soon = results.some((r) => r.status === 'expire-bientot');
  return { results, exitCode: failed ? 4 : soon ? 3 : 0, state: failed ? 2 : soon ? 1 : 0 };
}
