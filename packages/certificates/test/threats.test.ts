import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type BundleInput, CertificateBundle, type ChainStatus, checkBundle, exportBundle, openBundle } from '@sne-toolbox/certificates';
import * as hostile from '../scripts/hostile-files.mjs';
import { FIXTURES, runCli } from './helpers.js';

// The threat table of docs/reliability.md: every crafted input ends with its code. Crafted files
// come from scripts/make-hostile-fixtures.sh (OpenSSL) and scripts/hostile-files.mjs (structures
// OpenSSL cannot write). Time bounds are measured by bench/certificate-bounds.mjs, not here.

const HOSTILE = join(FIXTURES, 'hostile');
const NOW = new Date('2026-11-28T12:00:00Z');
const file = (name: string): BundleInput => ({ name, bytes: new Uint8Array(readFileSync(join(HOSTILE, name))) });
const bytes = (name: string, b: Uint8Array): BundleInput => ({ name, bytes: new Uint8Array(b) });
const codeOf = (p: Promise<unknown>) => p.then(() => 'ok', (e: { code?: string }) => e.code ?? String(e));
const pemToDer = (pem: string) => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'));

describe('work is bounded per file, whatever its shape', () => {
  test.each([
    ['256 entries over one 16 MB stream (overlap)', () => hostile.zipBombOverlap()],
    ['an entry declaring 100 bytes that inflates to 200 MB', () => hostile.zipBombDeclaredSizeLie()],
    ['five 15 MB entries (over the 64 MB total)', () => hostile.zipOverTotal()],
    ['two entries with the same name', () => hostile.zipDuplicateNames(readFileSync(join(FIXTURES, 'signature-modern.p12')))],
    ['a zip inside the zip', () => hostile.zipNested(readFileSync(join(FIXTURES, 'signature-modern.p12')))],
  ])('zip: %s → LIMIT_EXCEEDED', async (_, make) => {
    expect(await codeOf(openBundle([bytes('bombe.zip', make())], { password: 'x' }))).toBe('LIMIT_EXCEEDED');
  });

  test.each([
    ['520 PBES2 bags at 1,000,000 iterations', () => hostile.manyPbes2Bags()],
    ['1,200 PKCS#12-PBE bags at 100,000 iterations', () => hostile.manyPkcs12Bags()],
  ])('PKCS#12 with %s, each one decrypting: one budget per file → LIMIT_EXCEEDED', async (_, make) => {
    expect(await codeOf(openBundle([bytes('sacs.p12', make())], { password: 'x' }))).toBe('LIMIT_EXCEEDED');
  });

  test('a failed MAC stops the work: one item is tried, only to tell a damaged file from a wrong password', async () => {
    // 520 bags that "x" opens, under a MAC made with another password: trying them all would exceed
    // the budget (LIMIT_EXCEEDED); stopping after one gives CORRUPT_FILE (the password opens the
    // content, so the file was altered) or BAD_PASSWORD (it does not).
    const p12 = hostile.manyPbes2Bags(520, { macPassword: 'autre' });
    expect(await codeOf(openBundle([bytes('mac.p12', p12)], { password: 'x' }))).toBe('CORRUPT_FILE');
    expect(await codeOf(openBundle([bytes('mac.p12', p12)], { password: 'y' }))).toBe('BAD_PASSWORD');
  });

  test('a PEM of BEGIN lines just under 4 MB → UNSUPPORTED_FORMAT (linear scan)', async () => {
    expect(await codeOf(openBundle([bytes('debut.pem', hostile.pemBeginLines())]))).toBe('UNSUPPORTED_FORMAT');
  });
});

describe('when the MAC proves the password, never BAD_PASSWORD', () => {
  const cert = () => pemToDer(readFileSync(join(FIXTURES, 'authentification.crt.pem'), 'utf8'));
  const pkcs8 = () => hostile.pkcs1ToPkcs8(pemToDer(readFileSync(join(FIXTURES, 'authentification-pkcs1.key'), 'utf8')));

  test('a bag encrypted with the password as a BMPString (older NSS) opens, key proven', async () => {
    const p12 = hostile.macProvesPasswordBagDiffers(cert(), pkcs8(), 'Été-2026', hostile.bmp('Été-2026'));
    const bundle = await openBundle([bytes('nss.p12', p12)], { password: 'Été-2026', now: NOW });
    expect(bundle.certificates[0]).toMatchObject({ hasPrivateKey: true, keyMatches: true });
    expect(bundle.warnings.map((w) => w.code)).not.toContain('UNAUTHENTICATED');
  });

  test('a bag no known encoding opens → UNSUPPORTED_FORMAT naming the algorithm', async () => {
    const p12 = hostile.macProvesPasswordBagDiffers(cert(), pkcs8(), 'Été-2026', Buffer.from('autre chose'));
    const error = await openBundle([bytes('bizarre.p12', p12)], { password: 'Été-2026', now: NOW }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UNSUPPORTED_FORMAT' });
    expect((error as Error).message).toContain('PBES2 AES-256-CBC');
  });

  test('a wrong password is still BAD_PASSWORD', async () => {
    const p12 = hostile.macProvesPasswordBagDiffers(cert(), pkcs8(), 'Été-2026', hostile.bmp('Été-2026'));
    expect(await codeOf(openBundle([bytes('nss.p12', p12)], { password: 'faux' }))).toBe('BAD_PASSWORD');
  });
});

describe('chain status says exactly what was proven', () => {
  const statusOf = async (name: string, cn: string): Promise<[ChainStatus, string]> => {
    const bundle = await openBundle([file(name)], { now: NOW });
    const c = bundle.certificates.find((x) => x.subject.commonName === cn)!;
    return [c.chain, c.chainReason];
  };

  test.each([
    ['chaine-saine.pem', 'Titulaire TEST', 'complete', /racine « Racine TEST »/],
    ['chaine-saine.pem', 'Racine TEST', 'auto-signe', /auto-signé/],
    ['emetteur-non-ca.pem', 'Signe par une feuille', 'invalide', /CA:FALSE/],
    ['emetteur-sans-keycertsign.pem', 'Signe par AC sans keyCertSign', 'invalide', /keyCertSign/],
    ['signature-falsifiee.pem', 'Titulaire TEST', 'invalide', /ne se vérifie pas/],
    ['mauvais-emetteur.pem', 'Mauvais nom emetteur', 'incomplete', /Intermediaire TEST bis/],
    ['boucle.pem', 'Feuille en boucle', 'invalide', /boucle/],
    ['intermediaire-expire.pem', 'Sous intermediaire perime', 'invalide', /a expiré le 01\/01\/2021/],
  ] as const)('%s › %s → %s', async (name, cn, status, reason) => {
    const [chain, why] = await statusOf(name, cn);
    expect(chain).toBe(status);
    expect(why).toMatch(reason);
  });

  test('no status ever reads « valide »: inspect names what was proven', async () => {
    const r = await cli(['inspect', join(HOSTILE, 'emetteur-non-ca.pem')]);
    expect(r.stdout).toContain('Chaîne       : INVALIDE — l\'émetteur « Titulaire TEST » n\'est pas une autorité de certification');
    expect(r.stdout).not.toMatch(/Chaîne\s+: valide/);
  });
});

describe('integrity is reported', () => {
  test('a PKCS#12 without MAC: UNAUTHENTICATED in inspect, extract, check --json and LISEZMOI', async () => {
    const bundle = await openBundle([file('sans-mac.p12')], { password: '', now: NOW });
    expect(bundle.warnings.map((w) => w.code)).toContain('UNAUTHENTICATED');
    expect(bundle.certificates[0]!.unauthenticated).toMatch(/MAC/);
    const inspect = await cli(['inspect', join(HOSTILE, 'sans-mac.p12'), '--password', '']);
    expect(inspect.stdout).toContain('Intégrité    : NON PROUVÉE');
    expect(inspect.stderr).toContain('[UNAUTHENTICATED]');
    const check = await cli(['check', join(HOSTILE, 'sans-mac.p12'), '--password', '', '--json']);
    expect(JSON.parse(check.stdout)[0].warnings[0].code).toBe('UNAUTHENTICATED');
    const out = join(dir, 'envoi');
    const extract = await cli(['extract', join(HOSTILE, 'sans-mac.p12'), '--password', '', '--out-password-env', 'PW', '-o', out, '--json'], { PW: 'nouveau' });
    expect(JSON.parse(extract.stdout).warnings.map((w: { code: string }) => w.code)).toContain('UNAUTHENTICATED');
    expect(readFileSync(join(out, 'LISEZMOI.txt'), 'utf8').replace(/\u202f/g, ' ')).toContain('Rien ne prouve que « sans-mac.p12 » n\'a pas été modifié');
  });

  test('the example bundle, intact, has no such warning', async () => {
    const bundle = await openBundle([{ name: 'trio.p12', bytes: new Uint8Array(readFileSync(join(FIXTURES, 'trio-keytool.p12'))) }], { password: readFileSync(join(FIXTURES, 'password-keytool.txt'), 'utf8'), now: NOW });
    expect(bundle.warnings.map((w) => w.code)).not.toContain('UNAUTHENTICATED');
  });
});

describe('key and certificate match is proven with the private key', () => {
  test('a key with the victim\'s n and e but other private numbers: KEY_MISMATCH, not exported, check exits 4', async () => {
    const bundle = await openBundle([file('cle-fabriquee.crt.pem'), file('cle-fabriquee.key')], { now: NOW });
    expect(bundle.certificates[0]).toMatchObject({ hasPrivateKey: false, keyMatches: false });
    expect(bundle.warnings.map((w) => w.code)).toContain('KEY_MISMATCH');
    expect(checkBundle(bundle).exitCode).toBe(4);
    const { files } = await exportBundle(bundle, { password: 'x', now: NOW });
    expect(files.filter((f) => f.secret)).toEqual([]);
    const r = await cli(['check', join(HOSTILE, 'cle-fabriquee.crt.pem'), join(HOSTILE, 'cle-fabriquee.key')]);
    expect(r.code).toBe(4);
  });
});

describe('say what a file is', () => {
  test.each([
    ['liste-revocation.crl', 'UNSUPPORTED_FORMAT', /liste de révocation/],
    ['liste-revocation.crl.pem', 'UNSUPPORTED_FORMAT', /liste de révocation/],
    ['demande.csr', 'UNSUPPORTED_FORMAT', /demande de certificat/],
    ['cle-seule.key', 'NO_CERTIFICATE', /qu'une clé privée/],
    ['courbe-explicite.pem', 'UNSUPPORTED_ALGORITHM', /paramètres de courbe explicites/],
  ])('%s → %s', async (name, code, message) => {
    const error = await openBundle([file(name)], { now: NOW }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code });
    expect((error as Error).message).toMatch(message);
  });

  test.each([
    ['dsa.pem', 'DSA', 2048, null],
    ['p224.pem', 'EC', 224, 'P-224'],
    ['ed448.pem', 'Ed448', 448, null],
  ])('%s: %s, %i bits, never « 0 bits »', async (name, type, bits, curve) => {
    const bundle = await openBundle([file(name)], { now: NOW });
    expect(bundle.certificates[0]).toMatchObject({ keyType: type, keySize: bits, curve });
  });

  test.each(['iv-64', 'keylength-20', 'rc2-version'] as const)('cipher parameters %s → CORRUPT_FILE, a coded error', async (kind) => {
    expect(await codeOf(openBundle([bytes('cle.der', hostile.badCipherParameters(kind))], { password: 'x' }))).toBe('CORRUPT_FILE');
  });
});

describe('no unencrypted key through the public API', () => {
  test('CertificateBundle has no method or field that returns a key', async () => {
    const bundle = await openBundle([file('cle-fabriquee.crt.pem')], { now: NOW });
    expect(bundle).toBeInstanceOf(CertificateBundle);
    const names = [...Object.getOwnPropertyNames(bundle), ...Object.getOwnPropertyNames(CertificateBundle.prototype)];
    expect(names.sort()).toEqual(['certificates', 'constructor', 'der', 'pem', 'toJSON', 'warnings']);
    // der() and pem() give certificates only: never a key, whatever fingerprint is asked for.
    for (const c of bundle.certificates) {
      expect(bundle.pem(c.fingerprintSha256)).toMatch(/^-----BEGIN CERTIFICATE-----\r?\n[\s\S]*-----END CERTIFICATE-----\r?\n?$/);
      expect(new TextDecoder('latin1').decode(bundle.der(c.fingerprintSha256))).not.toMatch(/PRIVATE/);
    }
  });
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sne-threats-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[], env: Record<string, string> = {}) => runCli(args, { env, cwd: dir });
