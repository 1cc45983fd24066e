import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CertificateError, openBundle } from '@sne-toolbox/certificates';
import { der } from '../src/core/asn1.js';
import { OID } from '../src/core/oids.js';
import { run } from '../src/cli/run.js';
import { FIXTURES, fixture, KEYTOOL_PASSWORD, PASSWORD } from './helpers.js';
// The same seeded PRNG as the example generator.
import { random } from '../../../examples/generate-extraction.mjs';

// A short seeded run always; FUZZ_LONG=1 for the long one.
const LONG = process.env.FUZZ_LONG === '1';
const MUTATIONS = LONG ? 5000 : 250;

function mutate(bytes: Uint8Array, rand: () => number): Uint8Array {
  const out = Uint8Array.from(bytes);
  const kind = Math.floor(rand() * 5);
  const at = Math.floor(rand() * out.length);
  switch (kind) {
    case 0: // bit flips
      for (let k = 0, n = 1 + Math.floor(rand() * 4); k < n; k++) {
        const i = Math.floor(rand() * out.length);
        out[i] = out[i]! ^ (1 << Math.floor(rand() * 8));
      }
      return out;
    case 1: // truncation
      return out.subarray(0, at);
    case 2: // a length byte made huge
      out[at] = 0x84;
      return out;
    case 3: // nested garbage inserted
      return Uint8Array.from([...out.subarray(0, at), 0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, ...Array.from({ length: 16 }, () => Math.floor(rand() * 256)), ...out.subarray(at)]);
    default: // a random byte range overwritten
      for (let i = at; i < Math.min(out.length, at + 32); i++) out[i] = Math.floor(rand() * 256);
      return out;
  }
}

describe('fuzzing the readers with mutated real bundles', () => {
  const seeds: [string, string][] = [
    ['signature-legacy.p12', PASSWORD],
    ['authentification-modern.p12', PASSWORD],
    ['trio-keytool.p12', KEYTOOL_PASSWORD],
    ['ec-signature.p12', PASSWORD],
    ['authentification-bundle.pem', PASSWORD],
    ['chaine.p7b', ''],
    ['bundle.zip', PASSWORD],
  ];
  test.each(seeds)('%s: every mutation ends quickly with success or a coded error', async (name, password) => {
    const original = fixture(name).bytes;
    const rand = random(name.length * 7919);
    const codes = new Map<string, number>();
    let slowest = 0;
    for (let i = 0; i < MUTATIONS / seeds.length; i++) {
      const bytes = mutate(original, rand);
      const started = performance.now();
      try {
        await openBundle([{ name, bytes }], { password });
        codes.set('ok', (codes.get('ok') ?? 0) + 1);
      } catch (error) {
        if (!(error instanceof CertificateError)) throw new Error(`mutation ${i} of ${name}: uncaught ${(error as Error)?.stack ?? String(error)}`);
        codes.set(error.code, (codes.get(error.code) ?? 0) + 1);
        expect(error.message).not.toContain(password || '\u0000');
      }
      slowest = Math.max(slowest, performance.now() - started);
    }
    // Not a timing assertion on shared machines: a hang would show as a test timeout; this bound is generous.
    expect(slowest).toBeLessThan(10_000);
    // Every outcome is a success or a documented reading error (never USAGE, WRITE_FAILED or an
    // uncaught error), every mutation is counted, and the mutations did reach the error paths.
    const outcomes = new Set(['ok', 'CORRUPT_FILE', 'BAD_PASSWORD', 'UNSUPPORTED_FORMAT', 'UNSUPPORTED_ALGORITHM', 'NO_CERTIFICATE', 'PASSWORD_REQUIRED', 'LIMIT_EXCEEDED']);
    expect([...codes.keys()].filter((c) => !outcomes.has(c))).toEqual([]);
    expect([...codes.values()].reduce((a, b) => a + b, 0)).toBe(Math.ceil(MUTATIONS / seeds.length));
    expect(codes.get('ok') ?? 0).toBeLessThan(Math.ceil(MUTATIONS / seeds.length));
  }, 300_000);
});

describe('absurd parameters are refused before any work', () => {
  function encryptedKey(iterations: number): Uint8Array {
    const params = der.sequence(
      der.sequence(der.oid(OID.pbkdf2), der.sequence(der.octets(new Uint8Array(8)), der.integer(iterations), der.sequence(der.oid(OID.hmacSha256), der.null()))),
      der.sequence(der.oid(OID.aes256Cbc), der.octets(new Uint8Array(16))),
    );
    return der.sequence(der.sequence(der.oid(OID.pbes2), params), der.octets(new Uint8Array(32)));
  }

  test('a PBKDF2 iteration count of 2 billion → LIMIT_EXCEEDED at once', async () => {
    const started = performance.now();
    const error = await openBundle([{ name: 'k.der', bytes: encryptedKey(2_000_000_000) }], { password: 'x' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'LIMIT_EXCEEDED' });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  test('a PKCS#12 MAC iteration count of 2 billion → LIMIT_EXCEEDED', async () => {
    const bytes = Uint8Array.from(fixture('signature-legacy.p12').bytes);
    const macData = der.sequence(
      der.sequence(der.sequence(der.oid(OID.sha1), der.null()), der.octets(new Uint8Array(20))),
      der.octets(new Uint8Array(8)),
      der.integer(2_000_000_000),
    );
    // Rebuild the PFX: version, authSafe as is, the absurd MacData.
    const { parseAsn1 } = await import('../src/core/asn1.js');
    const pfx = parseAsn1(bytes);
    const rebuilt = der.sequence(pfx.children[0]!.raw, pfx.children[1]!.raw, macData);
    await expect(openBundle([{ name: 'x.p12', bytes: rebuilt }], { password: PASSWORD })).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
  });

  test('an ASN.1 length of 2 GB in a 10-byte file → a coded error at once', async () => {
    const error = await openBundle([{ name: 'x.p12', bytes: Uint8Array.from([0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x02, 0x01, 0x03, 0x00]) }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CertificateError);
    expect(['CORRUPT_FILE', 'UNSUPPORTED_FORMAT']).toContain((error as CertificateError).code);
  });

  test('nesting 10,000 levels deep → a coded error, no stack overflow', async () => {
    const deep = new Uint8Array(20_000);
    for (let i = 0; i < 10_000; i++) deep.set([0x30, 0x80], i * 2);
    const error = await openBundle([{ name: 'deep.der', bytes: deep }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CertificateError);
  });
});

describe('no key material left behind', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sne-cert-hostile-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function cli(args: string[], env: Record<string, string>) {
    const out = new PassThrough();
    const err = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    err.on('data', (c: Buffer) => chunks.push(c));
    const code = await run(args, { stdout: out, stderr: err, stdin: Readable.from([]), env, cwd: FIXTURES });
    return { code, output: Buffer.concat(chunks).toString('utf8') };
  }

  test('no temp file in the output folder or the system temp folder, after success and after a refusal', async () => {
    // A private TMPDIR: other test files make their own folders in the shared /tmp meanwhile.
    const tmp = mkdtempSync(join(tmpdir(), 'sne-private-tmp-'));
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      const out = join(dir, 'sortie');
      expect((await cli(['extract', 'trio-keytool.p12', '--password-env', 'PW', '-o', out, '--pem'], { PW: KEYTOOL_PASSWORD })).code).toBe(0);
      expect((await cli(['extract', 'trio-keytool.p12', '--password-env', 'PW', '-o', out], { PW: KEYTOOL_PASSWORD })).code).toBe(1);
      expect(readdirSync(out).filter((f) => f.startsWith('.') || f.endsWith('.tmp'))).toEqual([]);
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  test('the password never appears in any output, even on errors', async () => {
    const secret = 'Secret-très-€-visible?';
    const runs = [
      await cli(['inspect', 'trio-keytool.p12', '--password-env', 'PW', '--json'], { PW: secret }),
      await cli(['extract', 'trio-keytool.p12', '--password-env', 'PW', '-o', join(dir, 'x'), '--json'], { PW: secret }),
      await cli(['check', 'tronque.p12', '--password-env', 'PW'], { PW: secret }),
    ];
    for (const r of runs) expect(r.output).not.toContain(secret);
    expect(readFileSync(join(FIXTURES, 'password.txt'), 'utf8')).not.toBe(secret);
  });
});
