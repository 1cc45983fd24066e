import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkBundle, exportBundle, isCertificateError, openBundle } from '../src/index.js';

const P12 = readFileSync(new URL('../../../examples/certificats/Jeanne Dupont-Lefevre - certificat RGS (TEST).p12', import.meta.url));
const PASSWORD = readFileSync(new URL('../../../examples/certificats/mot-de-passe.txt', import.meta.url), 'utf8').split(/\r?\n/)[0]!;

async function usageMessage(run: () => Promise<unknown> | unknown): Promise<string> {
  const error = await (async () => run())().then(() => null, (e: unknown) => e);
  if (!isCertificateError(error, 'USAGE')) throw new Error(`expected USAGE, got ${String(error)}`);
  return error.message;
}

describe('options are checked where they enter: USAGE naming the option and the allowed values', async () => {
  const bundle = await openBundle([{ name: 'x.p12', bytes: P12 }], { password: PASSWORD });

  it.each([
    ['profile', { profile: 'strong' }, /profile.*"compatible", "modern"/],
    ['fileNames', { fileNames: 'short' }, /fileNames.*"holder", "plain"/],
    ['pem', { pem: 'yes' }, /pem.*true ou false/],
    ['warnDays', { warnDays: -3 }, /warnDays.*entier/],
  ])('exportBundle %s', async (_name, options, message) => {
    expect(await usageMessage(() => exportBundle(bundle, { password: PASSWORD, ...(options as object) }))).toMatch(message);
  });

  it('openBundle: a password that is not a string', async () => {
    expect(await usageMessage(() => openBundle([{ name: 'x.p12', bytes: P12 }], { password: 42 as never }))).toMatch(/password/);
  });

  it('checkBundle: warnDays', async () => {
    expect(await usageMessage(() => checkBundle(bundle, { warnDays: 1.5 }))).toMatch(/warnDays/);
  });

  it('good values pass', async () => {
    const { files } = await exportBundle(bundle, { password: PASSWORD, profile: 'modern', fileNames: 'plain', warnDays: 30 });
    expect(files.map((f) => f.name)).toContain('signature.p12');
  });
});

describe('export one role, without LISEZMOI; a certificate as DER and PEM', async () => {
  const bundle = await openBundle([{ name: 'x.p12', bytes: P12 }], { password: PASSWORD });

  it('roles: only the signature file; readme: false writes no LISEZMOI; no ROLE_MISSING for roles left out', async () => {
    const { files, warnings } = await exportBundle(bundle, { password: PASSWORD, roles: ['signature'], readme: false, calendar: false });
    expect(files.map((f) => f.name)).toEqual(['signature - Jeanne Dupont-Lefèvre.p12']);
    expect(warnings.filter((w) => w.code === 'ROLE_MISSING')).toEqual([]);
  });

  it('a role that does not exist is USAGE', async () => {
    expect(await usageMessage(() => exportBundle(bundle, { password: PASSWORD, roles: ['cachet' as never] }))).toMatch(/roles/);
  });

  it('der() and pem() give the certificate the .cer and .txt files hold', async () => {
    const enc = bundle.certificates.find((c) => c.role === 'chiffrement')!;
    const { files } = await exportBundle(bundle, { password: PASSWORD, roles: ['chiffrement'] });
    expect(bundle.der(enc.fingerprintSha256)).toEqual(new Uint8Array(files.find((f) => f.kind === 'cer')!.bytes));
    expect(bundle.pem(enc.fingerprintSha256)).toBe(new TextDecoder().decode(files.find((f) => f.kind === 'txt')!.bytes));
    expect(bundle.der('00:11')).toBeUndefined();
  });
});

describe('issue 28: the options a developer meets', () => {
  it('an unknown option key is USAGE with details.option, in every task', async () => {
    await expect(openBundle([{ name: 'x.p12', bytes: P12 }], { pasword: PASSWORD } as never)).rejects.toMatchObject({ code: 'USAGE', details: { option: 'pasword' } });
    const bundle = await openBundle([{ name: 'x.p12', bytes: P12 }], { password: PASSWORD });
    await expect(exportBundle(bundle, { password: PASSWORD, profil: 'modern' } as never)).rejects.toMatchObject({ code: 'USAGE', details: { option: 'profil' } });
    expect(() => checkBundle(bundle, { warndays: 3 } as never)).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });

  it('bytes as an ArrayBuffer or a Blob open like a Uint8Array; anything else is USAGE', async () => {
    const reference = (await openBundle([{ name: 'x.p12', bytes: P12 }], { password: PASSWORD })).certificates.map((c) => c.fingerprintSha256);
    const buffer = P12.buffer.slice(P12.byteOffset, P12.byteOffset + P12.byteLength) as ArrayBuffer;
    for (const bytes of [buffer, new Blob([buffer])]) expect((await openBundle([{ name: 'x.p12', bytes }], { password: PASSWORD })).certificates.map((c) => c.fingerprintSha256)).toEqual(reference);
    await expect(openBundle([{ name: 'x.p12', bytes: 'abc' as never }], { password: PASSWORD })).rejects.toMatchObject({ code: 'USAGE' });
  });

  it('exportBundle without options: PASSWORD_REQUIRED (coded), never a raw TypeError; an aborted signal: ABORTED', async () => {
    const bundle = await openBundle([{ name: 'x.p12', bytes: P12 }], { password: PASSWORD });
    await expect(exportBundle(bundle)).rejects.toMatchObject({ code: 'PASSWORD_REQUIRED' });
    const controller = new AbortController();
    controller.abort();
    await expect(exportBundle(bundle, { password: PASSWORD, signal: controller.signal })).rejects.toMatchObject({ code: 'ABORTED', name: 'AbortError' });
  });
});
