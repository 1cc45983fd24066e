import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { openBundle } from '@sne-toolbox/certificates';
import { fromBase64, parsePem } from '../src/core/bytes.js';
import { KdfBudget } from '../src/core/crypto.js';
import { emptyFound } from '../src/core/read/found.js';
import { looksLikeBareBase64, looksLikePem, pemKind, readPemText } from '../src/core/read/pem.js';
import { FIXTURES, fixture, PASSWORD } from './helpers.js';

// PEM detection: which inputs are read as PEM text, what each block label means, and the one
// encrypted-PKCS#8 path shared with DER.

const text = (s: string) => new TextEncoder().encode(s);

describe('detection', () => {
  test.each([
    ['-----BEGIN CERTIFICATE-----\nMII…', true],
    ['Bag Attributes\n    localKeyId: 01\n-----BEGIN PRIVATE KEY-----', true],
    ['  \t-----BEGIN CERTIFICATE-----', true],
    ['\ufeff-----BEGIN CERTIFICATE-----', true],
    ['commentaire accentué\r\n-----BEGIN CERTIFICATE-----', true],
    ['-----BEGIN', false],
    ['MIIB…', false],
    // Decided by structure, not by a substring (issue 19, item 2): binary first, or BEGIN inside a line.
    ['0\u0082\u0003\u0010\u0002\u0001\u0003 trailing\n-----BEGIN CERTIFICATE-----', false],
    ['texte\u0000\n-----BEGIN CERTIFICATE-----', false],
    ['\u001b]0;titre\u0007\n-----BEGIN CERTIFICATE-----', false],
    ['voir -----BEGIN CERTIFICATE-----', false],
  ])('looksLikePem(%j) → %s', (input, expected) => {
    expect(looksLikePem(input)).toBe(expected);
  });

  const base64 = 'MII' + 'A'.repeat(80);
  test.each([
    ['base64 without armour, long enough', base64, true],
    ['with line breaks', base64.slice(0, 40) + '\r\n' + base64.slice(40), true],
    ['too short (64 characters or fewer)', 'MII' + 'A'.repeat(61), false],
    ['not base64', base64 + '!', false],
  ])('looksLikeBareBase64: %s → %s', (_, input, expected) => {
    expect(looksLikeBareBase64(text(input), input)).toBe(expected);
  });

  test('DER is never taken for base64, even when its bytes happen to be letters', () => {
    const der = new Uint8Array([0x30, ...text('A'.repeat(80))]);
    expect(looksLikeBareBase64(der, new TextDecoder().decode(der))).toBe(false);
  });

  test.each([
    ['CERTIFICATE', 'certificate'],
    ['X509 CERTIFICATE', 'certificate'],
    ['TRUSTED CERTIFICATE', 'certificate'],
    ['PRIVATE KEY', 'pkcs8'],
    ['RSA PRIVATE KEY', 'legacy-key'],
    ['EC PRIVATE KEY', 'legacy-key'],
    ['ENCRYPTED PRIVATE KEY', 'encrypted-pkcs8'],
    ['PKCS7', 'pkcs7'],
    ['CMS', 'pkcs7'],
    ['X509 CRL', 'crl'],
    ['CERTIFICATE REQUEST', 'csr'],
    ['NEW CERTIFICATE REQUEST', 'csr'],
    ['PUBLIC KEY', null],
    ['A', null],
  ])('label %s → %s', (label, kind) => {
    expect(pemKind(label)).toBe(kind);
  });
});

describe('readPemText', () => {
  const read = async (pem: string, password?: string) => {
    const found = emptyFound();
    const read = await readPemText(pem, 'f.pem', password, found, new KdfBudget());
    return { read, found };
  };

  test('no block: false, nothing found (the input is then read as DER)', async () => {
    expect(await read('-----BEGIN pas vraiment')).toMatchObject({ read: false, found: { certificates: [], keys: [] } });
  });

  test('certificates, keys, CRL and CSR go each to their place; unknown labels are ignored', async () => {
    const pem = [readFileSync(`${FIXTURES}chaine.pem`, 'utf8'), readFileSync(`${FIXTURES}hostile/liste-revocation.crl.pem`, 'utf8'), readFileSync(`${FIXTURES}hostile/demande.csr`, 'utf8'), readFileSync(`${FIXTURES}hostile/cle-seule.key`, 'utf8'), '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n'].join('\n');
    const { read: ok, found } = await read(pem);
    expect(ok).toBe(true);
    expect(found.certificates).toHaveLength(2);
    expect(found.keys).toHaveLength(1);
    expect(found.others.map((o) => o.kind)).toEqual(['crl', 'csr']);
  });

  test('old OpenSSL PEM encryption (Proc-Type) is UNSUPPORTED_FORMAT', async () => {
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: DES-EDE3-CBC,0011223344556677\n\nAAAA\n-----END RSA PRIVATE KEY-----\n';
    await expect(read(pem)).rejects.toMatchObject({ code: 'UNSUPPORTED_FORMAT' });
  });
});

describe('one reading per file (issue 19, item 2)', () => {
  const p12 = fixture('signature-modern.p12');
  const appended = (tail: Uint8Array) => ({ name: 'signature.p12', bytes: new Uint8Array([...p12.bytes, ...tail]) });
  // A certificate and an unencrypted key: read as PEM, they would need no password.
  const pemPair = text(readFileSync(`${FIXTURES}authentification.crt.pem`, 'utf8') + readFileSync(`${FIXTURES}hostile/cle-seule.key`, 'utf8'));

  test('a PEM pair appended to a .p12 is never read: the PKCS#12 content, UNAUTHENTICATED', async () => {
    const original = await openBundle([p12], { password: PASSWORD });
    const bundle = await openBundle([appended(pemPair)], { password: PASSWORD });
    expect(bundle.certificates.map((c) => c.fingerprintSha256)).toEqual(original.certificates.map((c) => c.fingerprintSha256));
    for (const c of bundle.certificates) expect(c.unauthenticated).toMatch(/octets suivent/);
    expect(bundle.warnings.map((w) => w.code)).toContain('UNAUTHENTICATED');
  });

  test('without its password, the .p12 followed by PEM still asks for it (the PEM does not answer instead)', async () => {
    await expect(openBundle([appended(pemPair)])).rejects.toMatchObject({ code: 'PASSWORD_REQUIRED' });
  });

  test('a PEM file with text before its blocks is still read as PEM', async () => {
    const bundle = await openBundle([{ name: 'chaine.pem', bytes: text(`Bag Attributes\n    friendlyName: chaîne\n${readFileSync(`${FIXTURES}chaine.pem`, 'utf8')}`) }]);
    expect(bundle.certificates).toHaveLength(2);
  });
});

describe('one encrypted-PKCS#8 path, PEM or DER', () => {
  const pem = readFileSync(`${FIXTURES}authentification-bundle.pem`, 'utf8');
  const block = parsePem(pem).find((b) => b.label === 'ENCRYPTED PRIVATE KEY')!;
  const keyPem = { name: 'cle.pem', bytes: text(`-----BEGIN ENCRYPTED PRIVATE KEY-----\n${Buffer.from(block.der).toString('base64')}\n-----END ENCRYPTED PRIVATE KEY-----\n`) };
  const keyDer = { name: 'cle.pem', bytes: block.der };
  const certificate = fixture('authentification.crt.pem');

  test.each([
    [undefined, 'PASSWORD_REQUIRED'],
    ['mauvais', 'BAD_PASSWORD'],
  ])('password %j → %s, the same message for both forms', async (password, code) => {
    const options = password === undefined ? {} : { password };
    const fromPem = await openBundle([certificate, keyPem], options).catch((e: Error & { code: string }) => e);
    const fromDer = await openBundle([certificate, keyDer], options).catch((e: Error & { code: string }) => e);
    expect(fromPem).toMatchObject({ code, file: 'cle.pem' });
    expect(fromDer).toMatchObject({ code, file: 'cle.pem' });
    expect((fromDer as Error).message).toBe((fromPem as Error).message);
  });

  test('the right password opens both forms to the same key', async () => {
    const a = await openBundle([certificate, keyPem], { password: PASSWORD });
    const b = await openBundle([certificate, keyDer], { password: PASSWORD });
    expect(a.certificates[0]!.hasPrivateKey).toBe(true);
    expect(b.certificates[0]!.hasPrivateKey).toBe(true);
  });

  test('a .txt of bare base64 is decoded and read as DER', async () => {
    const der = fromBase64(readFileSync(`${FIXTURES}chiffrement.cer`).toString('base64'))!;
    const bundle = await openBundle([{ name: 'chiffrement.txt', bytes: text(Buffer.from(der).toString('base64')) }]);
    expect(bundle.certificates.map((c) => c.role)).toEqual(['chiffrement']);
  });
});
