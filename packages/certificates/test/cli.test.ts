import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openBundle } from '../src/core/bundle.js';
import { run } from '../src/cli/run.js';
import { VERSION } from '../src/version.js';
import { FIXTURES, KEYTOOL_PASSWORD, PASSWORD, runCli } from './helpers.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sne-cert-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const NOW = new Date('2026-11-28T12:00:00Z');

const cli = (args: string[], env: Record<string, string> = {}) => runCli(args, { env });

const TRIO = ['trio-keytool.p12', '--password-env', 'PW'];
const ENV = { PW: KEYTOOL_PASSWORD };

describe('sne-certificates inspect', () => {
  test('--json prints the documented fields', async () => {
    const r = await cli(['inspect', ...TRIO, '--json'], ENV);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(list.map((c) => c.role)).toEqual(['chiffrement', 'signature', 'authentification', 'autorite', 'autorite']);
    for (const key of ['role', 'subject', 'issuer', 'serialNumber', 'notBefore', 'notAfter', 'daysLeft', 'keyUsage', 'extendedKeyUsage', 'policies', 'hasPrivateKey', 'fingerprintSha256']) {
      expect(list[0]).toHaveProperty(key);
    }
    expect(r.stdout).not.toContain(KEYTOOL_PASSWORD);
  });

  test('French table', async () => {
    const r = await cli(['inspect', ...TRIO], ENV);
    expect(r.stdout).toContain('[signature] Jeanne Dupont-Lefèvre');
    expect(r.stdout).toContain('clé privée présente, correspondance prouvée par une signature');
    expect(r.stdout).toContain("Chaîne       : complète jusqu'à une racine fournie (confiance non vérifiée)");
  });

  test.each([
    [['inspect', 'trio-keytool.p12'], {}, 1, 'PASSWORD_REQUIRED'],
    [['inspect', 'trio-keytool.p12', '--password-env', 'PW'], { PW: 'faux' }, 1, 'BAD_PASSWORD'],
    [['inspect', 'absent.p12'], {}, 1, 'INPUT_NOT_FOUND'],
    [['inspect', 'tronque.p12', '--password-env', 'PW'], ENV, 1, 'CORRUPT_FILE'],
    [['inspect', 'aleatoire.bin'], {}, 1, 'UNSUPPORTED_FORMAT'],
  ] as [string[], Record<string, string>, number, string][])('%j → exit %i %s', async (args, env, code, errorCode) => {
    const r = await cli(args, env);
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(`[${errorCode}]`);
    for (const value of Object.values(env)) expect(r.stderr + r.stdout).not.toContain(value);
  });

  test('--password works and warns that it is visible; the password never appears in the output', async () => {
    const r = await cli(['inspect', 'signature-modern.p12', '--password', PASSWORD, '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('visible');
    expect(r.stdout + r.stderr).not.toContain(PASSWORD);
  });

  test('--password-file reads the first line only', async () => {
    writeFileSync(join(dir, 'mdp.txt'), `${PASSWORD}\r\nune autre ligne\n`);
    expect((await cli(['inspect', 'signature-legacy.p12', '--password-file', join(dir, 'mdp.txt')])).code).toBe(0);
  });

  test.each([
    ['an empty first line', '\nmot-de-passe\n', 'PASSWORD_REQUIRED'],
    ['an empty file', '', 'PASSWORD_REQUIRED'],
    ['a 10 KB line', 'x'.repeat(10_000), 'LIMIT_EXCEEDED'],
  ])('--password-file with %s → %s', async (_, content, code) => {
    writeFileSync(join(dir, 'mdp.txt'), content);
    const r = await cli(['inspect', 'signature-legacy.p12', '--password-file', join(dir, 'mdp.txt')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`[${code}]`);
  });

  test('--out-password-file "nouveau-mdp\\n\\n" protects the exports with "nouveau-mdp"', async () => {
    writeFileSync(join(dir, 'nouveau.txt'), 'nouveau-mdp\n\n');
    const r = await cli(['extract', '--plain-names', ...TRIO, '--out-password-file', join(dir, 'nouveau.txt'), '-o', join(dir, 'out')], ENV);
    expect(r.code).toBe(0);
    const reopened = await openBundle([{ name: 'signature.p12', bytes: new Uint8Array(readFileSync(join(dir, 'out', 'signature.p12'))) }], { password: 'nouveau-mdp' });
    expect(reopened.certificates.some((c) => c.hasPrivateKey)).toBe(true);
  });
});

describe('password prompt', () => {
  test('asks on a terminal, without echo, when the file needs a password', async () => {
    const stdin = new PassThrough() as PassThrough & { isTTY: boolean; setRawMode: (raw: boolean) => void };
    const modes: boolean[] = [];
    stdin.isTTY = true;
    stdin.setRawMode = (raw) => void modes.push(raw);
    const out = new PassThrough();
    const err = new PassThrough();
    const e: Buffer[] = [];
    err.on('data', (c: Buffer) => e.push(c));
    const o: Buffer[] = [];
    out.on('data', (c: Buffer) => o.push(c));
    setTimeout(() => stdin.write(`${KEYTOOL_PASSWORD}\r`), 100);
    const code = await run(['inspect', 'trio-keytool.p12', '--json'], { stdout: out, stderr: err, stdin, env: {}, cwd: FIXTURES, now: NOW });
    expect(code).toBe(0);
    expect(modes).toEqual([true, false]);
    const stderr = Buffer.concat(e).toString('utf8');
    expect(stderr).toContain('Mot de passe du certificat');
    expect(stderr + Buffer.concat(o).toString('utf8')).not.toContain(KEYTOOL_PASSWORD);
  });
});

describe('password prompt: Ctrl-C and signals end it (issue 19, item 9)', () => {
  const prompt = async (act: (stdin: PassThrough, controller: AbortController) => void) => {
    const stdin = new PassThrough() as PassThrough & { isTTY: boolean; setRawMode: (raw: boolean) => void };
    const modes: boolean[] = [];
    stdin.isTTY = true;
    stdin.setRawMode = (raw) => void modes.push(raw);
    const err = new PassThrough();
    const e: Buffer[] = [];
    const controller = new AbortController();
    // Once the question is asked: the first opening (empty password) may be slow on a loaded machine.
    err.on('data', (c: Buffer) => {
      e.push(c);
      if (c.toString('utf8').includes('Mot de passe du certificat')) setTimeout(() => act(stdin, controller), 20);
    });
    const code = await run(['inspect', 'trio-keytool.p12'], { stdout: new PassThrough(), stderr: err, stdin, env: {}, cwd: FIXTURES, now: NOW, signal: controller.signal });
    return { code, modes, stderr: Buffer.concat(e).toString('utf8'), paused: stdin.isPaused() };
  };

  test('SIGTERM or SIGINT while typing: ABORTED, raw mode restored, stdin released (bin.ts then exits 143 or 130)', async () => {
    const r = await prompt((_, controller) => controller.abort(new Error('SIGTERM')));
    expect(r.stderr).toContain('[ABORTED]');
    expect(r.modes).toEqual([true, false]);
    expect(r.paused).toBe(true);
  });

  test('Ctrl-C typed in raw mode (no signal is sent then) exits 130, as SIGINT would', async () => {
    const r = await prompt((stdin) => stdin.write('abc\u0003'));
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('[ABORTED]');
    expect(r.modes).toEqual([true, false]);
  });
});

describe('sne-certificates extract', () => {
  test('writes the files, keys in 0600, nothing else in the folder', async () => {
    const out = join(dir, 'sortie');
    const r = await cli(['extract', '--plain-names', ...TRIO, '-o', out, '--pem', '--json'], ENV);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { files: { name: string }[]; roles: Record<string, unknown> };
    expect(readdirSync(out).sort()).toEqual(
      ['LISEZMOI.txt', 'authentification.crt.pem', 'authentification.key.pem', 'authentification.p12', 'chaine.pem', 'chiffrement.cer', 'chiffrement.txt', 'renouvellement.ics', 'signature.p12'].sort(),
    );
    expect(Object.keys(report.roles)).toEqual(['chiffrement', 'signature', 'authentification']);
    for (const name of ['signature.p12', 'authentification.p12', 'authentification.key.pem']) expect(statSync(join(out, name)).mode & 0o777).toBe(0o600);
    expect(statSync(join(out, 'chiffrement.cer')).mode & 0o077).not.toBe(0);
  });

  test('never overwrites without --force, and writes nothing at all then', async () => {
    const out = join(dir, 'sortie');
    expect((await cli(['extract', '--plain-names', ...TRIO, '-o', out], ENV)).code).toBe(0);
    writeFileSync(join(out, 'signature.p12'), 'ancien');
    rmSync(join(out, 'chiffrement.cer'));
    const again = await cli(['extract', '--plain-names', ...TRIO, '-o', out], ENV);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('[OUTPUT_EXISTS]');
    expect(readFileSync(join(out, 'signature.p12'), 'utf8')).toBe('ancien');
    expect(readdirSync(out)).not.toContain('chiffrement.cer');
    expect((await cli(['extract', '--plain-names', ...TRIO, '-o', out, '--force'], ENV)).code).toBe(0);
    expect(readFileSync(join(out, 'signature.p12')).byteLength).toBeGreaterThan(1000);
  });

  test('--out-password-env sets another password for the outputs', async () => {
    const out = join(dir, 'sortie');
    expect((await cli(['extract', '--plain-names', ...TRIO, '-o', out, '--out-password-env', 'OUT', '--p12', 'modern'], { ...ENV, OUT: 'Nouveau-mot-de-passe-é' })).code).toBe(0);
    const reopened = await cli(['inspect', join(out, 'signature.p12'), '--password-env', 'OUT', '--json'], { OUT: 'Nouveau-mot-de-passe-é' });
    expect(reopened.code).toBe(0);
  });

  test('a missing role warns (exit 0); --require-all fails (exit 1)', async () => {
    const out = join(dir, 'sortie');
    const r = await cli(['extract', '--plain-names', 'signature-modern.p12', '--password-file', 'password.txt', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('[ROLE_MISSING]');
    const strict = await cli(['extract', '--plain-names', 'signature-modern.p12', '--password-file', 'password.txt', '-o', join(dir, 'autre'), '--require-all']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('[ROLE_MISSING]');
  });

  test('a zip entry named ../../x never writes outside the output folder', async () => {
    const out = join(dir, 'sortie');
    const r = await cli(['extract', 'bundle.zip', '--password-file', 'password.txt', '-o', out]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir)).toEqual(['sortie']);
    // ../../evasion.txt from dir/sortie would land in the system temp folder itself.
    expect(existsSync(join(tmpdir(), 'evasion.txt'))).toBe(false);
    expect(readdirSync(join(dir, 'sortie')).some((f) => f.includes('evasion'))).toBe(false);
  });
});

describe('sne-certificates check', () => {
  test.each([
    [['check', ...TRIO], 0, /signature \(Jeanne Dupont-Lefèvre\) — expire le 01\/01\/2035, dans \d\u202f\d{3} jours/],
    [['check', ...TRIO, '--warn-days', '3000'], 3, /demandez son renouvellement à l'autorité de certification/],
    [['check', 'expire.p12', '--password-file', 'password.txt'], 4, /EXPIRÉ depuis le 01\/01\/2021/],
    [['check', 'futur.p12', '--password-file', 'password.txt'], 4, /PAS ENCORE VALIDE/],
  ] as [string[], number, RegExp][])('%j → exit %i', async (args, code, line) => {
    const r = await cli(args, ENV);
    expect(r.code).toBe(code);
    expect(r.stdout).toMatch(line);
  });

  test('--json', async () => {
    const r = await cli(['check', ...TRIO, '--json'], ENV);
    expect(JSON.parse(r.stdout)[0]).toMatchObject({ status: 'ok', role: 'chiffrement', daysLeft: 2956 });
  });
});

describe('usage', () => {
  test.each([[[]], [['extract', 'trio-keytool.p12']], [['check', 'x.p12', '--warn-days', 'abc']], [['inspect', 'x.p12', '--role', 'zz=truc']], [['bogus']], [['extract', 'a.p12', '-o', 'd', '--p12', 'ancien']]])(
    '%j exits 2',
    async (args) => {
      const r = await cli(args);
      expect(r.code).toBe(2);
    },
  );

  test('--version matches package.json', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
    expect((await cli(['--version'])).stdout.trim()).toBe(VERSION);
  });
});
