/** Byte helpers shared by the package (no Node built-ins: runs in browsers too). */

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

/** Latin-1 bytes of a text, or null when a character is outside Latin-1. */
export function latin1Bytes(text: string): Uint8Array | null {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) return null;
    out[i] = code;
  }
  return out;
}

export function utf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

export function fromUtf8(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes);
}

/** The one join of the workspace, under the name this package has always used. */
export { concatBytes as concat } from '@sne-toolbox/zip-reader';

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function toHex(bytes: Uint8Array, separator = ''): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(separator);
}

/** Uint8Array → forge "binary string" (one char per byte). */
export function toBinary(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.byteLength; i += 8192) out += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192) as unknown as number[]);
  return out;
}

/** forge "binary string" → Uint8Array. */
export function fromBinary(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function toBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.byteLength; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  const rest = bytes.byteLength - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + '=';
  }
  return out;
}

/** Decodes base64 (whitespace ignored); null when the text is not base64. */
export function fromBase64(text: string): Uint8Array | null {
  const clean = text.replace(/[\s]/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) return null;
  const body = clean.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (const ch of body) {
    value = (value << 6) | B64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}

/** One PEM block. */
export interface PemBlock {
  label: string;
  headers: Record<string, string>;
  der: Uint8Array;
}

/** Finds every PEM block in a text. */
export function parsePem(text: string): PemBlock[] {
  // One pass over the lines, so a file of a million BEGIN lines costs what its size costs (a regex
  // with a lazy body rescanned the rest of the file for every BEGIN: quadratic).
  const blocks: PemBlock[] = [];
  let label: string | null = null;
  let body: string[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).replace(/\r$/, '').trim();
    start = end + 1;
    const begin = /^-----BEGIN ([A-Z0-9 #]{1,64})-----$/.exec(line);
    if (begin) {
      label = begin[1]!;
      body = [];
      continue;
    }
    if (label === null) continue;
    if (line === `-----END ${label}-----`) {
      const block = pemBlock(label, body);
      if (block) blocks.push(block);
      label = null;
      continue;
    }
    body.push(line);
  }
  return blocks;
}

function pemBlock(label: string, lines: string[]): PemBlock | null {
  const headers: Record<string, string> = {};
  let i = 0;
  // RFC 1421 headers (Proc-Type, DEK-Info) sit before a blank line.
  if (lines.some((l) => l === '') && /^[A-Za-z-]+:/.test(lines[0] ?? '')) {
    for (; i < lines.length && lines[i] !== ''; i++) {
      const k = lines[i]!.indexOf(':');
      if (k > 0) headers[lines[i]!.slice(0, k).trim()] = lines[i]!.slice(k + 1).trim();
    }
  }
  const der = fromBase64(lines.slice(i).join(''));
  return der ? { label, headers, der } : null;
}

/** Encodes DER as PEM with 64-character lines. */
export function toPem(label: string, der: Uint8Array): string {
  const b64 = toBase64(der);
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
