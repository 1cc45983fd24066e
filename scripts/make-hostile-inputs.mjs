#!/usr/bin/env node
// Crafted inputs for issue 19 (third hostile round), one per item that needs a file. Certificates
// are built here (DER by hand, signed with node:crypto) because OpenSSL 3.0 can neither set past
// dates without `openssl ca` nor write PBMAC1; `openssl pkcs12 -export` wraps them where a .p12 is
// needed. Keys are throwaway and made afresh on each run (so file bytes differ between runs; the
// structure does not). Nothing here is committed output: tests and benches write into a temp folder.
//   node scripts/make-hostile-inputs.mjs <dossier> [--chains 100,200,1000]
import { execFileSync } from 'node:child_process';
import { createHash, createHmac, generateKeyPairSync, pbkdf2Sync, createCipheriv, sign, constants } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateRawSync, crc32 as zlibCrc32 } from 'node:zlib';
// RFC 7292's key derivation, as the certificates' own hostile-file script writes it (one copy).
import { pkcs12Kdf } from '../packages/certificates/scripts/hostile-files.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const EXAMPLE_P12 = join(ROOT, 'examples/certificats/Jeanne Dupont-Lefevre - certificat RGS (TEST).p12');
export const EXAMPLE_PASSWORD = readFileSync(join(ROOT, 'examples/certificats/mot-de-passe.txt'), 'utf8').split(/\r?\n/)[0];

// --- minimal DER writer -------------------------------------------------------------------------
const len = (n) => {
  if (n < 0x80) return Buffer.from([n]);
  const bytes = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
};
const tlv = (tag, body) => Buffer.concat([Buffer.from([tag]), len(body.length), body]);
export const der = {
  tlv,
  seq: (...items) => tlv(0x30, Buffer.concat(items)),
  set: (...items) => tlv(0x31, Buffer.concat(items)),
  int: (n) => {
    let hex = BigInt(n).toString(16);
    if (hex.length % 2) hex = '0' + hex;
    let b = Buffer.from(hex, 'hex');
    if (b[0] & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
    return tlv(0x02, b);
  },
  bool: (v) => Buffer.from([0x01, 0x01, v ? 0xff : 0x00]),
  octets: (b) => tlv(0x04, Buffer.from(b)),
  bits: (b, unused = 0) => tlv(0x03, Buffer.concat([Buffer.from([unused]), Buffer.from(b)])),
  nul: () => Buffer.from([0x05, 0x00]),
  utf8: (s) => tlv(0x0c, Buffer.from(s, 'utf8')),
  printable: (s) => tlv(0x13, Buffer.from(s, 'latin1')),
  time: (date) => {
    const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
    return date.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2), 'latin1')) : tlv(0x18, Buffer.from(iso, 'latin1'));
  },
  explicit: (n, body) => tlv(0xa0 + n, body),
  oid: (text) => {
    const parts = text.split('.').map(Number);
    const out = [40 * parts[0] + parts[1]];
    for (const p of parts.slice(2)) {
      const stack = [p & 0x7f];
      for (let v = Math.floor(p / 128); v > 0; v = Math.floor(v / 128)) stack.unshift(0x80 | (v & 0x7f));
      out.push(...stack);
    }
    return tlv(0x06, Buffer.from(out));
  },
};

const OID = {
  cn: '2.5.4.3', o: '2.5.4.10', ou: '2.5.4.11', c: '2.5.4.6',
  basicConstraints: '2.5.29.19', keyUsage: '2.5.29.15', extKeyUsage: '2.5.29.37', ski: '2.5.29.14', aki: '2.5.29.35', nameConstraints: '2.5.29.30', policies: '2.5.29.32',
  clientAuth: '1.3.6.1.5.5.7.3.2', emailProtection: '1.3.6.1.5.5.7.3.4',
  sha256WithRsa: '1.2.840.113549.1.1.11', ecdsaSha256: '1.2.840.10045.4.3.2', rsaPss: '1.2.840.113549.1.1.10', mgf1: '1.2.840.113549.1.1.8', sha256: '2.16.840.1.101.3.4.2.1',
  data: '1.2.840.113549.1.7.1', pbes2: '1.2.840.113549.1.5.13', pbkdf2: '1.2.840.113549.1.5.12', pbmac1: '1.2.840.113549.1.5.14', hmacSha256: '1.2.840.113549.2.9', aes256: '2.16.840.1.101.3.4.1.42',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2', certBag: '1.2.840.113549.1.12.10.1.3', x509: '1.2.840.113549.1.9.22.1', sha1: '1.3.14.3.2.26',
};

// --- X.509 by hand -------------------------------------------------------------------------------
/** A Name from [type, value] pairs, each value a UTF8String (C as PrintableString). */
export function name(pairs) {
  return der.seq(...pairs.map(([type, value]) => der.set(der.seq(der.oid(OID[type]), type === 'c' ? der.printable(value) : der.utf8(value)))));
}
const KU = { digitalSignature: 0, nonRepudiation: 1, keyEncipherment: 2, dataEncipherment: 3, keyAgreement: 4, keyCertSign: 5, cRLSign: 6 };
const ext = (oid, critical, value) => der.seq(der.oid(oid), ...(critical ? [der.bool(true)] : []), der.octets(value));
const keyId = (spki) => createHash('sha1').update(spki).digest();
export const extensions = {
  ca: (pathLen) => ext(OID.basicConstraints, true, der.seq(der.bool(true), ...(pathLen === undefined ? [] : [der.int(pathLen)]))),
  keyUsage: (...names) => {
    let bits = 0;
    for (const n of names) bits |= 0x80 >> KU[n];
    let unused = 0;
    while (unused < 7 && !(bits & (1 << unused))) unused++;
    return ext(OID.keyUsage, true, der.bits([bits], unused));
  },
  eku: (...oids) => ext(OID.extKeyUsage, false, der.seq(...oids.map((o) => der.oid(OID[o])))),
  ski: (spki) => ext(OID.ski, false, der.octets(keyId(spki))),
  aki: (spki) => ext(OID.aki, false, der.seq(der.tlv(0x80, keyId(spki)))),
  /** Critical name constraints permitting one directoryName subtree. */
  permittedDirectory: (pairs) => ext(OID.nameConstraints, true, der.seq(der.tlv(0xa0, der.seq(der.tlv(0xa4, name(pairs)))))),
};

const spkiOf = (publicKey) => publicKey.export({ type: 'spki', format: 'der' });
const SIG_ALGS = {
  rsa: der.seq(der.oid(OID.sha256WithRsa), der.nul()),
  ec: der.seq(der.oid(OID.ecdsaSha256)),
  'rsa-pss': der.seq(der.oid(OID.rsaPss), der.seq(der.explicit(0, der.seq(der.oid(OID.sha256), der.nul())), der.explicit(1, der.seq(der.oid(OID.mgf1), der.seq(der.oid(OID.sha256), der.nul()))), der.explicit(2, der.int(32)))),
};

/**
 * A certificate. `issuerKey` signs (its type picks the algorithm); `forgedSignature` signs with a
 * fresh key instead, so the signature is well formed but never verifies.
 */
export function certificate({ serial, issuer, subject, notBefore = new Date('2025-01-01T00:00:00Z'), notAfter = new Date('2034-12-31T23:59:59Z'), publicKey, issuerKey, issuerPublicKey, exts = [], forgedSignature = false }) {
  const type = issuerKey.asymmetricKeyType;
  const spki = spkiOf(publicKey);
  const allExts = [...exts, extensions.ski(spki), ...(issuerPublicKey ? [extensions.aki(spkiOf(issuerPublicKey))] : [])];
  const tbs = der.seq(der.explicit(0, der.int(2)), der.int(serial), SIG_ALGS[type], issuer, der.seq(der.time(notBefore), der.time(notAfter)), subject, spki, der.explicit(3, der.seq(...allExts)));
  const signer = forgedSignature ? generateKeyPairSync(type, type === 'ec' ? { namedCurve: 'P-256' } : { modulusLength: 2048 }).privateKey : issuerKey;
  const options = type === 'rsa-pss' ? { key: signer, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } : signer;
  return der.seq(tbs, SIG_ALGS[type], der.bits(sign('sha256', tbs, options)));
}

export const pem = (label, bytes) => `-----BEGIN ${label}-----\n${Buffer.from(bytes).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END ${label}-----\n`;
const keyPem = (privateKey) => privateKey.export({ type: 'pkcs8', format: 'pem' });
const ecKeys = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
const rsaKeys = () => generateKeyPairSync('rsa', { modulusLength: 2048 });

/** `openssl pkcs12 -export` around a key, its certificate and extra certificates (AES-256 PBES2, SHA-256 MAC). */
export function p12(dir, base, { key, cert, extra = [], password, iter }) {
  writeFileSync(join(dir, `${base}.key.pem`), typeof key === 'string' ? key : keyPem(key));
  writeFileSync(join(dir, `${base}.crt.pem`), pem('CERTIFICATE', cert) + extra.map((c) => pem('CERTIFICATE', c)).join(''));
  const out = join(dir, `${base}.p12`);
  execFileSync('openssl', ['pkcs12', '-export', '-inkey', join(dir, `${base}.key.pem`), '-in', join(dir, `${base}.crt.pem`), '-passout', `pass:${password}`, ...(iter ? ['-iter', String(iter)] : []), '-out', out], { stdio: 'pipe' });
  return out;
}

// --- item 1: N same-named CAs sharing a key, N leaves whose signatures never verify ---------------
/** PEM text of N CA certificates (one subject, one P-256 key) and N leaves "issued" by that name with forged signatures. */
export function sameNameChains(n) {
  const ca = ecKeys();
  const leaf = ecKeys();
  const caName = name([['c', 'FR'], ['o', 'Même Nom (TEST)'], ['cn', 'AC Homonyme']]);
  let out = '';
  for (let i = 0; i < n; i++) {
    out += pem('CERTIFICATE', certificate({ serial: 1000 + i, issuer: caName, subject: caName, publicKey: ca.publicKey, issuerKey: ca.privateKey, issuerPublicKey: ca.publicKey, exts: [extensions.ca(), extensions.keyUsage('keyCertSign', 'cRLSign')] }));
  }
  for (let i = 0; i < n; i++) {
    const subject = name([['c', 'FR'], ['o', 'Même Nom (TEST)'], ['cn', `Porteur ${i}`]]);
    out += pem('CERTIFICATE', certificate({ serial: 5000 + i, issuer: caName, subject, publicKey: leaf.publicKey, issuerKey: ca.privateKey, issuerPublicKey: ca.publicKey, exts: [extensions.keyUsage('digitalSignature', 'nonRepudiation')], forgedSignature: true }));
  }
  return out;
}

// --- item 2: a PEM pair appended to the real example .p12 ------------------------------------------
const JEANNE = 'Jeanne Dupont-Lefèvre';
export function appendedPem() {
  const keys = rsaKeys();
  const subject = name([['c', 'FR'], ['o', 'Imposteur (TEST)'], ['cn', JEANNE]]);
  const cert = certificate({ serial: 666, issuer: subject, subject, publicKey: keys.publicKey, issuerKey: keys.privateKey, exts: [extensions.keyUsage('digitalSignature', 'nonRepudiation')] });
  // A newline first, as `echo >> file.p12; cat pair.pem >> file.p12` leaves it: 0.2.0 only finds PEM blocks at a line start.
  const tail = Buffer.from('\n' + pem('CERTIFICATE', cert) + keyPem(keys.privateKey));
  return { bytes: Buffer.concat([readFileSync(EXAMPLE_P12), tail]), fingerprint: fingerprint(cert) };
}
export const fingerprint = (derBytes) => createHash('sha256').update(derBytes).digest('hex').toUpperCase().replace(/(..)(?!$)/g, '$1:');

// --- PKCS#12 by hand (items 5 and 8) -------------------------------------------------------------
const bmp = (pw) => Buffer.concat([Buffer.from(pw, 'utf16le').swap16(), Buffer.alloc(2)]);
const dataInfo = (content) => der.seq(der.oid(OID.data), der.explicit(0, der.octets(content)));
const certBag = (certDer) => der.seq(der.oid(OID.certBag), der.explicit(0, der.seq(der.oid(OID.x509), der.explicit(0, der.octets(certDer)))));
function shroudedKeyBag(pkcs8, passwordUtf8, iterations, salt) {
  const iv = createHash('sha256').update(salt).digest().subarray(0, 16);
  const key = pbkdf2Sync(Buffer.from(passwordUtf8, 'utf8'), salt, iterations, 32, 'sha256');
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  const data = Buffer.concat([cipher.update(pkcs8), cipher.final()]);
  const alg = der.seq(der.oid(OID.pbes2), der.seq(der.seq(der.oid(OID.pbkdf2), der.seq(der.octets(salt), der.int(iterations), der.int(32), der.seq(der.oid(OID.hmacSha256), der.nul()))), der.seq(der.oid(OID.aes256), der.octets(iv))));
  return der.seq(der.oid(OID.shroudedKeyBag), der.explicit(0, der.seq(alg, der.octets(data))));
}

/**
 * Item 5: a certificate, then six shrouded copies of its key under PBES2 (PBKDF2-HMAC-SHA256,
 * 1,000,000 iterations, distinct salts so no cache can share them) with the EMPTY password, and a
 * standard SHA-1 MAC under the empty password (BMPString "" = two zero bytes, as OpenSSL writes it;
 * PBES2 takes the password as UTF-8, i.e. zero bytes). OpenSSL reads it with `-passin pass:`.
 */
export function sixEmptyPasswordBags({ bags = 6, iterations = 1_000_000 } = {}) {
  const keys = ecKeys();
  const subject = name([['c', 'FR'], ['o', 'Lent (TEST)'], ['cn', 'Six Sacs']]);
  const cert = certificate({ serial: 6, issuer: subject, subject, publicKey: keys.publicKey, issuerKey: keys.privateKey, exts: [extensions.keyUsage('digitalSignature', 'nonRepudiation')] });
  const pkcs8 = keys.privateKey.export({ type: 'pkcs8', format: 'der' });
  const safeBags = [certBag(cert)];
  for (let i = 0; i < bags; i++) safeBags.push(shroudedKeyBag(pkcs8, '', iterations, Buffer.alloc(16, 0x40 + i)));
  const authSafe = der.seq(dataInfo(der.seq(...safeBags)));
  const salt = Buffer.alloc(8, 3);
  const macKey = pkcs12Kdf(bmp(''), salt, 3, 2048, 20);
  const mac = createHmac('sha1', macKey).update(authSafe).digest();
  return der.seq(der.int(3), dataInfo(authSafe), der.seq(der.seq(der.seq(der.oid(OID.sha1), der.nul()), der.octets(mac)), der.octets(salt), der.int(2048)));
}

/**
 * Item 8: a PBMAC1 (RFC 9579) PKCS#12 whose PBKDF2 keyLength is `keyLength` octets (1 here). The MAC
 * is right for `password`, so a reader that accepts short keys calls it authentic; a forger without
 * the password would get the same verdict for one of only 256 possible keys.
 */
export function pbmac1ShortKey({ password = '1234', keyLength = 1, iterations = 2048 } = {}) {
  const keys = ecKeys();
  const subject = name([['c', 'FR'], ['o', 'Falsifié (TEST)'], ['cn', 'PBMAC1 Clé Courte']]);
  const cert = certificate({ serial: 8, issuer: subject, subject, publicKey: keys.publicKey, issuerKey: keys.privateKey, exts: [extensions.keyUsage('digitalSignature', 'nonRepudiation')] });
  const pkcs8 = keys.privateKey.export({ type: 'pkcs8', format: 'der' });
  const authSafe = der.seq(dataInfo(der.seq(certBag(cert), shroudedKeyBag(pkcs8, password, 2048, Buffer.alloc(16, 0x21)))));
  const salt = Buffer.alloc(16, 0x5a);
  // RFC 9579: PBKDF2 over the UTF-8 password, HMAC over the authSafe content octets.
  const macKey = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, keyLength, 'sha256');
  const content = authSafe;
  const mac = createHmac('sha256', macKey).update(content).digest();
  const hmac = der.seq(der.oid(OID.hmacSha256), der.nul());
  const pbmac1 = der.seq(der.oid(OID.pbmac1), der.seq(der.seq(der.oid(OID.pbkdf2), der.seq(der.octets(salt), der.int(iterations), der.int(keyLength), hmac)), hmac));
  // macData: DigestInfo(PBMAC1, mac), macSalt (ignored by RFC 9579 readers, any value), iterations 1.
  return der.seq(der.int(3), dataInfo(authSafe), der.seq(der.seq(pbmac1, der.octets(mac)), der.octets(Buffer.from('NOT USED')), der.int(1)));
}

// --- item 7: names with terminal controls ---------------------------------------------------------
export const HOSTILE_TEXT = {
  /** Sets the title, clears the screen, rewinds the line and prints a fake date; C1 CSI too. */
  cn: 'Jean \x1b]0;pwned\x07\x1b[2J\rexpire le 31/12/2099 \u009b31m rouge',
  /** The right-to-left override of `signature - Jean ‮gnp.cod.p12`. */
  o: 'OPH \u202egnp.cod',
  /** 59 letters then an emoji: slice(0, 60) cuts the surrogate pair. */
  surrogate: 'A'.repeat(59) + '\u{1F600}' + 'B',
};
export function controlCharacterCerts() {
  const out = [];
  for (const [base, cn, o] of [
    ['ctl-escape', HOSTILE_TEXT.cn, HOSTILE_TEXT.o],
    ['ctl-bidi', 'Jean \u202egnp.cod', 'OPH \u009b2J'],
    ['ctl-surrogate', HOSTILE_TEXT.surrogate, 'OPH'],
    ['ctl-con', 'CON', 'PRN'],
  ]) {
    const keys = ecKeys();
    const subject = name([['c', 'FR'], ['o', o], ['cn', cn]]);
    const cert = certificate({ serial: 7, issuer: subject, subject, publicKey: keys.publicKey, issuerKey: keys.privateKey, notAfter: new Date('2021-01-01T00:00:00Z'), notBefore: new Date('2020-01-01T00:00:00Z'), exts: [extensions.keyUsage('digitalSignature', 'nonRepudiation')] });
    out.push({ base, cn, o, cert, key: keys.privateKey });
  }
  return out;
}

// --- zips (items 7, 10, 13) ----------------------------------------------------------------------
const dosTime = Buffer.from([0x00, 0x00, 0x21, 0x58]); // 2024-01-01 00:00, fixed: deterministic
/** A zip of stored-or-deflated members, each `{ name, data }` (name as UTF-8, flag bit 11 set). */
export function zip(members) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name: memberName, data } of members) {
    const nameBytes = Buffer.from(memberName, 'utf8');
    const packed = deflateRawSync(data);
    const fixed = (sig, central) => {
      const b = Buffer.alloc(central ? 46 : 30);
      b.writeUInt32LE(sig, 0);
      let p = 4;
      if (central) {
        b.writeUInt16LE(20, p);
        p += 2;
      }
      b.writeUInt16LE(20, p); b.writeUInt16LE(0x0800, p + 2); b.writeUInt16LE(8, p + 4); dosTime.copy(b, p + 6);
      b.writeUInt32LE(zlibCrc32(data), p + 10); b.writeUInt32LE(packed.length, p + 14); b.writeUInt32LE(data.length, p + 18); b.writeUInt16LE(nameBytes.length, p + 22);
      if (central) b.writeUInt32LE(offset, 42);
      return b;
    };
    const local = Buffer.concat([fixed(0x04034b50, false), nameBytes, packed]);
    centrals.push(Buffer.concat([fixed(0x02014b50, true), nameBytes]));
    locals.push(local);
    offset += local.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(members.length, 8); end.writeUInt16LE(members.length, 10); end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/**
 * Item 10: a zip whose members each inflate to `size` zero bytes, streamed: zeros are deflated
 * 1 MB at a time (never `size` bytes in memory) and the CRC is carried along. About 0.5 MB per 512 MB.
 */
export async function writeZeroBomb(path, { members = ['zeros-1.csv', 'zeros-2.csv'], size = 512 * 1024 * 1024 } = {}) {
  const { createDeflateRaw } = await import('node:zlib');
  const fd = openSync(path, 'w');
  let offset = 0;
  const centrals = [];
  const chunk = Buffer.alloc(1024 * 1024);
  for (const memberName of members) {
    const nameBytes = Buffer.from(memberName, 'utf8');
    const packed = await new Promise((resolve, reject) => {
      const parts = [];
      const z = createDeflateRaw({ level: 9 });
      z.on('data', (d) => parts.push(d));
      z.on('end', () => resolve(Buffer.concat(parts)));
      z.on('error', reject);
      let left = size;
      const pump = () => {
        while (left > 0) {
          const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
          left -= piece.length;
          if (!z.write(piece)) return z.once('drain', pump);
        }
        z.end();
      };
      pump();
    });
    let crc = 0;
    for (let done = 0; done < size; done += chunk.length) crc = done + chunk.length <= size ? zlibCrc32(chunk, crc) : zlibCrc32(chunk.subarray(0, size - done), crc);
    const header = (central) => {
      const b = Buffer.alloc(central ? 46 : 30);
      b.writeUInt32LE(central ? 0x02014b50 : 0x04034b50, 0);
      let p = 4;
      if (central) {
        b.writeUInt16LE(20, p);
        p += 2;
      }
      b.writeUInt16LE(20, p); b.writeUInt16LE(0x0800, p + 2); b.writeUInt16LE(8, p + 4); dosTime.copy(b, p + 6);
      b.writeUInt32LE(crc >>> 0, p + 10); b.writeUInt32LE(packed.length, p + 14); b.writeUInt32LE(size, p + 18); b.writeUInt16LE(nameBytes.length, p + 22);
      if (central) b.writeUInt32LE(offset, 42);
      return b;
    };
    const local = Buffer.concat([header(false), nameBytes]);
    writeSync(fd, local); writeSync(fd, packed);
    centrals.push(Buffer.concat([header(true), nameBytes]));
    offset += local.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(members.length, 8); end.writeUInt16LE(members.length, 10); end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  writeSync(fd, cd); writeSync(fd, end);
  closeSync(fd);
}

// --- everything, into a folder -------------------------------------------------------------------
export const CSV = 'Numéro unique;Nom;Montant\r\n0590423808575GDPUB;Dupont;1 234,56\r\n0590423808576GDPUB;Durand;12,00\r\n';
export const LONG_MEMBER = 'e'.repeat(246) + '.csv'; // 250 characters
/** 254 characters: its workbook name (255) is still legal on ext4/NTFS; a temp name that prefixes it is not. */
export const LONGEST_MEMBER = 'e'.repeat(250) + '.csv';

/** Writes every crafted input into `dir`; returns a map of what was written and the facts tests need. */
export async function makeAll(dir, { chains = [100, 200, 1000], bomb = true } = {}) {
  mkdirSync(dir, { recursive: true });
  const facts = { password: 'Mot-De-Passe-19', secret: 'S3cret-Qz7!x' };

  // 1
  for (const n of chains) writeFileSync(join(dir, `chain-${n}.pem`), sameNameChains(n));

  // 2 (and the 8-byte control case, which is caught today)
  const appended = appendedPem();
  writeFileSync(join(dir, 'appended-pem.p12'), appended.bytes);
  writeFileSync(join(dir, 'appended-bytes.p12'), Buffer.concat([readFileSync(EXAMPLE_P12), Buffer.from('12345678')]));
  facts.appendedFingerprint = appended.fingerprint;

  // 4: a bundle with a signature key of mixed usages (role "inconnu"), so that extract suggests --role.
  {
    const keys = rsaKeys();
    const subject = name([['c', 'FR'], ['o', 'OPH Exemple (TEST)'], ['cn', 'Paul Mixte']]);
    const cert = certificate({ serial: 4, issuer: subject, subject, publicKey: keys.publicKey, issuerKey: keys.privateKey, exts: [extensions.keyUsage('digitalSignature', 'keyEncipherment')] });
    p12(dir, 'role-missing', { key: keys.privateKey, cert, password: facts.secret });
  }

  // 5
  writeFileSync(join(dir, 'empty-password-six-bags.p12'), sixEmptyPasswordBags());

  // 6
  writeFileSync(join(dir, 'data.csv'), CSV);

  // 7: certificates (PEM, and .p12 with keys for extract), CSV headers, zip member names
  for (const c of controlCharacterCerts()) {
    writeFileSync(join(dir, `${c.base}.pem`), pem('CERTIFICATE', c.cert));
    p12(dir, c.base, { key: c.key, cert: c.cert, password: facts.password });
  }
  // Quoted, so that the CR stays inside the name; the name comes twice (the duplicate-name warning prints it).
  const hostileHeader = '"Nom\x1b]0;pwned\x07\x1b[2J\rfaux\u009b31m"';
  writeFileSync(join(dir, 'ctl-header.csv'), `Numéro unique;${hostileHeader};Montant;${hostileHeader}\r\n0590423808575GDPUB;Dupont;1 234,56;a\r\n0590423808576GDPUB;Durand;12,00;b\r\n`);
  writeFileSync(join(dir, 'ctl-members.zip'), zip([
    { name: 'a\x1b]0;pwned\x07\x1b[2J.csv', data: Buffer.from(CSV) },
    { name: 'CON.csv', data: Buffer.from(CSV) },
    { name: '.csv', data: Buffer.from(CSV) },
    { name: 'b\u202evsc.xlsx.csv', data: Buffer.from(CSV) },
  ]));

  // 8
  writeFileSync(join(dir, 'pbmac1-key-length-1.p12'), pbmac1ShortKey({ password: facts.password }));

  // 10
  if (bomb) await writeZeroBomb(join(dir, 'zeros-bomb.zip'));

  // 11: pathLen 0 at the root, then an intermediate CA, then a leaf; and a critical name constraint broken
  {
    const root = ecKeys();
    const mid = ecKeys();
    const leaf = ecKeys();
    const rootName = name([['c', 'FR'], ['o', 'Contraintes (TEST)'], ['cn', 'Racine pathLen 0']]);
    const midName = name([['c', 'FR'], ['o', 'Contraintes (TEST)'], ['cn', 'AC Intermédiaire Interdite']]);
    const leafName = name([['c', 'FR'], ['o', 'Contraintes (TEST)'], ['cn', 'Porteur Hors Longueur']]);
    const ca = [extensions.ca(), extensions.keyUsage('keyCertSign', 'cRLSign')];
    const rootCert = certificate({ serial: 110, issuer: rootName, subject: rootName, publicKey: root.publicKey, issuerKey: root.privateKey, issuerPublicKey: root.publicKey, exts: [extensions.ca(0), extensions.keyUsage('keyCertSign', 'cRLSign')] });
    const midCert = certificate({ serial: 111, issuer: rootName, subject: midName, publicKey: mid.publicKey, issuerKey: root.privateKey, issuerPublicKey: root.publicKey, exts: ca });
    const leafCert = certificate({ serial: 112, issuer: midName, subject: leafName, publicKey: leaf.publicKey, issuerKey: mid.privateKey, issuerPublicKey: mid.publicKey, exts: [extensions.keyUsage('digitalSignature', 'nonRepudiation')] });
    writeFileSync(join(dir, 'pathlen-broken.pem'), pem('CERTIFICATE', leafCert) + pem('CERTIFICATE', midCert) + pem('CERTIFICATE', rootCert));
    facts.pathLenLeaf = fingerprint(leafCert);

    const ncRoot = ecKeys();
    const ncLeaf = ecKeys();
    const ncRootName = name([['c', 'FR'], ['o', 'Autorisé (TEST)'], ['cn', 'Racine Contrainte De Nom']]);
    const ncRootCert = certificate({ serial: 113, issuer: ncRootName, subject: ncRootName, publicKey: ncRoot.publicKey, issuerKey: ncRoot.privateKey, issuerPublicKey: ncRoot.publicKey, exts: [...ca, extensions.permittedDirectory([['c', 'FR'], ['o', 'Autorisé (TEST)']])] });
    const ncLeafName = name([['c', 'FR'], ['o', 'Interdit (TEST)'], ['cn', 'Porteur Hors Contrainte']]);
    const ncLeafCert = certificate({ serial: 114, issuer: ncRootName, subject: ncLeafName, publicKey: ncLeaf.publicKey, issuerKey: ncRoot.privateKey, issuerPublicKey: ncRoot.publicKey, exts: [extensions.keyUsage('digitalSignature', 'nonRepudiation')] });
    writeFileSync(join(dir, 'name-constraint-broken.pem'), pem('CERTIFICATE', ncLeafCert) + pem('CERTIFICATE', ncRootCert));
    facts.nameConstraintLeaf = fingerprint(ncLeafCert);
  }

  // 13
  writeFileSync(join(dir, 'long-member.zip'), zip([{ name: LONG_MEMBER, data: Buffer.from(CSV) }]));
  writeFileSync(join(dir, 'longest-member.zip'), zip([{ name: LONGEST_MEMBER, data: Buffer.from(CSV) }]));
  // The same 250-character name as a plain file: 0.2.0's ENAMETOOLONG is in the workbook's temp name too.
  mkdirSync(join(dir, 'long-name'), { recursive: true });
  writeFileSync(join(dir, 'long-name', LONG_MEMBER), CSV);

  // 14: root valid, intermediate expired in 2021, a valid signature leaf with its key
  {
    const root = rsaKeys();
    const mid = rsaKeys();
    const leaf = rsaKeys();
    const rootName = name([['c', 'FR'], ['o', 'Expirée (TEST)'], ['cn', 'Racine Valide']]);
    const midName = name([['c', 'FR'], ['o', 'Expirée (TEST)'], ['cn', 'AC Expirée']]);
    const leafName = name([['c', 'FR'], ['o', 'Expirée (TEST)'], ['cn', 'Porteur Chaîne Expirée']]);
    const ca = [extensions.ca(), extensions.keyUsage('keyCertSign', 'cRLSign')];
    const rootCert = certificate({ serial: 140, issuer: rootName, subject: rootName, publicKey: root.publicKey, issuerKey: root.privateKey, issuerPublicKey: root.publicKey, notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2040-01-01T00:00:00Z'), exts: ca });
    const midCert = certificate({ serial: 141, issuer: rootName, subject: midName, publicKey: mid.publicKey, issuerKey: root.privateKey, issuerPublicKey: root.publicKey, notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2021-01-01T00:00:00Z'), exts: ca });
    const leafCert = certificate({ serial: 142, issuer: midName, subject: leafName, publicKey: leaf.publicKey, issuerKey: mid.privateKey, issuerPublicKey: mid.publicKey, exts: [extensions.keyUsage('digitalSignature', 'nonRepudiation')] });
    p12(dir, 'expired-intermediate', { key: leaf.privateKey, cert: leafCert, extra: [midCert, rootCert], password: facts.password });
    facts.expiredChain = [fingerprint(leafCert), fingerprint(midCert), fingerprint(rootCert)];
  }

  // 15: an RSA-PSS key (id-RSASSA-PSS SPKI) and its PSS-signed certificate
  {
    const keys = generateKeyPairSync('rsa-pss', { modulusLength: 2048, hashAlgorithm: 'sha256', mgf1HashAlgorithm: 'sha256', saltLength: 32 });
    const subject = name([['c', 'FR'], ['o', 'PSS (TEST)'], ['cn', 'Porteur RSA-PSS']]);
    const cert = certificate({ serial: 15, issuer: subject, subject, publicKey: keys.publicKey, issuerKey: keys.privateKey, exts: [extensions.keyUsage('digitalSignature', 'nonRepudiation')] });
    p12(dir, 'rsa-pss', { key: keys.privateKey, cert, password: facts.password });
  }

  // 16: 18-digit ids cut by Excel to 15 significant digits
  writeFileSync(join(dir, 'cut-ids.csv'), 'Numéro unique;Nom;Commune\r\n' + ['971012057258783000', '971012057258784000', '971012057258785000', '971012057258786000', '971012057258787000', '971012057258788000'].map((id, i) => `${id};Nom ${i};Lille\r\n`).join(''));

  writeFileSync(join(dir, 'facts.json'), JSON.stringify(facts, null, 1));
  return facts;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('Utilisation : node scripts/make-hostile-inputs.mjs <dossier> [--chains 100,200,1000] [--no-bomb]');
    process.exit(2);
  }
  const at = process.argv.indexOf('--chains');
  const chains = at > 0 ? process.argv[at + 1].split(',').map(Number) : undefined;
  await makeAll(dir, { chains, bomb: !process.argv.includes('--no-bomb') });
  console.log(`Fichiers écrits dans ${dir}`);
}

