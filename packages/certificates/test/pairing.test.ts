import { describe, expect, test } from 'vitest';
import { checkBundle, openBundle } from '@sne-toolbox/certificates';
import type { CertificateWarning } from '../src/core/errors.js';
import { certificateDerOf, privateKeyOf } from '../src/core/bundle.js';
import { type CertificateGroup, groupCertificates, groupKeys, type KeyGroup, orphanKeyWarnings, pairKeys } from '../src/core/pairing.js';
import { writePkcs12 } from '../src/core/pkcs12.js';
import { emptyFound, type Found } from '../src/core/read/found.js';
import { type BundleInput, readInput } from '../src/core/read/input.js';
import { fixture, KEYTOOL_PASSWORD, NOW, PASSWORD } from './helpers.js';

// Key ↔ certificate pairing: same public key, proven by a signature; duplicates merged first.
// The forged-key threat case (same n and e, other private numbers) stays in threats.test.ts › key match.

async function found(inputs: readonly BundleInput[], password?: string): Promise<Found> {
  const f = emptyFound();
  for (const input of inputs) await readInput(input, password, f);
  return f;
}

describe('grouping before pairing', () => {
  test('a certificate met in several inputs is one group with every source', async () => {
    const f = await found(['trio-keytool.p12', 'chaine.p7b', 'chiffrement.cer'].map(fixture), KEYTOOL_PASSWORD);
    const groups = groupCertificates(f);
    expect(f.certificates.length).toBeGreaterThan(groups.length);
    expect(new Set(groups.map((g) => g.cert.fingerprintSha256)).size).toBe(groups.length);
    expect(groups.find((g) => g.sources.size === 3)).toBeDefined();
  });

  test('keys are merged by public key; localKeyIds of every copy are kept', async () => {
    const f = await found([fixture('trio-keytool.p12'), fixture('trio-keytool.p12')], KEYTOOL_PASSWORD);
    const keys = await groupKeys(f);
    expect(f.keys).toHaveLength(6);
    expect(keys.size).toBe(3);
    for (const k of keys.values()) expect(k.localKeyIds).toHaveLength(2);
  });
});

/** The pairing of one group, through the bundle-wide pairing. */
async function pairKey(group: CertificateGroup, keys: Map<string, KeyGroup>, warnings: CertificateWarning[]) {
  return (await pairKeys([group], keys, warnings)).get(group)!;
}

describe('pairKeys', () => {
  test('a key that signs for the certificate is proven and taken out of the pool', async () => {
    const f = await found([fixture('authentification.crt.pem'), fixture('authentification-pkcs1.key')]);
    const [group] = groupCertificates(f);
    const keys = await groupKeys(f);
    const warnings: CertificateWarning[] = [];
    const pairing = await pairKey(group!, keys, warnings);
    expect(pairing.keyMatches).toBe(true);
    expect(pairing.key).toBeDefined();
    expect(keys.size).toBe(0);
    expect(warnings).toEqual([]);
  });

  test('a certificate without any key: keyMatches null, no warning', async () => {
    const f = await found([fixture('chiffrement.cer')]);
    const warnings: CertificateWarning[] = [];
    expect(await pairKey(groupCertificates(f)[0]!, new Map(), warnings)).toEqual({ key: undefined, keyMatches: null });
    expect(warnings).toEqual([]);
  });

  test('a key with the same public numbers that does not sign like it: keyMatches false, KEY_MISMATCH', async () => {
    const f = await found([fixture('hostile/cle-fabriquee.crt.pem'), fixture('hostile/cle-fabriquee.key')]);
    const keys = await groupKeys(f);
    const warnings: CertificateWarning[] = [];
    const pairing = await pairKey(groupCertificates(f)[0]!, keys, warnings);
    expect(pairing).toEqual({ key: undefined, keyMatches: false });
    expect(warnings.map((w) => w.code)).toEqual(['KEY_MISMATCH']);
    expect(orphanKeyWarnings(keys)).toEqual([]);
  });

  test('a key no certificate takes: KEY_WITHOUT_CERTIFICATE', async () => {
    const f = await found([fixture('chiffrement.cer'), fixture('authentification-pkcs1.key')]);
    const keys = await groupKeys(f);
    await pairKey(groupCertificates(f)[0]!, keys, []);
    expect(orphanKeyWarnings(keys).map((w) => w.code)).toEqual(['KEY_WITHOUT_CERTIFICATE']);
  });

  // Moved from bundle.test.ts: it is a pairing rule.
  test('a key delivered with another certificate (same localKeyId) is reported as not matching', async () => {
    const sig = await openBundle([fixture('signature-modern.p12')], { password: PASSWORD, now: NOW });
    const auth = await openBundle([fixture('authentification-modern.p12')], { password: PASSWORD, now: NOW });
    const sigCert = sig.certificates.find((c) => c.role === 'signature')!;
    const authCert = auth.certificates.find((c) => c.role === 'authentification')!;
    const bytes = await writePkcs12(
      { pkcs8: privateKeyOf(auth, authCert.fingerprintSha256)!.pkcs8, certificate: certificateDerOf(sig, sigCert.fingerprintSha256)!, chain: [], friendlyName: 'x', localKeyId: new Uint8Array([1, 2, 3]) },
      'pw',
      'modern',
    );
    const mixed = await openBundle([{ name: 'mix.p12', bytes }], { password: 'pw', now: NOW });
    expect(mixed.certificates[0]).toMatchObject({ role: 'signature', hasPrivateKey: false, keyMatches: false });
    expect(mixed.warnings.map((w) => w.code)).toEqual(['KEY_WITHOUT_CERTIFICATE']);
    const { results, exitCode } = checkBundle(mixed);
    expect(exitCode).toBe(4);
    expect(results[0]!.status).toBe('cle-incorrecte');
  });
});
