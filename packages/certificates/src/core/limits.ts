/**
 * Certificates read from the inputs of one bundle, at most (issue 19, item 1). Real inputs hold a
 * handful: an RGS `.p12` has 1 to 4 key entries and their 2 or 3 authorities, keytool repeats the
 * chain per entry (about 15), a zip of a whole office's files or an operating system's trust store
 * stays under 300. Chain work is linear in the number of certificates (issuers looked up by name,
 * each signature checked once per issuer key), so this cap is not what keeps a crafted file fast:
 * it bounds memory and the time of a page on a slow PC, with room to spare for every real input.
 */
export const MAX_CERTIFICATES = 1000;

/**
 * Largest input read, in bytes, by the CLI and the page alike: certificate files are kilobytes, an
 * office's zip a few megabytes. The CLI counts the bytes actually read; the page checks a file's size
 * before reading it.
 */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/**
 * RSA keys that no certification authority issues: RGS and public CAs deliver 2,048 to 4,096 bits
 * with e = 65,537. A larger modulus or exponent only makes each operation slower (a 16,384-bit key
 * costs 1.3 s per proof, a 3,071-bit exponent makes a verification thousands of times slower), so
 * such a key is neither proven nor used to verify: the certificate says why.
 */
export const MAX_RSA_BITS = 8192;
/** Largest RSA public exponent accepted, in bits (OpenSSL bounds it at 64 bits above 3,072-bit moduli; 2^32 here). */
export const MAX_RSA_EXPONENT_BITS = 32;
/**
 * Signature checks run for one bundle, at most. Each issuer key checks each certificate once (memo),
 * so a real bundle needs a few dozen; past this, the chain is « non vérifiable » and says why.
 */
export const MAX_SIGNATURE_CHECKS = 4000;
/**
 * Key-pair proofs (sign and verify) of one bundle, in 2,048-bit RSA equivalents: an RSA proof costs
 * (bits / 2,048)^3 (a 4,096-bit key 8, an 8,192-bit key 64; an EC key 1). 512 is 64 agents' keys of
 * 4,096 bits, or about 1.5 s of CPU here at worst; past it, a key is kept « non vérifiée », as without
 * WebCrypto.
 */
export const KEY_PROOF_BUDGET = 512;

/** Why a public key is outside what CAs issue (see {@link MAX_RSA_BITS}), or null. */
export function keyOutOfBounds(key: { algorithm: string; bits: number | null; exponentBits?: number }): string | null {
  if (key.algorithm !== 'RSA') return null;
  if ((key.bits ?? 0) > MAX_RSA_BITS) return `clé RSA de ${key.bits} bits, au-delà des ${MAX_RSA_BITS} bits que délivre une autorité`;
  if ((key.exponentBits ?? 0) > MAX_RSA_EXPONENT_BITS) return `exposant public RSA de ${key.exponentBits} bits, au-delà des ${MAX_RSA_EXPONENT_BITS} bits que délivre une autorité`;
  return null;
}

/** The cost of one key-pair proof in {@link KEY_PROOF_BUDGET} units. */
export function keyProofCost(key: { algorithm: string; bits: number | null }): number {
  return key.algorithm === 'RSA' ? Math.max(1, ((key.bits ?? 2048) / 2048) ** 3) : 1;
}
