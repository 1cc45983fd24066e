import forge from './forge.js';
import { concat, fromBinary, toBinary } from './bytes.js';
import { CertificateError } from './errors.js';

/** Digest algorithms used by PKCS#12 and X.509 here. */
export type DigestName = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

/**
 * Highest iteration count accepted for PBKDF2 (native WebCrypto: about a second at this bound). Real
 * tools use 2,000 (Windows), 2,048 (OpenSSL), 10,000 (Java) and at most a few hundred thousand.
 */
export const MAX_ITERATIONS = 1_000_000;
/** Highest iteration count for the PKCS#12 KDF, computed in JavaScript; real tools use 2,000 to 10,000. */
export const MAX_PKCS12_KDF_ITERATIONS = 100_000;

/** Total PBKDF2 iterations one input may cost (MAC + every bag + every password encoding tried): about 1.5 s native. */
export const MAX_PBKDF2_WORK = 6_000_000;
/** Total PKCS#12-KDF iterations one input may cost (computed in JavaScript): about 1.5 s here. */
export const MAX_PKCS12_KDF_WORK = 600_000;

/**
 * The key-derivation work left for one input. Each derivation is paid before it runs, so a file with
 * thousands of bags, or one that makes every password encoding fail, ends in `LIMIT_EXCEEDED`
 * within a couple of seconds instead of minutes.
 */
export class KdfBudget {
  #pbkdf2 = MAX_PBKDF2_WORK;
  #pkcs12 = MAX_PKCS12_KDF_WORK;

  /** Pays for `iterations` of PBKDF2 (`'pbkdf2'`) or of the PKCS#12 KDF (`'pkcs12'`). */
  spend(kind: 'pbkdf2' | 'pkcs12', iterations: number): void {
    const left = kind === 'pbkdf2' ? (this.#pbkdf2 -= iterations) : (this.#pkcs12 -= iterations);
    if (left < 0) {
      throw new CertificateError(
        'LIMIT_EXCEEDED',
        'Ce fichier demande plus de calculs de mot de passe que n\'importe quel certificat réel (trop d\'éléments chiffrés ou d\'itérations) : fichier suspect, non ouvert. Redemandez-le à l\'autorité de certification.',
      );
    }
  }
}

const BLOCK_SIZE: Record<DigestName, number> = { sha1: 64, sha224: 64, sha256: 64, sha384: 128, sha512: 128 };

function md(name: DigestName): forge.md.MessageDigest {
  switch (name) {
    case 'sha1':
      return forge.md.sha1.create();
    case 'sha224':
      return (forge.md as unknown as { sha224: { create(): forge.md.MessageDigest } }).sha224.create();
    case 'sha256':
      return forge.md.sha256.create();
    case 'sha384':
      return forge.md.sha384.create();
    case 'sha512':
      return forge.md.sha512.create();
  }
}

export function digest(name: DigestName, data: Uint8Array): Uint8Array {
  const h = md(name);
  h.update(toBinary(data));
  return fromBinary(h.digest().getBytes());
}

export function hmac(name: DigestName, key: Uint8Array, data: Uint8Array): Uint8Array {
  const h = forge.hmac.create();
  h.start(md(name), toBinary(key));
  h.update(toBinary(data));
  return fromBinary(h.digest().getBytes());
}

export function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  globalThis.crypto.getRandomValues(out);
  return out;
}

const SUBTLE_HASH: Partial<Record<DigestName, string>> = { sha1: 'SHA-1', sha256: 'SHA-256', sha384: 'SHA-384', sha512: 'SHA-512' };

/**
 * PBKDF2 over raw password bytes. Uses WebCrypto (native speed, Node and browsers) when present;
 * forge otherwise, always given a digest object so that it never re-encodes the bytes as UTF-8.
 */
export async function pbkdf2(password: Uint8Array, salt: Uint8Array, iterations: number, keyLength: number, prf: DigestName): Promise<Uint8Array> {
  const subtle = globalThis.crypto?.subtle;
  const hash = SUBTLE_HASH[prf];
  if (subtle && hash && password.byteLength > 0) {
    const key = await subtle.importKey('raw', password as Uint8Array<ArrayBuffer>, 'PBKDF2', false, ['deriveBits']);
    const bits = await subtle.deriveBits({ name: 'PBKDF2', salt: salt as Uint8Array<ArrayBuffer>, iterations, hash }, key, keyLength * 8);
    return new Uint8Array(bits);
  }
  return fromBinary(forge.pkcs5.pbkdf2(toBinary(password), toBinary(salt), iterations, keyLength, md(prf)));
}

/** Password as PKCS#12 BMPString: UTF-16BE code units plus a two-byte terminator (RFC 7292 B.1). */
export function bmpPassword(password: string): Uint8Array {
  const out = new Uint8Array(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) {
    out[2 * i] = password.charCodeAt(i) >> 8;
    out[2 * i + 1] = password.charCodeAt(i) & 0xff;
  }
  return out;
}

/** PKCS#12 key derivation (RFC 7292 appendix B.2). `id`: 1 key, 2 IV, 3 MAC key. */
export function pkcs12Kdf(password: Uint8Array, salt: Uint8Array, id: 1 | 2 | 3, iterations: number, length: number, name: DigestName): Uint8Array {
  const v = BLOCK_SIZE[name];
  const fill = (src: Uint8Array) => {
    if (src.byteLength === 0) return new Uint8Array(0);
    const out = new Uint8Array(v * Math.ceil(src.byteLength / v));
    for (let i = 0; i < out.byteLength; i++) out[i] = src[i % src.byteLength]!;
    return out;
  };
  const D = new Uint8Array(v).fill(id);
  const I = concat([fill(salt), fill(password)]);
  const result: Uint8Array[] = [];
  let produced = 0;
  const h = md(name) as forge.md.MessageDigest & { start(): forge.md.MessageDigest };
  while (produced < length) {
    // Iterate on forge's binary strings: converting to bytes at every round would dominate the cost.
    h.start();
    h.update(toBinary(concat([D, I])));
    let a = h.digest().getBytes();
    for (let k = 1; k < iterations; k++) {
      h.start();
      h.update(a);
      a = h.digest().getBytes();
    }
    const A = fromBinary(a);
    result.push(A);
    produced += A.byteLength;
    if (produced >= length) break;
    const B = fill(A).subarray(0, v);
    for (let j = 0; j < I.byteLength; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        carry += I[j + k]! + B[k]!;
        I[j + k] = carry & 0xff;
        carry >>= 8;
      }
    }
  }
  return concat(result).subarray(0, length);
}

/** Block ciphers used by PKCS#12 and PKCS#8. */
export type CipherName = 'aes-128-cbc' | 'aes-192-cbc' | 'aes-256-cbc' | 'des-ede3-cbc' | 'des-cbc' | 'rc2-cbc';

function createCipher(name: CipherName, key: Uint8Array, decrypt: boolean, rc2Bits: number): forge.cipher.BlockCipher {
  const k = toBinary(key);
  if (name === 'rc2-cbc') {
    const rc2 = (forge as unknown as { rc2: { createDecryptionCipher(key: string, bits: number): forge.cipher.BlockCipher; createEncryptionCipher(key: string, bits: number): forge.cipher.BlockCipher } }).rc2;
    return decrypt ? rc2.createDecryptionCipher(k, rc2Bits) : rc2.createEncryptionCipher(k, rc2Bits);
  }
  const algorithm = name === 'des-ede3-cbc' ? '3DES-CBC' : name === 'des-cbc' ? 'DES-CBC' : 'AES-CBC';
  return decrypt ? forge.cipher.createDecipher(algorithm, k) : forge.cipher.createCipher(algorithm, k);
}

/** CBC decryption with PKCS#7 padding; null when the padding is wrong (usually: wrong password). */
export function decrypt(name: CipherName, key: Uint8Array, iv: Uint8Array, data: Uint8Array, rc2Bits = 128): Uint8Array | null {
  const cipher = createCipher(name, key, true, rc2Bits);
  // forge's RC2 cipher takes the IV positionally; the others take { iv }.
  if (name === 'rc2-cbc') (cipher as unknown as { start(iv: string): void }).start(toBinary(iv));
  else cipher.start({ iv: toBinary(iv) });
  cipher.update(forge.util.createBuffer(toBinary(data)));
  if (!cipher.finish()) return null;
  return fromBinary(cipher.output.getBytes());
}

/** CBC encryption with PKCS#7 padding. */
export function encrypt(name: CipherName, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  const cipher = createCipher(name, key, false, 128);
  cipher.start({ iv: toBinary(iv) });
  cipher.update(forge.util.createBuffer(toBinary(data)));
  cipher.finish();
  return fromBinary(cipher.output.getBytes());
}
