import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkBundle, openBundle, type Role } from '@sne-toolbox/certificates';
import { frDays } from '../src/core/messages.js';
import { authorityHint } from '../src/core/classify.js';
import { FIXTURES } from './helpers.js';

// One certificate per real profile shape, made by scripts/make-profile-fixtures.sh.

const profile = async (name: string) =>
  (await openBundle([{ name: `${name}.pem`, bytes: new Uint8Array(readFileSync(join(FIXTURES, 'profils', `${name}.pem`))) }])).certificates[0]!;

describe('role rules on real profile shapes', () => {
  test.each([
    ['signature-non-repudiation', 'signature', /nonRepudiation/],
    ['signature-ds-nr', 'signature', /nonRepudiation/],
    ['signature-ds-seul', 'signature', /digitalSignature seul/],
    ['chiffrement-ke-email', 'chiffrement', /keyEncipherment/],
    ['chiffrement-ke-de', 'chiffrement', /dataEncipherment/],
    ['authentification-ds', 'authentification', /clientAuth/],
    ['authentification-ds-ke-client', 'authentification', /clientAuth/],
    ['authentification-client-email', 'authentification', /clientAuth/],
    ['serveur-tls', 'inconnu', /serveur/],
    ['smime-mixte', 'inconnu', /usages mêlés/],
    ['sans-eku-mixte', 'inconnu', /usages mêlés/],
  ] as [string, Role, RegExp][])('%s → %s', async (name, role, reason) => {
    const c = await profile(name);
    expect(c.role).toBe(role);
    expect(c.roleReason).toMatch(reason);
  });
});

describe('shapes of real RGS authority certificates', () => {
  // keyUsage / extendedKeyUsage / policy copied from public Certigna certificates (see the script).
  test.each([
    ['certigna-cachet', 'signature', 'Certigna', 'politique 1.2.250.1.177.2.6.1.4.1'],
    ['certigna-2ddoc', 'signature', 'Certigna', 'politique 1.2.250.1.177.2.2.1.1'],
    ['certinomis-chiffrement', 'chiffrement', 'Certinomis', 'émetteur « Certinomis (TEST) »'],
  ] as [string, Role, string, string][])('%s → %s, authority %s', async (name, role, authority, basis) => {
    const c = await profile(name);
    expect(c.role).toBe(role);
    expect(c.authority).toEqual({ name: authority, basis });
  });

  test('a certificate naming no known authority has none, and the renewal advice stays generic', async () => {
    expect((await profile('signature-ds-nr')).authority).toBeNull();
  });

  test('the policy arc wins over a misleading issuer name, and an unknown arc names nothing', () => {
    expect(authorityHint({ policies: ['1.2.250.1.177.1.0.1'], issuerNames: ['Certinomis'] })?.name).toBe('Certigna');
    expect(authorityHint({ policies: ['1.2.250.1.1770.1'], issuerNames: ['ACME'] })).toBeNull();
    expect(authorityHint({ policies: [], issuerNames: [null, 'AC Certinomis Prime'] })?.name).toBe('Certinomis');
    // A word containing the name is not the name.
    expect(authorityHint({ policies: [], issuerNames: ['Pseudocertignax'] })).toBeNull();
  });

  test('check and extract name the authority to ask for a renewal', async () => {
    const c = await profile('certigna-cachet');
    const bundle = await openBundle([{ name: 'c.pem', bytes: new Uint8Array(readFileSync(join(FIXTURES, 'profils', 'certigna-cachet.pem'))) }]);
    const { results } = checkBundle(bundle, { warnDays: 100_000 });
    expect(results[0]!.line).toMatch(/demandez son renouvellement à Certigna$/);
    expect(c.authority?.name).toBe('Certigna');
  });
});

test('days are counted in French: singular, and thousands grouped by a narrow no-break space', () => {
  expect(frDays(1)).toBe('1 jour');
  expect(frDays(0)).toBe('0 jour');
  expect(frDays(2954)).toBe('2\u202f954 jours');
  expect(frDays(-1234567)).toBe('-1\u202f234\u202f567 jours');
});
