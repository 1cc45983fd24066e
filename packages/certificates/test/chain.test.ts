import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parsePem } from '../src/core/bytes.js';
import { declaresCa, evaluateChain, isIssuerOf, issuerCandidates, maySignCertificates } from '../src/core/chain.js';
import { classifyCertificate } from '../src/core/classify.js';
import { type ParsedCertificate, parseCertificate } from '../src/core/x509.js';
import { FIXTURES, NOW } from './helpers.js';

// Chain building (who may be the issuer) and chain evaluation (what was proven). The end-to-end
// threat cases (forged signature, CA:FALSE issuer, loop…) stay in threats.test.ts, as docs/reliability.md says.

/** The certificates of a PEM fixture, in file order. */
function certs(path: string): ParsedCertificate[] {
  return parsePem(readFileSync(join(FIXTURES, path), 'utf8')).map((b) => parseCertificate(b.der));
}

const byCn = (list: readonly ParsedCertificate[], cn: string) => list.find((c) => c.subject.attributes.some((a) => a.type === 'CN' && a.value === cn))!;

describe('one "is a CA" predicate, apart from the role rule', () => {
  type Shape = Pick<ParsedCertificate, 'basicConstraints' | 'keyUsage' | 'extendedKeyUsage'>;
  const table: [string, Shape, boolean, boolean, string][] = [
    ['CA:TRUE, no keyUsage', { basicConstraints: { ca: true }, keyUsage: null, extendedKeyUsage: null }, true, true, 'autorite'],
    ['CA:TRUE with keyCertSign', { basicConstraints: { ca: true }, keyUsage: ['keyCertSign', 'cRLSign'], extendedKeyUsage: null }, true, true, 'autorite'],
    ['CA:TRUE without keyCertSign', { basicConstraints: { ca: true }, keyUsage: ['digitalSignature'], extendedKeyUsage: null }, true, false, 'autorite'],
    ['keyCertSign without CA:TRUE', { basicConstraints: { ca: false }, keyUsage: ['keyCertSign'], extendedKeyUsage: null }, false, false, 'autorite'],
    ['no basicConstraints', { basicConstraints: null, keyUsage: ['nonRepudiation'], extendedKeyUsage: null }, false, false, 'signature'],
  ];
  test.each(table)('%s: declares CA %s, may sign certificates %s, role %s', (_, shape, declares, maySign, role) => {
    expect(declaresCa(shape)).toBe(declares);
    expect(maySignCertificates(shape)).toBe(maySign);
    expect(classifyCertificate(shape).role).toBe(role);
  });
});

describe('chain building', () => {
  const chain = certs('hostile/chaine-saine.pem');
  const leaf = byCn(chain, 'Titulaire TEST');
  const root = byCn(chain, 'Racine TEST');

  test('the fixture holds a leaf, an intermediate and a self-issued root', () => {
    expect(chain).toHaveLength(3);
    expect(isIssuerOf(root, root)).toBe(true);
    expect(isIssuerOf(leaf, leaf)).toBe(false);
  });

  test('issuerCandidates finds the issuer by name (and key identifier), never the certificate itself', () => {
    const [issuer] = issuerCandidates(leaf, chain);
    expect(issuer).toBeDefined();
    expect(issuer).not.toBe(leaf);
    expect(isIssuerOf(issuer!, leaf)).toBe(true);
    expect(issuerCandidates(root, chain)).toEqual([]);
    expect(issuerCandidates(leaf, [leaf])).toEqual([]);
  });
});

describe('chain evaluation', () => {
  const chain = certs('hostile/chaine-saine.pem');
  const leaf = byCn(chain, 'Titulaire TEST');
  const root = byCn(chain, 'Racine TEST');

  test('every link present and verified up to the root: complete, path nearest first', async () => {
    const result = await evaluateChain(leaf, chain, NOW);
    expect(result.status).toBe('complete');
    const intermediate = chain.find((c) => c !== leaf && c !== root)!;
    expect(result.path).toEqual([intermediate, root]);
  });

  test('the root alone: auto-signe, empty path', async () => {
    expect(await evaluateChain(root, chain, NOW)).toMatchObject({ status: 'auto-signe', path: [] });
  });

  test('the root missing from the inputs: incomplete, the verified links kept', async () => {
    const result = await evaluateChain(leaf, chain.filter((c) => c !== root), NOW);
    expect(result.status).toBe('incomplete');
    expect(result.path).toHaveLength(1);
  });

  test('nothing but the leaf: incomplete, empty path', async () => {
    expect(await evaluateChain(leaf, [leaf], NOW)).toMatchObject({ status: 'incomplete', path: [] });
  });

  test('at a date after the authorities expired: invalide', async () => {
    expect((await evaluateChain(leaf, chain, new Date('2200-01-01T00:00:00Z'))).status).toBe('invalide');
  });
});
