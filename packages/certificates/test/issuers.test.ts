import { describe, expect, test } from 'vitest';
import { sameNameChains } from '../../../scripts/make-hostile-inputs.mjs';
import { parsePem } from '../src/core/bytes.js';
import { evaluateChain, IssuerIndex } from '../src/core/chain.js';
import { isCertificateError, openBundle } from '../src/index.js';
import { MAX_CERTIFICATES } from '../src/core/limits.js';
import { parseCertificate } from '../src/core/x509.js';
import { NOW } from './helpers.js';

// Issue 19, item 1: chain work bounded by the number of certificates, not its square.

describe('issuer index', () => {
  const n = 40;
  const pool = parsePem(sameNameChains(n)).map((b) => parseCertificate(b.der));

  test('N same-named authorities sharing one key, N forged leaves: one signature check per certificate', async () => {
    const index = new IssuerIndex(pool);
    const results = [];
    for (const cert of pool) results.push(await evaluateChain(cert, index, NOW));
    expect(results.filter((r) => r.status === 'auto-signe')).toHaveLength(n);
    expect(results.filter((r) => r.status === 'invalide')).toHaveLength(n);
    // Each leaf against the one shared key, each authority against itself; nothing checked twice.
    expect(index.verifications).toBe(2 * n);
  });

  test('the same result with a fresh index per certificate (memo changes nothing)', async () => {
    const index = new IssuerIndex(pool);
    for (const cert of pool.slice(n - 2, n + 2)) {
      expect(await evaluateChain(cert, index, NOW)).toEqual(await evaluateChain(cert, pool, NOW));
    }
  });

  test('candidates are looked up by name, never the certificate itself', () => {
    const index = new IssuerIndex(pool);
    const leaf = pool[n]!;
    expect(index.candidates(leaf)).toHaveLength(n);
    expect(index.candidates(pool[0]!)).toHaveLength(n - 1);
  });
});

describe('certificate cap', () => {
  test(`more than ${MAX_CERTIFICATES} certificates in the inputs: LIMIT_EXCEEDED, quickly`, async () => {
    const bytes = new TextEncoder().encode(sameNameChains(Math.ceil((MAX_CERTIFICATES + 1) / 2)));
    const started = performance.now();
    const error = await openBundle([{ name: 'homonymes.pem', bytes }]).catch((e: unknown) => e);
    expect(isCertificateError(error, 'LIMIT_EXCEEDED'), String(error)).toBe(true);
    expect((error as Error).message).toMatch(/certificats/);
    expect(performance.now() - started).toBeLessThan(3000);
  }, 30_000);
});
