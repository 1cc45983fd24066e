import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ROOT } from './helpers.js';

// Rules 5 and 6 of docs/reliability.md with the built bins: signals at the worst moments, and
// permissions as a user who is not root (the suite runs as root on CI).

const IS_ROOT = process.getuid?.() === 0;
const BIN = (pkg: string) => join(ROOT, 'packages', pkg, 'dist', 'bin.js');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sne-e2e-safety-'));
  chmodSync(dir, 0o755);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function until(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const exitOf = (child: ChildProcess) => new Promise<number | null>((r) => child.on('close', r));

function bigCsv(path: string, rows: number): void {
  const line = '0590423808575GDPUB;Dupont;12/03/2020;1 234,56;texte libre assez long pour peser\r\n';
  writeFileSync(path, 'Numéro unique;Nom;Date;Montant;Note\r\n' + line.repeat(rows));
}

describe('rule 6: signals stop at once and leave nothing', () => {
  test.each([
    ['SIGHUP', 129],
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s while the workbook is being written → exit %i, no temp file, no workbook', async (signal, code) => {
    bigCsv(join(dir, 'gros.csv'), 400_000);
    const out = join(dir, 'sortie');
    mkdirSync(out);
    const child = spawn(process.execPath, [BIN('extraction'), 'convert', join(dir, 'gros.csv'), '-o', join(out, 'gros.xlsx')], { stdio: 'ignore' });
    const exited = exitOf(child);
    // The temp workbook exists: the signal lands mid-write, whatever the machine's speed.
    await until(() => readdirSync(out).some((f) => f.endsWith('.tmp')), 'the temp workbook');
    child.kill(signal);
    expect(await exited).toBe(code);
    expect(readdirSync(out)).toEqual([]);
  });

  test.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s during a batch in worker threads → exit %i; no temp file, no workbook, from any worker', async (signal, code) => {
    const inputs = join(dir, 'extractions');
    mkdirSync(inputs);
    for (const name of ['a', 'b', 'c', 'd']) bigCsv(join(inputs, `${name}.csv`), 300_000);
    const out = join(dir, 'classeurs');
    mkdirSync(out);
    const child = spawn(process.execPath, [BIN('extraction'), 'convert', inputs, '-o', out, '--jobs', '2'], { stdio: 'ignore' });
    const exited = exitOf(child);
    // Two temp workbooks at once: both workers are mid-write when the signal lands.
    await until(() => readdirSync(out).filter((f) => f.endsWith('.tmp')).length === 2, 'two temp workbooks');
    child.kill(signal);
    expect(await exited).toBe(code);
    expect(readdirSync(out)).toEqual([]);
  });

  test('a second SIGINT during a batch exits at once and still removes the workers\' temp files', async () => {
    const inputs = join(dir, 'extractions');
    mkdirSync(inputs);
    for (const name of ['a', 'b']) bigCsv(join(inputs, `${name}.csv`), 400_000);
    const out = join(dir, 'classeurs');
    mkdirSync(out);
    const child = spawn(process.execPath, [BIN('extraction'), 'convert', inputs, '-o', out, '--jobs', '2'], { stdio: 'ignore' });
    const exited = exitOf(child);
    await until(() => readdirSync(out).filter((f) => f.endsWith('.tmp')).length === 2, 'two temp workbooks');
    child.kill('SIGINT');
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(readdirSync(out)).toEqual([]);
  });

  test('SIGINT during the stdin copy → exit 130 at the first signal; the private copy is gone', async () => {
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    const child = spawn(process.execPath, [BIN('extraction'), 'convert', '-', '-o', join(dir, 'stdin.xlsx')], { stdio: ['pipe', 'ignore', 'ignore'], env: { ...process.env, TMPDIR: tmp } });
    const exited = exitOf(child);
    child.stdin!.on('error', () => {});
    child.stdin!.write('Numéro unique;Nom\r\n0590423808575GDPUB;Dupont\r\n'.repeat(1000));
    // Standard input stays open: the copy is in progress until the signal.
    await until(() => readdirSync(tmp).some((f) => f.startsWith('sne-toolbox-')), 'the private stdin copy');
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(readdirSync(tmp)).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['tmp']);
  });
});

/**
 * The non-root tests need setpriv and a checkout that user `nobody` can read (a clone inside a 0700
 * home folder cannot be); .ci/run makes its clone readable so that they always run there.
 */
const NOBODY_CAN_RUN =
  IS_ROOT &&
  spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', `require('fs').accessSync(${JSON.stringify(BIN('certificates'))})`]).status === 0;

describe.skipIf(!NOBODY_CAN_RUN)('rule 5 and write failures as a user who is not root (setpriv)', () => {
  const asNobody = (args: string[]) =>
    spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, ...args], { encoding: 'utf8', cwd: dir });

  test('a workbook made from a 0600 input is 0600: another user cannot read it', () => {
    writeFileSync(join(dir, 'prive.csv'), 'Nom\r\nDupont\r\n', { mode: 0o600 });
    expect(spawnSync(process.execPath, [BIN('extraction'), 'convert', 'prive.csv'], { cwd: dir }).status).toBe(0);
    const read = asNobody(['-e', `require('fs').readFileSync(${JSON.stringify(join(dir, 'prive.xlsx'))})`]);
    expect(read.status).not.toBe(0);
    expect(read.stderr).toContain('EACCES');
  });

  test('sne-extraction into a folder the user may not write: WRITE_FAILED in French, nothing left', () => {
    writeFileSync(join(dir, 'in.csv'), 'Nom\r\nDupont\r\n', { mode: 0o644 });
    mkdirSync(join(dir, 'protege'), { mode: 0o755 });
    const r = asNobody([BIN('extraction'), 'convert', 'in.csv', '-o', 'protege/in.xlsx']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('[WRITE_FAILED]');
    expect(r.stderr).toContain('pas le droit');
    expect(readdirSync(join(dir, 'protege'))).toEqual([]);
  });

  test('sne-certificates into a folder the user may not write: WRITE_FAILED, the folder unchanged', () => {
    copyFileSync(join(ROOT, 'packages/certificates/test/fixtures/trio-keytool.p12'), join(dir, 'trio.p12'));
    chmodSync(join(dir, 'trio.p12'), 0o644);
    mkdirSync(join(dir, 'protege'), { mode: 0o755 });
    writeFileSync(join(dir, 'protege', 'ancien.txt'), 'x');
    const r = asNobody([BIN('certificates'), 'extract', 'trio.p12', '--password-file', join(ROOT, 'packages/certificates/test/fixtures/password-keytool.txt'), '-o', 'protege', '--force']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('[WRITE_FAILED]');
    expect(readdirSync(join(dir, 'protege'))).toEqual(['ancien.txt']);
  });
});
