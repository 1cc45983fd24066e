import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BundleInput } from '@sne-toolbox/certificates';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const VECTORS = fileURLToPath(new URL('../../../test/vectors/pkcs12/', import.meta.url));

/** The accented password of the OpenSSL fixtures, read from the file the fixture script wrote. */
export const PASSWORD = readFileSync(`${FIXTURES}password.txt`, 'utf8');
export const KEYTOOL_PASSWORD = readFileSync(`${FIXTURES}password-keytool.txt`, 'utf8');

export function fixture(name: string): BundleInput {
  return { name, bytes: new Uint8Array(readFileSync(FIXTURES + name)) };
}

/** True when the openssl command is installed (tests that use it say when they skip). */
export const HAS_OPENSSL = spawnSync('openssl', ['version'], { encoding: 'utf8' }).status === 0;

/** Runs openssl; returns exit code and output. */
export function openssl(args: string[], input?: Uint8Array) {
  const r = spawnSync('openssl', args, { input, encoding: 'buffer' });
  return { code: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8'), bytes: r.stdout };
}
