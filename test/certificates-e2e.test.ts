import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { packAndInstall, ROOT, runBin } from './helpers.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sne-cert-e2e-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BUNDLE = join(ROOT, 'examples/certificats/Jeanne Dupont-Lefevre - certificat RGS (TEST).p12');
const PASSWORD_FILE = join(ROOT, 'examples/certificats/mot-de-passe.txt');

describe('built sne-certificates on the example bundle', () => {
  test('extract writes the files; OpenSSL reads signature.p12 without -legacy', () => {
    const out = join(dir, 'certificats');
    const r = runBin('certificates', ['extract', BUNDLE, '--password-file', PASSWORD_FILE, '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['LISEZMOI.txt', 'authentification - Jeanne Dupont-Lefèvre.p12', 'chiffrement - Jeanne Dupont-Lefèvre.cer', 'chiffrement - Jeanne Dupont-Lefèvre.txt', 'renouvellement - Jeanne Dupont-Lefèvre.ics', 'signature - Jeanne Dupont-Lefèvre.p12']);
    const password = readFileSync(PASSWORD_FILE, 'utf8').trim();
    const openssl = spawnSync('openssl', ['pkcs12', '-in', join(out, 'signature - Jeanne Dupont-Lefèvre.p12'), '-noout', '-passin', `pass:${password}`], { encoding: 'utf8' });
    if (openssl.error) return; // OpenSSL not installed: the package tests say so.
    expect(openssl.status, openssl.stderr).toBe(0);
  });

  test('check exits 0 on a valid bundle', () => {
    const r = runBin('certificates', ['check', BUNDLE, '--password-file', PASSWORD_FILE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('expire le 01/01/2035');
  });
});

describe('core stays browser-safe', () => {
  test('no Node built-in is imported outside the Node adapters and the CLI', () => {
    for (const pkg of ['extraction', 'certificates']) {
      const src = join(ROOT, 'packages', pkg, 'src');
      // Every file under src/, but the Node adapters and the CLI (node.ts, node-*.ts, node/, cli.ts, cli/, bin.ts).
      const files = (readdirSync(src, { recursive: true }) as string[]).filter((file) => /\.ts$/.test(file) && !/^(node|cli|bin)([./\\-]|$)/.test(file));
      for (const file of files) {
        const text = readFileSync(join(src, file), 'utf8');
        expect(text, `${pkg}/src/${file}`).not.toMatch(/from ['"](node:|fs|path|os|crypto|zlib|stream)['"]/);
        expect(text, `${pkg}/src/${file}`).not.toMatch(/\bprocess\.|\bBuffer\b|console\./);
      }
    }
  });
});

describe('packed @sne-toolbox/certificates', () => {
  test('installs in an empty folder; its bin and import work', () => {
    const packed = packAndInstall('certificates', dir);
    expect(packed.bin('sne-certificates', ['--version']).stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'packages/certificates/package.json'), 'utf8')).version);
    const source = `import { openBundle } from '@sne-toolbox/certificates';\nimport { readFileSync } from 'node:fs';\nconst b = await openBundle([{ name: 'b.p12', bytes: readFileSync(${JSON.stringify(BUNDLE)}) }], { password: ${JSON.stringify(readFileSync(PASSWORD_FILE, 'utf8').trim())} });\nconsole.log(b.certificates.map((c) => c.role).join(','));\n`;
    expect(packed.runModule(source)).toBe('chiffrement,signature,authentification,autorite,autorite');
    expect(packed.files).not.toMatch(/\/src\/|\/test\//);
  }, 120_000);
});
