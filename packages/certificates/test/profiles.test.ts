import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { openBundle, type Role } from '@sne-toolbox/certificates';
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
