import { pbkdf2Sync } from 'node:crypto';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { openBundle } from '@sne-toolbox/certificates';
import { JS_PBKDF2_COST, KdfBudget, MAX_PBKDF2_WORK, pbkdf2 } from '../src/core/crypto.js';
import * as hostile from '../scripts/hostile-files.mjs';

// Issue 19, items 5 and 9: PBKDF2 runs natively for every password WebCrypto accepts (the empty
// one included), JavaScript is paid at its real price, and long work hears its signal.

const salt = new Uint8Array(16).fill(7);
const subtle = globalThis.crypto.subtle;
afterEach(() => vi.restoreAllMocks());

/** Makes WebCrypto refuse every PBKDF2 key, as a browser that rejects a password would. */
const refuseNativeKeys = () => vi.spyOn(subtle, 'importKey').mockRejectedValue(new DOMException('refusé', 'OperationError'));

describe('PBKDF2: native for every password WebCrypto accepts', () => {
  test('the empty password is derived by WebCrypto (the one tried when none is given)', async () => {
    const derive = vi.spyOn(subtle, 'deriveBits');
    const key = await pbkdf2(new Uint8Array(0), salt, 2048, 32, 'sha256');
    expect(derive).toHaveBeenCalledTimes(1);
    expect(Buffer.from(key)).toEqual(pbkdf2Sync(Buffer.alloc(0), salt, 2048, 32, 'sha256'));
  });

  test('a native derivation costs its iterations; one in JavaScript costs them times JS_PBKDF2_COST', async () => {
    const iterations = Math.ceil(MAX_PBKDF2_WORK / JS_PBKDF2_COST) + 1;
    await expect(pbkdf2(new Uint8Array(0), salt, iterations, 32, 'sha256', new KdfBudget())).resolves.toHaveLength(32);
    refuseNativeKeys();
    await expect(pbkdf2(new Uint8Array(0), salt, iterations, 32, 'sha256', new KdfBudget())).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
  });

  test.each([
    ['sha1', 40, ''],
    ['sha256', 32, 'mot de passe accentué : é'],
    ['sha512', 64, ''],
  ] as const)('where importKey throws, JavaScript gives the same key (%s, %i octets, password %j)', async (prf, length, password) => {
    refuseNativeKeys();
    const bytes = new TextEncoder().encode(password);
    expect(Buffer.from(await pbkdf2(bytes, salt, 3000, length, prf))).toEqual(pbkdf2Sync(bytes, salt, 3000, length, prf));
  });
});

describe('signals (item 9)', () => {
  test('an aborted signal stops a derivation before it runs', async () => {
    const controller = new AbortController();
    controller.abort(new Error('SIGTERM'));
    await expect(pbkdf2(new Uint8Array(0), salt, 2048, 32, 'sha256', new KdfBudget(controller.signal))).rejects.toMatchObject({ code: 'ABORTED' });
  });

  test('a JavaScript derivation hears its signal between chunks of rounds', async () => {
    refuseNativeKeys();
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('SIGINT')), 100);
    const started = performance.now();
    // 150,000 rounds in JavaScript take seconds; the abort ends them within a chunk.
    await expect(pbkdf2(new Uint8Array(0), salt, 150_000, 32, 'sha512', new KdfBudget(controller.signal))).rejects.toMatchObject({ code: 'ABORTED' });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test('openBundle stops between bags: ABORTED within a second, long before the budget ends it', async () => {
    const controller = new AbortController();
    const bytes = new Uint8Array(hostile.manyPbes2Bags(520));
    let aborted = 0;
    setTimeout(() => {
      aborted = performance.now();
      controller.abort(new Error('SIGTERM'));
    }, 150);
    const error = (await openBundle([{ name: 'lent.p12', bytes }], { password: 'x', signal: controller.signal }).catch((e: unknown) => e)) as Error & { code: string; cause: unknown };
    expect(error).toMatchObject({ code: 'ABORTED' });
    expect((error.cause as Error).message).toBe('SIGTERM');
    expect(performance.now() - aborted).toBeLessThan(1000);
  });

  test('an aborted signal stops openBundle before it reads anything', async () => {
    await expect(openBundle([{ name: 'x.pem', bytes: new Uint8Array(0) }], { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'ABORTED' });
  });
});
