import type { ParsedCertificate } from './x509.js';

/** What a certificate is for, in the words of the SNE procedure. */
export type Role = 'chiffrement' | 'signature' | 'authentification' | 'autorite' | 'inconnu';

/** All roles, in display order. */
export const ROLES: readonly Role[] = ['chiffrement', 'signature', 'authentification', 'autorite', 'inconnu'];

/** A role and the rule that gave it. */
export interface Classification {
  role: Role;
  reason: string;
}

/**
 * Tells the three RGS key pairs apart (RFC 5280 key usage, ETSI EN 319 412-2 "one usage per
 * certificate"):
 * - basicConstraints CA:true (or keyCertSign) → `autorite`;
 * - keyEncipherment, dataEncipherment or keyAgreement → `chiffrement`;
 * - nonRepudiation (contentCommitment) → `signature`;
 * - digitalSignature with extended key usage clientAuth, without nonRepudiation → `authentification`.
 * No rule, or several at once, gives `inconnu` with the reason; `--role` then decides.
 */
export function classifyCertificate(cert: Pick<ParsedCertificate, 'keyUsage' | 'extendedKeyUsage' | 'basicConstraints'>): Classification {
  if (cert.basicConstraints?.ca) return { role: 'autorite', reason: 'basicConstraints CA:true' };
  const ku = new Set(cert.keyUsage ?? []);
  if (ku.has('keyCertSign')) return { role: 'autorite', reason: 'keyUsage keyCertSign' };
  if (!cert.keyUsage) return { role: 'inconnu', reason: 'pas d\'extension keyUsage' };
  const eku = new Set(cert.extendedKeyUsage ?? []);
  const matches: Classification[] = [];
  const enc = (['keyEncipherment', 'dataEncipherment', 'keyAgreement'] as const).filter((u) => ku.has(u));
  if (enc.length) matches.push({ role: 'chiffrement', reason: `keyUsage ${enc.join(', ')}` });
  if (ku.has('nonRepudiation')) matches.push({ role: 'signature', reason: 'keyUsage nonRepudiation' });
  if (ku.has('digitalSignature') && eku.has('clientAuth') && !ku.has('nonRepudiation')) {
    matches.push({ role: 'authentification', reason: 'keyUsage digitalSignature + extendedKeyUsage clientAuth' });
  }
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) return { role: 'inconnu', reason: `usages sans rôle reconnu (${[...ku].join(', ') || 'aucun'})` };
  return { role: 'inconnu', reason: `usages mêlés (${matches.map((m) => m.role).join(' + ')}) : précisez le rôle avec --role` };
}
