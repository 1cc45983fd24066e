import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { safeFileNamePart } from '../src/core/names.js';
import { openBundle } from '../src/index.js';
import { fixture, KEYTOOL_PASSWORD, PASSWORD, runCli } from './helpers.js';

// The SNE procedure as an admin follows it: names that tell holders apart, a missing role that
// names the certificate that could fill it, LISEZMOI in correct French, expiry warned at extraction.

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sne-procedure-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[], env: Record<string, string> = { PW: KEYTOOL_PASSWORD }, stdin?: NodeJS.ReadableStream & { isTTY?: boolean }) =>
  runCli(args, { env, ...(stdin ? { stdin } : {}) });
const TRIO = ['trio-keytool.p12', '--password-env', 'PW'];

describe('file names carry the holder', () => {
  test('by default: « rôle - Titulaire.ext »; --plain-names gives the plain names', async () => {
    expect((await cli(['extract', ...TRIO, '-o', join(dir, 'a')])).code).toBe(0);
    expect(readdirSync(join(dir, 'a')).sort()).toEqual([
      'LISEZMOI.txt',
      'authentification - Jeanne Dupont-Lefèvre.p12',
      'chiffrement - Jeanne Dupont-Lefèvre.cer',
      'chiffrement - Jeanne Dupont-Lefèvre.txt',
      'renouvellement - Jeanne Dupont-Lefèvre.ics',
      'signature - Jeanne Dupont-Lefèvre.p12',
    ]);
    expect((await cli(['extract', ...TRIO, '-o', join(dir, 'b'), '--plain-names'])).code).toBe(0);
    expect(readdirSync(join(dir, 'b')).sort()).toEqual(['LISEZMOI.txt', 'authentification.p12', 'chiffrement.cer', 'chiffrement.txt', 'renouvellement.ics', 'signature.p12']);
  });

  test.each([
    ['Jeanne Dupont-Lefèvre', 'Jeanne Dupont-Lefèvre'],
    ['a/b\\c:d*e?f"g<h>i|j', 'a b c d e f g h i j'],
    ['Nom.  ', 'Nom'],
    ['CON', ''],
    ['lpt1', ''],
    ['\u0000\u001f', ''],
    ['x'.repeat(100), 'x'.repeat(60)],
  ])('safe for Windows: %j → %j', (input, expected) => {
    expect(safeFileNamePart(input)).toBe(expected);
  });
});

describe('a missing role names what could fill it', () => {
  test('ROLE_MISSING names the certificate of mixed usages, its fingerprint, and the ready command', async () => {
    const r = await cli(['extract', join('profils', 'smime-mixte.pem'), '-o', join(dir, 'out'), '--plain-names'], {});
    // Nothing written, never a « ✔ »: the suggested command must work as printed (issue 25).
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain('✔');
    expect(r.stderr).toContain('[ROLE_MISSING]');
    expect(existsSync(join(dir, 'out', 'LISEZMOI.txt'))).toBe(false);
    const line = r.stderr.split('\n').find((l) => l.includes('[ROLE_MISSING]') && l.includes('chiffrement'))!;
    expect(line).toContain('«\u202fJeanne Dupont-Lefèvre smime-mixte\u202f»');
    expect(line).toMatch(/empreinte SHA-256 [0-9A-F:]{23}…/);
    const command = /Pour l'utiliser\u202f: sne-certificates (extract profils\/smime-mixte\.pem -o \S+ --plain-names --role [0-9A-F:]{23}=chiffrement)\n/.exec(r.stderr);
    expect(command).not.toBeNull();
    // Run exactly as printed (no quoting needed for these arguments).
    const again = await cli(command![1]!.split(' '), {});
    expect(again.code).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['LISEZMOI.txt', 'chiffrement.cer', 'chiffrement.txt']);
  });

  test('two --role giving one certificate two roles are a USAGE error (exit 2), never « the last wins »', async () => {
    const fingerprint = (await openBundle([fixture('profils/smime-mixte.pem')])).certificates[0]!.fingerprintSha256;
    const r = await cli(['inspect', join('profils', 'smime-mixte.pem'), '--role', `${fingerprint.slice(0, 8)}=signature`, '--role', `${fingerprint.slice(0, 11)}=chiffrement`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('deux rôles différents');
    await expect(openBundle([fixture('profils/smime-mixte.pem')], { roles: { [fingerprint.slice(0, 5)]: 'signature' } })).rejects.toMatchObject({ code: 'USAGE' });
    await expect(openBundle([fixture('profils/smime-mixte.pem')], { roles: { [fingerprint.slice(0, 8)]: 'boss' as 'signature' } })).rejects.toMatchObject({ code: 'USAGE' });
  });

  test('a --role that matches nothing lists the fingerprints present (exit 2)', async () => {
    const r = await cli(['inspect', ...TRIO, '--role', 'AA:BB:CC=signature']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('AA:BB:CC');
    expect(r.stderr).toContain('Empreintes présentes');
    expect(r.stderr).toMatch(/«\u202fJeanne Dupont-Lefèvre\u202f» [0-9A-F:]{23}…/);
  });
});

describe('French that a non-specialist can follow', () => {
  test('never « de authentification »; missing roles in correct French', async () => {
    const r = await cli(['extract', 'signature-modern.p12', '--password-file', 'password.txt', '-o', join(dir, 'out')], {});
    expect(r.code).toBe(0);
    const readme = readFileSync(join(dir, 'out', 'LISEZMOI.txt'), 'utf8');
    for (const text of [r.stderr, readme]) {
      expect(text).not.toMatch(/de authentification|de autorit/);
      expect(text).toMatch(/d'authentification/);
    }
  });

  test('LISEZMOI follows the procedure with the actual file names, Outlook\'s French path and typography', async () => {
    expect((await cli(['extract', ...TRIO, '-o', join(dir, 'out')])).code).toBe(0);
    const readme = readFileSync(join(dir, 'out', 'LISEZMOI.txt'), 'utf8');
    for (const name of readdirSync(join(dir, 'out')).filter((f) => f !== 'LISEZMOI.txt')) expect(readme).toContain(name);
    expect(readme).toContain('clé publique de chiffrement');
    expect(readme).toContain('Fichier > Options > Centre de gestion de la confidentialité >');
    expect(readme).toContain('Paramètres du Centre de gestion de la confidentialité > Sécurité de messagerie électronique > Paramètres…');
    expect(readme).toContain('« Certificat de chiffrement »'.replace(/« /, '«\u202f').replace(/ »/, '\u202f»'));
    expect(readme).toMatch(/double-cliquez sur signature - Jeanne Dupont-Lefèvre\.p12/);
    expect(readme).toMatch(/GARDEZ LE FICHIER D'ORIGINE/);
    expect(readme).toMatch(/Le premier de ces certificats à arriver à échéance expire le \d\d\/\d\d\/\d{4}/);
    // French typography: a narrow no-break space before « : ; ! ? » and inside guillemets.
    expect(readme).not.toMatch(/ [:;!?]/);
    expect(readme).not.toMatch(/« | »/);
  });
});

describe('expiry and password prompt', () => {
  test('extract warns EXPIRES_SOON within --warn-days', async () => {
    const r = await cli(['extract', ...TRIO, '-o', join(dir, 'out'), '--warn-days', '3000']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('[EXPIRES_SOON]');
    expect((await cli(['extract', ...TRIO, '-o', join(dir, 'out2')])).stderr).not.toContain('[EXPIRES_SOON]');
  });

  test.each([
    [['faux\r', 'encore faux\r', `${KEYTOOL_PASSWORD}\r`], 0],
    [['faux\r', 'faux\r', 'faux\r'], 1],
  ])('three tries at the prompt: %j → exit %i', async (answers, code) => {
    const stdin = new PassThrough() as PassThrough & { isTTY: boolean; setRawMode: (raw: boolean) => void };
    stdin.isTTY = true;
    stdin.setRawMode = () => {};
    let i = 0;
    const feed = setInterval(() => {
      if (i < answers.length && stdin.listenerCount('data') > 0) stdin.write(answers[i++]!);
    }, 30);
    try {
      const r = await cli(['inspect', 'trio-keytool.p12', '--json'], {}, stdin);
      expect(r.code).toBe(code);
      if (code === 1) expect(r.stderr).toContain('[BAD_PASSWORD]');
      expect(r.stderr).toContain('Essai 2 sur 3');
    } finally {
      clearInterval(feed);
    }
  });
});
void PASSWORD;

describe('French typography in what the admin reads', () => {
  test('extract and its warnings: narrow no-break spaces before « : ; ! ? » and inside guillemets', async () => {
    const r = await cli(['extract', 'signature-modern.p12', '--password-file', 'password.txt', '-o', join(dir, 'out')], {});
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/ [;:!?](\s|$)|« | »/);
  });
});
