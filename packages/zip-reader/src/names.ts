// Member names as the writer meant them. Without general-purpose bit 11, a name is in the writer's
// OEM code page: CP850 on a French Windows (its compressed folders, older 7-Zip), CP437 elsewhere. The
// two agree on é è à ç ù and differ on 47 bytes, where CP437 has box drawing, Greek and math signs and
// CP850 has letters (Á Â À Ã Ê Ë È Í Î Ï Ì Ó Ô Ò Õ Ú Û Ù Ý ø Ø ã ð Ð õ þ Þ ý…).

/** CP437, bytes 0x80–0xFF. */
const CP437 =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';
/** CP850, bytes 0x80–0xFF. */
const CP850 =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0';

const LATIN = /\p{Script=Latin}/u;

/**
 * An OEM name: CP850 when one of its bytes is a Latin letter in CP850 but not in CP437 (where it is
 * box drawing, Greek or a sign: `CÔTE` is `C\xe2TE`, Γ in CP437), else CP437 (the zip specification's
 * default).
 */
export function decodeOemName(bytes: Uint8Array): string {
  const cp850 = bytes.some((b) => b >= 0x80 && LATIN.test(CP850[b - 0x80]!) && !LATIN.test(CP437[b - 0x80]!));
  const table = cp850 ? CP850 : CP437;
  let out = '';
  for (const b of bytes) out += b < 0x80 ? String.fromCharCode(b) : table[b - 0x80]!;
  return out;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A member's name: UTF-8 when bit 11 says so, or the Info-ZIP Unicode Path field (0x7075) whose CRC
 * matches the raw name; ASCII as is; bytes that are valid UTF-8 as UTF-8 (macOS and Info-ZIP write
 * it without the flag); else the OEM code page ({@link decodeOemName}).
 */
export function decodeName(raw: Uint8Array, flags: number, extra: Uint8Array, crc32: (bytes: Uint8Array) => number): string {
  if (flags & 0x800) return new TextDecoder().decode(raw);
  const unicode = unicodePath(raw, extra, crc32);
  if (unicode !== null) return unicode;
  if (raw.every((b) => b < 0x80)) return String.fromCharCode(...raw);
  try {
    return utf8.decode(raw);
  } catch {
    return decodeOemName(raw);
  }
}

/** The Info-ZIP Unicode Path extra field (0x7075: version 1, CRC-32 of the raw name, UTF-8 name), when it matches. */
function unicodePath(raw: Uint8Array, extra: Uint8Array, crc32: (bytes: Uint8Array) => number): string | null {
  const view = new DataView(extra.buffer, extra.byteOffset, extra.byteLength);
  for (let at = 0; at + 4 <= extra.byteLength; ) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 0x7075 && size >= 5 && at + 4 + size <= extra.byteLength && extra[at + 4] === 1 && view.getUint32(at + 5, true) === crc32(raw)) {
      try {
        return utf8.decode(extra.subarray(at + 9, at + 4 + size));
      } catch {
        return null;
      }
    }
    at += 4 + size;
  }
  return null;
}
