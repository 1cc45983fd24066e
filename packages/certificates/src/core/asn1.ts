import { concat, utf8 } from './bytes.js';

/** Raised by the ASN.1 reader on malformed input; callers turn it into `CORRUPT_FILE`. */
export class Asn1Error extends Error {
  override readonly name = 'Asn1Error';
}

/** One parsed BER/DER element. Offsets point into the buffer it was parsed from. */
export interface Asn1 {
  /** 0 universal, 1 application, 2 context-specific, 3 private. */
  cls: number;
  constructed: boolean;
  tag: number;
  /** Content octets (for indefinite-length elements: without the end-of-contents marker). */
  value: Uint8Array;
  /** The whole element, header included. */
  raw: Uint8Array;
  children: Asn1[];
}

export const TAG = {
  BOOLEAN: 1, INTEGER: 2, BIT_STRING: 3, OCTET_STRING: 4, NULL: 5, OID: 6, UTF8: 12, SEQUENCE: 16, SET: 17,
  PRINTABLE: 19, T61: 20, IA5: 22, UTC_TIME: 23, GENERALIZED_TIME: 24, UNIVERSAL_STRING: 28, BMP: 30,
} as const;

// Bounds that no real certificate file comes near: they keep hostile input from exhausting the stack or memory.
const MAX_DEPTH = 48;
const MAX_NODES = 200_000;

interface ParseState {
  nodes: number;
}

function parseAt(bytes: Uint8Array, offset: number, end: number, depth: number, state: ParseState): Asn1 {
  if (depth > MAX_DEPTH) throw new Asn1Error('nesting too deep');
  if (++state.nodes > MAX_NODES) throw new Asn1Error('too many elements');
  const start = offset;
  if (offset >= end) throw new Asn1Error('truncated');
  const first = bytes[offset++]!;
  const cls = first >> 6;
  const constructed = (first & 0x20) !== 0;
  let tag = first & 0x1f;
  if (tag === 0x1f) {
    tag = 0;
    for (let k = 0; ; k++) {
      if (offset >= end || k > 4) throw new Asn1Error('bad tag');
      const b = bytes[offset++]!;
      tag = tag * 128 + (b & 0x7f);
      if (!(b & 0x80)) break;
    }
  }
  if (offset >= end) throw new Asn1Error('truncated');
  const lengthByte = bytes[offset++]!;
  if (lengthByte === 0x80) {
    if (!constructed) throw new Asn1Error('indefinite primitive');
    const children: Asn1[] = [];
    const contentStart = offset;
    for (;;) {
      if (offset + 2 > end) throw new Asn1Error('unterminated indefinite length');
      if (bytes[offset] === 0 && bytes[offset + 1] === 0) break;
      const child = parseAt(bytes, offset, end, depth + 1, state);
      children.push(child);
      offset += child.raw.byteLength;
    }
    const value = bytes.subarray(contentStart, offset);
    offset += 2;
    return { cls, constructed, tag, value, raw: bytes.subarray(start, offset), children };
  }
  let length = lengthByte;
  if (lengthByte & 0x80) {
    const count = lengthByte & 0x7f;
    if (count > 4) throw new Asn1Error('length too large');
    length = 0;
    for (let k = 0; k < count; k++) {
      if (offset >= end) throw new Asn1Error('truncated length');
      length = length * 256 + bytes[offset++]!;
    }
  }
  if (offset + length > end) throw new Asn1Error('element longer than its container');
  const value = bytes.subarray(offset, offset + length);
  const children: Asn1[] = [];
  if (constructed) {
    let p = offset;
    while (p < offset + length) {
      const child = parseAt(bytes, p, offset + length, depth + 1, state);
      children.push(child);
      p += child.raw.byteLength;
    }
  }
  return { cls, constructed, tag, value, raw: bytes.subarray(start, offset + length), children };
}

/** Parses one BER/DER element (trailing bytes are ignored: some tools pad files). */
export function parseAsn1(bytes: Uint8Array): Asn1 {
  return parseAt(bytes, 0, bytes.byteLength, 0, { nodes: 0 });
}

/** Like {@link parseAsn1}, but fails unless the element spans the whole buffer (trailing zeros allowed). */
export function parseAsn1Exact(bytes: Uint8Array): Asn1 {
  const node = parseAsn1(bytes);
  for (let i = node.raw.byteLength; i < bytes.byteLength; i++) if (bytes[i] !== 0) throw new Asn1Error('trailing data');
  return node;
}

function fail(what: string): never {
  throw new Asn1Error(what);
}

/** Child `i` of a constructed element, or an error. */
export function child(node: Asn1, i: number): Asn1 {
  return node.children[i] ?? fail(`missing element ${i}`);
}

export function expect(node: Asn1 | undefined, tag: number, cls = 0): Asn1 {
  if (!node || node.tag !== tag || node.cls !== cls) fail(`expected tag ${tag}`);
  return node;
}

/** Context-specific child `[n]` of a sequence, if present. */
export function contextChild(node: Asn1, n: number): Asn1 | undefined {
  return node.children.find((c) => c.cls === 2 && c.tag === n);
}

export function readOid(node: Asn1): string {
  expect(node, TAG.OID);
  const v = node.value;
  if (v.byteLength === 0) fail('empty oid');
  const parts: number[] = [];
  let n = 0;
  for (let i = 0; i < v.byteLength; i++) {
    n = n * 128 + (v[i]! & 0x7f);
    if (!(v[i]! & 0x80)) {
      if (parts.length === 0) {
        const first = n < 80 ? Math.floor(n / 40) : 2;
        parts.push(first, n - first * 40);
      } else parts.push(n);
      n = 0;
    }
  }
  return parts.join('.');
}

/** Non-negative INTEGER as a JS number (fails beyond 2^53). */
export function readSmallInt(node: Asn1): number {
  expect(node, TAG.INTEGER);
  let n = 0;
  for (const b of node.value) n = n * 256 + b;
  if (node.value.byteLength > 7 || (node.value[0] ?? 0) & 0x80) fail('integer out of range');
  return n;
}

/** INTEGER magnitude without leading zero bytes. */
export function readUnsigned(node: Asn1): Uint8Array {
  expect(node, TAG.INTEGER);
  let i = 0;
  while (i < node.value.byteLength - 1 && node.value[i] === 0) i++;
  return node.value.subarray(i);
}

/** OCTET STRING content, joining the parts of a constructed (BER) one. */
export function readOctets(node: Asn1): Uint8Array {
  if (node.tag !== TAG.OCTET_STRING && node.cls === 0) fail('expected octet string');
  if (!node.constructed) return node.value;
  return concat(node.children.map(readOctets));
}

export function readBitString(node: Asn1): { unused: number; bytes: Uint8Array } {
  expect(node, TAG.BIT_STRING);
  if (node.value.byteLength === 0) fail('empty bit string');
  return { unused: node.value[0]!, bytes: node.value.subarray(1) };
}

export function readBoolean(node: Asn1): boolean {
  expect(node, TAG.BOOLEAN);
  return node.value[0] !== 0;
}

/** Any ASN.1 character string as text. */
export function readString(node: Asn1): string {
  const v = node.value;
  switch (node.tag) {
    case TAG.BMP: {
      let s = '';
      for (let i = 0; i + 1 < v.byteLength; i += 2) s += String.fromCharCode((v[i]! << 8) | v[i + 1]!);
      return s;
    }
    case TAG.UNIVERSAL_STRING: {
      let s = '';
      for (let i = 0; i + 3 < v.byteLength; i += 4) s += String.fromCodePoint(((v[i]! << 24) | (v[i + 1]! << 16) | (v[i + 2]! << 8) | v[i + 3]!) >>> 0);
      return s;
    }
    case TAG.T61:
      return String.fromCharCode(...v);
    default:
      return new TextDecoder().decode(v);
  }
}

/** UTCTime or GeneralizedTime as a Date (UTC). */
export function readTime(node: Asn1): Date {
  const text = String.fromCharCode(...node.value);
  let m: RegExpExecArray | null;
  if (node.tag === TAG.UTC_TIME && (m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(text))) {
    const yy = Number(m[1]);
    return new Date(Date.UTC(yy < 50 ? 2000 + yy : 1900 + yy, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)));
  }
  if (node.tag === TAG.GENERALIZED_TIME && (m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?Z$/.exec(text))) {
    return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)));
  }
  return fail('bad time');
}

// ---- DER writer ----------------------------------------------------------------------------------

function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** Encodes one element from its identifier octet and content. */
export function tlv(identifier: number, content: Uint8Array): Uint8Array {
  return concat([Uint8Array.of(identifier), encodeLength(content.byteLength), content]);
}

export const der = {
  sequence: (...items: Uint8Array[]) => tlv(0x30, concat(items)),
  /** SET OF, sorted as DER requires. */
  set: (...items: Uint8Array[]) =>
    tlv(
      0x31,
      concat(
        [...items].sort((a, b) => {
          for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
          return a.length - b.length;
        }),
      ),
    ),
  integer(value: number | Uint8Array): Uint8Array {
    let bytes: Uint8Array;
    if (typeof value === 'number') {
      const out: number[] = [];
      let n = value;
      do {
        out.unshift(n & 0xff);
        n = Math.floor(n / 256);
      } while (n > 0);
      bytes = Uint8Array.from(out);
    } else {
      let i = 0;
      while (i < value.byteLength - 1 && value[i] === 0) i++;
      bytes = value.subarray(i);
    }
    if (bytes[0]! & 0x80) bytes = concat([Uint8Array.of(0), bytes]);
    return tlv(0x02, bytes);
  },
  oid(text: string): Uint8Array {
    const parts = text.split('.').map(Number);
    const out: number[] = [];
    const push = (n: number) => {
      const stack = [n & 0x7f];
      for (n = Math.floor(n / 128); n > 0; n = Math.floor(n / 128)) stack.unshift((n & 0x7f) | 0x80);
      out.push(...stack);
    };
    push(parts[0]! * 40 + parts[1]!);
    for (const p of parts.slice(2)) push(p);
    return tlv(0x06, Uint8Array.from(out));
  },
  octets: (bytes: Uint8Array) => tlv(0x04, bytes),
  null: () => Uint8Array.of(0x05, 0x00),
  bitString: (bytes: Uint8Array) => tlv(0x03, concat([Uint8Array.of(0), bytes])),
  utf8: (text: string) => tlv(0x0c, utf8(text)),
  bmp(text: string): Uint8Array {
    const out = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      out[2 * i] = text.charCodeAt(i) >> 8;
      out[2 * i + 1] = text.charCodeAt(i) & 0xff;
    }
    return tlv(0x1e, out);
  },
  /** `[n]` EXPLICIT (constructed context-specific). */
  explicit: (n: number, inner: Uint8Array) => tlv(0xa0 | n, inner),
};
