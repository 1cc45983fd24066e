import { type Classification, classifyCertificate, type Role, ROLES } from './classify.js';
import { CertificateError } from './errors.js';
import { bundleMessages, who } from './messages.js';
import type { ParsedCertificate } from './x509.js';

/** Roles forced by the user: normalised fingerprint prefix → role. */
export type RoleOverrides = readonly (readonly [prefix: string, role: Role])[];

function normalizeFingerprint(text: string): string {
  return text.replace(/[^0-9a-f]/gi, '').toUpperCase();
}

/**
 * Reads `--role` overrides. `USAGE` errors: a prefix under 6 hex digits, a role that is not one, a
 * prefix that matches no certificate (the message lists those present), and two overrides that give
 * one certificate two different roles.
 */
export function roleOverrides(roles: Readonly<Record<string, Role>> | undefined, certs: readonly ParsedCertificate[]): RoleOverrides {
  const overrides = Object.entries(roles ?? {}).map(([prefix, role]) => [normalizeFingerprint(prefix), role] as const);
  for (const [prefix, role] of overrides) {
    if (prefix.length < 6) throw new CertificateError('USAGE', bundleMessages.shortFingerprint(prefix));
    if (!ROLES.includes(role)) throw new CertificateError('USAGE', bundleMessages.unknownRole(String(role), ROLES));
  }
  for (const cert of certs) {
    const fingerprint = normalizeFingerprint(cert.fingerprintSha256);
    const given = new Set(overrides.filter(([prefix]) => fingerprint.startsWith(prefix)).map(([, role]) => role));
    if (given.size > 1) throw new CertificateError('USAGE', bundleMessages.conflictingRoles(who(cert), [...given]));
  }
  for (const [prefix] of overrides) {
    if (!certs.some((cert) => normalizeFingerprint(cert.fingerprintSha256).startsWith(prefix))) {
      const present = certs.map((cert) => `${who(cert)} ${cert.fingerprintSha256.slice(0, 23)}…`).join(' ; ');
      throw new CertificateError('USAGE', bundleMessages.noSuchFingerprint(prefix.match(/../g)?.join(':') ?? prefix, present));
    }
  }
  return overrides;
}

/** The role of a certificate: forced (prefix of at least 6 hex digits), else told by {@link classifyCertificate}. */
export function roleOf(cert: ParsedCertificate, overrides: RoleOverrides): Classification {
  const fingerprint = normalizeFingerprint(cert.fingerprintSha256);
  const override = overrides.find(([prefix]) => prefix.length >= 6 && fingerprint.startsWith(prefix));
  return override ? { role: override[1], reason: bundleMessages.forcedRole } : classifyCertificate(cert);
}
