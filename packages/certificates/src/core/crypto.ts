import forge from './forge.js';
import { concat, fromBinary, toBinary } from './bytes.js';
import { checkpoint, throwIfAborted } from './abort.js';
import { CertificateError } from './errors.js';
import { iterateDigest } from './iterated-digest.js';

/** Digest algorithms used by PKCS#12 and X.509 here. */
export type DigestName = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

/** Total PBKDF2 iterations one input may cost (MAC + every bag + every password encoding tried): about 1.5 s native. */
export const MAX_PBKDF2_WORK = 6_000_000;
/**
 * Total PKCS#12-KDF iterations one input may cost, computed in JavaScript (SHA-1 and SHA-256 by
 * {@link iterateDigest}: 0.5 s (SHA-256) to 0.85 s (SHA-1) per 600,000 here). There is no cap per bag: real software writes
 * 2,000 (Windows), 2,048 (OpenSSL), 10,000 (Java) and 600,000 (NSS: Firefox, Thunderbird, for the
 * MAC), and only the total work of an input says whether a file is a trap.
 */
export const MAX_PKCS12_KDF_WORK = 1_500_000;
/** What one PKCS#12-KDF iteration costs with SHA-224/384/512 (forge's generic digest) against SHA-1/256. */
export const SLOW_KDF_COST = 15;
/**
 * What one PBKDF2 iteration in JavaScript costs, in native iterations: measured 11× (SHA-1) to 35×
 * (SHA-512) slower than Node's WebCrypto here. A derivation that falls back to JavaScript (no
 * WebCrypto, or a PRF it lacks) pays this much more, so the budget stays a bound on time.
 */
export const JS_PBKDF2_COST = 30;

/**
 * The key-derivation work left for one input, and the signal that stops it. Each derivation is paid
 * before it runs, so a file with thousands of bags, or one that makes every password encoding fail,
 * ends in `LIMIT_EXCEEDED` within a couple of seconds instead of minutes; and long work checks the
 * signal between its steps, so SIGINT or SIGTERM is heard within a fraction of a second.
 */
export class KdfBudget {
  #pbkdf2 = MAX_PBKDF2_WORK;
  #pkcs12 = MAX_PKCS12_KDF_WORK;

  /** `signal`: aborting it stops the work at its next step with `ABORTED`. */
  constructor(readonly signal?: AbortSignal) {}

  /** Pays for `iterations` of PBKDF2 (`'pbkdf2'`, in native iterations) or of the PKCS#12 KDF (`'pkcs12'`); throws `ABORTED` first when the signal is aborted. */
  spend(kind: 'pbkdf2' | 'pkcs12', iterations: number): void {
    throwIfAborted(this.signal);
    const left = kind === 'pbkdf2' ? (this.#pbkdf2 -= iterations) : (this.#pkcs12 -= iterations);
    if (left < 0) {
      throw new CertificateError(
        'LIMIT_EXCEEDED',
        'Ce fichier demande plus de calculs de mot de passe que n\'importe quel certificat réel (trop d\'éléments chiffrés ou d\'itérations) : fichier suspect, non ouvert. Redemandez-le à l\'autorité de certification.',
      );
    }
  }

  /** Pays for `iterations` of the PKCS#12 KDF with `digest` (SHA-224/384/512 cost {@link SLOW_KDF_COST} times more). */
  spendPkcs12Kdf(iterations: number, digest: DigestName): void {
    this.spend('pkcs12', digest === 'sha1' || digest === 'sha256' ? iterations : iterations * SLOW_KDF_COST);
  }

  /** Between two steps: lets a signal be heard, and throws `ABORTED` when it was. */
  checkpoint(): Promise<void> {
    return checkpoint(this.signal);
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

/** Native PBKDF2 (WebCrypto), or null where it cannot run: no `subtle` (plain http), a PRF it lacks, or a key it refuses. */
async function nativePbkdf2(password: Uint8Array, prf: DigestName): Promise<((salt: Uint8Array, iterations: number, keyLength: number) => Promise<Uint8Array>) | null> {
  const subtle = globalThis.crypto?.subtle;
  const hash = SUBTLE_HASH[prf];
  if (!subtle || !hash) return null;
  let key: CryptoKey;
  try {
    // Node accepts an empty password (the one tried when none is given); a browser that refuses it throws here.
    key = await subtle.importKey('raw', password as Uint8Array<ArrayBuffer>, 'PBKDF2', false, ['deriveBits']);
  } catch {
    return null;
  }
  return async (salt, iterations, keyLength) => new Uint8Array(await subtle.deriveBits({ name: 'PBKDF2', salt: salt as Uint8Array<ArrayBuffer>, iterations, hash }, key, keyLength * 8));
}

/** Iterations of JavaScript PBKDF2 between two checks of the signal (a few milliseconds). */
const JS_CHUNK = 2048;

/** PBKDF2 in JavaScript (RFC 8018 §5.2) on forge's HMAC over binary strings, checking the signal every {@link JS_CHUNK} iterations. */
async function jsPbkdf2(password: Uint8Array, salt: Uint8Array, iterations: number, keyLength: number, prf: DigestName, budget: KdfBudget | undefined): Promise<Uint8Array> {
  const mac = forge.hmac.create();
  mac.start(md(prf), toBinary(password));
  const s = toBinary(salt);
  const out: Uint8Array[] = [];
  for (let block = 1, produced = 0; produced < keyLength; block++) {
    mac.start(null as unknown as forge.md.MessageDigest, null);
    mac.update(s + String.fromCharCode(block >>> 24, (block >>> 16) & 0xff, (block >>> 8) & 0xff, block & 0xff));
    let u = mac.digest().getBytes();
    const t = fromBinary(u);
    for (let j = 2; j <= iterations; j++) {
      if (j % JS_CHUNK === 0) await budget?.checkpoint();
      mac.start(null as unknown as forge.md.MessageDigest, null);
      mac.update(u);
      u = mac.digest().getBytes();
      for (let k = 0; k < t.byteLength; k++) t[k]! ^= u.charCodeAt(k);
    }
    out.push(t);
    produced += t.byteLength;
  }
  return concat(out).subarray(0, keyLength);
}

/**
 * PBKDF2 over raw password bytes, paid from `budget` before it runs. Native (WebCrypto, Node and
 * secure browsers) whenever it accepts the key, the empty password included; JavaScript otherwise,
 * always given a digest object so that forge never re-encodes the bytes as UTF-8, and paid at
 * {@link JS_PBKDF2_COST} times the native price. The signal is checked before and after.
 */
export async function pbkdf2(password: Uint8Array, salt: Uint8Array, iterations: number, keyLength: number, prf: DigestName, budget?: KdfBudget): Promise<Uint8Array> {
  const native = await nativePbkdf2(password, prf);
  let key: Uint8Array;
  if (native) {
    budget?.spend('pbkdf2', iterations);
    key = await native(salt, iterations, keyLength);
  } else {
    budget?.spend('pbkdf2', iterations * JS_PBKDF2_COST);
    key = await jsPbkdf2(password, salt, iterations, keyLength, prf, budget);
  }
  throwIfAborted(budget?.signal);
  return key;
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
    let A: Uint8Array;
    if (name === 'sha1' || name === 'sha256') A = iterateDigest(name, fromBinary(a), iterations - 1);
    else {
      for (let k = 1; k < iterations; k++) {
        h.start();
        h.update(a);
        a = h.digest().getBytes();
      }
      A = fromBinary(a);
    }
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
