import { spawnSync } from 'node:child_process';
import { PassThrough, Readable } from 'node:stream';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const VECTORS = fileURLToPath(new URL('../../../test/vectors/pkcs12/', import.meta.url));

/** The accented password of the OpenSSL fixtures, read from the file the fixture script wrote. */
export const PASSWORD = readFileSync(`${FIXTURES}password.txt`, 'utf8');
export const KEYTOOL_PASSWORD = readFileSync(`${FIXTURES}password-keytool.txt`, 'utf8');

export function fixture(name: string): { name: string; bytes: Uint8Array } {
  return { name, bytes: new Uint8Array(readFileSync(FIXTURES + name)) };
}

/** True when the openssl command is installed (tests that use it say when they skip). */
export const HAS_OPENSSL = spawnSync('openssl', ['version'], { encoding: 'utf8' }).status === 0;

/** Runs openssl; returns exit code and output. */
export function openssl(args: string[], input?: Uint8Array) {
  const r = spawnSync('openssl', args, { input, encoding: 'buffer' });
  return { code: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8'), bytes: r.stdout };
}

/** Reference date of the CLI tests (fixtures are valid until 2034). */
export const NOW = new Date('2026-11-28T12:00:00Z');

/** Runs the CLI in-process with captured output; `stdin` defaults to an empty stream. */
export async function runCli(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; stdin?: NodeJS.ReadableStream & { isTTY?: boolean } } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { run } = await import('../src/cli/run.js');
  const out = new PassThrough();
  const err = new PassThrough();
  const o: Buffer[] = [];
  const e: Buffer[] = [];
  out.on('data', (c: Buffer) => o.push(c));
  err.on('data', (c: Buffer) => e.push(c));
  const code = await run(args, { stdout: out, stderr: err, stdin: options.stdin ?? Readable.from([]), env: options.env ?? {}, cwd: options.cwd ?? FIXTURES, now: NOW });
  return { code, stdout: Buffer.concat(o).toString('utf8'), stderr: Buffer.concat(e).toString('utf8') };
}
