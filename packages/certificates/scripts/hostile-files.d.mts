// Types of hostile-files.mjs, for the tests that import it.
export const bmp: (password: string) => Buffer;
export function pkcs12Kdf(password: Uint8Array, salt: Uint8Array, id: 1 | 2 | 3, iterations: number, length: number): Buffer;
export function pbes2Encrypt(plain: Uint8Array, passwordBytes: Uint8Array, options?: { iterations?: number; salt?: Uint8Array; iv?: Uint8Array; keyLength?: number }): Buffer;
export function pfx(bags: Uint8Array[], options?: { macPassword?: string; iterations?: number }): Buffer;
export const pkcs1ToPkcs8: (pkcs1: Uint8Array) => Buffer;
export function manyPbes2Bags(count?: number, options?: { macPassword?: string }): Buffer;
export function manyPkcs12Bags(count?: number): Buffer;
export function macProvesPasswordBagDiffers(certDer: Uint8Array, pkcs8: Uint8Array, password: string, bagPasswordBytes: Uint8Array): Buffer;
export function zipBombOverlap(): Buffer;
export function zipBombDeclaredSizeLie(): Buffer;
export function zipOverTotal(): Buffer;
export function zipDuplicateNames(p12: Uint8Array): Buffer;
export function zipNested(p12: Uint8Array): Buffer;
export function pemBeginLines(size?: number): Buffer;
export function badCipherParameters(kind: 'iv-64' | 'keylength-20' | 'rc2-version'): Buffer;
