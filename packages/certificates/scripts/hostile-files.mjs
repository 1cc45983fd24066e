#!/usr/bin/env node
// Builds the crafted inputs of docs/reliability.md's threat table that OpenSSL cannot write: zip
// bombs, PKCS#12 files with hundreds of bags, a PEM of BEGIN lines, bags whose password is encoded
// as older NSS and Java did, cipher parameters no cipher accepts. Deterministic; used by the tests
// (imported) and by bench/certificate-bounds.mjs. Run alone, it writes the files into a folder:
//   node packages/certificates/scripts/hostile-files.mjs <dossier>
import { createCipheriv, createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

// --- minimal DER writer -------------------------------------------------------------------------
const len = (n) => (n < 0x80 ? [n] : ((b) => [0x80 | b.length, ...b])([...Buffer.from(n.toString(16).padStart(2 * Math.ceil(n.toString(16).length / 2), '0'), 'hex')]));
const tlv = (tag, body) => Buffer.concat([Buffer.from([tag, ...len(body.length)]), body]);
export const der = {
  seq: (...items) => tlv(0x30, Buffer.concat(items)),
  set: (...items) => tlv(0x31, Buffer.concat(items)),
  int: (n) => {
    let hex = n.toString(16);
    if (hex.length % 2) hex = '0' + hex;
    let b = Buffer.from(hex, 'hex');
    if (b[0] & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
    return tlv(0x02, b);
  },
  octets: (b) => tlv(0x04, Buffer.from(b)),
  nul: () => Buffer.from([0x05, 0x00]),
  explicit: (n, body) => tlv(0xa0 + n, body),
  oid: (text) => {
    const parts = text.split('.').map(Number);
    const out = [40 * parts[0] + parts[1]];
    for (const p of parts.slice(2)) {
      const stack = [p & 0x7f];
      for (let v = p >>> 7; v > 0; v >>>= 7) stack.unshift(0x80 | (v & 0x7f));
      out.push(...stack);
    }
    return tlv(0x06, Buffer.from(out));
  },
};

const OID = {
  data: '1.2.840.113549.1.7.1',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  hmacSha256: '1.2.840.113549.2.9',
  aes256: '2.16.840.1.101.3.4.1.42',
  rc2: '1.2.840.113549.3.2',
  pbeSha1TripleDes: '1.2.840.113549.1.12.1.3',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509: '1.2.840.113549.1.9.22.1',
  sha1: '1.3.14.3.2.26',
  rsaEncryption: '1.2.840.113549.1.1.1',
};

// --- password encodings and key derivations ------------------------------------------------------
/** RFC 7292 BMPString with its two-byte terminator. */
export const bmp = (pw) => Buffer.concat([Buffer.from(pw, 'utf16le').swap16(), Buffer.alloc(2)]);

/** RFC 7292 appendix B.2 with SHA-1. */
export function pkcs12Kdf(password, salt, id, iterations, length) {
  const u = 20;
  const v = 64;
  const fill = (src) => (src.length ? Buffer.from(Array.from({ length: v * Math.ceil(src.length / v) }, (_, i) => src[i % src.length])) : Buffer.alloc(0));
  const I = Buffer.concat([fill(salt), fill(password)]);
  const out = [];
  for (let done = 0; done < length; done += u) {
    let A = createHash('sha1').update(Buffer.concat([Buffer.alloc(v, id), I])).digest();
    for (let r = 1; r < iterations; r++) A = createHash('sha1').update(A).digest();
    out.push(A);
    const B = fill(A);
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = I[j + k] + B[k] + carry;
        I[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(out).subarray(0, length);
}

function pbes2Algorithm(salt, iterations, iv, keyLength) {
  const kdfParams = [der.octets(salt), der.int(iterations)];
  if (keyLength !== undefined) kdfParams.push(der.int(keyLength));
  kdfParams.push(der.seq(der.oid(OID.hmacSha256), der.nul()));
  return der.seq(der.oid(OID.pbes2), der.seq(der.seq(der.oid(OID.pbkdf2), der.seq(...kdfParams)), der.seq(der.oid(OID.aes256), der.octets(iv))));
}

/** An EncryptedPrivateKeyInfo under PBES2 / AES-256-CBC, with the password given as raw bytes. */
export function pbes2Encrypt(plain, passwordBytes, { iterations = 2048, salt = Buffer.alloc(16, 7), iv = Buffer.alloc(16, 9), keyLength } = {}) {
  const key = pbkdf2Sync(passwordBytes, salt, iterations, 32, 'sha256');
  const cipher = createCipheriv('aes-256-cbc', key, iv.length === 16 ? iv : Buffer.alloc(16));
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  return der.seq(pbes2Algorithm(salt, iterations, iv, keyLength), der.octets(data));
}

const dataInfo = (content) => der.seq(der.oid(OID.data), der.explicit(0, der.octets(content)));
const shroudedBag = (epki) => der.seq(der.oid(OID.shroudedKeyBag), der.explicit(0, epki));
const certBag = (certDer) => der.seq(der.oid(OID.certBag), der.explicit(0, der.seq(der.oid(OID.x509), der.explicit(0, der.octets(certDer)))));

/** A PFX around safe bags in one data ContentInfo, with a standard SHA-1 MAC (password as BMPString) or none. */
export function pfx(bags, { macPassword, iterations = 2048 } = {}) {
  const authSafe = der.seq(dataInfo(der.seq(...bags)));
  const parts = [der.int(3), dataInfo(authSafe)];
  if (macPassword !== undefined) {
    const salt = Buffer.alloc(8, 3);
    const key = pkcs12Kdf(bmp(macPassword), salt, 3, iterations, 20);
    const mac = createHmac('sha1', key).update(authSafe).digest();
    parts.push(der.seq(der.seq(der.seq(der.oid(OID.sha1), der.nul()), der.octets(mac)), der.octets(salt), der.int(iterations)));
  }
  return der.seq(...parts);
}

/** PKCS#1 RSAPrivateKey → PKCS#8. */
export const pkcs1ToPkcs8 = (pkcs1) => der.seq(der.int(0), der.seq(der.oid(OID.rsaEncryption), der.nul()), der.octets(pkcs1));

// --- the crafted files ---------------------------------------------------------------------------
const TINY = der.seq(der.int(0));

/**
 * Hundreds of PBES2 bags at 1,000,000 iterations each, password "x", no MAC (or one made with
 * `macPassword`): each decrypts, so only a per-file budget stops the work (about 70 KB).
 */
export function manyPbes2Bags(count = 520, { macPassword } = {}) {
  const bag = shroudedBag(pbes2Encrypt(TINY, Buffer.from('x'), { iterations: 1_000_000 }));
  return pfx(Array.from({ length: count }, () => bag), { macPassword });
}

/** Shrouded bags under PKCS#12 PBE 3DES at 100,000 iterations, no MAC, password "x" (the 1.4 KB case, grown). */
export function manyPkcs12Bags(count = 1200) {
  const salt = Buffer.alloc(8, 5);
  const pw = bmp('x');
  const key = pkcs12Kdf(pw, salt, 1, 100_000, 24);
  const iv = pkcs12Kdf(pw, salt, 2, 100_000, 8);
  const cipher = createCipheriv('des-ede3-cbc', key, iv);
  const data = Buffer.concat([cipher.update(TINY), cipher.final()]);
  const epki = der.seq(der.seq(der.oid(OID.pbeSha1TripleDes), der.seq(der.octets(salt), der.int(100_000))), der.octets(data));
  return pfx(Array.from({ length: count }, () => shroudedBag(epki)));
}

/**
 * A certificate and its key where the MAC uses the standard password form but the key bag was
 * encrypted with `bagPassword` bytes (BMPString for NSS-style files, or garbage).
 */
export function macProvesPasswordBagDiffers(certDer, pkcs8, password, bagPasswordBytes) {
  return pfx([certBag(certDer), shroudedBag(pbes2Encrypt(pkcs8, bagPasswordBytes))], { macPassword: password });
}

function zipLocal(name, data, { method = 8, declaredSize = 0, crc = 0 } = {}) {
  const n = Buffer.from(name);
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(method, 8);
  h.writeUInt32LE(crc, 14);
  h.writeUInt32LE(data.length, 18);
  h.writeUInt32LE(declaredSize, 22);
  h.writeUInt16LE(n.length, 26);
  return Buffer.concat([h, n, data]);
}
function zipCentral(name, offset, compressed, { method = 8, declaredSize = 0, crc = 0 } = {}) {
  const n = Buffer.from(name);
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(20, 6);
  h.writeUInt16LE(method, 10);
  h.writeUInt32LE(crc, 16);
  h.writeUInt32LE(compressed, 20);
  h.writeUInt32LE(declaredSize, 24);
  h.writeUInt16LE(n.length, 28);
  h.writeUInt32LE(offset, 42);
  return Buffer.concat([h, n]);
}
function zipEnd(count, dirOffset, dirSize) {
  const e = Buffer.alloc(22);
  e.writeUInt32LE(0x06054b50, 0);
  e.writeUInt16LE(count, 8);
  e.writeUInt16LE(count, 10);
  e.writeUInt32LE(dirSize, 12);
  e.writeUInt32LE(dirOffset, 16);
  return e;
}
function zip(entries) {
  // entries: [{ name, data, offsetOf?: index of an earlier entry whose bytes it reuses, method, declaredSize }]
  const locals = [];
  const offsets = [];
  let at = 0;
  for (const e of entries) {
    if (e.reuse !== undefined) {
      offsets.push(offsets[e.reuse]);
      continue;
    }
    const local = zipLocal(e.name, e.data, e);
    offsets.push(at);
    locals.push(local);
    at += local.length;
  }
  const central = Buffer.concat(entries.map((e, i) => zipCentral(e.name, offsets[i], (e.reuse !== undefined ? entries[e.reuse] : e).data.length, e)));
  return Buffer.concat([...locals, central, zipEnd(entries.length, at, central.length)]);
}

/** 256 entries all pointing at one 16 MB deflate stream (about 30 KB): the overlap bomb. */
export function zipBombOverlap() {
  const stream = deflateRawSync(Buffer.alloc(16 * 1024 * 1024), { level: 9 });
  return zip([{ name: 'a.p12', data: stream, declaredSize: 100 }, ...Array.from({ length: 255 }, (_, i) => ({ name: `b${i}.p12`, reuse: 0, declaredSize: 100 }))]);
}

/** One entry that declares 100 bytes and inflates to 200 MB: only counting inflated bytes stops it. */
export function zipBombDeclaredSizeLie() {
  return zip([{ name: 'certificat.p12', data: deflateRawSync(Buffer.alloc(200 * 1024 * 1024), { level: 9 }), declaredSize: 100 }]);
}

/** Five honest entries of 15 MB each (sizes and CRC-32 right): each under the per-entry limit, together over the 64 MB total. */
export function zipOverTotal() {
  const plain = Buffer.alloc(15 * 1024 * 1024);
  const data = deflateRawSync(plain, { level: 9 });
  return zip(Array.from({ length: 5 }, (_, i) => ({ name: `part${i}.bin`, data, declaredSize: plain.length, crc: crc32(plain) })));
}

export function zipDuplicateNames(p12) {
  const entry = { name: 'certificat.p12', data: p12, method: 0, declaredSize: p12.length, crc: crc32(p12) };
  return zip([entry, entry]);
}

export function zipNested(p12) {
  const inner = zip([{ name: 'certificat.p12', data: p12, method: 0, declaredSize: p12.length, crc: crc32(p12) }]);
  return zip([{ name: 'dedans.zip', data: inner, method: 0, declaredSize: inner.length, crc: crc32(inner) }]);
}

/** Just under 4 MB (the largest text the reader scans) of `-----BEGIN A-----` lines, no END. */
export function pemBeginLines(size = 4 * 1024 * 1024 - 64) {
  const line = '-----BEGIN A-----\n';
  return Buffer.from(line.repeat(Math.floor(size / line.length)));
}

/** Encrypted PKCS#8 (DER) under PBES2 AES-256-CBC with parameters no cipher accepts. */
export function badCipherParameters(kind) {
  if (kind === 'iv-64') return pbes2Encrypt(TINY, Buffer.from('x'), { iv: Buffer.alloc(64, 1) });
  if (kind === 'keylength-20') return pbes2Encrypt(TINY, Buffer.from('x'), { keyLength: 20 });
  if (kind === 'rc2-version') {
    const alg = der.seq(
      der.oid(OID.pbes2),
      der.seq(der.seq(der.oid(OID.pbkdf2), der.seq(der.octets(Buffer.alloc(8)), der.int(2048))), der.seq(der.oid(OID.rc2), der.seq(der.int(7), der.octets(Buffer.alloc(8))))),
    );
    return der.seq(alg, der.octets(Buffer.alloc(16)));
  }
  throw new Error(kind);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const dir = process.argv[2] ?? 'hostile-files';
  mkdirSync(dir, { recursive: true });
  const files = {
    'zip-bomb-overlap.zip': zipBombOverlap(),
    'zip-bomb-declared-size.zip': zipBombDeclaredSizeLie(),
    'many-pbes2-bags.p12': manyPbes2Bags(),
    'many-pkcs12-bags.p12': manyPkcs12Bags(),
    'begin-lines.pem': pemBeginLines(),
  };
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  console.log(Object.entries(files).map(([n, b]) => `${n}: ${b.length} octets`).join('\n'));
}
