// Types of make-hostile-certificates.mjs, for packages/certificates/test/round4.test.ts and the bench.
export function bigExponentAuthorities(n?: number): string;
export function bigRsaPairs(count?: number, bits?: number): string;
