import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { checkBundle, exportBundle, openBundle } from '@sne-toolbox/certificates';
import { certificate, extensions, name, pem } from '../../../scripts/make-hostile-inputs.mjs';
import { asRsaEncryption, parsePkcs8, proveKeyPair } from '../src/core/keys.js';
import { FIXTURES, NOW } from './helpers.js';

// Issue 19, items 15 and 3: every key type is paired by the same proof (a signature of a random
// challenge verified by the certificate's key), and without WebCrypto nothing is called proven.

const NSS_PSS = join(FIXTURES, '../../../../test/vectors/nss/TestRSAPSS.p12');
const HOSTILE = join(FIXTURES, 'hostile');
const input = (path: string) => ({ name: path.split('/').pop()!, bytes: new Uint8Array(readFileSync(path)) });

describe('RSA-PSS keys (item 15)', () => {
  // id-RSASSA-PSS without parameters here; NSS's file below carries them (SHA-256, MGF1, salt).
  const keys = generateKeyPairSync('rsa-pss', { modulusLength: 2048 });
  const spki = new Uint8Array(keys.publicKey.export({ type: 'spki', format: 'der' }));
  const pkcs8 = new Uint8Array(keys.privateKey.export({ type: 'pkcs8', format: 'der' }));

  test('an id-RSASSA-PSS key is proven against its own SPKI, and not against another', async () => {
    const key = await parsePkcs8(pkcs8);
    expect(await proveKeyPair(key, spki)).toBe(true);
    const other = generateKeyPairSync('rsa-pss', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' });
    expect(await proveKeyPair(key, new Uint8Array(other))).toBe(false);
  });

  test('asRsaEncryption rewrites only the algorithm identifier', () => {
    const rewritten = asRsaEncryption(spki);
    expect(rewritten).not.toEqual(spki);
    expect(Buffer.from(rewritten).includes(Buffer.from(spki.subarray(spki.length - 200)))).toBe(true);
    expect(asRsaEncryption(rewritten)).toEqual(rewritten);
  });

  test('NSS TestRSAPSS.p12 (empty password): the key is paired; check judges only the dates', async () => {
    const bundle = await openBundle([input(NSS_PSS)], { password: '', now: NOW });
    expect(bundle.certificates.filter((c) => c.hasPrivateKey && c.keyMatches === true)).toHaveLength(1);
    expect(checkBundle(bundle).results.map((r) => r.status)).not.toContain('cle-incorrecte');
  });
});

describe('no WebCrypto subtle: a proof is a proof (item 3)', () => {
  afterEach(() => vi.unstubAllGlobals());
  const withoutSubtle = () => vi.stubGlobal('crypto', { getRandomValues: <T extends ArrayBufferView>(a: T) => globalThis.crypto.getRandomValues(a) });

  test('proveKeyPair resolves to null, never true, when subtle is missing', async () => {
    const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const key = await parsePkcs8(new Uint8Array(keys.privateKey.export({ type: 'pkcs8', format: 'der' })));
    expect(await proveKeyPair(key, new Uint8Array(keys.publicKey.export({ type: 'spki', format: 'der' })), () => undefined)).toBeNull();
  });

  test('the forged-key fixture is « non vérifiée », with KEY_UNVERIFIED, never « prouvée »', async () => {
    const inputs = [input(join(HOSTILE, 'cle-fabriquee.crt.pem')), input(join(HOSTILE, 'cle-fabriquee.key'))];
    withoutSubtle();
    const bundle = await openBundle(inputs, { now: NOW });
    vi.unstubAllGlobals();
    expect(bundle.certificates[0]!.keyMatches).not.toBe(true);
    expect(bundle.warnings.map((w) => w.code)).toContain('KEY_UNVERIFIED');
  });

  test('an unverified key is exported only with KEY_UNVERIFIED, also in LISEZMOI', async () => {
    const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const subject = name([['c', 'FR'], ['cn', 'Porteur Non Vérifié']]);
    const cert = certificate({ serial: 3, issuer: subject, subject, publicKey: keys.publicKey, issuerKey: keys.privateKey, exts: [extensions.keyUsage('digitalSignature', 'nonRepudiation')] });
    const text = pem('CERTIFICATE', cert) + String(keys.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    withoutSubtle();
    const bundle = await openBundle([{ name: 'paire.pem', bytes: new TextEncoder().encode(text) }], { now: NOW });
    vi.unstubAllGlobals();
    expect(bundle.certificates[0]).toMatchObject({ hasPrivateKey: true, keyMatches: null });
    const result = await exportBundle(bundle, { password: 'Export-19', now: NOW });
    expect(result.files.some((f) => f.secret)).toBe(true);
    expect(result.warnings.map((w) => w.code)).toContain('KEY_UNVERIFIED');
    expect(new TextDecoder().decode(result.files.find((f) => f.kind === 'readme')!.bytes)).toMatch(/NON VÉRIFIÉE/);
  });
});
