import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { type CertificateErrorCode, openBundle, type Role } from '@sne-toolbox/certificates';
import { FIXTURES, fixture, KEYTOOL_PASSWORD, PASSWORD, VECTORS } from './helpers.js';

const NOW = new Date('2026-11-28T12:00:00Z');

function roles(bundle: Awaited<ReturnType<typeof openBundle>>): string[] {
  return bundle.certificates.map((c) => `${c.role}${c.hasPrivateKey ? '+key' : ''}`);
}

describe('PKCS#12 files made by other tools (test/vectors)', () => {
  const manifest = JSON.parse(readFileSync(`${VECTORS}manifest.json`, 'utf8')) as Record<string, { password: string; expect: string; leafCommonName?: string }>;
  test.each(Object.entries(manifest))('%s', async (file, m) => {
    const input = { name: file, bytes: new Uint8Array(readFileSync(VECTORS + file)) };
    if (m.expect === 'ok') {
      const bundle = await openBundle([input], { password: m.password, now: NOW });
      const leaf = bundle.certificates.find((c) => c.hasPrivateKey);
      expect(leaf).toBeDefined();
      if (m.leafCommonName) expect(leaf!.subject.commonName).toBe(m.leafCommonName);
    } else {
      await expect(openBundle([input], { password: m.password })).rejects.toMatchObject({ code: 'CORRUPT_FILE' });
    }
  });
});

describe('our fixtures (OpenSSL 3, keytool)', () => {
  const cases: [string[], string, string[]][] = [
    [['trio-keytool.p12'], KEYTOOL_PASSWORD, ['chiffrement+key', 'signature+key', 'authentification+key', 'autorite', 'autorite']],
    [['chiffrement-legacy.p12', 'signature-legacy.p12', 'authentification-legacy.p12'], PASSWORD, ['chiffrement+key', 'signature+key', 'authentification+key', 'autorite', 'autorite']],
    [['chiffrement-modern.p12', 'signature-modern.p12', 'authentification-modern.p12'], PASSWORD, ['chiffrement+key', 'signature+key', 'authentification+key', 'autorite', 'autorite']],
    [['ec-chiffrement.p12', 'ec-signature.p12', 'ec-authentification.p12'], PASSWORD, ['chiffrement+key', 'signature+key', 'authentification+key', 'autorite', 'autorite']],
    [['ec384-authentification.p12'], PASSWORD, ['authentification+key', 'autorite', 'autorite']],
    [['authentification-bundle.pem'], PASSWORD, ['authentification+key', 'autorite', 'autorite']],
    [['authentification.crt.pem', 'authentification-pkcs1.key', 'chaine.pem'], '', ['authentification+key', 'autorite', 'autorite']],
    [['ec-signature.crt.pem', 'ec-signature-sec1.key'], '', ['signature+key']],
    [['chiffrement.cer'], '', ['chiffrement']],
    [['chaine.p7b'], '', ['chiffrement', 'autorite', 'autorite']],
    [['chaine-pem.p7b'], '', ['signature', 'autorite', 'autorite']],
    [['bundle.zip'], PASSWORD, ['chiffrement+key', 'signature+key', 'authentification+key', 'autorite', 'autorite']],
    // keyUsage digitalSignature + keyEncipherment with clientAuth: the common TLS client profile.
    [['ambigu.p12'], PASSWORD, ['authentification+key', 'autorite', 'autorite']],
  ];
  test.each(cases)('%j', async (files, password, expected) => {
    const bundle = await openBundle(files.map(fixture), { password, now: NOW });
    expect(roles(bundle)).toEqual(expected);
    for (const c of bundle.certificates) {
      expect(c.chain).toBe(c.role === 'autorite' && c.issuer.text === c.subject.text ? 'auto-signe' : files.includes('ec-signature.crt.pem') || files.includes('chiffrement.cer') ? 'incomplete' : 'complete');
    }
  });

  test('an unencrypted PKCS#8 PEM key with its certificate', async () => {
    const { createPrivateKey } = await import('node:crypto');
    const pkcs1 = fixture('authentification-pkcs1.key');
    const pkcs8 = createPrivateKey(Buffer.from(pkcs1.bytes)).export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(pkcs8).toContain('-----BEGIN PRIVATE KEY-----');
    const bundle = await openBundle([fixture('authentification.crt.pem'), { name: 'cle.pem', bytes: new TextEncoder().encode(pkcs8) }], { now: NOW });
    expect(roles(bundle)).toEqual(['authentification+key']);
  });

  test('merging inputs removes duplicates (the chain repeated in every file)', async () => {
    const bundle = await openBundle(['trio-keytool.p12', 'chaine.p7b', 'chiffrement.cer'].map(fixture), { password: KEYTOOL_PASSWORD, now: NOW });
    expect(bundle.certificates).toHaveLength(5);
    expect(bundle.certificates.find((c) => c.role === 'chiffrement')!.sources).toEqual(['trio-keytool.p12', 'chaine.p7b', 'chiffrement.cer']);
  });

  test('summary fields for inspect --json', async () => {
    const bundle = await openBundle([fixture('signature-modern.p12')], { password: PASSWORD, now: NOW });
    const sig = bundle.certificates.find((c) => c.role === 'signature')!;
    expect(sig).toMatchObject({
      subject: { commonName: 'Jeanne Dupont-Lefèvre', organization: 'OPH Exemple (TEST)', email: 'jeanne.dupont@oph-exemple.invalid' },
      issuer: { commonName: 'AC RGS TEST SNE Toolbox' },
      notBefore: '2025-01-01T00:00:00.000Z',
      notAfter: '2034-12-31T23:59:59.000Z',
      daysLeft: 2956,
      keyType: 'RSA',
      keySize: 2048,
      keyUsage: ['digitalSignature', 'nonRepudiation'],
      extendedKeyUsage: ['emailProtection'],
      policies: ['2.999.1.2.2'],
      hasPrivateKey: true,
      keyMatches: true,
    });
    expect(sig.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(JSON.stringify(bundle)).not.toContain(PASSWORD);
  });

  test('EC keys: curve and size', async () => {
    const bundle = await openBundle([fixture('ec384-authentification.p12')], { password: PASSWORD, now: NOW });
    expect(bundle.certificates[0]).toMatchObject({ role: 'authentification', keyType: 'EC', keySize: 384, curve: 'P-384', hasPrivateKey: true });
  });

  test('expired and not-yet-valid certificates', async () => {
    const bundle = await openBundle([fixture('expire.p12'), fixture('futur.p12')], { password: PASSWORD, now: NOW });
    const leaves = bundle.certificates.filter((c) => c.role !== 'autorite');
    expect(leaves.map((c) => [c.role, c.validity])).toEqual([
      ['signature', 'expire'],
      ['authentification', 'pas-encore-valide'],
    ]);
  });

  test('--role overrides an ambiguous certificate by fingerprint prefix', async () => {
    const mixed = fixture('profils/smime-mixte.pem');
    const first = await openBundle([mixed], { now: NOW });
    const ambiguous = first.certificates.find((c) => c.role === 'inconnu')!;
    expect(ambiguous.roleReason).toContain('usages mêlés');
    const prefix = ambiguous.fingerprintSha256.slice(0, 11);
    const second = await openBundle([mixed], { now: NOW, roles: { [prefix]: 'signature' as Role } });
    expect(second.certificates.find((c) => c.fingerprintSha256 === ambiguous.fingerprintSha256)!.role).toBe('signature');
  });
});

describe('errors', () => {
  test.each([
    [['trio-keytool.p12'], 'mauvais', 'BAD_PASSWORD'],
    [['signature-legacy.p12'], 'Elephant-ete-Noel-€2026', 'BAD_PASSWORD'],
    [['signature-modern.p12'], undefined, 'PASSWORD_REQUIRED'],
    [['authentification-bundle.pem'], undefined, 'PASSWORD_REQUIRED'],
    [['authentification-bundle.pem'], 'mauvais', 'BAD_PASSWORD'],
    [['tronque.p12'], KEYTOOL_PASSWORD, 'CORRUPT_FILE'],
    [['aleatoire.bin'], undefined, 'UNSUPPORTED_FORMAT'],
    [['ed25519.p12'], PASSWORD, 'UNSUPPORTED_ALGORITHM'],
    [['authentification-pkcs1.key'], undefined, 'NO_CERTIFICATE'],
  ] as [string[], string | undefined, CertificateErrorCode][])('%j with %j → %s', async (files, password, code) => {
    const error = await openBundle(files.map(fixture), password === undefined ? {} : { password }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code });
    if (password) expect(String((error as Error).message)).not.toContain(password);
  });

  test('a PDF or an empty file is UNSUPPORTED_FORMAT and says so', async () => {
    await expect(openBundle([{ name: 'doc.pdf', bytes: new TextEncoder().encode('%PDF-1.7 ...') }])).rejects.toMatchObject({ code: 'UNSUPPORTED_FORMAT', message: expect.stringContaining('PDF') });
    await expect(openBundle([{ name: 'vide.p12', bytes: new Uint8Array(0) }])).rejects.toMatchObject({ code: 'UNSUPPORTED_FORMAT' });
  });

  test('fixture password files hold exactly what the script wrote', () => {
    const script = readFileSync(new URL('../scripts/make-fixtures.sh', import.meta.url), 'utf8');
    expect(readFileSync(`${FIXTURES}password.txt`, 'utf8')).toBe(/^PW='([^']+)'$/m.exec(script)?.[1]);
    expect(readFileSync(`${FIXTURES}password-keytool.txt`, 'utf8')).toBe(/^KT_PW='([^']+)'$/m.exec(script)?.[1]);
  });
});
