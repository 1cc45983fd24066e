#!/usr/bin/env node
// The fourth hostile round's certificate inputs (issue 25): public-key work that costs minutes for a
// few kilobytes. Built with the helpers of make-hostile-inputs.mjs; used by the tests (imported) and
// by bench/certificate-bounds.mjs. Run alone, it writes the files into a folder:
//   node scripts/make-hostile-certificates.mjs <dossier> [--big-keys]
// --big-keys also writes four 16,384-bit RSA key pairs (a few minutes of key generation).
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { certificate, extensions, name, pem } from './make-hostile-inputs.mjs';

/** A public key with `modulus` (base64url, from a real key) and a `bits`-bit odd public exponent, distinct per `seed`. */
function bigExponentKey(modulus, bits, seed) {
  const e = Buffer.alloc(Math.ceil(bits / 8), 0xa5);
  e[0] = 0x80 >> ((8 - (bits % 8)) % 8) || 0x80;
  e.writeUInt32BE(seed, e.length - 8);
  e[e.length - 1] |= 1;
  return createPublicKey({ key: { kty: 'RSA', n: modulus, e: e.toString('base64url') }, format: 'jwk' });
}

/**
 * PEM text of `n` same-named authorities, each its own key (one modulus, a distinct 3,071-bit public
 * exponent: each RSA verification then costs thousands of times more than with 65,537), and `n`
 * leaves "issued" by that name. Issue 19's memo by issuer key does not help: every key differs.
 */
export function bigExponentAuthorities(n = 120) {
  const real = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const modulus = real.publicKey.export({ format: 'jwk' }).n;
  const caName = name([['c', 'FR'], ['o', 'Exposant Géant (TEST)'], ['cn', 'AC Homonyme']]);
  let out = '';
  for (let i = 0; i < n; i++) {
    const publicKey = bigExponentKey(modulus, 3071, i);
    out += pem('CERTIFICATE', certificate({ serial: 1000 + i, issuer: caName, subject: caName, publicKey, issuerKey: real.privateKey, exts: [extensions.ca(), extensions.keyUsage('keyCertSign', 'cRLSign')] }));
  }
  for (let i = 0; i < n; i++) {
    const subject = name([['c', 'FR'], ['o', 'Exposant Géant (TEST)'], ['cn', `Porteur ${i}`]]);
    out += pem('CERTIFICATE', certificate({ serial: 5000 + i, issuer: caName, subject, publicKey: real.publicKey, issuerKey: real.privateKey, exts: [extensions.keyUsage('digitalSignature', 'nonRepudiation')] }));
  }
  return out;
}

/** PEM text of `count` self-signed certificates with their keys, `bits`-bit RSA: each key-pair proof costs (bits / 2,048)^3 times a normal one. */
export function bigRsaPairs(count = 4, bits = 16384) {
  let out = '';
  for (let i = 0; i < count; i++) {
    const keys = generateKeyPairSync('rsa', { modulusLength: bits });
    const subject = name([['c', 'FR'], ['o', 'Clé Géante (TEST)'], ['cn', `Clé ${bits} bits ${i}`]]);
    out += pem('CERTIFICATE', certificate({ serial: 7000 + i, issuer: subject, subject, publicKey: keys.publicKey, issuerKey: keys.privateKey, exts: [extensions.keyUsage('digitalSignature', 'nonRepudiation')] }));
    out += keys.privateKey.export({ type: 'pkcs8', format: 'pem' });
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('Utilisation : node scripts/make-hostile-certificates.mjs <dossier> [--big-keys]');
    process.exit(2);
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'exposants-geants.pem'), bigExponentAuthorities());
  if (process.argv.includes('--big-keys')) writeFileSync(join(dir, 'cles-16384.pem'), bigRsaPairs());
  console.log(`Fichiers écrits dans ${dir}`);
}
