import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { type CertificateBundle, type CertificateWarning, exportBundle, isPortablePassword, openBundle, passwordWarning } from '@sne-toolbox/certificates';
import { fixture, KEYTOOL_PASSWORD, NOW, PASSWORD, runCli } from './helpers.js';

// Java accepts only U+0020–U+007E in a PKCS#12 password (measured: docs/importers.md, test/importers.test.ts).
describe('isPortablePassword: Java\'s rule, U+0020 to U+007E', () => {
  test.each([
    ['Keytool-Test-2026', true],
    [' !~ space and the ends of the range', true],
    ['', true],
    ['Mötdepassé', false],
    ['Œuf', false],
    ['€2026', false],
    ['tab\there', false],
    ['del\u007f', false],
    ['nbsp\u00a0', false],
    ['🔐', false],
  ])('%j → %s', (password, portable) => {
    expect(isPortablePassword(password)).toBe(portable);
    expect(passwordWarning(password, 'given')?.code).toBe(portable ? undefined : 'PASSWORD_NOT_PORTABLE');
  });
});

describe('exportBundle: PASSWORD_NOT_PORTABLE', () => {
  let trio: CertificateBundle;
  beforeAll(async () => {
    trio = await openBundle([fixture('trio-keytool.p12')], { password: KEYTOOL_PASSWORD, now: NOW });
  });
  const codes = (ws: readonly CertificateWarning[]) => ws.map((w) => w.code);
  const readme = (files: { name: string; bytes: Uint8Array }[]) => new TextDecoder().decode(files.find((f) => f.name === 'LISEZMOI.txt')!.bytes);

  test.each([
    ['Mötdepassé-Œuf-2026', false, 'given'],
    ['Mötdepassé-Œuf-2026', true, 'reused'],
    ['tab\tin-password', false, 'given'],
    ['del\u007fin-password', false, 'given'],
  ] as const)('%j (reused: %s) warns, says the source, names no CLI option; LISEZMOI tells it in MOT DE PASSE', async (password, passwordReused, source) => {
    const result = await exportBundle(trio, { password, passwordReused, fileNames: 'plain', now: NOW });
    const warning = result.warnings.find((w) => w.code === 'PASSWORD_NOT_PORTABLE');
    expect(warning).toMatchObject({ passwordSource: source });
    expect(warning!.message).toContain('Java');
    expect(warning!.message).not.toMatch(/--/);
    expect(warning!.message.includes('du fichier d\'origine, repris')).toBe(source === 'reused');
    const text = readme(result.files);
    const passwordSection = text.slice(text.indexOf('MOT DE PASSE'), text.indexOf('Vérifiez les empreintes'));
    expect(passwordSection).toContain('les logiciels écrits en Java refusent');
    expect(passwordSection).toContain('authentification.p12');
    expect(text.split('écrits en Java refusent').length - 1).toBe(1); // told once, beside the password, not again in AVERTISSEMENTS
    expect(text).not.toContain(password);
  });

  test('an ASCII password, space included, gives no warning and no paragraph', async () => {
    const result = await exportBundle(trio, { password: 'Mot de passe ~ 2026!', passwordReused: true, fileNames: 'plain', now: NOW });
    expect(codes(result.warnings)).not.toContain('PASSWORD_NOT_PORTABLE');
    expect(readme(result.files)).not.toContain('Java refusent');
  });

  test('no warning when no key is written (the encryption certificate alone needs no password)', async () => {
    const enc = await openBundle([fixture('trio-keytool.p12')], { password: KEYTOOL_PASSWORD, now: NOW });
    const publicOnly = await openBundle([{ name: 'chiffrement.cer', bytes: (await exportBundle(enc, { password: 'x', fileNames: 'plain', now: NOW })).files.find((f) => f.name === 'chiffrement.cer')!.bytes }], { now: NOW });
    expect(codes((await exportBundle(publicOnly, { password: 'é', now: NOW })).warnings)).not.toContain('PASSWORD_NOT_PORTABLE');
  });
});

describe('sne-certificates extract: PASSWORD_NOT_PORTABLE with its hint', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sne-cert-pw-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const TRIO = ['extract', '--plain-names', 'trio-keytool.p12', '--password-env', 'PW'];

  test('an accented --out-password-env: stderr gives the warning, then the hint with the options', async () => {
    const r = await runCli([...TRIO, '-o', join(dir, 'out'), '--out-password-env', 'OUT'], { env: { PW: KEYTOOL_PASSWORD, OUT: 'Mötdepassé-Œuf-2026' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Avertissement \[PASSWORD_NOT_PORTABLE\]\u202f: Le mot de passe choisi .*Java.*\n {3}Pour choisir un autre mot de passe des fichiers exportés\u202f: --out-password-env VARIABLE ou --out-password-file FICHIER\.\n/);
    expect(r.stderr).not.toContain('Mötdepassé');
    expect(readFileSync(join(dir, 'out', 'LISEZMOI.txt'), 'utf8')).toContain('les logiciels écrits en Java refusent');
  });

  test('--json: code, message, hint and source; the input\'s accented password, reused, says so', async () => {
    const r = await runCli(['extract', '--plain-names', 'signature-modern.p12', '--password-file', 'password.txt', '-o', join(dir, 'out'), '--json']);
    expect(r.code).toBe(0);
    const warning = (JSON.parse(r.stdout) as { warnings: (CertificateWarning & { hint?: string })[] }).warnings.find((w) => w.code === 'PASSWORD_NOT_PORTABLE');
    expect(warning).toMatchObject({ code: 'PASSWORD_NOT_PORTABLE', passwordSource: 'reused' });
    expect(warning!.message).toContain('du fichier d\'origine, repris');
    expect(warning!.hint).toContain('--out-password-file');
    expect(r.stdout).not.toContain(PASSWORD);
  });

  test('an ASCII password gives none', async () => {
    const r = await runCli([...TRIO, '-o', join(dir, 'out'), '--json'], { env: { PW: KEYTOOL_PASSWORD } });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('PASSWORD_NOT_PORTABLE');
    expect(readFileSync(join(dir, 'out', 'LISEZMOI.txt'), 'utf8')).not.toContain('Java refusent');
  });
});
