import { type Asn1, child, parseAsn1Exact, readOid, readString } from './asn1.js';
import { isIssuerOf } from './issuers.js';
import { chainMessages, who } from './messages.js';
import type { ParsedCertificate } from './x509.js';

// RFC 5280 6.1 constraints of a verified path: pathLenConstraint (basicConstraints) and
// nameConstraints (permitted / excluded subtrees for dNSName, rfc822Name and directoryName).
// Only a chain whose links all verified reaches here: these rules add reasons to call it invalide.

/** One relative distinguished name: its attributes (type OID, normalised value), sorted. */
type Rdn = string[];

/** The subtrees of one nameConstraints extension, by the forms this tool checks. */
interface Subtrees {
  dns: string[];
  email: string[];
  directory: Rdn[][];
  /** GeneralName forms present but not checked here (iPAddress, URI, otherName…), by their tag. */
  unsupported: number[];
}

/** GeneralName tags (RFC 5280 4.2.1.6). */
const GENERAL_NAME = { rfc822Name: 1, dNSName: 2, directoryName: 4 } as const;

/** Case and inner spaces do not matter in a name comparison (RFC 5280 7.1, simplified to what real names need). */
function normalise(value: string): string {
  return value.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

function rdnsOf(name: Asn1): Rdn[] {
  return name.children.map((rdn) =>
    rdn.children
      .map((atv) => {
        let value: string;
        try {
          value = normalise(readString(child(atv, 1)));
        } catch {
          value = '#' + Array.from(child(atv, 1).raw, (b) => b.toString(16).padStart(2, '0')).join('');
        }
        return `${readOid(child(atv, 0))}=${value}`;
      })
      .sort(),
  );
}

function readSubtrees(node: Asn1 | undefined): Subtrees {
  const out: Subtrees = { dns: [], email: [], directory: [], unsupported: [] };
  for (const subtree of node?.children ?? []) {
    const base = child(subtree, 0);
    if (base.cls !== 2) out.unsupported.push(-1);
    else if (base.tag === GENERAL_NAME.dNSName) out.dns.push(normalise(new TextDecoder().decode(base.value)));
    else if (base.tag === GENERAL_NAME.rfc822Name) out.email.push(normalise(new TextDecoder().decode(base.value)));
    else if (base.tag === GENERAL_NAME.directoryName) out.directory.push(rdnsOf(child(base, 0)));
    else out.unsupported.push(base.tag);
    // minimum/maximum other than 0/absent are not used in this profile (RFC 5280): treated as unsupported.
    if (subtree.children.length > 1) out.unsupported.push(-1);
  }
  return out;
}

/** Decodes a nameConstraints extension value: permittedSubtrees [0], excludedSubtrees [1]. */
export function parseNameConstraints(der: Uint8Array): { permitted: Subtrees; excluded: Subtrees } {
  const seq = parseAsn1Exact(der);
  const tagged = (n: number) => seq.children.find((c) => c.cls === 2 && c.tag === n);
  return { permitted: readSubtrees(tagged(0)), excluded: readSubtrees(tagged(1)) };
}

/** dNSName matching: `example.fr` covers itself and its subdomains; `.example.fr` only subdomains. */
export function dnsWithin(name: string, base: string): boolean {
  const n = normalise(name).replace(/\.$/, '');
  const b = base.replace(/\.$/, '');
  if (b === '') return true;
  if (b.startsWith('.')) return n.endsWith(b);
  return n === b || n.endsWith(`.${b}`);
}

/** rfc822Name matching: `jeanne@example.fr` one mailbox; `example.fr` every mailbox at that host; `.example.fr` its subdomains. */
export function emailWithin(address: string, base: string): boolean {
  const a = normalise(address);
  if (base.includes('@')) return a === base;
  const host = a.slice(a.lastIndexOf('@') + 1);
  return base.startsWith('.') ? host.endsWith(base) : host === base;
}

/** directoryName matching: the subtree's RDNs are a prefix of the name's. */
export function directoryWithin(name: Rdn[], base: Rdn[]): boolean {
  return base.length <= name.length && base.every((rdn, i) => rdn.length === name[i]!.length && rdn.every((atv, j) => atv === name[i]![j]));
}

/** The names of a certificate by form, as name constraints see them. */
function namesOf(cert: ParsedCertificate): { dns: string[]; email: string[]; directory: Rdn[][] } {
  const subject = rdnsOf(parseAsn1Exact(cert.subject.der));
  return { dns: cert.dnsNames, email: cert.emails, directory: subject.length ? [subject] : [] };
}

/** The first of `names` outside the permitted subtrees (when any) or inside an excluded one. */
function firstOutside<T>(names: readonly T[], permitted: readonly T[], excluded: readonly T[], within: (name: T, base: T) => boolean): T | undefined {
  return names.find((n) => (permitted.length > 0 && !permitted.some((b) => within(n, b))) || excluded.some((b) => within(n, b)));
}

/** The first name of `cert` outside the constraints, as text, or null. */
function nameOutside(cert: ParsedCertificate, constraints: ReturnType<typeof parseNameConstraints>): string | null {
  const names = namesOf(cert);
  const { permitted, excluded } = constraints;
  const dns = firstOutside(names.dns, permitted.dns, excluded.dns, dnsWithin);
  if (dns !== undefined) return dns;
  const email = firstOutside(names.email, permitted.email, excluded.email, emailWithin);
  if (email !== undefined) return email;
  return firstOutside(names.directory, permitted.directory, excluded.directory, directoryWithin) ? cert.subject.text : null;
}

const selfIssued = (cert: ParsedCertificate) => isIssuerOf(cert, cert);

/**
 * Why the verified path `start` → `path` (nearest issuer first) breaks a pathLen or name constraint,
 * or null. Self-issued intermediates neither count for pathLen nor are name-checked (RFC 5280 6.1),
 * the certificate itself always is.
 */
export function constraintProblem(start: ParsedCertificate, path: readonly ParsedCertificate[]): string | null {
  for (let i = 0; i < path.length; i++) {
    const ca = path[i]!;
    const below = path.slice(0, i);
    const limit = ca.basicConstraints?.pathLength;
    const intermediates = below.filter((c) => !selfIssued(c)).length;
    if (limit !== undefined && intermediates > limit) return chainMessages.pathLenExceeded(who(ca), limit, intermediates);
    if (!ca.nameConstraints) continue;
    let constraints: ReturnType<typeof parseNameConstraints>;
    try {
      constraints = parseNameConstraints(ca.nameConstraints.der);
    } catch {
      return chainMessages.nameConstraintsUnreadable(who(ca));
    }
    if (ca.nameConstraints.critical && constraints.permitted.unsupported.length + constraints.excluded.unsupported.length > 0) {
      return chainMessages.nameConstraintsUnsupported(who(ca));
    }
    for (const cert of [start, ...below.filter((c) => !selfIssued(c))]) {
      const outside = nameOutside(cert, constraints);
      if (outside !== null) return chainMessages.nameOutside(who(cert), outside, who(ca));
    }
  }
  return null;
}
