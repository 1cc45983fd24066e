import { generateKeyPairSync } from 'node:crypto';
import { expect, test } from 'vitest';
import { exportBundle, openBundle } from '@sne-toolbox/certificates';
import { certificate, extensions, fingerprint, name, pem } from '../../../scripts/make-hostile-inputs.mjs';

// Issue 19, item 14: the exported .p12 carries every issuer the user gave, whatever its dates
// (Windows keeps the whole certification path); the chain status stays what was proven.

test('an expired intermediate stays in the .p12 and the PEM chain; LISEZMOI names it; the chain stays invalide', async () => {
  const keys = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const [root, mid, leaf] = [keys(), keys(), keys()];
  const rootName = name([['c', 'FR'], ['o', 'Expirée (TEST)'], ['cn', 'Racine Valide']]);
  const midName = name([['c', 'FR'], ['o', 'Expirée (TEST)'], ['cn', 'AC Expirée']]);
  const ca = [extensions.ca(), extensions.keyUsage('keyCertSign', 'cRLSign')];
  const rootCert = certificate({ serial: 1, issuer: rootName, subject: rootName, publicKey: root.publicKey, issuerKey: root.privateKey, notBefore: new Date('2020-01-01Z'), notAfter: new Date('2040-01-01Z'), exts: ca });
  const midCert = certificate({ serial: 2, issuer: rootName, subject: midName, publicKey: mid.publicKey, issuerKey: root.privateKey, notBefore: new Date('2020-01-01Z'), notAfter: new Date('2021-01-01Z'), exts: ca });
  const leafCert = certificate({ serial: 3, issuer: midName, subject: name([['c', 'FR'], ['cn', 'Porteur']]), publicKey: leaf.publicKey, issuerKey: mid.privateKey, exts: [extensions.keyUsage('digitalSignature', 'nonRepudiation')] });
  const text = pem('CERTIFICATE', leafCert) + leaf.privateKey.export({ type: 'pkcs8', format: 'pem' }) + pem('CERTIFICATE', midCert) + pem('CERTIFICATE', rootCert);
  const now = new Date('2026-11-28T12:00:00Z');
  const bundle = await openBundle([{ name: 'chaine.pem', bytes: new TextEncoder().encode(text) }], { now });
  const signer = bundle.certificates.find((c) => c.role === 'signature')!;
  expect(signer.chain).toBe('invalide');

  const result = await exportBundle(bundle, { password: 'Export-19', now, pem: true });
  const p12 = result.files.find((f) => f.kind === 'p12')!;
  const reread = await openBundle([{ name: 'signature.p12', bytes: p12.bytes }], { password: 'Export-19', now });
  expect(reread.certificates.map((c) => c.fingerprintSha256).sort()).toEqual([leafCert, midCert, rootCert].map(fingerprint).sort());
  const readme = new TextDecoder().decode(result.files.find((f) => f.kind === 'readme')!.bytes);
  expect(readme).toMatch(/l'autorité «\s?AC Expirée\s?» de la chaîne a expiré le 01\/01\/2021/u);
});
