import { declaresCa } from './chain.js';
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
 * Tells the three RGS key pairs apart, with the keyUsage / extendedKeyUsage combinations real
 * deliveries carry (RFC 5280, ETSI EN 319 412-2: one usage per certificate; RGS authorities deliver
 * separate signature, encryption and authentication certificates, and TLS-style client certificates):
 * - basicConstraints CA:true (or keyCertSign) → `autorite`;
 * - extendedKeyUsage serverAuth without clientAuth → `inconnu` (a server or seal certificate);
 * - extendedKeyUsage clientAuth, without nonRepudiation → `authentification`, whatever else keyUsage
 *   holds (`digitalSignature, keyEncipherment` is the common TLS client profile);
 * - nonRepudiation without an encryption usage → `signature`;
 * - keyEncipherment, dataEncipherment or keyAgreement alone → `chiffrement`;
 * - digitalSignature alone, without clientAuth → `signature` (Java-keystore deliveries);
 * - anything else (signature and encryption usages together without an EKU that decides) → `inconnu`
 *   with the reason; `--role` then decides.
 */
export function classifyCertificate(cert: Pick<ParsedCertificate, 'keyUsage' | 'extendedKeyUsage' | 'basicConstraints'>): Classification {
  // The `autorite` role: declared a CA, or given keyCertSign. Whether it may sign is the chain's rule.
  if (declaresCa(cert)) return { role: 'autorite', reason: 'basicConstraints CA:true' };
  const ku = new Set(cert.keyUsage ?? []);
  if (ku.has('keyCertSign')) return { role: 'autorite', reason: 'keyUsage keyCertSign' };
  if (!cert.keyUsage) return { role: 'inconnu', reason: 'pas d\'extension keyUsage' };
  const eku = new Set(cert.extendedKeyUsage ?? []);
  const enc = (['keyEncipherment', 'dataEncipherment', 'keyAgreement'] as const).filter((u) => ku.has(u));
  const nr = ku.has('nonRepudiation');
  const ds = ku.has('digitalSignature');
  const usages = [...ku].join(', ');
  if (eku.has('serverAuth') && !eku.has('clientAuth')) {
    return { role: 'inconnu', reason: `certificat de serveur (extendedKeyUsage serverAuth) : ce n'est ni une clé de chiffrement, ni de signature, ni d'authentification d'une personne` };
  }
  if (eku.has('clientAuth') && !nr) return { role: 'authentification', reason: `extendedKeyUsage clientAuth (keyUsage ${usages})` };
  if (nr && enc.length === 0) return { role: 'signature', reason: `keyUsage ${usages}` };
  if (enc.length > 0 && !ds && !nr) return { role: 'chiffrement', reason: `keyUsage ${usages}` };
  if (ds && enc.length === 0 && !nr) return { role: 'signature', reason: 'keyUsage digitalSignature seul, sans clientAuth' };
  if (enc.length === 0 && !ds && !nr) return { role: 'inconnu', reason: `usages sans rôle reconnu (${usages || 'aucun'})` };
  const what = nr ? 'signature + chiffrement' : 'signature ou authentification + chiffrement';
  return { role: 'inconnu', reason: `usages mêlés (${what} : keyUsage ${usages}${eku.size ? ` ; extendedKeyUsage ${[...eku].join(', ')}` : ''}) : précisez son rôle` };
}

/** An RGS authority the certificate names, and what names it. */
export interface AuthorityHint {
  /** `Certigna` or `Certinomis`. */
  name: string;
  /** French: what the name was read from (a policy OID or the issuer's name). */
  basis: string;
}

/**
 * Policy OID arcs registered to the RGS authorities the SNE procedure names. Certigna's arc
 * (`1.2.250.1.177`, AFNOR-registered to Dhimyotis) is the one seen on real Certigna certificates
 * (`1.2.250.1.177.2.6.1.4.1` on a seal, `1.2.250.1.177.2.2.1.1` on a 2D-Doc signer). No Certinomis
 * end-entity policy was found in a public source, so Certinomis is recognised by its issuer name only.
 */
const AUTHORITY_ARCS: readonly [arc: string, name: string][] = [['1.2.250.1.177.', 'Certigna']];
const AUTHORITY_NAMES: readonly [pattern: RegExp, name: string][] = [
  [/\b(certigna|dhimyotis)\b/i, 'Certigna'],
  [/\bcertinomis\b/i, 'Certinomis'],
];

/**
 * Which known RGS authority a certificate names, by its policy OIDs first, then by its issuer's
 * organisation or common name. This is what the certificate *says*: only a complete chain to a root
 * the user trusts proves it, so it informs (who to ask for a renewal) and never decides a role.
 */
export function authorityHint(cert: { policies: readonly string[]; issuerNames: readonly (string | null)[] }): AuthorityHint | null {
  for (const policy of cert.policies) {
    const known = AUTHORITY_ARCS.find(([arc]) => policy.startsWith(arc));
    if (known) return { name: known[1], basis: `politique ${policy}` };
  }
  for (const value of cert.issuerNames) {
    const known = value ? AUTHORITY_NAMES.find(([pattern]) => pattern.test(value)) : undefined;
    if (known) return { name: known[1], basis: `émetteur « ${value} »` };
  }
  return null;
}
