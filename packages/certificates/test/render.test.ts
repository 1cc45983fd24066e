import type { KeyObject } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import * as made from '../../../scripts/make-hostile-inputs.mjs';
import { commandLine, describe as describeCertificate, jsonText } from '../src/cli/render.js';
import { openBundle } from '../src/core/bundle.js';
import { safeFileNamePart } from '../src/core/names.js';
import { runCli } from './helpers.js';

// Issue 19, items 4 and 7: what the CLI prints holds no password, and no raw control or bidi
// character from a certificate; JSON keeps the exact values; file names are clean.

/** The certificate builders of the crafted-input script (not in its declared types). */
const build = made as unknown as {
  controlCharacterCerts(): { base: string; cn: string; o: string; cert: Buffer; key: KeyObject }[];
  certificate(options: { serial: number; issuer: Buffer; subject: Buffer; publicKey: KeyObject; issuerKey: KeyObject; exts: Buffer[] }): Buffer;
  name(pairs: [string, string][]): Buffer;
  extensions: { keyUsage(...usages: string[]): Buffer };
  pem(label: string, bytes: Uint8Array): string;
};
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sne-render-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a certificate and its unencrypted key as PEM in `dir`; returns the two file names. */
function writePair(base: string, cert: Buffer, key: KeyObject): string[] {
  writeFileSync(join(dir, `${base}.crt.pem`), build.pem('CERTIFICATE', cert));
  writeFileSync(join(dir, `${base}.key.pem`), key.export({ type: 'pkcs8', format: 'pem' }));
  return [`${base}.crt.pem`, `${base}.key.pem`];
}

describe('no password in an echoed command (item 4)', () => {
  test.each([
    [['extract', 'a.p12', '--password=s3cr3t', '-o', 'out'], 'extract a.p12 "--password=<mot de passe>" -o out'],
    [['extract', 'a.p12', '--password', 's3cr3t', '-o', 'out'], 'extract a.p12 --password "<mot de passe>" -o out'],
    [['extract', '--password', '--password=s3cr3t', 'a.p12'], 'extract --password "<mot de passe>" a.p12'],
    [['extract', 'a.p12', '--password-env', 'PW', '--password-file', 'pw.txt'], 'extract a.p12 --password-env PW --password-file pw.txt'],
  ])('commandLine(%j)', (argv, expected) => {
    expect(commandLine(argv)).toBe(expected);
  });

  test.each([['--password=s3cr3t-é'], ['--password', 's3cr3t-é']])('extract %j: the ROLE_MISSING suggestion masks it', async (...spelling) => {
    const keys = (await import('node:crypto')).generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const subject = build.name([['c', 'FR'], ['cn', 'Paul Mixte']]);
    const cert = build.certificate({ serial: 4, issuer: subject, subject, publicKey: keys.publicKey, issuerKey: keys.privateKey, exts: [build.extensions.keyUsage('digitalSignature', 'keyEncipherment')] });
    const r = await runCli(['extract', ...writePair('mixte', cert, keys.privateKey), ...spelling, '-o', 'out'], { cwd: dir });
    expect(r.stderr).toMatch(/--role [0-9A-F:]+=/);
    expect(r.stdout + r.stderr).not.toContain('s3cr3t');
  });
});

describe('nothing raw reaches a terminal or a file name (item 7)', () => {
  const hostile = build.controlCharacterCerts();

  test.each(hostile.map((h) => [h.base, h] as const))('%s: inspect, check and extract print no raw control; files are named cleanly', async (_, h) => {
    const files = writePair(h.base, h.cert, h.key);
    for (const args of [['inspect', ...files], ['check', ...files], ['extract', ...files, '--out-password-env', 'PW', '-o', 'out']]) {
      const r = await runCli(args, { cwd: dir, env: { PW: 'sortie' } });
      expect(r.stdout + r.stderr, JSON.stringify(r.stdout + r.stderr)).not.toMatch(RAW_CONTROL);
    }
    const written = readdirSync(join(dir, 'out'));
    expect(written.some((name) => name.startsWith('signature'))).toBe(true);
    for (const name of written) {
      expect(name).not.toMatch(RAW_CONTROL);
      expect(name).not.toContain('\uFFFD');
      expect(/^(?:[^\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/.test(name), 'a surrogate pair cut in two').toBe(true);
    }
  });

  test('inspect --json keeps the exact subject and escapes what JSON.stringify leaves raw', async () => {
    const h = hostile[0]!;
    const r = await runCli(['inspect', ...writePair(h.base, h.cert, h.key), '--json'], { cwd: dir });
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    const [c] = JSON.parse(r.stdout) as { subject: { commonName: string; organization: string } }[];
    expect(c!.subject).toMatchObject({ commonName: h.cn, organization: h.o });
  });

  test('jsonText: the same value read back, no raw C1, DEL, bidi or line separator in the text', () => {
    const value = { a: 'x\u009b31m\u007f\u202egnp\u2066\u2028\u061c', b: ['\u200e', 1], c: 'é €' };
    const text = jsonText(value);
    expect(text).not.toMatch(/[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u);
    expect(JSON.parse(text)).toEqual(value);
    expect(text).toContain('é €');
  });

  test.each([
    ['Jean \u202egnp.cod', 'Jean gnp.cod'],
    ['OPH \u009b2J', 'OPH 2J'],
    ['CON.txt', ''],
    ['com1', ''],
    [`${'é'.repeat(59)}😀😀`, `${'é'.repeat(59)}😀`],
    ['\u200f..', ''],
  ])('safeFileNamePart(%j) → %j', (input, expected) => {
    expect(safeFileNamePart(input)).toBe(expected);
  });
});

describe('inspect says « prouvée » only when the proof ran', () => {
  const P12 = new URL('../../../examples/certificats/Jeanne Dupont-Lefevre - certificat RGS (TEST).p12', import.meta.url);
  const PASSWORD = new URL('../../../examples/certificats/mot-de-passe.txt', import.meta.url);

  test.each([
    [true, true, /correspondance prouvée/],
    [true, null, /NON VÉRIFIÉE/],
    [false, false, /NE CORRESPOND PAS/],
    [false, null, /sans clé privée/],
  ])('hasPrivateKey %s, keyMatches %s', async (hasPrivateKey, keyMatches, expected) => {
    const bundle = await openBundle([{ name: 'x.p12', bytes: readFileSync(P12) }], { password: readFileSync(PASSWORD, 'utf8').split(/\r?\n/)[0]! });
    const c = { ...bundle.certificates.find((x) => x.role === 'signature')!, hasPrivateKey, keyMatches };
    const line = describeCertificate(c).split('\n').find((l) => l.includes('Clé '))!;
    expect(line).toMatch(expected);
    if (keyMatches !== true) expect(line).not.toMatch(/prouvée/);
  });
});
