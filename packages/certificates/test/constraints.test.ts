import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { certificate, extensions, name } from '../../../scripts/make-hostile-inputs.mjs';
import { der } from '../src/core/asn1.js';
import { evaluateChain } from '../src/core/chain.js';
import { directoryWithin, dnsWithin, emailWithin } from '../src/core/constraints.js';
import { parseCertificate } from '../src/core/x509.js';
import { NOW } from './helpers.js';

// Issue 19, item 11: pathLen and name constraints of RFC 5280 6.1 on a verified path.

const keys = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
const CA = () => [extensions.ca(), extensions.keyUsage('keyCertSign', 'cRLSign')];
const LEAF = () => [extensions.keyUsage('digitalSignature', 'nonRepudiation')];

/** root → intermediates… → leaf, each signed by the one above; `rootExts` for the root. */
function chain(rootExts: Buffer[], intermediates: number, leafPairs: [string, string][] = [['c', 'FR'], ['o', 'Autorisé (TEST)'], ['cn', 'Porteur']]) {
  const rootKeys = keys();
  const rootName = name([['c', 'FR'], ['o', 'Autorisé (TEST)'], ['cn', 'Racine']]);
  const certs = [parseCertificate(certificate({ serial: 1, issuer: rootName, subject: rootName, publicKey: rootKeys.publicKey, issuerKey: rootKeys.privateKey, exts: rootExts }))];
  let above = { name: rootName, keys: rootKeys };
  for (let i = 0; i < intermediates; i++) {
    const k = keys();
    const n = name([['c', 'FR'], ['o', 'Autorisé (TEST)'], ['cn', `AC ${i}`]]);
    certs.unshift(parseCertificate(certificate({ serial: 10 + i, issuer: above.name, subject: n, publicKey: k.publicKey, issuerKey: above.keys.privateKey, exts: CA() })));
    above = { name: n, keys: k };
  }
  const leaf = parseCertificate(certificate({ serial: 99, issuer: above.name, subject: name(leafPairs), publicKey: keys().publicKey, issuerKey: above.keys.privateKey, exts: LEAF() }));
  return { leaf, pool: [leaf, ...certs] };
}

describe('pathLen', () => {
  test.each([
    [0, 0, 'complete'],
    [0, 1, 'invalide'],
    [1, 1, 'complete'],
    [1, 2, 'invalide'],
  ] as const)('root pathLen %i over %i intermediate(s): %s', async (pathLen, intermediates, status) => {
    const { leaf, pool } = chain([extensions.ca(pathLen), extensions.keyUsage('keyCertSign', 'cRLSign')], intermediates);
    const result = await evaluateChain(leaf, pool, NOW);
    expect(`${result.status}: ${result.reason}`).toMatch(new RegExp(`^${status}`));
    if (status === 'invalide') expect(result.reason).toMatch(/pathLen/);
  });

  test('the intermediates themselves stay complete', async () => {
    const { pool } = chain([extensions.ca(0), extensions.keyUsage('keyCertSign', 'cRLSign')], 1);
    expect((await evaluateChain(pool[1]!, pool, NOW)).status).toBe('complete');
  });
});

describe('name constraints', () => {
  const permitted = () => [...CA(), extensions.permittedDirectory([['c', 'FR'], ['o', 'Autorisé (TEST)']])];
  test('a subject inside the permitted directoryName: complete', async () => {
    const { leaf, pool } = chain(permitted(), 0);
    expect((await evaluateChain(leaf, pool, NOW)).status).toBe('complete');
  });
  test('a subject outside it: invalide, naming the authority', async () => {
    const { leaf, pool } = chain(permitted(), 1, [['c', 'FR'], ['o', 'Interdit (TEST)'], ['cn', 'Porteur']]);
    const result = await evaluateChain(leaf, pool, NOW);
    expect(result.status).toBe('invalide');
    expect(result.reason).toMatch(/contraintes de nom/);
  });
  test('a critical constraint of a form not checked here (iPAddress): invalide, never complete', async () => {
    const tlv = (tag: number, body: Uint8Array) => Buffer.from([tag, body.length, ...body]);
    const value = der.sequence(tlv(0xa0, der.sequence(tlv(0x87, Uint8Array.of(10, 0, 0, 0, 255, 0, 0, 0)))));
    const nc = Buffer.from(der.sequence(der.oid('2.5.29.30'), Uint8Array.of(0x01, 0x01, 0xff), der.octets(value)));
    const { leaf, pool } = chain([...CA(), nc], 0);
    const result = await evaluateChain(leaf, pool, NOW);
    expect(result.status).toBe('invalide');
    expect(result.reason).toMatch(/ne vérifie pas/);
  });
  test.each([
    ['www.exemple.fr', 'exemple.fr', true],
    ['exemple.fr', 'exemple.fr', true],
    ['exemple.fr', '.exemple.fr', false],
    ['mauvais-exemple.fr', 'exemple.fr', false],
  ] as const)('dNSName %s within %s: %s', (n, base, within) => expect(dnsWithin(n, base)).toBe(within));
  test.each([
    ['jeanne@exemple.fr', 'exemple.fr', true],
    ['jeanne@mail.exemple.fr', '.exemple.fr', true],
    ['jeanne@mail.exemple.fr', 'exemple.fr', false],
    ['jeanne@exemple.fr', 'paul@exemple.fr', false],
  ] as const)('rfc822Name %s within %s: %s', (n, base, within) => expect(emailWithin(n, base)).toBe(within));
  test('directoryName: a prefix of RDNs, case and spaces aside', () => {
    expect(directoryWithin([['2.5.4.6=fr'], ['2.5.4.10=a b'], ['2.5.4.3=x']], [['2.5.4.6=fr'], ['2.5.4.10=a b']])).toBe(true);
    expect(directoryWithin([['2.5.4.6=fr'], ['2.5.4.10=c']], [['2.5.4.6=fr'], ['2.5.4.10=a b']])).toBe(false);
  });
});
