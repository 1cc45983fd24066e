import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { looksLikeZip, openZip, readZip, ZipError, type ZipErrorKind, type ZipLimits } from '../src/index.js';

/** One entry of a hand-built archive; the switches make the hostile shapes. */
interface Spec {
  name: string;
  data: Uint8Array;
  /** 0 stored (default), 8 deflated, anything else unsupported. */
  method?: number;
  flags?: number;
  /** Point this central record at the local header of entry n (overlap). */
  sameLocalAs?: number;
  /** The name's bytes as written (an OEM code page, without the UTF-8 flag); default: UTF-8 of `name`. */
  rawName?: Uint8Array;
  /** CRC-32 recorded in the central directory and the local header; default: the data's. */
  crc?: number;
  /** CRC-32 recorded in the local header only (a local header that disagrees). */
  localCrc?: number;
}

const text = (s: string) => new TextEncoder().encode(s);

/** A minimal zip: local headers and data, central directory, end record, with the data's CRC-32 unless told otherwise. */
function zip(specs: readonly Spec[], { truncate = 0 } = {}): Uint8Array {
  const locals: Uint8Array[] = [];
  const offsets: number[] = [];
  const payloads = specs.map((s) => (s.method === 8 ? new Uint8Array(deflateRawSync(s.data)) : s.data));
  let offset = 0;
  specs.forEach((s, i) => {
    const name = s.rawName ?? text(s.name);
    const header = new Uint8Array(30 + name.byteLength);
    const v = new DataView(header.buffer);
    v.setUint32(0, 0x04034b50, true);
    v.setUint16(6, s.flags ?? 0, true);
    v.setUint16(8, s.method ?? 0, true);
    v.setUint32(14, s.localCrc ?? s.crc ?? crc32(s.data), true);
    v.setUint32(18, payloads[i]!.byteLength, true);
    v.setUint32(22, s.data.byteLength, true);
    v.setUint16(26, name.byteLength, true);
    header.set(name, 30);
    offsets.push(offset);
    locals.push(header, payloads[i]!);
    offset += header.byteLength + payloads[i]!.byteLength;
  });
  const central: Uint8Array[] = [];
  let centralSize = 0;
  specs.forEach((s, i) => {
    const name = s.rawName ?? text(s.name);
    const record = new Uint8Array(46 + name.byteLength);
    const v = new DataView(record.buffer);
    v.setUint32(0, 0x02014b50, true);
    v.setUint16(8, s.flags ?? 0, true);
    v.setUint16(10, s.method ?? 0, true);
    v.setUint32(16, s.crc ?? crc32(s.data), true);
    v.setUint32(20, payloads[s.sameLocalAs ?? i]!.byteLength, true);
    v.setUint32(24, s.data.byteLength, true);
    v.setUint16(28, name.byteLength, true);
    v.setUint32(42, offsets[s.sameLocalAs ?? i]!, true);
    record.set(name, 46);
    central.push(record);
    centralSize += record.byteLength;
  });
  const end = new Uint8Array(22);
  const v = new DataView(end.buffer);
  v.setUint32(0, 0x06054b50, true);
  v.setUint16(8, specs.length, true);
  v.setUint16(10, specs.length, true);
  v.setUint32(12, centralSize, true);
  v.setUint32(16, offset, true);
  const parts = [...locals, ...central, end];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return truncate ? out.subarray(truncate) : out;
}

const LIMITS: ZipLimits = { maxEntries: 4, maxEntrySize: 1024, maxTotalSize: 1500 };

async function refusal(bytes: Uint8Array, limits: ZipLimits = LIMITS): Promise<ZipErrorKind> {
  try {
    await readZip(bytes, limits);
  } catch (error) {
    expect(error).toBeInstanceOf(ZipError);
    return (error as ZipError).kind;
  }
  throw new Error('the archive was accepted');
}

describe('reads what it should', () => {
  test('stored and deflated entries, directories skipped, names and bytes as given', async () => {
    const entries = await readZip(
      zip([
        { name: 'dossier/', data: new Uint8Array(0) },
        { name: 'a.txt', data: text('bonjour') },
        { name: 'dossier/b.pem', data: text('-----BEGIN CERTIFICATE-----'), method: 8 },
      ]),
      LIMITS,
    );
    expect(entries.map((e) => [e.name, new TextDecoder().decode(e.bytes)])).toEqual([
      ['a.txt', 'bonjour'],
      ['dossier/b.pem', '-----BEGIN CERTIFICATE-----'],
    ]);
  });

  test.each([
    ['local header', [0x50, 0x4b, 3, 4], true],
    ['empty archive', [0x50, 0x4b, 5, 6], true],
    ['PDF', [0x25, 0x50, 0x44, 0x46], false],
    ['too short', [0x50, 0x4b], false],
  ])('looksLikeZip: %s', (_, bytes, expected) => {
    expect(looksLikeZip(new Uint8Array(bytes))).toBe(expected);
  });
});

describe('bounds: refused before memory suffers', () => {
  const table: [string, () => Uint8Array, ZipErrorKind][] = [
    ['more entries than maxEntries', () => zip(Array.from({ length: 5 }, (_, i) => ({ name: `f${i}`, data: text('x') }))), 'limit'],
    ['a stored entry over maxEntrySize', () => zip([{ name: 'gros.bin', data: new Uint8Array(1025) }]), 'limit'],
    ['a deflated entry that inflates over maxEntrySize (counted on inflated bytes)', () => zip([{ name: 'bombe.bin', data: new Uint8Array(1 << 20), method: 8 }]), 'limit'],
    ['entries each under maxEntrySize whose total is over maxTotalSize', () => zip([{ name: 'a', data: new Uint8Array(1000) }, { name: 'b', data: new Uint8Array(1000), method: 8 }]), 'limit'],
    ['two entries sharing the same bytes (overlap)', () => zip([{ name: 'a', data: text('abc') }, { name: 'b', data: text('abc'), sameLocalAs: 0 }]), 'limit'],
    ['the same name twice', () => zip([{ name: 'cert.p12', data: text('a') }, { name: 'cert.p12', data: text('b') }]), 'limit'],
    ['an archive inside the archive', () => zip([{ name: 'dedans.zip', data: zip([{ name: 'x', data: text('x') }]) }]), 'limit'],
    ['an encrypted entry', () => zip([{ name: 'secret.p12', data: text('x'), flags: 1 }]), 'encrypted'],
    ['an unknown compression method', () => zip([{ name: 'x.bz2', data: text('x'), method: 12 }]), 'method'],
    ['no end record', () => text('PK\u0003\u0004 rien de plus'), 'corrupt'],
    ['a cut archive (its offsets no longer match its bytes)', () => zip([{ name: 'a', data: new Uint8Array(100) }], { truncate: 40 }), 'corrupt'],
  ];
  test.each(table)('%s', async (_, make, kind) => {
    expect(await refusal(make())).toBe(kind);
  });

  test('exactly at the bounds is accepted', async () => {
    const entries = await readZip(zip([{ name: 'a', data: new Uint8Array(1024), method: 8 }, { name: 'b', data: new Uint8Array(476) }]), LIMITS);
    expect(entries.map((e) => e.bytes.byteLength)).toEqual([1024, 476]);
  });

  test('invalid deflate data is corrupt, not a crash', async () => {
    const bytes = zip([{ name: 'a', data: text('not deflate at all') }]);
    // Mark it deflated in both headers: the stored bytes are then garbage for the inflater.
    const v = new DataView(bytes.buffer, bytes.byteOffset);
    v.setUint16(8, 8, true);
    const central = bytes.byteLength - 22 - (46 + 1);
    v.setUint16(central + 10, 8, true);
    expect(await refusal(bytes)).toBe('corrupt');
  });
});

describe('entry names are data, never paths', () => {
  test.each(['../../evil.p12', '/etc/passwd', 'C:\\Windows\\evil.p12', 'a/../../b', '\u202Egnp.cod'])('%s comes back verbatim and nothing is written', async (name) => {
    const entries = await readZip(zip([{ name, data: text('x') }]), LIMITS);
    expect(entries).toEqual([{ name, bytes: text('x') }]);
  });
});

describe('openZip: members inflated as they are read (issue 19, item 10)', () => {
  const BIG: ZipLimits = { maxEntries: 4, maxEntrySize: 512 * 1024 * 1024, maxTotalSize: 1024 * 1024 * 1024 };

  test('a 64 MB member of zeros comes in chunks of a few megabytes, never whole', async () => {
    const [member] = openZip(zip([{ name: 'zeros.csv', data: new Uint8Array(64 << 20), method: 8 }]), BIG);
    let total = 0;
    let largest = 0;
    for await (const chunk of member!.stream()) {
      total += chunk.byteLength;
      largest = Math.max(largest, chunk.byteLength);
    }
    expect(total).toBe(64 << 20);
    expect(largest).toBeLessThanOrEqual(17 << 20);
  });

  test('reading only the head of a member is allowed: the rest is never inflated', async () => {
    const [member] = openZip(zip([{ name: 'zeros.csv', data: new Uint8Array(64 << 20), method: 8 }]), BIG);
    let read = 0;
    for await (const chunk of member!.stream()) {
      read += chunk.byteLength;
      if (read >= 1 << 20) break;
    }
    expect(read).toBeLessThan(32 << 20);
  });

  test('the total bound counts every member read so far, on inflated bytes', async () => {
    const members = openZip(zip([{ name: 'a', data: new Uint8Array(1000), method: 8 }, { name: 'b', data: new Uint8Array(1000), method: 8 }]), LIMITS);
    for await (const _ of members[0]!.stream());
    await expect((async () => { for await (const _ of members[1]!.stream()); })()).rejects.toMatchObject({ kind: 'limit' });
  });

  test('names, overlaps and methods are checked when opening, before any inflating', () => {
    expect(() => openZip(zip([{ name: 'a', data: text('abc') }, { name: 'b', data: text('abc'), sameLocalAs: 0 }]), LIMITS)).toThrow(ZipError);
    expect(openZip(zip([{ name: 'x.csv', data: new Uint8Array(1 << 20), method: 8 }]), BIG).map((m) => [m.name, m.declaredSize])).toEqual([['x.csv', 1 << 20]]);
  });
});

describe('every member checked as unzip -t does', () => {
  const csv = text('Numéro unique;Montant\r\n0590423808575GDPUB;420,50\r\n');
  const altered = text('Numéro unique;Montant\r\n0590423808575GDPUB;999,50\r\n');

  test.each([
    ['a member altered after zipping (stored)', { method: 0 }],
    ['a member altered after zipping (deflated)', { method: 8 }],
  ])('%s: `checksum` for that member, after its bytes; the other members still read', async (_label, { method }) => {
    const bytes = zip([
      { name: 'a.csv', data: altered, method, crc: crc32(csv) },
      { name: 'b.csv', data: csv, method },
    ]);
    const [a, b] = openZip(bytes, { maxEntries: 4, maxEntrySize: 1 << 20, maxTotalSize: 1 << 20 });
    const error = await (async () => {
      for await (const chunk of a!.stream()) void chunk;
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZipError);
    expect(error).toMatchObject({ kind: 'checksum', member: 'a.csv' });
    expect((error as ZipError).detail).toContain('CRC-32');
    const parts: Uint8Array[] = [];
    for await (const chunk of b!.stream()) parts.push(chunk);
    expect(new TextDecoder().decode(parts[0])).toContain('420,50');
  });

  test('a local header whose CRC-32 disagrees with the central directory: `checksum`', async () => {
    const [member] = openZip(zip([{ name: 'a.csv', data: csv, localCrc: 1234 }]), LIMITS);
    await expect((async () => {
      for await (const chunk of member!.stream()) void chunk;
    })()).rejects.toMatchObject({ kind: 'checksum' });
  });

  test('a size that disagrees with the central directory: `checksum`', async () => {
    const bytes = zip([{ name: 'a.csv', data: csv, method: 8 }]);
    // The central record's uncompressed size, one byte off (the CRC still matches the real data).
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    const central = bytes.byteLength - 22 - 46 - 'a.csv'.length;
    view.setUint32(central + 24, csv.byteLength + 1, true);
    view.setUint32(22, csv.byteLength + 1, true);
    await expect(readZip(bytes, { maxEntries: 4, maxEntrySize: 1 << 20, maxTotalSize: 1 << 20 })).rejects.toMatchObject({ kind: 'checksum' });
  });
});

describe('names without the UTF-8 flag', () => {
  const oem = (name: string, codec: 'cp437' | 'cp850') => {
    const table = codec === 'cp437' ? CP437_HIGH : CP850_HIGH;
    return Uint8Array.from([...name].map((ch) => (ch.charCodeAt(0) < 0x80 ? ch.charCodeAt(0) : 0x80 + [...table].indexOf(ch))));
  };
  test.each([
    ['décembre.csv written by Windows (CP437 and CP850 agree)', oem('décembre.csv', 'cp437'), 'décembre.csv'],
    ['a CP850-only letter (Â, Ê, Í, Ó, Ú…)', oem('ÉTÉ Ê Î.csv', 'cp850'), 'ÉTÉ Ê Î.csv'],
    ['CP850 capitals that are Greek in CP437 (Ô Û Ù: Γ Ω δ)', oem("CÔTE D'OR Û Ù.csv", 'cp850'), "CÔTE D'OR Û Ù.csv"],
    ['UTF-8 without the flag (macOS, Info-ZIP)', text('été.csv'), 'été.csv'],
  ])('%s', async (_label, rawName, expected) => {
    const entries = await readZip(zip([{ name: '', rawName, data: text('a;b') }]), LIMITS);
    expect(entries[0]!.name).toBe(expected);
  });

  test('two names that differ by one accent stay two members', async () => {
    const entries = await readZip(zip([{ name: '', rawName: oem('relevé.csv', 'cp437'), data: text('a') }, { name: '', rawName: oem('releve.csv', 'cp437'), data: text('b') }]), LIMITS);
    expect(entries.map((e) => e.name)).toEqual(['relevé.csv', 'releve.csv']);
  });
});

// The high halves of the two OEM code pages, as Python's codecs give them (the reader's own tables are checked against these).
const CP437_HIGH = new TextDecoder('utf-8').decode(Buffer.from('w4fDvMOpw6LDpMOgw6XDp8Oqw6vDqMOvw67DrMOEw4XDicOmw4bDtMO2w7LDu8O5w7/DlsOcwqLCo8Kl4oKnxpLDocOtw7PDusOxw5HCqsK6wr/ijJDCrMK9wrzCocKrwrvilpHilpLilpPilILilKTilaHilaLilZbilZXilaPilZHilZfilZ3ilZzilZvilJDilJTilLTilKzilJzilIDilLzilZ7ilZ/ilZrilZTilanilabilaDilZDilazilafilajilaTilaXilZnilZjilZLilZPilavilarilJjilIzilojiloTilozilpDiloDOscOfzpPPgM6jz4PCtc+EzqbOmM6pzrTiiJ7Phs614oip4omhwrHiiaXiiaTijKDijKHDt+KJiMKw4oiZwrfiiJrigb/CsuKWoMKg', 'base64'));
const CP850_HIGH = new TextDecoder('utf-8').decode(Buffer.from('w4fDvMOpw6LDpMOgw6XDp8Oqw6vDqMOvw67DrMOEw4XDicOmw4bDtMO2w7LDu8O5w7/DlsOcw7jCo8OYw5fGksOhw63Ds8O6w7HDkcKqwrrCv8KuwqzCvcK8wqHCq8K74paR4paS4paT4pSC4pSkw4HDgsOAwqnilaPilZHilZfilZ3CosKl4pSQ4pSU4pS04pSs4pSc4pSA4pS8w6PDg+KVmuKVlOKVqeKVpuKVoOKVkOKVrMKkw7DDkMOKw4vDiMSxw43DjsOP4pSY4pSM4paI4paEwqbDjOKWgMOTw5/DlMOSw7XDlcK1w77DnsOaw5vDmcO9w53Cr8K0wq3CseKAl8K+wrbCp8O3wrjCsMKowrfCucKzwrLilqDCoA==', 'base64'));
