import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { iterateDigest, shaDigest } from '../src/core/iterated-digest.js';
import { bmpPassword, pkcs12Kdf } from '../src/core/crypto.js';

/** The same rounds with Node's own digest: the reference. */
function reference(name: 'sha1' | 'sha256', start: Uint8Array, rounds: number): Uint8Array {
  let a = Buffer.from(start);
  for (let i = 0; i < rounds; i++) a = createHash(name).update(a).digest();
  return new Uint8Array(a);
}

describe('iterateDigest', () => {
  it.each(['sha1', 'sha256'] as const)('%s: equals repeated hashing with node:crypto', (name) => {
    const start = new Uint8Array(createHash(name).update('graine').digest());
    for (const rounds of [0, 1, 2, 3, 1000]) expect(Buffer.from(iterateDigest(name, start, rounds)).toString('hex')).toBe(Buffer.from(reference(name, start, rounds)).toString('hex'));
  });

  it('the PKCS#12 KDF equals RFC 7292 B.2 computed round by round with node:crypto (MAC key, SHA-256, 600,000 rounds as NSS writes)', () => {
    // The same derivation by Node's digest, round by round, as an independent computation.
    const password = bmpPassword('été');
    const salt = new Uint8Array(16).fill(7);
    const v = 64;
    const fill = (src: Uint8Array) => Uint8Array.from({ length: v * Math.ceil(src.length / v) }, (_, i) => src[i % src.length]!);
    const first = createHash('sha256').update(Buffer.concat([new Uint8Array(v).fill(3), fill(salt), fill(password)])).digest();
    const expected = reference('sha256', first, 599_999);
    expect(Buffer.from(pkcs12Kdf(password, salt, 3, 600_000, 32, 'sha256')).toString('hex')).toBe(Buffer.from(expected).toString('hex'));
  });
});

describe('shaDigest', () => {
  it.each(['sha1', 'sha256'] as const)('%s: equals node:crypto for every length around the block boundaries', (name) => {
    for (const length of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000]) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 31 + 7) & 0xff);
      expect(Buffer.from(shaDigest(name, data)).toString('hex')).toBe(createHash(name).update(data).digest('hex'));
    }
  });
});
