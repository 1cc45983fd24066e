import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { certificate, extensions, name, p12, pem } from '../../../scripts/make-hostile-inputs.mjs';
import { bigExponentAuthorities } from '../../../scripts/make-hostile-certificates.mjs';
import { checkBundle, exportBundle, openBundle, renewalCalendar } from '../src/index.js';
import { IssuerIndex } from '../src/core/chain.js';
import { readPkcs12 } from '../src/core/pkcs12.js';
import { parseCertificate } from '../src/core/x509.js';
import { fixture, FIXTURES, KEYTOOL_PASSWORD, NOW, runCli } from './helpers.js';

// Issue 25, item by item: one chain verdict everywhere, the renewal, NSS exports, bounded public-key
// work, untrusted subjects, the role-missing path, supervision and the renewal calendar.

// Made at load: test.each tables below write their inputs while the tests are collected.
const dir = mkdtempSync(join(tmpdir(), 'sne-round4-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PW = 'Mot-De-Passe-25';
const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const keyPem = (k: KeyObject) => k.export({ type: 'pkcs8', format: 'pem' }) as string;
const SIGNATURE = [extensions.keyUsage('digitalSignature', 'nonRepudiation')];
const CA = [extensions.ca(), extensions.keyUsage('keyCertSign', 'cRLSign')];
const input = (file: string) => ({ name: file.split('/').pop()!, bytes: new Uint8Array(readFileSync(file)) });

/** A PEM file: a leaf with its key and the given issuers, written into the temp folder. */
function keyed(file: string, leafDer: Uint8Array, leafKey: KeyObject, issuers: Uint8Array[]): string {
  const path = join(dir, file);
  writeFileSync(path, pem('CERTIFICATE', leafDer) + issuers.map((c) => pem('CERTIFICATE', c)).join('') + keyPem(leafKey));
  return path;
}

/** Three signature leaves with keys, whose chains are present but wrong, as the hostile fixtures are. */
function brokenChains() {
  const root = rsa();
  const rootName = name([['c', 'FR'], ['o', 'Chaînes (TEST)'], ['cn', 'Racine']]);
  const rootDer = certificate({ serial: 1, issuer: rootName, subject: rootName, publicKey: root.publicKey, issuerKey: root.privateKey, exts: CA });
  // 1. an « issuer » that is not a CA (CA:FALSE) signs the leaf
  const mid = rsa();
  const midName = name([['c', 'FR'], ['o', 'Chaînes (TEST)'], ['cn', 'Pas une autorité']]);
  const midDer = certificate({ serial: 2, issuer: rootName, subject: midName, publicKey: mid.publicKey, issuerKey: root.privateKey, issuerPublicKey: root.publicKey, exts: [extensions.keyUsage('digitalSignature')] });
  const a = rsa();
  const aDer = certificate({ serial: 3, issuer: midName, subject: name([['cn', 'Feuille sous non-CA']]), publicKey: a.publicKey, issuerKey: mid.privateKey, issuerPublicKey: mid.publicKey, exts: SIGNATURE });
  // 2. a leaf whose signature does not verify
  const b = rsa();
  const bDer = certificate({ serial: 4, issuer: rootName, subject: name([['cn', 'Feuille falsifiée']]), publicKey: b.publicKey, issuerKey: root.privateKey, issuerPublicKey: root.publicKey, exts: SIGNATURE, forgedSignature: true });
  // 3. two authorities that sign each other
  const [la, lb] = [rsa(), rsa()];
  const [laName, lbName] = [name([['cn', 'Boucle A']]), name([['cn', 'Boucle B']])];
  const laDer = certificate({ serial: 5, issuer: lbName, subject: laName, publicKey: la.publicKey, issuerKey: lb.privateKey, issuerPublicKey: lb.publicKey, exts: CA });
  const lbDer = certificate({ serial: 6, issuer: laName, subject: lbName, publicKey: lb.publicKey, issuerKey: la.privateKey, issuerPublicKey: la.publicKey, exts: CA });
  const c = rsa();
  const cDer = certificate({ serial: 7, issuer: laName, subject: name([['cn', 'Feuille en boucle']]), publicKey: c.publicKey, issuerKey: la.privateKey, issuerPublicKey: la.publicKey, exts: SIGNATURE });
  return {
    'non-CA': { path: keyed('non-ca.pem', aDer, a.privateKey, [midDer, rootDer]), nonCa: midDer },
    'signature falsifiée': { path: keyed('falsifiee.pem', bDer, b.privateKey, [rootDer]), nonCa: null },
    boucle: { path: keyed('boucle.pem', cDer, c.privateKey, [laDer, lbDer]), nonCa: null },
  };
}

describe('one chain verdict, everywhere', () => {
  test.each(['hostile/signature-falsifiee.pem', 'hostile/emetteur-non-ca.pem', 'hostile/boucle.pem'])('check %s exits 4, with chain and chainReason in JSON', async (file) => {
    const r = await runCli(['check', file, '--json']);
    expect(r.code).toBe(4);
    const results = JSON.parse(r.stdout) as { status: string; chain: string; chainReason: string }[];
    expect(results.some((x) => x.status === 'chaine-invalide' && x.chain === 'invalide' && x.chainReason.length > 0)).toBe(true);
    for (const x of results) expect(x).toHaveProperty('chain');
  });

  test.each(Object.entries(brokenChains()))('%s: extract warns CHAIN_INVALID (in LISEZMOI too) and puts no false issuer in the .p12', async (_label, { path, nonCa }) => {
    const bundle = await openBundle([input(path)], { now: NOW });
    const result = await exportBundle(bundle, { password: PW, fileNames: 'plain', now: NOW });
    const codes = result.warnings.map((w) => w.code);
    expect(codes).toContain('CHAIN_INVALID');
    expect(codes).not.toContain('CHAIN_INCOMPLETE');
    const readme = new TextDecoder().decode(result.files.find((f) => f.kind === 'readme')!.bytes);
    expect(readme).toContain('INVALIDE');
    const p12file = result.files.find((f) => f.name === 'signature.p12')!;
    const contents = await readPkcs12(p12file.bytes, PW);
    const carried = contents.certificates.map((i) => parseCertificate(i.der));
    // Every certificate carried besides the leaf is a CA whose signature over the one below verifies.
    for (const issuer of carried.filter((c) => c.basicConstraints?.ca !== true)) expect(issuer.subject.text).toMatch(/Feuille/);
    if (nonCa) expect(carried.map((c) => c.fingerprintSha256)).not.toContain(parseCertificate(nonCa).fingerprintSha256);
  });
});

describe('the renewal picks the valid certificate', () => {
  const key = rsa();
  const root = rsa();
  const rootName = name([['c', 'FR'], ['o', 'Renouvellement (TEST)'], ['cn', 'AC Renouvellement']]);
  const rootDer = certificate({ serial: 10, issuer: rootName, subject: rootName, publicKey: root.publicKey, issuerKey: root.privateKey, exts: CA });
  const holder = name([['c', 'FR'], ['o', 'OPH (TEST)'], ['cn', 'Jeanne Renouvelée']]);
  const leaf = (serial: number, from: string, to: string) =>
    certificate({ serial, issuer: rootName, subject: holder, publicKey: key.publicKey, issuerKey: root.privateKey, issuerPublicKey: root.publicKey, notBefore: new Date(from), notAfter: new Date(to), exts: SIGNATURE });
  const oldDer = leaf(11, '2023-12-01T00:00:00Z', '2026-12-01T00:00:00Z'); // ended before NOW + 1 day…
  const newDer = leaf(12, '2026-11-01T00:00:00Z', '2029-11-01T00:00:00Z');
  const at = new Date('2026-12-06T10:00:00Z');
  const oldFingerprint = parseCertificate(oldDer).fingerprintSha256;
  const newFingerprint = parseCertificate(newDer).fingerprintSha256;

  let ancien: ReturnType<typeof input>;
  let renouvele: ReturnType<typeof input>;
  let lesDeux: ReturnType<typeof input>;
  beforeAll(() => {
    ancien = input(p12(dir, 'ancien', { key: key.privateKey, cert: oldDer, extra: [rootDer], password: PW }));
    renouvele = { name: 'renouvele.cer', bytes: new Uint8Array(newDer) };
    lesDeux = input(p12(dir, 'les-deux', { key: key.privateKey, cert: oldDer, extra: [newDer, rootDer], password: PW }));
  });

  test.each([
    ['ancien.p12 + renouvele.cer', () => [ancien, renouvele]],
    ['renouvele.cer + ancien.p12', () => [renouvele, ancien]],
    ['one .p12 holding the key and both certificates', () => [lesDeux]],
  ])('%s: the renewed certificate is exported, SUPERSEDED names the old one, check says 0', async (_label, inputs) => {
    const bundle = await openBundle(inputs(), { password: PW, now: at });
    const result = await exportBundle(bundle, { password: PW, fileNames: 'plain', now: at });
    expect(result.chosen.signature?.fingerprintSha256).toBe(newFingerprint);
    const superseded = result.warnings.filter((w) => w.code === 'SUPERSEDED');
    expect(superseded).toHaveLength(1);
    expect(superseded[0]!.message).toContain(oldFingerprint.slice(0, 23));
    const exported = await readPkcs12(result.files.find((f) => f.name === 'signature.p12')!.bytes, PW);
    const carried = exported.certificates.map((i) => parseCertificate(i.der).fingerprintSha256);
    expect(carried).toContain(newFingerprint);
    expect(carried).not.toContain(oldFingerprint);
    const report = checkBundle(bundle);
    expect(report.exitCode).toBe(0);
    expect(report.results.find((r) => r.certificate.fingerprintSha256 === oldFingerprint)!.status).toBe('remplace');
    expect(bundle.certificates.find((c) => c.fingerprintSha256 === newFingerprint)).toMatchObject({ hasPrivateKey: true, keyMatches: true });
  });

  test('every verdict is the same whatever the order of the inputs', async () => {
    const orders = [[ancien, renouvele, lesDeux], [lesDeux, renouvele, ancien], [renouvele, lesDeux, ancien]];
    const seen = new Set<string>();
    for (const order of orders) {
      const bundle = await openBundle(order, { password: PW, now: at });
      const { results, exitCode } = checkBundle(bundle);
      seen.add(JSON.stringify({ exitCode, results: results.map((r) => [r.certificate.fingerprintSha256, r.status, r.certificate.keyMatches, r.certificate.chain]) }));
    }
    expect(seen.size).toBe(1);
  });
});

describe('real exports open', () => {
  test('a .p12 exported by NSS pk12util (600,000 iterations, as Firefox and Thunderbird write) opens and exports', async () => {
    const password = readFileSync(join(FIXTURES, 'password-nss.txt'), 'utf8');
    const bundle = await openBundle([fixture('nss-pk12util.p12')], { password, now: NOW });
    expect(bundle.certificates.find((c) => c.role === 'signature')).toMatchObject({ hasPrivateKey: true, keyMatches: true });
    const result = await exportBundle(bundle, { password, roles: ['signature'], now: NOW });
    expect(result.files.some((f) => f.kind === 'p12')).toBe(true);
  });
});

describe('bounded public-key work', () => {
  test('120 same-named authorities with 3,071-bit exponents: no signature check runs, each leaf\'s chain is invalid and says why', async () => {
    const text = bigExponentAuthorities(120);
    const bundle = await openBundle([{ name: 'exposants.pem', bytes: new TextEncoder().encode(text) }], { now: NOW });
    const leaves = bundle.certificates.filter((c) => c.role === 'signature');
    expect(leaves).toHaveLength(120);
    for (const leaf of leaves) {
      // An issuer with a key no CA issues is no authority: the chain is invalid, never silently « non vérifiable ».
      expect(leaf.chain).toBe('invalide');
      expect(leaf.chainReason).toMatch(/exposant public RSA de 3071 bits/);
    }
    expect(checkBundle(bundle).exitCode).toBe(4);
    // The index refuses those keys before any verification.
    const certs = text.split(/(?=-----BEGIN CERTIFICATE-----)/).map((block: string) => parseCertificate(Buffer.from(block.replace(/-----[^-]+-----|\s/g, ''), 'base64')));
    const index = new IssuerIndex(certs);
    for (const leaf of certs.slice(120, 125)) for (const ca of index.candidates(leaf)) await index.verify(leaf, ca);
    expect(index.verifications).toBe(0);
  });
});

describe('RSA keys no CA issues', () => {
  test('four 16,384-bit key pairs (scripts/make-hostile-certificates.mjs --big-keys): KEY_OUT_OF_BOUNDS each, no proof, no key kept', async () => {
    const bundle = await openBundle([fixture('hostile/cles-16384.pem')], { now: NOW });
    expect(bundle.warnings.filter((w) => w.code === 'KEY_OUT_OF_BOUNDS')).toHaveLength(4);
    for (const c of bundle.certificates) {
      expect(c).toMatchObject({ keySize: 16384, hasPrivateKey: false, keyMatches: null, chain: 'invalide' });
      expect(c.chainReason).toMatch(/16384 bits/);
    }
  });
});

describe('subject text is untrusted everywhere it lands', () => {
  const forge = (cn: string, file: string) => {
    const k = rsa();
    const subject = name([['c', 'FR'], ['cn', cn]]);
    return keyed(file, certificate({ serial: 20, issuer: subject, subject, publicKey: k.publicKey, issuerKey: k.privateKey, exts: SIGNATURE }), k.privateKey, []);
  };

  test('a CN with CR/LF, ESC and U+202E leaves no raw control in LISEZMOI, the friendly name or the file names', async () => {
    const path = forge('Jeanne\r\n     Empreinte SHA-256 : 00:11\x1b[2J\u202egnp.exe', 'injection.pem');
    const bundle = await openBundle([input(path)], { now: NOW });
    const result = await exportBundle(bundle, { password: PW, now: NOW });
    const raw = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
    for (const file of result.files) expect(file.name).not.toMatch(raw);
    const readme = new TextDecoder().decode(result.files.find((f) => f.kind === 'readme')!.bytes);
    expect(readme).not.toMatch(raw);
    // Each line break is one we wrote: no line of LISEZMOI starts with the forged fingerprint.
    expect(readme.split('\r\n').filter((l) => /^\s*Empreinte SHA-256 : 00:11/.test(l))).toEqual([]);
    const { keys, certificates } = await readPkcs12(result.files.find((f) => f.kind === 'p12')!.bytes, PW);
    for (const item of [...keys, ...certificates]) expect(item.friendlyName ?? '').not.toMatch(raw);
    expect(keys[0]!.friendlyName).toContain('\\x1b');
  });

  test('a CN of 60 four-byte characters exports, every name under 255 bytes; the friendly name stays in the BMP', async () => {
    const path = forge('𝔍'.repeat(60), 'astral.pem');
    const bundle = await openBundle([input(path)], { now: NOW });
    const result = await exportBundle(bundle, { password: PW, pem: true, now: NOW });
    for (const file of result.files) expect(Buffer.byteLength(file.name)).toBeLessThanOrEqual(255);
    const out = join(dir, 'astral-out');
    const r = await runCli(['extract', path, '-o', out, '--out-password-env', 'OUT'], { cwd: dir, env: { OUT: PW } });
    expect(r.code).toBe(0);
    expect(readdirSync(out).length).toBeGreaterThan(1);
    const { keys } = await readPkcs12(result.files.find((f) => f.kind === 'p12')!.bytes, PW);
    expect(keys[0]!.friendlyName).toBe(`Signature - ${'\ufffd'.repeat(60)}`);
  });
});

describe('check for supervision', () => {
  const TRIO = ['trio-keytool.p12', '--password-env', 'PW'];
  const env = { PW: KEYTOOL_PASSWORD };
  test.each([
    ['OK', [...TRIO], 0],
    ['WARNING', [...TRIO, '--warn-days', '4000'], 1],
    ['CRITICAL', ['expire.p12', '--password-file', 'password.txt'], 2],
    ['UNKNOWN', ['trio-keytool.p12', '--password', 'faux'], 3],
    ['UNKNOWN', ['absent.p12'], 3],
    ['UNKNOWN', [...TRIO, '--warn-days', 'x'], 3],
    ['UNKNOWN', [...TRIO, '--json'], 3],
  ] as const)('--nagios %s (%j): one line, exit %i', async (state, args, code) => {
    const r = await runCli(['check', ...args, '--nagios'], { env });
    expect(r.code).toBe(code);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^CERTIFICATS RGS ${state} - `));
    if (state !== 'UNKNOWN') expect(lines[0]).toMatch(/ \| 'jours_restants'=-?\d+;\d+:;1:$/);
  });

  test('a certificate that ended five days ago « a expiré il y a 5 jours » (calendar days in Paris)', async () => {
    const bundle = await openBundle([fixture('signature-modern.p12')], { password: readFileSync(join(FIXTURES, 'password.txt'), 'utf8'), now: new Date('2035-01-05T23:30:00Z') });
    // notAfter 2034-12-31T23:59:59Z is 01/01/2035 in Paris; 2035-01-05T23:30Z is already 06/01 in Paris.
    const sig = bundle.certificates.find((c) => c.role === 'signature')!;
    expect(sig.daysLeft).toBe(-5);
    expect(checkBundle(bundle).results.find((r) => r.certificate === sig)!.line).toContain('il y a 5 jours');
  });
});

describe('the renewal reminder', () => {
  test('extract writes an .ics that ical.js parses: one all-day event per keyed certificate, 60 days before the end, with an alarm', async () => {
    const out = join(dir, 'ics-out');
    const r = await runCli(['extract', 'trio-keytool.p12', '--password-env', 'PW', '-o', out], { env: { PW: KEYTOOL_PASSWORD } });
    expect(r.code).toBe(0);
    const file = readdirSync(out).find((f) => f.endsWith('.ics'))!;
    expect(file).toBe('renouvellement - Jeanne Dupont-Lefèvre.ics');
    const text = readFileSync(join(out, file), 'utf8');
    for (const line of text.split('\r\n').slice(0, -1)) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(3);
    for (const event of events) {
      // notAfter 2034-12-31T23:59:59Z = 01/01/2035 in Paris; 60 days before: 2 November 2034.
      expect(event.startDate.isDate).toBe(true);
      expect(event.startDate.toString()).toBe('2034-11-02');
      expect(event.uid).toMatch(/@sne-toolbox$/);
      expect(event.summary).toMatch(/^Renouveler le certificat RGS (de chiffrement|de signature|d'authentification) de Jeanne Dupont-Lefèvre \(expire le 01\/01\/2035\)$/);
      const alarm = event.component.getFirstSubcomponent('valarm')!;
      expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
      expect((alarm.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds()).toBe(-15 * 3600);
      expect(event.component.getFirstPropertyValue('dtstamp')).toBeTruthy();
    }
  });

  test('check --ics writes the same reminders; none for expired or keyless certificates', async () => {
    const path = join(dir, 'rappels.ics');
    const r = await runCli(['check', 'trio-keytool.p12', '--password-env', 'PW', '--ics', path], { env: { PW: KEYTOOL_PASSWORD } });
    expect(r.code).toBe(0);
    expect(new ICAL.Component(ICAL.parse(readFileSync(path, 'utf8'))).getAllSubcomponents('vevent')).toHaveLength(3);
    const keyless = await openBundle([fixture('chiffrement.cer')], { now: NOW });
    expect(renewalCalendar(keyless.certificates, { now: NOW })).toBeNull();
  });
});

describe('the fourth review\'s findings', () => {
  test('two keys with one public key, one of them forged: the same verdict in every order (the good one proves)', async () => {
    const good = rsa();
    const subject = name([['c', 'FR'], ['cn', 'Clé double']]);
    const cert = certificate({ serial: 30, issuer: subject, subject, publicKey: good.publicKey, issuerKey: good.privateKey, exts: SIGNATURE });
    // Same n and e, another d: a key that does not sign like the certificate.
    const jwk = good.privateKey.export({ format: 'jwk' }) as Record<string, string>;
    const forged = (await import('node:crypto')).createPrivateKey({ key: { ...jwk, d: Buffer.from(Buffer.from(jwk.d!, 'base64url').map((b, i) => (i === 5 ? b ^ 1 : b))).toString('base64url') }, format: 'jwk' });
    const inputs = [
      { name: 'cert.pem', bytes: new TextEncoder().encode(pem('CERTIFICATE', cert)) },
      { name: 'bonne.key', bytes: new TextEncoder().encode(keyPem(good.privateKey)) },
      { name: 'fausse.key', bytes: new TextEncoder().encode(keyPem(forged)) },
    ];
    const verdicts = new Set<string>();
    for (const order of [[0, 1, 2], [0, 2, 1], [2, 1, 0], [1, 2, 0]]) {
      const bundle = await openBundle(order.map((i) => inputs[i]!), { now: NOW });
      verdicts.add(JSON.stringify([checkBundle(bundle).exitCode, bundle.certificates[0]!.keyMatches, bundle.certificates[0]!.hasPrivateKey]));
    }
    expect([...verdicts]).toEqual([JSON.stringify([0, true, true])]);
  });

  test('check --ics twice, as a supervision runs it: the second run replaces our own calendar; verdicts come first', async () => {
    const path = join(dir, 'supervision.ics');
    const env = { PW: KEYTOOL_PASSWORD };
    for (const run of [1, 2]) {
      const r = await runCli(['check', 'trio-keytool.p12', '--password-env', 'PW', '--nagios', '--ics', path], { env });
      expect(r.code, `run ${run}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toMatch(/^CERTIFICATS RGS OK - /);
    }
    writeFileSync(join(dir, 'autre.ics'), 'BEGIN:VCALENDAR\r\nPRODID:-//autre//FR\r\nEND:VCALENDAR\r\n');
    const other = await runCli(['check', 'trio-keytool.p12', '--password-env', 'PW', '--ics', join(dir, 'autre.ics')], { env });
    expect(other.stdout).toMatch(/expire le/);
    expect(other.code).toBe(1);
    expect(readFileSync(join(dir, 'autre.ics'), 'utf8')).toContain('-//autre//FR');
  });

  test('a CN with U+2028 leaves no raw line separator in LISEZMOI, the calendar or the friendly name', async () => {
    const k = rsa();
    const subject = name([['c', 'FR'], ['cn', 'Jeanne\u2028IMPORTANT : envoyez votre mot de passe']]);
    const path = keyed('ls.pem', certificate({ serial: 31, issuer: subject, subject, publicKey: k.publicKey, issuerKey: k.privateKey, exts: SIGNATURE }), k.privateKey, []);
    const result = await exportBundle(await openBundle([input(path)], { now: NOW }), { password: PW, now: NOW });
    for (const file of result.files.filter((f) => !f.secret)) expect(new TextDecoder().decode(file.bytes)).not.toMatch(/[\u2028\u2029]/);
    const { keys } = await readPkcs12(result.files.find((f) => f.kind === 'p12')!.bytes, PW);
    expect(keys[0]!.friendlyName).not.toMatch(/[\u2028\u2029]/);
  });

  test('a renewal not valid yet, beside the valid certificate it will replace, is information (exit 0)', async () => {
    const key = rsa();
    const holder = name([['c', 'FR'], ['cn', 'Jeanne À Venir']]);
    const make = (serial: number, from: string, to: string) => certificate({ serial, issuer: holder, subject: holder, publicKey: key.publicKey, issuerKey: key.privateKey, notBefore: new Date(from), notAfter: new Date(to), exts: SIGNATURE });
    const current = make(40, '2024-01-15T00:00:00Z', '2027-01-15T00:00:00Z');
    const next = make(41, '2027-01-15T00:00:00Z', '2030-01-15T00:00:00Z');
    const bundle = await openBundle([{ name: 'deux.pem', bytes: new TextEncoder().encode(pem('CERTIFICATE', current) + pem('CERTIFICATE', next) + keyPem(key.privateKey)) }], { now: NOW });
    const report = checkBundle(bundle, { warnDays: 10 });
    expect(report.results.map((r) => r.status).sort()).toEqual(['a-venir', 'ok']);
    expect(report.exitCode).toBe(0);
  });
});
