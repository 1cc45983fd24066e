// The exported .p12 files taken to real importers, as an admin's destinations would (issue 22):
// Java 17 KeyStore.load (business software), NSS pk12util (Thunderbird, Firefox), OpenSSL 3, Node tls.
// Runs the BUILT CLI (pnpm build first). Java and NSS are required: a missing tool fails the test with
// the package to install (.ci/run installs them), it never skips.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT, runBin } from './helpers.js';

const BUNDLE = join(ROOT, 'examples/certificats/Jeanne Dupont-Lefevre - certificat RGS (TEST).p12');
const PASSWORD_FILE = join(ROOT, 'examples/certificats/mot-de-passe.txt');
const JAVA_SOURCE = join(ROOT, 'test/importers/KeyStoreLoad.java');
const HOLDER = 'Jeanne Dupont-Lefèvre';
const ASCII_PASSWORD = readFileSync(PASSWORD_FILE, 'utf8').trim();
const ACCENTED_PASSWORD = 'Mötdepassé-Œuf-2026';
const PROFILES = ['compatible', 'modern'] as const;
const KEYED = [
  { role: 'signature', file: `signature - ${HOLDER}.p12`, friendlyName: `Signature - ${HOLDER}` },
  { role: 'authentification', file: `authentification - ${HOLDER}.p12`, friendlyName: `Authentification - ${HOLDER}` },
] as const;
// The example's chain: holder ← AC RGS TEST ← AC Racine TEST (self-signed). Each keyed file carries all three.
const INTERMEDIATE = 'AC RGS TEST SNE Toolbox';
const ROOT_CA = 'AC Racine TEST SNE Toolbox';
// What each profile writes, as `openssl pkcs12 -info` names it.
const ALGORITHMS = {
  compatible: { mac: 'MAC: sha1', bags: 'pbeWithSHA1And3-KeyTripleDES-CBC' },
  modern: { mac: 'MAC: sha256', bags: 'PBES2, PBKDF2, AES-256-CBC' },
} as const;

// The Java tests take 4–15 s here (each JVM compiles the source first); a busy CI machine gets headroom.
const JAVA_TIMEOUT = 60_000;

const TOOLS: Record<string, { probe: string[]; install: string; needs?: string }> = {
  // A JRE has `java` but cannot launch a source file: the compiler module must be there.
  java: { probe: ['--list-modules'], needs: 'jdk.compiler', install: 'a JDK 17 (apt-get install -y openjdk-17-jdk-headless)' },
  pk12util: { probe: ['-h'], install: 'NSS tools (apt-get install -y libnss3-tools)' },
  certutil: { probe: ['-H'], install: 'NSS tools (apt-get install -y libnss3-tools)' },
  openssl: { probe: ['version'], install: 'OpenSSL 3 (apt-get install -y openssl)' },
};
/** Fails (never skips) when an importer is missing, saying what to install. */
function requireTool(name: keyof typeof TOOLS & string): void {
  const tool = TOOLS[name]!;
  const probe = spawnSync(name, tool.probe, { encoding: 'utf8' });
  if (probe.error || (tool.needs && !probe.stdout.includes(tool.needs))) throw new Error(`${name} is missing: install ${tool.install}. .ci/run installs it in CI; this test does not skip.`);
}

let dir: string;
let step = 0;
const fresh = (label: string) => mkdtempSync(join(dir, `${label}-${step++}-`));
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sne-importers-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Extracted {
  out: string;
  password: string;
  passwordFile: string;
  fingerprints: Record<string, string>;
  /** Codes of the `--json` warnings. */
  warnings: string[];
}
/** Runs the built CLI; without `outPassword` the output password is the input one (ASCII). */
function extract(profile: string, outPassword?: string): Extracted {
  const out = join(fresh(profile), 'certificats');
  const args = ['extract', BUNDLE, '--password-file', PASSWORD_FILE, '-o', out, '--p12', profile, '--json'];
  const env = { ...process.env };
  if (outPassword !== undefined) {
    args.push('--out-password-env', 'SNE_TEST_OUT_PASSWORD');
    env.SNE_TEST_OUT_PASSWORD = outPassword;
  }
  const r = runBin('certificates', args, { env });
  expect(r.code, r.stderr).toBe(0);
  const report = JSON.parse(r.stdout) as { roles: Record<string, { fingerprintSha256: string }>; warnings: { code: string }[] };
  const password = outPassword ?? ASCII_PASSWORD;
  const passwordFile = join(out, '..', 'password.txt');
  writeFileSync(passwordFile, `${password}\n`);
  const fingerprints = Object.fromEntries(Object.entries(report.roles).map(([role, info]) => [role, info.fingerprintSha256]));
  return { out, password, passwordFile, fingerprints, warnings: report.warnings.map((w) => w.code) };
}

/** KeyStoreLoad.java's "key=value" lines, grouped by key, and its exit code. */
interface JavaResult {
  code: number | null;
  facts: Record<string, string[]>;
  output: string;
}
/** `java KeyStoreLoad.java <password-file> < file.p12` (asynchronous, so that several JVMs start at once). */
function javaLoad(p12: string, passwordFile: string): Promise<JavaResult> {
  const stdin = openSync(p12, 'r');
  return new Promise((resolve, reject) => {
    // C1 only: the program runs once, and the source launcher's compile dominates (4.7 s → 2.8 s here).
    const child = spawn('java', ['-XX:TieredStopAtLevel=1', JAVA_SOURCE, passwordFile], { stdio: [stdin, 'pipe', 'pipe'] });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) stream?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      closeSync(stdin);
      const facts: Record<string, string[]> = {};
      for (const line of output.split('\n')) {
        const at = line.indexOf('=');
        if (at > 0) (facts[line.slice(0, at)] ??= []).push(line.slice(at + 1));
      }
      resolve({ code, facts, output });
    });
  });
}

/** Imports into a fresh NSS database (empty database password), as Thunderbird's "Importer" does. */
function nssImport(p12: string, password: string) {
  const db = `sql:${fresh('nss')}`;
  const init = spawnSync('certutil', ['-N', '-d', db, '--empty-password'], { encoding: 'utf8' });
  expect(init.status, init.stderr).toBe(0);
  const imported = spawnSync('pk12util', ['-i', p12, '-d', db, '-W', password, '-K', ''], { encoding: 'utf8' });
  return { db, imported };
}
const certutil = (args: string[]) => {
  const r = spawnSync('certutil', args, { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
};

/** `openssl pkcs12` with the password in the environment (never on the command line). */
function openssl(p12: string, password: string, args: string[]) {
  return spawnSync('openssl', ['pkcs12', '-in', p12, '-passin', 'env:SNE_TEST_PASSWORD', ...args], {
    encoding: 'utf8',
    env: { ...process.env, SNE_TEST_PASSWORD: password },
  });
}
const pemBlocks = (text: string, label: string) => text.match(new RegExp(`-----BEGIN ${label}-----[^-]+-----END ${label}-----`, 'g')) ?? [];
const spki = (key: KeyObject) => key.export({ type: 'spki', format: 'der' });
/** NSS's key ID for an RSA key (CKA_ID): SHA-1 of the modulus. */
const nssKeyId = (cert: X509Certificate) => createHash('sha1').update(Buffer.from(cert.publicKey.export({ format: 'jwk' }).n!, 'base64url')).digest('hex');

describe.each(PROFILES)('profile %s: the keyed files import in the real importers', (profile) => {
  let ascii: Extracted;
  let accented: Extracted;
  beforeAll(() => {
    ascii = extract(profile);
    accented = extract(profile, ACCENTED_PASSWORD);
  });

  test('Java 17 KeyStore.load: one PrivateKeyEntry, chain of 3, the key signs for its certificate', async () => {
    requireTool('java');
    const results = await Promise.all(KEYED.map((k) => javaLoad(join(ascii.out, k.file), ascii.passwordFile)));
    KEYED.forEach((k, i) => {
      const { code, facts, output } = results[i]!;
      expect(code, output).toBe(0);
      expect(facts.entries).toEqual(['1']);
      // Java's PKCS12 key store takes the friendlyName as alias, lower-cased.
      expect(facts.alias).toEqual([k.friendlyName.toLowerCase()]);
      expect(facts.privateKeyEntry).toEqual(['true']);
      expect(facts.keyAlgorithm).toEqual(['RSA']);
      expect(facts.chainLength).toEqual(['3']);
      expect(facts.chainSubject!.map((s) => s.match(/CN=([^,]+)/)![1])).toEqual([HOLDER, INTERMEDIATE, ROOT_CA]);
      expect(facts.leafSha256).toEqual([ascii.fingerprints[k.role]]);
      expect(facts.keyMatchesCertificate).toEqual(['true']);
    });
  }, JAVA_TIMEOUT);

  test('NSS pk12util into a fresh database: the friendly name, the chain, one key of the certificate', () => {
    requireTool('pk12util');
    requireTool('certutil');
    for (const k of KEYED) {
      const { db, imported } = nssImport(join(ascii.out, k.file), ascii.password);
      expect(imported.status, imported.stderr).toBe(0);
      expect(imported.stdout).toContain('PKCS12 IMPORT SUCCESSFUL');
      // certutil -L: one line per certificate, "nickname  trust"; the user certificate is trusted "u,u,u".
      const listed = certutil(['-L', '-d', db]).split('\n').slice(4).filter(Boolean).map((l) => l.trim().split(/\s{2,}/));
      expect(listed).toEqual([[k.friendlyName, 'u,u,u'], [`${INTERMEDIATE} - SNE Toolbox (TEST)`, ',,'], [`${ROOT_CA} - SNE Toolbox (TEST)`, ',,']]);
      // certutil -O: the chain NSS builds from the holder up to the root.
      const chain = [...certutil(['-O', '-d', db, '-n', k.friendlyName]).matchAll(/^\s*"([^"]+)"/gm)].map((m) => m[1]);
      expect(chain).toEqual([`${ROOT_CA} - SNE Toolbox (TEST)`, `${INTERMEDIATE} - SNE Toolbox (TEST)`, k.friendlyName]);
      // certutil -K: exactly one key, RSA, whose ID is the SHA-1 of the certificate's modulus.
      const cert = new X509Certificate(certutil(['-L', '-d', db, '-n', k.friendlyName, '-a']));
      expect(cert.fingerprint256).toBe(ascii.fingerprints[k.role]);
      const keys = certutil(['-K', '-d', db]).split('\n').filter((l) => l.startsWith('<'));
      expect(keys.map((l) => l.replace(/^<\s*\d+>\s+/, '').split(/\s{2,}|\s+(?=[0-9a-f]{40})/))).toEqual([['rsa', nssKeyId(cert), k.friendlyName]]);
    }
  }, 30_000);

  test('NSS S/MIME usages (root trusted for e-mail): signature signs mail, neither file decrypts; both files in one database share one nickname', () => {
    requireTool('pk12util');
    requireTool('certutil');
    // What Thunderbird's certificate picker checks once the authority is trusted for e-mail (the RGS CA is not, by default).
    const usages = (k: (typeof KEYED)[number]) => {
      const { db, imported } = nssImport(join(ascii.out, k.file), ascii.password);
      expect(imported.status, imported.stderr).toBe(0);
      certutil(['-M', '-d', db, '-n', `${ROOT_CA} - SNE Toolbox (TEST)`, '-t', ',C,']);
      return ['S', 'R'].map((usage) => spawnSync('certutil', ['-V', '-d', db, '-n', k.friendlyName, '-u', usage], { encoding: 'utf8' }).stdout.trim());
    };
    expect(usages(KEYED[0])).toEqual(['certutil: certificate is valid', 'certutil: certificate is invalid: Certificate key usage inadequate for attempted operation.']);
    expect(usages(KEYED[1])).toEqual(['certutil: certificate is invalid: Certificate type not approved for application.', 'certutil: certificate is invalid: Certificate key usage inadequate for attempted operation.']);
    // NSS gives one nickname per subject, and the three RGS certificates share the holder's subject:
    // the second import takes the first one's name, so Thunderbird would list two identical names.
    const { db } = nssImport(join(ascii.out, KEYED[1].file), ascii.password);
    const second = spawnSync('pk12util', ['-i', join(ascii.out, KEYED[0].file), '-d', db, '-W', ascii.password, '-K', ''], { encoding: 'utf8' });
    expect(second.status, second.stderr).toBe(0);
    const keys = certutil(['-K', '-d', db]).split('\n').filter((l) => l.startsWith('<'));
    expect(keys.map((l) => l.split(/\s{2,}/).at(-1))).toEqual([KEYED[1].friendlyName, KEYED[1].friendlyName]);
  }, 30_000);

  test(`OpenSSL 3 reads both files without -legacy (${ALGORITHMS[profile].bags}, ${ALGORITHMS[profile].mac}); the key is the certificate's`, () => {
    requireTool('openssl');
    for (const k of KEYED) {
      const p12 = join(ascii.out, k.file);
      const info = openssl(p12, ascii.password, ['-info', '-noout']);
      expect(info.status, info.stderr).toBe(0);
      expect(info.stderr).toContain(ALGORITHMS[profile].mac);
      expect(info.stderr).toContain(`Shrouded Keybag: ${ALGORITHMS[profile].bags}`);
      expect(info.stderr).toContain(`PKCS7 Encrypted data: ${ALGORITHMS[profile].bags}`);
      const certs = openssl(p12, ascii.password, ['-nokeys']);
      expect(certs.status, certs.stderr).toBe(0);
      const chain = pemBlocks(certs.stdout, 'CERTIFICATE').map((pem) => new X509Certificate(pem));
      expect(chain.map((c) => c.subject.match(/CN=(.+)/)![1])).toEqual([HOLDER, INTERMEDIATE, ROOT_CA]);
      const keys = openssl(p12, ascii.password, ['-nocerts', '-nodes']);
      expect(keys.status, keys.stderr).toBe(0);
      const keyPems = pemBlocks(keys.stdout, 'PRIVATE KEY');
      expect(keyPems).toHaveLength(1);
      const publicKey = spki(createPublicKey(createPrivateKey(keyPems[0]!)));
      expect(chain.filter((c) => spki(c.publicKey).equals(publicKey)).map((c) => c.fingerprint256)).toEqual([ascii.fingerprints[k.role]]);
    }
  }, 30_000);

  test(`accented output password "${ACCENTED_PASSWORD}": Java refuses both files, NSS, OpenSSL and Node tls open them`, async () => {
    requireTool('java');
    requireTool('pk12util');
    requireTool('certutil');
    requireTool('openssl');
    // What Java does below is what the warning announces.
    expect(accented.warnings).toContain('PASSWORD_NOT_PORTABLE');
    const results = await Promise.all(KEYED.map((k) => javaLoad(join(accented.out, k.file), accented.passwordFile)));
    for (const [i, k] of KEYED.entries()) {
      const p12 = join(accented.out, k.file);
      // Java's PBE keys take only U+0020–U+007E; KeyStore.load reports it as a wrong password.
      expect(results[i]!.code, results[i]!.output).toBe(2);
      expect(results[i]!.facts.error).toEqual([
        'java.io.IOException: keystore password was incorrect',
        'java.security.UnrecoverableKeyException: failed to decrypt safe contents entry: java.io.IOException: getSecretKey failed: Password is not ASCII',
      ]);
      const { db, imported } = nssImport(p12, accented.password);
      expect(imported.status, imported.stderr).toBe(0);
      expect(certutil(['-K', '-d', db])).toContain(k.friendlyName);
      const read = openssl(p12, accented.password, ['-nodes']);
      expect(read.status, read.stderr).toBe(0);
      expect([pemBlocks(read.stdout, 'CERTIFICATE').length, pemBlocks(read.stdout, 'PRIVATE KEY').length]).toEqual([3, 1]);
      expect(() => createSecureContext({ pfx: readFileSync(p12), passphrase: accented.password })).not.toThrow();
      // The same file with a wrong password: each importer does refuse, so "opens" above means something.
      expect(nssImport(p12, ASCII_PASSWORD).imported.status).not.toBe(0);
      expect(openssl(p12, ASCII_PASSWORD, ['-noout']).status).not.toBe(0);
      expect(() => createSecureContext({ pfx: readFileSync(p12), passphrase: ASCII_PASSWORD })).toThrow(/mac verify failure/);
    }
  }, JAVA_TIMEOUT);
});

describe('files OpenSSL itself writes with an accented password', () => {
  test('Java refuses them too (default AES and -legacy); with the ASCII password it opens them', async () => {
    requireTool('java');
    requireTool('openssl');
    const ascii = extract('modern');
    const pem = openssl(join(ascii.out, KEYED[0].file), ascii.password, ['-nodes']);
    expect(pem.status, pem.stderr).toBe(0);
    const work = fresh('openssl-export');
    writeFileSync(join(work, 'in.pem'), pem.stdout);
    const cases = ['default', 'legacy'].flatMap((variant) =>
      [ASCII_PASSWORD, ACCENTED_PASSWORD].map((password) => ({ variant, password })),
    );
    const results = await Promise.all(
      cases.map(({ variant, password }, i) => {
        const out = join(work, `${i}.p12`);
        const passwordFile = join(work, `${i}.txt`);
        writeFileSync(passwordFile, password);
        const args = ['pkcs12', '-export', ...(variant === 'legacy' ? ['-legacy'] : []), '-in', join(work, 'in.pem'), '-name', 'Signature - OpenSSL', '-passout', 'env:SNE_TEST_PASSWORD', '-out', out];
        const written = spawnSync('openssl', args, { encoding: 'utf8', env: { ...process.env, SNE_TEST_PASSWORD: password } });
        expect(written.status, written.stderr).toBe(0);
        return javaLoad(out, passwordFile);
      }),
    );
    const summary = cases.map(({ variant, password }, i) => [variant, password, results[i]!.facts.chainLength?.[0] ?? results[i]!.facts.error?.at(-1)]);
    const refused = 'java.security.UnrecoverableKeyException: failed to decrypt safe contents entry: java.io.IOException: getSecretKey failed: Password is not ASCII';
    expect(summary).toEqual([
      ['default', ASCII_PASSWORD, '3'],
      ['default', ACCENTED_PASSWORD, refused],
      ['legacy', ASCII_PASSWORD, '3'],
      ['legacy', ACCENTED_PASSWORD, refused],
    ]);
  }, JAVA_TIMEOUT);
});
