import { frenchTypography } from './messages.js';

/**
 * Stable error codes of `@sne-toolbox/certificates`.
 *
 * - `INPUT_NOT_FOUND`: a file does not exist or cannot be read.
 * - `PASSWORD_REQUIRED`: the file is protected and no password was given.
 * - `BAD_PASSWORD`: the password is wrong (the file itself is sound).
 * - `CORRUPT_FILE`: the file is damaged, truncated, or its integrity check fails with the right password.
 * - `UNSUPPORTED_FORMAT`: not a certificate file this tool reads (or an unknown PKCS#12 algorithm).
 * - `UNSUPPORTED_ALGORITHM`: a key of an algorithm other than RSA or EC P-256/P-384/P-521.
 * - `NO_CERTIFICATE`: nothing usable in the inputs.
 * - `ROLE_MISSING`: with `requireAll`, a role has no certificate with its private key.
 * - `OUTPUT_EXISTS`: an output file exists and `force` was not given.
 * - `OUTPUT_IS_INPUT`: an output would be an input file itself (links resolved): refused even with `force`.
 * - `WRITE_FAILED`: an output could not be written.
 * - `LIMIT_EXCEEDED`: an absurd size or iteration count, beyond what real tools produce.
 * - `ABORTED`: a signal stopped the work; the output folder holds what it held before.
 * - `USAGE`: invalid options.
 */
export type CertificateErrorCode =
  | 'INPUT_NOT_FOUND'
  | 'PASSWORD_REQUIRED'
  | 'BAD_PASSWORD'
  | 'CORRUPT_FILE'
  | 'UNSUPPORTED_FORMAT'
  | 'UNSUPPORTED_ALGORITHM'
  | 'NO_CERTIFICATE'
  | 'ROLE_MISSING'
  | 'OUTPUT_EXISTS'
  | 'OUTPUT_IS_INPUT'
  | 'WRITE_FAILED'
  | 'LIMIT_EXCEEDED'
  | 'ABORTED'
  | 'USAGE';

/** The one error class of the package. Messages are French and never contain a password. */
export class CertificateError extends Error {
  readonly code: CertificateErrorCode;
  /** File the error is about, when known. */
  readonly file: string | undefined;

  constructor(code: CertificateErrorCode, message: string, options: { cause?: unknown; file?: string; hint?: string; details?: Record<string, unknown> } = {}) {
    super(frenchTypography(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.file = options.file;
    this.hint = options.hint;
    this.details = options.details ?? {};
  }

  /** Facts about the error, by code: for `USAGE`, `option` and `allowed`; for `LIMIT_EXCEEDED` of a file, `file`. */
  readonly details: Readonly<Record<string, unknown>>;

  /** What a CLI user types next (`--force`, `-o`…), kept out of `message`: the CLI prints it after. */
  readonly hint: string | undefined;

  /** `AbortError` for `ABORTED`, as `fetch` and streams name an abort; `CertificateError` otherwise. */
  override get name(): string {
    return this.code === 'ABORTED' ? 'AbortError' : 'CertificateError';
  }
}

/** Returns true when `error` is a {@link CertificateError}, optionally with the given code. */
export function isCertificateError(error: unknown, code?: CertificateErrorCode): error is CertificateError {
  return error instanceof CertificateError && (code === undefined || error.code === code);
}

/**
 * Warning codes: findings that do not stop the work.
 *
 * - `PASSWORD_NOT_PORTABLE`: the password of the exported keys (chosen, or the input's own, reused) has
 *   a character outside U+0020–U+007E, which software written in Java refuses (it answers « mot de passe
 *   incorrect »); NSS (Thunderbird, Firefox), OpenSSL and Node accept it. `passwordSource` says which.
 * - `KEY_UNVERIFIED`: a private key carries a certificate's public numbers but the proof by
 *   signature could not run here (no WebCrypto `subtle`: a page served over plain http); the key is
 *   kept, never called proven (`keyMatches` null), and an export that holds it says so.
 * - `KEY_OUT_OF_BOUNDS`: an RSA key larger than 8,192 bits or with an exponent over 2^32, which no
 *   authority issues: set aside, neither proven nor exported.
 * - `CHAIN_INCOMPLETE`: every link present verifies, but an authority of the chain is not in the files.
 * - `CHAIN_INVALID`: the chain is there but wrong: a signature that does not verify, an issuer that
 *   is not a CA, a loop, an expired authority, a pathLen or name constraint broken (`chainReason`).
 * - `CHAIN_UNVERIFIED`: a link cannot be checked here (RSA-PSS, a key out of bounds, too many checks).
 * - `SUPERSEDED`: a certificate of the same holder and role (often the same key) that ends later
 *   replaces this one, which is not exported.
 */
export type CertificateWarningCode =
  | 'ROLE_MISSING'
  | 'ROLE_DUPLICATE'
  | 'KEY_WITHOUT_CERTIFICATE'
  | 'KEY_MISMATCH'
  | 'KEY_UNVERIFIED'
  | 'UNAUTHENTICATED'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'EXPIRES_SOON'
  | 'CHAIN_INCOMPLETE'
  | 'CHAIN_INVALID'
  | 'CHAIN_UNVERIFIED'
  | 'SUPERSEDED'
  | 'KEY_OUT_OF_BOUNDS'
  | 'PASSWORD_NOT_PORTABLE';

/** A non-fatal finding. */
export interface CertificateWarning {
  code: CertificateWarningCode;
  message: string;
  /** For `ROLE_MISSING`: the missing role. */
  role?: 'chiffrement' | 'signature' | 'authentification';
  /** For `ROLE_MISSING`: certificates whose role could not be told and that could fill it. */
  candidates?: { subject: string; fingerprintSha256: string }[];
  /** For `PASSWORD_NOT_PORTABLE`: `reused` when it is the input's own password, kept by default; `given` when chosen. */
  passwordSource?: 'reused' | 'given';
}
