import { describe, expect, test } from 'vitest';
import { type CertificateBundle, type CertificateSummary, checkBundle, DEFAULT_WARN_DAYS, exportBundle, openBundle } from '@sne-toolbox/certificates';
import { expiresSoon } from '../src/core/check.js';
import { fixture, KEYTOOL_PASSWORD, runCli } from './helpers.js';

// EXPIRES_SOON is decided in one place (expiresSoon, check.ts): check, extract and the CLI default agree.

const DAY = 86_400_000;

describe('expiresSoon: the one rule', () => {
  test('the default window is 60 days', () => {
    expect(DEFAULT_WARN_DAYS).toBe(60);
  });

  test.each([
    ['valide', 60, undefined, true],
    ['valide', 61, undefined, false],
    ['valide', 0, undefined, true],
    ['valide', 10, 5, false],
    ['valide', 5, 5, true],
    ['expire', -1, undefined, false],
    ['pas-encore-valide', 10, undefined, false],
  ] as const)('%s, %i days left, window %s → %s', (validity, daysLeft, warnDays, expected) => {
    expect(expiresSoon({ validity, daysLeft }, warnDays)).toBe(expected);
  });
});

describe('checkBundle: status and exit code', () => {
  const summary = (over: Partial<CertificateSummary>): CertificateSummary =>
    ({ role: 'signature', subject: { commonName: 'X' }, authority: null, notBefore: '2025-01-01T00:00:00Z', notAfter: '2030-01-01T00:00:00Z', keyMatches: true, validity: 'valide', daysLeft: 1000, ...over }) as CertificateSummary;
  const bundleOf = (...certificates: CertificateSummary[]) => ({ certificates, warnings: [] }) as unknown as CertificateBundle;

  test.each([
    [{}, 'ok', 0],
    [{ daysLeft: 60 }, 'expire-bientot', 3],
    [{ validity: 'expire', daysLeft: -3 }, 'expire', 4],
    [{ validity: 'pas-encore-valide', daysLeft: 900 }, 'pas-encore-valide', 4],
    [{ keyMatches: false, validity: 'expire', daysLeft: -3 }, 'cle-incorrecte', 4],
  ] as [Partial<CertificateSummary>, string, number][])('%j → %s, exit %i', (over, status, exitCode) => {
    const { results, exitCode: code } = checkBundle(bundleOf(summary(over)));
    expect(results[0]!.status).toBe(status);
    expect(code).toBe(exitCode);
  });

  test('the exit code is the worst of all', () => {
    expect(checkBundle(bundleOf(summary({}), summary({ daysLeft: 3 }))).exitCode).toBe(3);
    expect(checkBundle(bundleOf(summary({ daysLeft: 3 }), summary({ validity: 'expire', daysLeft: -1 }))).exitCode).toBe(4);
  });
});

describe('check and extract decide EXPIRES_SOON alike, at the edge of the window', () => {
  const openAt = async (daysBeforeEnd: number) => {
    const first = await openBundle([fixture('trio-keytool.p12')], { password: KEYTOOL_PASSWORD });
    const end = Math.min(...first.certificates.filter((c) => c.role === 'signature').map((c) => Date.parse(c.notAfter)));
    return openBundle([fixture('trio-keytool.p12')], { password: KEYTOOL_PASSWORD, now: new Date(end - daysBeforeEnd * DAY) });
  };

  test.each([
    [DEFAULT_WARN_DAYS, true],
    [DEFAULT_WARN_DAYS + 1, false],
  ])('%i days before the end of the signature certificate: soon = %s', async (days, soon) => {
    const bundle = await openAt(days);
    const signature = checkBundle(bundle).results.find((r) => r.certificate.role === 'signature')!;
    expect(signature.status === 'expire-bientot').toBe(soon);
    const { warnings } = await exportBundle(bundle, { password: 'x' });
    expect(warnings.some((w) => w.code === 'EXPIRES_SOON' && /signature/.test(w.message))).toBe(soon);
  });

  test('the CLI default of --warn-days is DEFAULT_WARN_DAYS', async () => {
    for (const command of ['check', 'extract']) {
      const r = await runCli([command, '--help']);
      expect(r.stdout.replace(/\s+/gu, ' ')).toMatch(new RegExp(`--warn-days <jours> [^(]*\\(par défaut : ${DEFAULT_WARN_DAYS}\\)`, 'u'));
    }
  });
});
