import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { classifyCertificate, isCertificateError, parseCertificate } from '../src/index.js';
import { FIXTURES } from './helpers.js';

// Issue 28: one certificate parsed from a real file, DER or PEM, and classified, with nothing else of
// the package; small enough for a browser bundle.

describe('parseCertificate', () => {
  it('a real .cer (DER) and its PEM text give the same certificate, classified', () => {
    const der = new Uint8Array(readFileSync(join(FIXTURES, 'chiffrement.cer')));
    const fromDer = parseCertificate(der);
    const pem = `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;
    expect(parseCertificate(pem)).toEqual(fromDer);
    expect(parseCertificate(new TextEncoder().encode(pem))).toEqual(fromDer);
    expect(parseCertificate(der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength))).toEqual(fromDer);
    // As Notepad and openssl write PEM: a BOM, then « Bag Attributes » lines before BEGIN.
    expect(parseCertificate(new TextEncoder().encode(`\ufeffBag Attributes\n    localKeyID: 01\nsubject=/CN=x\n${pem}`))).toEqual(fromDer);
    expect(classifyCertificate(fromDer).role).toBe('chiffrement');
    expect(fromDer.subject.commonName).toBe('Jeanne Dupont-Lefèvre');
    expect(fromDer.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it.each([
    ['text without a certificate', 'bonjour', 'UNSUPPORTED_FORMAT'],
    ['random bytes', new Uint8Array([0x30, 0x03, 0x02, 0x01]), 'CORRUPT_FILE'],
  ])('%s: %s', (_label, input, code) => {
    let error: unknown;
    try {
      parseCertificate(input);
    } catch (e) {
      error = e;
    }
    expect(isCertificateError(error, code as 'CORRUPT_FILE')).toBe(true);
  });

  it('parseCertificate + classifyCertificate bundle for the browser under 20 kB gzip', () => {
    const root = join(FIXTURES, '../../../..');
    const entry = "import { parseCertificate, classifyCertificate } from './packages/certificates/src/index.ts'; export const role = (b) => classifyCertificate(parseCertificate(b)).role;";
    // esbuild as a bundler user runs it: the `.` entry, browser platform, minified (the source condition reads src/).
    const bundle = execFileSync(join(root, 'node_modules/.bin/esbuild'), ['--bundle', '--minify', '--platform=browser', '--format=esm', '--conditions=source', '--loader=ts', '--log-level=error'], { cwd: root, input: entry });
    const size = gzipSync(bundle).byteLength;
    expect(size).toBeLessThan(20_000);
  });
});
