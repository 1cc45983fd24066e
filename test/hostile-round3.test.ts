import { type ChildProcess, spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT } from './helpers.js';
import { CSV, EXAMPLE_P12, EXAMPLE_PASSWORD, HOSTILE_TEXT, type HostileFacts, LONG_MEMBER, LONGEST_MEMBER, makeAll } from '../scripts/make-hostile-inputs.mjs';

// Issue 19, third hostile round: one test per item, each on a file made by
// scripts/make-hostile-inputs.mjs, driving the built bins in temp folders. Written before the fixes:
// most of these fail on 0.2.0 (the issue says how). Long runs are killed at a bound, so a failing
// test costs seconds, not minutes. Item 3 (the page without crypto.subtle) needs the browser: it is
// left to the web suite.

const BIN = (pkg: string) => join(ROOT, 'packages', pkg, 'dist', 'bin.js');
const NSS_PSS = join(ROOT, 'test/vectors/nss/TestRSAPSS.p12');

let dir: string;
let inputs: string;
let facts: HostileFacts;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sne-hostile3-'));
  inputs = join(dir, 'in');
  facts = await makeAll(inputs);
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  seconds: number;
}
function run(pkg: 'certificates' | 'extraction', args: string[], options: SpawnSyncOptions = {}): Run {
  const started = performance.now();
  const r = spawnSync(process.execPath, [BIN(pkg), ...args], { encoding: 'utf8', cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], killSignal: 'SIGKILL', ...options });
  return { code: r.status, signal: r.signal, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), seconds: (performance.now() - started) / 1000 };
}
const cert = (args: string[], options?: SpawnSyncOptions) => run('certificates', args, options);
const conv = (args: string[], options?: SpawnSyncOptions) => run('extraction', args, options);
const at = (name: string) => join(inputs, name);
const fresh = (name: string) => {
  const d = join(dir, name);
  rmSync(d, { recursive: true, force: true });
  mkdirSync(d, { recursive: true });
  return d;
};
const head = (r: Run) => `exit ${r.code}${r.signal ? ` (${r.signal})` : ''} after ${r.seconds.toFixed(1)} s\nstdout: ${r.stdout.slice(0, 600)}\nstderr: ${r.stderr.slice(0, 600)}`;

/** C0 (but tab and newline), DEL, C1 and bidi controls: what must never reach a terminal or a file name raw. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;
function assertSafeFileName(file: string): void {
  expect(file, JSON.stringify(file)).not.toMatch(RAW_CONTROL);
  expect(file, JSON.stringify(file)).not.toMatch(/\uFFFD|[\uD800-\uDFFF]/u); // a cut surrogate pair (Node writes U+FFFD)
  const stem = file.split('.')[0]!;
  expect(stem.trim(), JSON.stringify(file)).not.toBe('');
  expect(stem.trim(), JSON.stringify(file)).not.toMatch(WINDOWS_RESERVED);
  expect(file, JSON.stringify(file)).not.toMatch(/[. ]$/);
}

async function until(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
/** CPU time (user + system) a running process has used, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}
/** Exit code (128 + signal number when killed by a signal), and when it came. */
const exitOf = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((r) => child.on('close', (code, signal) => r({ code, signal, at: performance.now() })));

type Listed = { subject: { commonName?: string; organization?: string; text: string }; fingerprintSha256: string; chain: string; chainReason: string; hasPrivateKey: boolean; keyMatches: boolean | null; unauthenticated: string | null; daysLeft: number };

describe('issue 19: certificates', () => {
  // Item 1. Bound: the issue asks N = 1,000 in under 5 s; a cap giving LIMIT_EXCEEDED is also accepted.
  // The 5 s target is measured by bench:certificates (the machine is shared); here the run must end
  // before the 15 s kill, which the quadratic search never did at N = 200 (54 s).
  test.each([100, 200, 1000])('item 1: check on N = %i same-named CAs + N forged leaves ends (LIMIT_EXCEEDED past the cap)', (n) => {
    const r = cert(['check', at(`chain-${n}.pem`), '--json'], { timeout: 15_000 });
    expect(r.signal, `killed at 15 s: the chain search is still quadratic\n${head(r)}`).toBeNull();
    if (r.code === 1) expect(r.stdout + r.stderr).toContain('LIMIT_EXCEEDED');
    else expect([0, 3, 4]).toContain(r.code);
  });

  // Item 2.
  test('item 2: a PEM pair appended to the example .p12 is never shown as its content; UNAUTHENTICATED', () => {
    const original = JSON.parse(cert(['inspect', EXAMPLE_P12, '--password', EXAMPLE_PASSWORD, '--json']).stdout) as Listed[];
    const r = cert(['inspect', at('appended-pem.p12'), '--password', EXAMPLE_PASSWORD, '--json']);
    expect(r.code, head(r)).toBe(0);
    const listed = JSON.parse(r.stdout) as Listed[];
    expect(listed.map((c) => c.fingerprintSha256), 'the appended certificate replaced the PKCS#12 content').not.toContain(facts.appendedFingerprint);
    expect(listed.map((c) => c.fingerprintSha256).sort()).toEqual(original.map((c) => c.fingerprintSha256).sort());
    for (const c of listed) expect(c.unauthenticated, 'trailing bytes after the PFX must be UNAUTHENTICATED').toBeTruthy();
    // And the key written by extract is the example's, never the appended one.
    const out = fresh('x2');
    const e = cert(['extract', at('appended-pem.p12'), '--password', EXAMPLE_PASSWORD, '-o', out]);
    expect(readdirSync(out).sort(), head(e)).toContain('chiffrement - Jeanne Dupont-Lefèvre.cer');
  });

  // Item 2, the comparison the issue gives: 8 plain bytes appended already give UNAUTHENTICATED.
  test('item 2 (control): 8 bytes appended to the .p12 give UNAUTHENTICATED (holds on 0.2.0)', () => {
    const listed = JSON.parse(cert(['inspect', at('appended-bytes.p12'), '--password', EXAMPLE_PASSWORD, '--json']).stdout) as Listed[];
    expect(listed).toHaveLength(5);
    for (const c of listed) expect(c.unauthenticated).toBeTruthy();
  });

  // Item 4: every command, both spellings; the bundle has a key of mixed usages, so extract suggests --role.
  const spellings = (secret: string) => [['--password=' + secret], ['--password', secret]];
  test.each(['extract', 'inspect', 'check'])('item 4: %s never prints the password, whatever its spelling', (command) => {
    let suggested = false;
    for (const spelling of spellings(facts.secret)) {
      const out = fresh(`x4-${command}`);
      const r = cert([command, at('role-missing.p12'), ...spelling, ...(command === 'extract' ? ['-o', out] : [])]);
      suggested ||= /--role [0-9A-F:]+=/.test(r.stderr + r.stdout);
      expect(r.stdout + r.stderr, `${spelling.join(' ')}\n${head(r)}`).not.toContain(facts.secret);
    }
    if (command === 'extract') expect(suggested, 'the bundle must trigger the ROLE_MISSING suggestion').toBe(true);
  });

  // Item 5: no password given (cron): the empty password is tried, at native speed.
  // The 5 s target is measured by bench:certificates; here the run must end before the 15 s kill
  // (70 s in JavaScript before the fix).
  test('item 5: six PBES2 bags at 1,000,000 iterations under the empty password open at native speed with no password', () => {
    const r = cert(['check', at('empty-password-six-bags.p12'), '--json'], { timeout: 15_000 });
    expect(r.signal, `killed at 15 s\n${head(r)}`).toBeNull();
    expect(r.code, head(r)).toBe(0);
  });

  // Item 7, certificates: printed fields escaped, JSON exact, file names clean.
  test.each(['inspect', 'check'])('item 7: %s prints no raw control or bidi character from a subject', (command) => {
    for (const file of ['ctl-escape.pem', 'ctl-bidi.pem', 'ctl-surrogate.pem', 'ctl-con.pem']) {
      const r = cert([command, at(file)]);
      expect(r.stdout + r.stderr, `${file}: ${JSON.stringify(r.stdout.slice(0, 400))}`).not.toMatch(RAW_CONTROL);
    }
  });

  test('item 7: --json keeps the exact subject, with every control escaped in the JSON text', () => {
    const r = cert(['inspect', at('ctl-escape.pem'), '--json']);
    const [c] = JSON.parse(r.stdout) as Listed[];
    expect(c!.subject.commonName).toBe(HOSTILE_TEXT.cn);
    expect(c!.subject.organization).toBe(HOSTILE_TEXT.o);
    // JSON.stringify escapes C0 but leaves C1 (U+009B) and U+202E raw: a terminal still acts on them.
    expect(r.stdout, JSON.stringify(r.stdout.slice(0, 300))).not.toMatch(RAW_CONTROL);
  });

  test('item 7: extract names files without controls, bidi marks, cut surrogates or reserved names', () => {
    for (const base of ['ctl-escape', 'ctl-bidi', 'ctl-surrogate', 'ctl-con']) {
      const out = fresh(`x7-${base}`);
      const r = cert(['extract', at(`${base}.p12`), '--password', facts.password, '-o', out]);
      expect(r.code, head(r)).not.toBeNull();
      expect(r.stdout + r.stderr, `${base}: ${JSON.stringify(r.stderr.slice(0, 400))}`).not.toMatch(RAW_CONTROL);
      const files = readdirSync(out);
      expect(files.some((f) => f.startsWith('signature')), `${base}: ${files.join(', ')}\n${head(r)}`).toBe(true);
      for (const f of files) assertSafeFileName(f);
    }
  });

  // Item 8.
  test('item 8: a PBMAC1 file whose MAC key is 1 octet is refused or UNAUTHENTICATED, even with the right password', () => {
    const r = cert(['inspect', at('pbmac1-key-length-1.p12'), '--password', facts.password, '--json']);
    if (r.code === 0) {
      const listed = JSON.parse(r.stdout) as Listed[];
      for (const c of listed) expect(c.unauthenticated, `accepted as authentic:\n${head(r)}`).toBeTruthy();
    } else {
      expect(r.stdout + r.stderr).toMatch(/UNAUTHENTICATED|CORRUPT_FILE|UNSUPPORTED/);
    }
  });

  // Item 11.
  test.each([
    ['pathlen-broken.pem', 'pathLenLeaf'],
    ['name-constraint-broken.pem', 'nameConstraintLeaf'],
  ] as const)('item 11: %s — the leaf\'s chain is invalide, with the reason', (file, key) => {
    const r = cert(['inspect', at(file), '--json']);
    const leaf = (JSON.parse(r.stdout) as Listed[]).find((c) => c.fingerprintSha256 === facts[key]);
    expect(leaf, head(r)).toBeDefined();
    expect(`${leaf!.chain}: ${leaf!.chainReason}`).toMatch(/^invalide: /);
  });

  // Item 14.
  test('item 14: the exported .p12 keeps the expired intermediate and the root; LISEZMOI says it has expired', () => {
    const out = fresh('x14');
    writeFileSync(join(inputs, 'out-password.txt'), 'Export-19\n'); // openssl reads the export back with it
    const e = cert(['extract', at('expired-intermediate.p12'), '--password', facts.password, '-o', out, '--out-password-file', join(inputs, 'out-password.txt'), '--force']);
    const p12 = readdirSync(out).find((f) => f.startsWith('signature'));
    expect(p12, head(e)).toBeDefined();
    const certs = spawnSync('openssl', ['pkcs12', '-in', join(out, p12!), '-passin', 'pass:Export-19', '-nokeys'], { encoding: 'utf8' });
    if (certs.error) return; // no OpenSSL here
    const fingerprints = [...certs.stdout.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g)].map((m) =>
      spawnSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256'], { input: m[0], encoding: 'utf8' }).stdout.trim().replace(/^.*=/, ''),
    );
    expect(fingerprints.sort(), head(e)).toEqual([...facts.expiredChain].sort());
    const readme = readFileSync(join(out, 'LISEZMOI.txt'), 'utf8');
    expect(readme).toContain('AC Expirée');
    expect(readme.slice(readme.indexOf('AC Expirée') - 200, readme.indexOf('AC Expirée') + 300)).toMatch(/expiré/i);
  });

  // Item 15.
  test.each([
    ['rsa-pss.p12 (made by the script)', 'rsa-pss.p12'],
    ['NSS TestRSAPSS.p12', NSS_PSS],
  ])('item 15: %s — the RSA-PSS key is paired with its certificate', (_label, file) => {
    const password = file === NSS_PSS ? '' : facts.password;
    const r = cert(['inspect', file.includes('/') ? file : at(file), '--password', password, '--json']);
    const listed = JSON.parse(r.stdout) as Listed[];
    expect(listed.filter((c) => c.hasPrivateKey && c.keyMatches === true), head(r)).toHaveLength(1);
  });

  test('item 15: check on NSS TestRSAPSS.p12 judges only its dates', () => {
    const r = cert(['check', NSS_PSS, '--password', '', '--json']);
    const [c] = JSON.parse(r.stdout) as { status: string; daysLeft: number }[];
    expect(c!.status, head(r)).not.toBe('cle-incorrecte');
    expect(r.code, head(r)).toBe(c!.daysLeft < 0 ? 4 : c!.daysLeft <= 60 ? 3 : 0);
  });
});

describe('issue 19: converter', () => {
  // Item 6: the four redirections, each must end OUTPUT_IS_INPUT with data.csv untouched.
  test.each([
    ['convert data.csv -o - 1<>data.csv', 'convert data.csv -o - 1<>data.csv'],
    ['convert data.csv -o - >> data.csv', 'convert data.csv -o - >> data.csv'],
    ['convert - -o data.csv --force < data.csv', 'convert - -o data.csv --force < data.csv'],
    ['convert - -o /dev/stdin --force < data.csv', 'convert - -o /dev/stdin --force < data.csv'],
  ])('item 6: %s → OUTPUT_IS_INPUT, data.csv unchanged', (_label, command) => {
    const work = fresh('x6');
    writeFileSync(join(work, 'data.csv'), CSV);
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN('extraction')}" ${command} 2>err.txt`], { cwd: work, encoding: 'utf8' });
    const stderr = readFileSync(join(work, 'err.txt'), 'utf8');
    expect(readFileSync(join(work, 'data.csv'), 'utf8'), `exit ${r.status}; ${stderr}`).toBe(CSV);
    expect(stderr).toContain('OUTPUT_IS_INPUT');
    expect(r.status).not.toBe(0);
    expect(readdirSync(work).sort()).toEqual(['data.csv', 'err.txt']);
  });

  // Item 7, converter: header names and zip member names.
  test('item 7: header names with ESC and CR reach no message raw', () => {
    const out = fresh('x7h');
    for (const args of [[], ['--text', 'Montant,Inconnue'], ['--verify']]) {
      const r = conv(['convert', at('ctl-header.csv'), '-o', join(out, 'h.xlsx'), '--force', ...args]);
      expect(r.stdout + r.stderr, `${args.join(' ')}: ${JSON.stringify(r.stderr.slice(0, 400))}`).not.toMatch(RAW_CONTROL);
    }
  });

  test('item 7: zip members named with ESC, CON, an empty stem or U+202E give clean, distinct workbook names', () => {
    const out = fresh('x7z');
    const r = conv(['convert', at('ctl-members.zip'), '-o', out]);
    expect(r.stdout + r.stderr, JSON.stringify(r.stderr.slice(0, 600))).not.toMatch(RAW_CONTROL);
    const files = readdirSync(out);
    expect(files, head(r)).toHaveLength(4);
    for (const f of files) assertSafeFileName(f);
  });

  // Item 10: peak memory of the converter, read from /proc by a preloaded module at exit.
  test('item 10: a 1 MB zip of two 512 MB members of zeros stays under 300 MB of memory', () => {
    const out = fresh('x10');
    const preload = join(dir, 'peak.cjs');
    writeFileSync(preload, `process.on('exit', () => { try { require('fs').writeFileSync(${JSON.stringify(join(dir, 'peak.txt'))}, /VmHWM:\\s+(\\d+)/.exec(require('fs').readFileSync('/proc/self/status', 'utf8'))[1]); } catch {} });\n`);
    rmSync(join(dir, 'peak.txt'), { force: true });
    expect(statSync(at('zeros-bomb.zip')).size).toBeLessThan(1.2 * 1024 * 1024);
    const started = performance.now();
    const r = spawnSync(process.execPath, ['-r', preload, BIN('extraction'), 'convert', at('zeros-bomb.zip'), '-o', out, '--json'], { encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' });
    const peakMb = Number(readFileSync(join(dir, 'peak.txt'), 'utf8')) / 1024;
    const summary = `exit ${r.status} in ${((performance.now() - started) / 1000).toFixed(1)} s, peak ${peakMb.toFixed(0)} MB\n${String(r.stdout).slice(0, 300)}${String(r.stderr).slice(0, 300)}`;
    expect(peakMb, summary).toBeLessThan(300);
    expect(String(r.stdout) + String(r.stderr), summary).toMatch(/NOT_CSV|LIMIT_EXCEEDED|TOO_LARGE/);
  });

  // Item 12: the interruption message matches the disk.
  test('item 12: SIGINT during --jobs: every workbook left on disk, and every one replaced under --force, is named', async () => {
    const work = fresh('x12');
    const inDir = join(work, 'in');
    const out = join(work, 'out');
    mkdirSync(inDir);
    mkdirSync(out);
    const line = '0590423808575GDPUB;Dupont;12/03/2020;1 234,56;texte libre assez long pour peser\r\n';
    writeFileSync(join(inDir, 'a.csv'), 'Numéro unique;Nom;Date;Montant;Note\r\n' + line.repeat(10));
    for (const n of ['b', 'c']) writeFileSync(join(inDir, `${n}.csv`), 'Numéro unique;Nom;Date;Montant;Note\r\n' + line.repeat(300_000));
    writeFileSync(join(out, 'a.xlsx'), 'ancien classeur');
    const child = spawn(process.execPath, [BIN('extraction'), 'convert', inDir, '-o', out, '--jobs', '2', '--force'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    child.stdout!.on('data', (d) => (stderr += d));
    const exited = exitOf(child);
    await until(() => statSync(join(out, 'a.xlsx')).size !== 'ancien classeur'.length && readdirSync(out).some((f) => f.endsWith('.tmp')), 'a.xlsx replaced while b is being written');
    child.kill('SIGINT');
    const end = await exited;
    expect(end.code).toBe(130);
    const kept = readdirSync(out).filter((f) => !f.endsWith('.tmp'));
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // Either the finished workbooks are removed, or the interruption message names each one (a.xlsx,
    // replaced under --force, included). The success line printed before the signal does not count.
    const interruption = stderr.slice(stderr.indexOf('[ABORTED]') >= 0 ? stderr.lastIndexOf('\n', stderr.indexOf('[ABORTED]')) + 1 : 0);
    for (const f of kept) expect(interruption, `${f} is on disk; the whole output:\n${stderr}`).toContain(f);
    if (kept.length > 0) expect(interruption, stderr).not.toMatch(/aucun fichier n'a été écrit/);
  });

  // Item 13. The 250-character case is the issue's; 0.2.0 fails it in the workbook's temp name
  // (`.NAME.xlsx.<12 hex>.tmp`, 18 more characters), which a plain file of that name hits too. The
  // 254-character member also overflows the spool copy's `N-I-` prefix.
  test.each([
    ['a 250-character zip member', 'long-member.zip', LONG_MEMBER],
    ['a 254-character zip member', 'longest-member.zip', LONGEST_MEMBER],
    ['a plain CSV with a 250-character name', join('long-name', LONG_MEMBER), LONG_MEMBER],
  ])('item 13: %s converts (no ENAMETOOLONG)', (_label, file, member) => {
    const out = fresh('x13');
    const r = conv(['convert', at(file), '-o', out]);
    expect(r.stderr, head(r)).not.toMatch(/ENAMETOOLONG|Erreur inattendue/);
    expect(r.code, head(r)).toBe(0);
    expect(readdirSync(out), head(r)).toEqual([member.replace(/\.csv$/, '.xlsx')]);
  });

  // Item 16.
  test('item 16: 18-digit numéros uniques cut to 15 significant digits give EXCEL_DAMAGED', () => {
    const out = fresh('x16');
    const r = conv(['convert', at('cut-ids.csv'), '-o', join(out, 'cut.xlsx'), '--json']);
    const [report] = JSON.parse(r.stdout) as { warnings: { code: string }[] }[];
    expect(report!.warnings.map((w) => w.code), head(r)).toContain('EXCEL_DAMAGED');
  });
});

describe('issue 19: signals during long certificate work (item 9)', () => {
  // Dying by the signal itself (no handler) is what a shell reports as 128 + n too: accepted.
  // Since item 1, chain work ends in a fraction of a second and item 5's derivations run at native
  // speed (about 1.4 s of CPU): the longest accepted work is several inputs, each with its own
  // derivation budget. Four copies of item 5's file give about 5 s of CPU to interrupt.
  const FILES = Array(4).fill('empty-password-six-bags.p12') as string[];
  test.each([
    ['SIGTERM', 143, 'check'],
    ['SIGINT', 130, 'check'],
    ['SIGTERM', 143, 'inspect'],
    ['SIGINT', 130, 'inspect'],
  ] as const)('item 9: %s → exit %i at once (within 1 s; 2 s allowed under load), while %s opens four slow inputs', async (signal, code, command) => {
    const child = spawn(process.execPath, [BIN('certificates'), command, ...FILES.map((f) => at(f))], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = exitOf(child);
    // One second of CPU (start-up takes about 0.3 s): the handlers are installed and the bundle is being
    // opened (the derivation, or the issuer search). Wall time would not do on a loaded machine.
    await until(() => cpuSeconds(child.pid!) >= 1, 'one second of CPU in the child', 20_000);
    expect(child.exitCode, 'the command ended before the signal: the crafted file is not slow enough').toBeNull();
    const sent = performance.now();
    child.kill(signal);
    const killer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    const end = await exited;
    clearTimeout(killer);
    const waited = (end.at - sent) / 1000;
    const story = end.signal === 'SIGKILL' ? `still running ${waited.toFixed(1)} s after ${signal}` : `ended (exit ${end.code}, signal ${end.signal}) ${waited.toFixed(2)} s after ${signal}`;
    expect(end.code === code || end.signal === signal, story).toBe(true);
    // The target is one second; one native derivation (about 0.5 s, more on a loaded machine) cannot be
    // cut, so the test allows two on this shared machine.
    expect(waited, story).toBeLessThan(2);
  });
});

// Kept for readers: the files the suite already reads still exist.
test('the inputs the suite leans on are there', () => {
  expect(existsSync(EXAMPLE_P12)).toBe(true);
  expect(existsSync(NSS_PSS)).toBe(true);
});
