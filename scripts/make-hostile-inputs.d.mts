// Types of make-hostile-inputs.mjs, for test/hostile-round3.test.ts and the bench.
export const EXAMPLE_P12: string;
export const EXAMPLE_PASSWORD: string;
export const CSV: string;
export const LONG_MEMBER: string;
export const LONGEST_MEMBER: string;
export const HOSTILE_TEXT: { cn: string; o: string; surrogate: string };
export interface HostileFacts {
  password: string;
  secret: string;
  appendedFingerprint: string;
  pathLenLeaf: string;
  nameConstraintLeaf: string;
  expiredChain: string[];
}
export function makeAll(dir: string, options?: { chains?: number[]; bomb?: boolean }): Promise<HostileFacts>;
export function sameNameChains(n: number): string;
export function sixEmptyPasswordBags(options?: { bags?: number; iterations?: number }): Buffer;
export function pbmac1ShortKey(options?: { password?: string; keyLength?: number; iterations?: number }): Buffer;
export function appendedPem(): { bytes: Buffer; fingerprint: string };
export function writeZeroBomb(path: string, options?: { members?: string[]; size?: number }): Promise<void>;
export function zip(members: { name: string; data: Uint8Array }[]): Buffer;
// Certificate makers, for the unit tests of the chain rules (packages/certificates/test).
export function name(pairs: [string, string][]): Buffer;
export const extensions: {
  ca(pathLen?: number): Buffer;
  keyUsage(...names: string[]): Buffer;
  permittedDirectory(pairs: [string, string][]): Buffer;
};
export function certificate(options: {
  serial: number;
  issuer: Buffer;
  subject: Buffer;
  notBefore?: Date;
  notAfter?: Date;
  publicKey: import('node:crypto').KeyObject;
  issuerKey: import('node:crypto').KeyObject;
  issuerPublicKey?: import('node:crypto').KeyObject;
  exts?: Buffer[];
  forgedSignature?: boolean;
}): Buffer;
export function pem(label: string, bytes: Uint8Array): string;
export function fingerprint(der: Uint8Array): string;
export function p12(dir: string, base: string, options: { key: import('node:crypto').KeyObject | string; cert: Uint8Array; extra?: Uint8Array[]; password: string; iter?: number }): string;
