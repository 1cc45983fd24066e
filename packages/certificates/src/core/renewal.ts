import type { CertificateSummary } from './summary.js';

type Dated = Pick<CertificateSummary, 'role' | 'subject' | 'notAfter' | 'validity' | 'fingerprintSha256'>;

/**
 * The renewal rule, one place for `check` and the export: `successor` replaces `older` when it is the
 * same holder (subject) in the same role, valid today, and ends later. A renewal often keeps the key,
 * but the holder and role are what the admin replaces, key or not.
 */
export function replaces(successor: Dated, older: Dated): boolean {
  return (
    successor.fingerprintSha256 !== older.fingerprintSha256 &&
    successor.role === older.role &&
    successor.subject.text === older.subject.text &&
    successor.validity === 'valide' &&
    successor.notAfter > older.notAfter
  );
}

/** The valid certificate that ends last among those that replace `older`, or undefined. */
export function successorOf<T extends Dated>(older: Dated, all: readonly T[]): T | undefined {
  return all.filter((c) => replaces(c, older)).sort((a, b) => b.notAfter.localeCompare(a.notAfter) || a.fingerprintSha256.localeCompare(b.fingerprintSha256))[0];
}
