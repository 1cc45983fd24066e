import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import { beforeAll, describe, expect, test } from 'vitest';
import { type CertificateBundle, exportBundle, type ExportResult, openBundle } from '@sne-toolbox/certificates';
import { fixture, HAS_OPENSSL, KEYTOOL_PASSWORD, openssl, PASSWORD } from './helpers.js';

const NOW = new Date('2026-11-28T12:00:00Z');
const OUT_PASSWORD = 'Sortie-àéîõü-€-Ωμ-🔐';

let rsa: CertificateBundle;
let ec: CertificateBundle;
beforeAll(async () => {
  rsa = await openBundle([fixture('trio-keytool.p12')], { password: KEYTOOL_PASSWORD, now: NOW });
  ec = await openBundle(['ec-chiffrement.p12', 'ec-signature.p12', 'ec-authentification.p12'].map(fixture), { password: PASSWORD, now: NOW });
});

function file(result: ExportResult, name: string): Uint8Array {
  const f = result.files.find((x) => x.name === name);
  if (!f) throw new Error(`missing ${name}`);
  return f.bytes;
}

/** Public key of a certificate and of a private key, as SPKI DER, with Node's own crypto. */
function samePublicKey(certDer: Uint8Array, keyPem: string, passphrase?: string): boolean {
  const certKey = new X509Certificate(certDer).publicKey.export({ type: 'spki', format: 'der' });
  const fromPrivate = createPublicKey(createPrivateKey(passphrase ? { key: keyPem, passphrase } : keyPem)).export({ type: 'spki', format: 'der' });
  return certKey.equals(fromPrivate);
}

describe.each([
  ['RSA', () => rsa],
  ['EC P-256', () => ec],
])('%s bundle', (_name, bundle) => {
  for (const profile of ['compatible', 'modern'] as const) {
    test(`${profile}: files, round trip through our reader, chiffrement.cer is the encryption certificate only`, async () => {
      const result = await exportBundle(bundle(), { password: OUT_PASSWORD, profile, pem: true, fileNames: 'plain', now: NOW });
      expect(result.files.map((f) => [f.name, f.secret])).toEqual([
        ['chiffrement.cer', false],
        ['chiffrement.txt', false],
        ['signature.p12', true],
        ['authentification.p12', true],
        ['authentification.key.pem', true],
        ['authentification.crt.pem', false],
        ['chaine.pem', false],
        ['renouvellement.ics', false],
        ['LISEZMOI.txt', false],
      ]);
      // OUT_PASSWORD is non-ASCII on purpose (it tests the BMPString encoding): Java would refuse it.
      expect(result.warnings.map((w) => w.code)).toEqual(['PASSWORD_NOT_PORTABLE']);
      const enc = bundle().certificates.find((c) => c.role === 'chiffrement')!;
      expect(new X509Certificate(file(result, 'chiffrement.cer')).fingerprint256).toBe(enc.fingerprintSha256);
      const txt = new TextDecoder().decode(file(result, 'chiffrement.txt'));
      expect(txt).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/);
      expect(txt).not.toMatch(/PRIVATE KEY/);
      expect(new X509Certificate(txt).fingerprint256).toBe(enc.fingerprintSha256);

      for (const role of ['signature', 'authentification'] as const) {
        const reopened = await openBundle([{ name: `${role}.p12`, bytes: file(result, `${role}.p12`) }], { password: OUT_PASSWORD, now: NOW });
        const leaf = reopened.certificates.find((c) => c.hasPrivateKey)!;
        expect(leaf.role).toBe(role);
        expect(leaf.fingerprintSha256).toBe(bundle().certificates.find((c) => c.role === role)!.fingerprintSha256);
        expect(reopened.certificates.filter((c) => c.role === 'autorite')).toHaveLength(2);
        expect(leaf.chain).toBe('complete');
      }
      const keyPem = new TextDecoder().decode(file(result, 'authentification.key.pem'));
      expect(keyPem).toContain('-----BEGIN ENCRYPTED PRIVATE KEY-----');
      expect(samePublicKey(file(result, 'authentification.crt.pem'), keyPem, OUT_PASSWORD)).toBe(true);
      expect(() => createPrivateKey({ key: keyPem, passphrase: 'faux' })).toThrow();
    });

    test.skipIf(!HAS_OPENSSL)(`${profile}: OpenSSL opens each .p12 without -legacy, right key for the right certificate, promised algorithms`, async () => {
      const result = await exportBundle(bundle(), { password: OUT_PASSWORD, profile, fileNames: 'plain', now: NOW });
      for (const role of ['signature', 'authentification'] as const) {
        const p12 = file(result, `${role}.p12`);
        const info = openssl(['pkcs12', '-info', '-noout', '-passin', `pass:${OUT_PASSWORD}`], p12);
        expect(info.code, info.stderr).toBe(0);
        if (profile === 'compatible') {
          expect(info.stderr).toContain('MAC: sha1');
          expect(info.stderr).toContain('Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC');
          expect(info.stderr).toContain('PKCS7 Encrypted data: pbeWithSHA1And3-KeyTripleDES-CBC');
        } else {
          expect(info.stderr).toContain('MAC: sha256');
          expect(info.stderr).toContain('Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC');
          expect(info.stderr).toContain('PRF hmacWithSHA256');
        }
        const keyPem = openssl(['pkcs12', '-nocerts', '-nodes', '-passin', `pass:${OUT_PASSWORD}`], p12).stdout;
        const certPem = openssl(['pkcs12', '-clcerts', '-nokeys', '-passin', `pass:${OUT_PASSWORD}`], p12).stdout;
        const expected = bundle().certificates.find((c) => c.role === role)!;
        expect(new X509Certificate(certPem).fingerprint256).toBe(expected.fingerprintSha256);
        expect(samePublicKey(new X509Certificate(certPem).raw, keyPem)).toBe(true);
        expect(openssl(['pkcs12', '-noout', '-passin', 'pass:mauvais'], p12).code).not.toBe(0);
      }
      const cer = openssl(['x509', '-inform', 'DER', '-noout', '-ext', 'keyUsage'], file(result, 'chiffrement.cer'));
      expect(cer.stdout).toMatch(/Key Encipherment|Key Agreement/);
    });

    test(`${profile}: Node's TLS stack loads the .p12 (as a housing software would)`, async () => {
      const result = await exportBundle(bundle(), { password: OUT_PASSWORD, profile, fileNames: 'plain', now: NOW });
      expect(() => createSecureContext({ pfx: Buffer.from(file(result, 'authentification.p12')), passphrase: OUT_PASSWORD })).not.toThrow();
    });
  }
});

describe('export rules', () => {
  test('a missing role is a warning, the other files are still written; requireAll makes it an error', async () => {
    const partial = await openBundle([fixture('signature-modern.p12')], { password: PASSWORD, now: NOW });
    const result = await exportBundle(partial, { password: 'x', fileNames: 'plain', now: NOW });
    expect(result.files.map((f) => f.name)).toEqual(['signature.p12', 'renouvellement.ics', 'LISEZMOI.txt']);
    expect(result.warnings.map((w) => w.code)).toEqual(['ROLE_MISSING', 'ROLE_MISSING']);
    await expect(exportBundle(partial, { password: 'x', requireAll: true })).rejects.toMatchObject({ code: 'ROLE_MISSING' });
  });

  test('private keys are never written unprotected', async () => {
    await expect(exportBundle(rsa, { password: '' })).rejects.toMatchObject({ code: 'PASSWORD_REQUIRED' });
  });

  test('LISEZMOI.txt says who gets what, with expiry dates and fingerprints, in French', async () => {
    const result = await exportBundle(rsa, { password: 'x', fileNames: 'plain', now: NOW });
    const text = new TextDecoder().decode(file(result, 'LISEZMOI.txt'));
    expect(text).toContain('gestionnaire territorial');
    expect(text).toContain('Outlook');
    expect(text).toContain('Pelehas');
    expect(text).toContain('01/01/2035');
    for (const c of rsa.certificates.filter((x) => x.role !== 'autorite')) expect(text).toContain(c.fingerprintSha256);
    expect(text).not.toContain(KEYTOOL_PASSWORD);
  });

  test('LISEZMOI.txt gives Outlook and Thunderbird each their own steps, with the real file and certificate names', async () => {
    const result = await exportBundle(rsa, { password: 'x', now: NOW });
    const text = new TextDecoder().decode(file(result, 'LISEZMOI.txt')).replace(/[\u202f\u00a0]/g, ' ');
    const outlook = text.indexOf('   Avec Outlook');
    const thunderbird = text.indexOf('   Avec Thunderbird');
    expect(outlook).toBeGreaterThan(text.indexOf('2. signature - Jeanne Dupont-Lefèvre.p12'));
    expect(thunderbird).toBeGreaterThan(outlook);
    const steps = text.slice(thunderbird, text.indexOf('3. authentification'));
    // Labels of Thunderbird's French localisation (docs/importers.md gives their sources).
    for (const label of ['Paramètres des comptes', 'Chiffrement de bout en bout', 'Gestion des certificats S/MIME', 'Vos certificats', 'Importer…', 'Certificat personnel pour la signature numérique', 'Sélectionner un certificat…']) {
      expect(steps).toContain(label);
    }
    expect(steps).toContain('choisissez signature - Jeanne Dupont-Lefèvre.p12');
    expect(steps).toContain('« Signature - Jeanne Dupont-Lefèvre »');
    expect(steps).toContain("N'importez pas authentification - Jeanne Dupont-Lefèvre.p12");
  });

  test('the renewed certificate wins when two share a role, with a warning', async () => {
    const both = await openBundle([fixture('expire.p12'), fixture('signature-modern.p12')], { password: PASSWORD, now: NOW });
    const result = await exportBundle(both, { password: 'x', fileNames: 'plain', now: NOW });
    expect(result.chosen.signature!.notAfter).toBe('2034-12-31T23:59:59.000Z');
    // Same holder, same role: the old one is named as replaced, not as a mere duplicate.
    const superseded = result.warnings.filter((w) => w.code === 'SUPERSEDED');
    expect(superseded).toHaveLength(1);
    const old = both.certificates.find((c) => c.role === 'signature' && c.validity === 'expire')!;
    expect(superseded[0]!.message).toContain(old.fingerprintSha256.slice(0, 23));
    expect(result.warnings.map((w) => w.code)).not.toContain('ROLE_DUPLICATE');
  });
});
