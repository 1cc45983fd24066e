import type { CertificateSummary } from './summary.js';

type Dated = Pick<CertificateSummary, 'role' | 'subject' | 'notAfter' | 'validity' | 'fingerprintSha256' | 'hasPrivateKey'>;

/**
 * The renewal rule, one place for `check` and the export: `successor` replaces `older` when it is the
 * same holder (subject) in the same role, valid today, ends later, and comes with its private key
 * when the old one did (a renewal given without its key cannot be installed: it replaces nothing yet).
 */
export function replaces(successor: Dated, older: Dated): boolean {
  return (
    successor.fingerprintSha256 !== older.fingerprintSha256 &&
    successor.role === older.role &&
    successor.subject.text === older.subject.text &&
    successor.validity === 'valide' &&
    successor.notAfter > older.notAfter &&
    (!older.hasPrivateKey || successor.hasPrivateKey)
  );
}

/** The valid certificate that ends last among those that replace `older`, or undefined. */
export function successorOf<T extends Dated>(older: Dated, all: readonly T[]): T | undefined {
  return all.filter((c) => replaces(c, older)).sort((a, b) => b.notAfter.localeCompare(a.notAfter) || a.fingerprintSha256.localeCompare(b.fingerprintSha256))[0];
}

/** True when `upcoming` (not valid yet) renews a certificate of the same holder and role that is valid today. */
export function renewsValid(upcoming: Dated, all: readonly Dated[]): boolean {
  return (
    upcoming.validity === 'pas-encore-valide' &&
    all.some((c) => c.fingerprintSha256 !== upcoming.fingerprintSha256 && c.role === upcoming.role && c.subject.text === upcoming.subject.text && c.validity === 'valide')
  );
}
