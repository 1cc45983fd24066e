import { spawnSync } from 'node:child_process';
import { copyFileSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { run } from '../src/cli/run.js';
import { FIXTURES, KEYTOOL_PASSWORD } from './helpers.js';

// Rules 1, 2, 4 and 7 of docs/reliability.md ("Fichiers de l'utilisateur"), through the CLI.

const IS_ROOT = process.getuid?.() === 0;
const NOW = new Date('2026-11-28T12:00:00Z');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sne-cert-safety-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[], cwd = dir) {
  const out = new PassThrough();
  const err = new PassThrough();
  const e: Buffer[] = [];
  out.resume();
  err.on('data', (c: Buffer) => e.push(c));
  const code = await run(args, { stdout: out, stderr: err, stdin: Readable.from([]), env: { PW: KEYTOOL_PASSWORD }, cwd, now: NOW });
  return { code, stderr: Buffer.concat(e).toString('utf8') };
}

function snapshot(folder: string): Record<string, string> {
  return Object.fromEntries(readdirSync(folder).sort().map((f) => [f, readFileSync(join(folder, f)).toString('base64')]));
}

describe('rule 1: an export never replaces an input', () => {
  test('extract signature.p12 -o . --force, the input being signature.p12: OUTPUT_IS_INPUT, the three-key original intact', async () => {
    copyFileSync(join(FIXTURES, 'trio-keytool.p12'), join(dir, 'signature.p12'));
    const before = snapshot(dir);
    const r = await cli(['extract', '--plain-names', 'signature.p12', '--password-env', 'PW', '-o', '.', '--force']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[OUTPUT_IS_INPUT]');
    expect(snapshot(dir)).toEqual(before);
  });

  test('the same through a symlinked output folder', async () => {
    mkdirSync(join(dir, 'recu'));
    copyFileSync(join(FIXTURES, 'trio-keytool.p12'), join(dir, 'recu', 'chiffrement.cer'));
    symlinkSync(join(dir, 'recu'), join(dir, 'envoi'));
    const r = await cli(['extract', '--plain-names', 'recu/chiffrement.cer', '--password-env', 'PW', '-o', 'envoi', '--force']);
    expect(r.stderr).toContain('[OUTPUT_IS_INPUT]');
    expect(readdirSync(join(dir, 'recu'))).toEqual(['chiffrement.cer']);
  });
});

describe('rule 2: -o must be a folder', () => {
  test.skipIf(!IS_ROOT)('our own null device node as -o: refused, the node stays a device', async () => {
    expect(spawnSync('mknod', [join(dir, 'null'), 'c', '1', '3']).status).toBe(0);
    const r = await cli(['extract', join(FIXTURES, 'trio-keytool.p12'), '--password-env', 'PW', '-o', 'null', '--force']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[WRITE_FAILED]');
    expect(lstatSync(join(dir, 'null')).isCharacterDevice()).toBe(true);
  });
});

describe('rule 4: all or nothing, on a real full disk', () => {
  test.skipIf(!IS_ROOT)('a 48 KB tmpfs: nothing written; with --force the old files stay as they were', async () => {
    const mount = join(dir, 'cle-usb');
    mkdirSync(mount);
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=48k', 'tmpfs', mount]).status).toBe(0);
    try {
      // Fill most of it so that the set does not fit, but some of its files would.
      writeFileSync(join(mount, 'chiffrement.cer'), 'ancien certificat');
      writeFileSync(join(mount, 'remplissage.bin'), new Uint8Array(28 * 1024));
      const before = snapshot(mount);
      for (const force of [[], ['--force']]) {
        const r = await cli(['extract', '--plain-names', join(FIXTURES, 'trio-keytool.p12'), '--password-env', 'PW', '-o', mount, '--pem', ...force]);
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(force.length ? /\[WRITE_FAILED\]/ : /\[OUTPUT_EXISTS\]/);
        expect(snapshot(mount)).toEqual(before);
      }
    } finally {
      spawnSync('umount', [mount]);
    }
  });
});

describe('rule 7: bounded reading', () => {
  test.skipIf(!IS_ROOT)('inspect our own zero device node: LIMIT_EXCEEDED after 64 MB, not gigabytes', async () => {
    expect(spawnSync('mknod', [join(dir, 'zero'), 'c', '1', '5']).status).toBe(0);
    const before = process.memoryUsage().rss;
    const r = await cli(['inspect', 'zero']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[LIMIT_EXCEEDED]');
    expect(process.memoryUsage().rss - before).toBeLessThan(512 * 1024 * 1024);
  });
});
