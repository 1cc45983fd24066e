import { constraintProblem } from './constraints.js';
import { keyOutOfBounds } from './limits.js';
import { IssuerIndex, isIssuerOf } from './issuers.js';
import { chainMessages, who } from './messages.js';
import type { ParsedCertificate } from './x509.js';

export { IssuerIndex, isIssuerOf } from './issuers.js';

/**
 * What was proven about a certificate's chain, from the inputs alone. No trust anchor is consulted:
 * no status means "trusted".
 * - `complete`: every link verifies (issuer is a CA allowed to sign certificates, valid at the
 *   reference date, its signature over the child checks) up to a self-signed root present in the inputs;
 * - `auto-signe`: the certificate is itself a self-signed root whose own signature checks;
 * - `incomplete`: every link present verifies, but an issuer is missing from the inputs;
 * - `invalide`: a link fails (reason in `chainReason`): bad signature, issuer not a CA, expired
 *   authority, loop, a pathLen or name constraint broken (RFC 5280 6.1);
 * - `non-verifiable`: a signature this tool cannot check (RSA-PSS…).
 */
export type ChainStatus = 'complete' | 'auto-signe' | 'incomplete' | 'invalide' | 'non-verifiable';

/** What {@link evaluateChain} proved, why, and the verified issuers, nearest first. */
export interface ChainResult {
  status: ChainStatus;
  reason: string;
  path: ParsedCertificate[];
}

/** Links followed at most: real chains have 2 or 3 authorities. */
const MAX_LINKS = 10;

/** True when the certificate declares itself an authority (basicConstraints cA), whatever its usages. */
export function declaresCa(cert: Pick<ParsedCertificate, 'basicConstraints'>): boolean {
  return cert.basicConstraints?.ca === true;
}

/**
 * The one "is a CA" predicate of the chain: `cert` may sign certificates — basicConstraints cA, and
 * keyCertSign when keyUsage is present. (The `autorite` *role* is another rule: see classify.)
 */
export function maySignCertificates(cert: Pick<ParsedCertificate, 'basicConstraints' | 'keyUsage'>): boolean {
  return declaresCa(cert) && (cert.keyUsage === null || cert.keyUsage.includes('keyCertSign'));
}

/** Chain building: the certificates of `pool` that name themselves `cert`'s issuer. */
export function issuerCandidates(cert: ParsedCertificate, pool: readonly ParsedCertificate[] | IssuerIndex): ParsedCertificate[] {
  return (pool instanceof IssuerIndex ? pool : new IssuerIndex(pool)).candidates(cert);
}

/** Why `issuer` cannot have signed a certificate at `now`, or null. */
function issuerProblem(issuer: ParsedCertificate, now: Date): string | null {
  if (!declaresCa(issuer)) return chainMessages.notCa(who(issuer));
  // A key no CA issues is never used to verify (it would cost minutes): such an authority is no authority.
  const bounds = keyOutOfBounds(issuer.publicKey);
  if (bounds) return chainMessages.issuerKeyOutOfBounds(who(issuer), bounds);
  if (!maySignCertificates(issuer)) return chainMessages.noKeyCertSign(who(issuer));
  if (now > issuer.notAfter) return chainMessages.issuerExpired(who(issuer), issuer.notAfter);
  if (now < issuer.notBefore) return chainMessages.issuerNotYetValid(who(issuer));
  return null;
}

/** The end of a chain: `root` is self-issued; its own signature and, above `start`, its authority are checked. */
async function evaluateRoot(root: ParsedCertificate, start: ParsedCertificate, path: ParsedCertificate[], now: Date, index: IssuerIndex): Promise<ChainResult> {
  const bounds = keyOutOfBounds(root.publicKey);
  if (bounds) return { status: 'invalide', reason: chainMessages.issuerKeyOutOfBounds(who(root), bounds), path };
  const ok = await index.verify(root, root);
  if (ok === null) return { status: 'non-verifiable', reason: index.unverifiedReason(root, root) ?? chainMessages.unverifiable(who(root)), path };
  if (!ok) return { status: 'invalide', reason: chainMessages.badRootSignature(who(root)), path };
  if (root === start) return { status: 'auto-signe', reason: chainMessages.selfSigned, path };
  const problem = issuerProblem(root, now);
  if (problem) return { status: 'invalide', reason: problem, path };
  const broken = constraintProblem(start, path);
  if (broken) return { status: 'invalide', reason: broken, path };
  return { status: 'complete', reason: chainMessages.complete(who(root)), path };
}

/** One link: the first candidate that verifies, else the first failure met. */
async function nextLink(
  current: ParsedCertificate,
  candidates: readonly ParsedCertificate[],
  seen: ReadonlySet<string>,
  now: Date,
  index: IssuerIndex,
): Promise<{ next: ParsedCertificate } | { status: ChainStatus; reason: string }> {
  let failure: { status: ChainStatus; reason: string } | null = null;
  for (const candidate of candidates) {
    if (seen.has(candidate.fingerprintSha256)) {
      failure ??= { status: 'invalide', reason: chainMessages.loop };
      continue;
    }
    const problem = index.problemAt(candidate, now, issuerProblem);
    if (problem) {
      failure ??= { status: 'invalide', reason: problem };
      continue;
    }
    const ok = await index.verify(current, candidate);
    if (ok === null) failure ??= { status: 'non-verifiable', reason: index.unverifiedReason(current, candidate) ?? chainMessages.unverifiable(who(current)) };
    else if (!ok) failure ??= { status: 'invalide', reason: chainMessages.badSignature(who(current), who(candidate)) };
    else return { next: candidate };
  }
  return failure!;
}

/**
 * Chain evaluation: follows a certificate's issuers through the inputs, verifying every link, and
 * says exactly what was proven (see {@link ChainStatus}). Loops end; at most {@link MAX_LINKS} links.
 * Pass one {@link IssuerIndex} for every certificate of a bundle: candidates are looked up by name,
 * and each signature is checked once for the whole bundle.
 */
export async function evaluateChain(start: ParsedCertificate, pool: readonly ParsedCertificate[] | IssuerIndex, now: Date): Promise<ChainResult> {
  const index = pool instanceof IssuerIndex ? pool : new IssuerIndex(pool);
  const path: ParsedCertificate[] = [];
  const seen = new Set([start.fingerprintSha256]);
  let current = start;
  for (let depth = 0; depth < MAX_LINKS; depth++) {
    if (isIssuerOf(current, current)) return evaluateRoot(current, start, path, now, index);
    const candidates = index.candidates(current);
    if (candidates.length === 0) {
      // Every link present verified: the constraints of the authorities present still hold or not.
      const broken = constraintProblem(start, path);
      if (broken) return { status: 'invalide', reason: broken, path };
      return { status: 'incomplete', reason: chainMessages.issuerMissing(current.issuer.attributes.find((a) => a.type === 'CN')?.value ?? current.issuer.text), path };
    }
    const link = await nextLink(current, candidates, seen, now, index);
    if (!('next' in link)) return { ...link, path };
    path.push(link.next);
    seen.add(link.next.fingerprintSha256);
    current = link.next;
  }
  return { status: 'invalide', reason: chainMessages.tooLong, path };
}

/**
 * Chain *building* for export, apart from the validator: the issuers the user gave, nearest first,
 * each an authority allowed to sign certificates whose signature over the child verifies here,
 * whatever its dates. An expired authority stays in the exported file, as Windows keeps the whole
 * certification path (issue 19, item 14); a certificate that is not a CA, or whose signature does
 * not verify or cannot be checked here, is never put in a file as an issuer.
 */
export async function buildIssuerPath(start: ParsedCertificate, index: IssuerIndex): Promise<ParsedCertificate[]> {
  const path: ParsedCertificate[] = [];
  const seen = new Set([start.fingerprintSha256]);
  let current = start;
  while (path.length < MAX_LINKS && !isIssuerOf(current, current)) {
    let next: ParsedCertificate | undefined;
    for (const candidate of index.candidates(current)) {
      if (seen.has(candidate.fingerprintSha256) || !maySignCertificates(candidate)) continue;
      if ((await index.verify(current, candidate)) === true) {
        next = candidate;
        break;
      }
    }
    if (!next) break;
    path.push(next);
    seen.add(next.fingerprintSha256);
    current = next;
  }
  return path;
}
