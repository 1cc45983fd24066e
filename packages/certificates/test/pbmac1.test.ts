import { describe, expect, test } from 'vitest';
import { openBundle } from '@sne-toolbox/certificates';
import { pbmac1ShortKey } from '../../../scripts/make-hostile-inputs.mjs';

// Issue 19, item 8: a PBMAC1 key length comes from the file; under 20 octets a forger without the
// password passes the MAC by guessing (1 time in 256 with one octet). Such files are refused.

const open = (keyLength: number) => openBundle([{ name: 'pbmac1.p12', bytes: new Uint8Array(pbmac1ShortKey({ password: '1234', keyLength })) }], { password: '1234' });

describe('PBMAC1 key length', () => {
  test.each([1, 8, 19])('%i octets: refused (CORRUPT_FILE), even with the right password', async (keyLength) => {
    await expect(open(keyLength)).rejects.toMatchObject({ code: 'CORRUPT_FILE', message: expect.stringContaining(`${keyLength} octet`) });
  });

  test.each([20, 32, 64])('%i octets: opened, the MAC proving it', async (keyLength) => {
    const bundle = await open(keyLength);
    expect(bundle.certificates[0]!.unauthenticated).toBeNull();
  });
});
