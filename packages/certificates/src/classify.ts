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
  if (cert.basicConstraints?.ca) return { role: 'autorite', reason: 'basicConstraints CA:true' };
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
