import { describe, expect, test } from 'vitest';
import { createDecoder, guessEncoding } from '@sne-toolbox/extraction';
import { sniffFileKind } from '../src/core/detect.js';
import { utf16, windows1252 } from './helpers.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('encoding detection', () => {
  test.each([
    ['UTF-8 BOM', new Uint8Array([0xef, 0xbb, 0xbf, 0x61]), 'utf-8', 'bom'],
    ['UTF-16LE BOM', utf16('a;b', 'le'), 'utf-16le', 'bom'],
    ['UTF-16BE BOM', utf16('a;b', 'be'), 'utf-16be', 'bom'],
    ['UTF-16LE without BOM', utf16('Nom;Prénom\r\nA;B\r\n', 'le', false), 'utf-16le', 'detected'],
    ['strict UTF-8', enc('Prénom;Élodie'), 'utf-8', 'detected'],
    ['windows-1252', windows1252('Prénom;Élodie;€'), 'windows-1252', 'detected'],
    ['ASCII', enc('a;b'), 'utf-8', 'detected'],
  ] as const)('%s', (_name, bytes, encoding, source) => {
    expect(guessEncoding(bytes)).toEqual({ encoding, source });
  });

  test('windows-1252 decodes 0x80-0x9F as the Windows characters and keeps undefined bytes', () => {
    const text = createDecoder('windows-1252').decode(new Uint8Array([0x80, 0x81, 0x8c, 0x9c, 0x9f, 0xe9, 0x8d]));
    expect(text).toBe('€\u0081ŒœŸé\u008d');
  });

  test('iso-8859-15 has the euro at 0xA4', () => {
    expect(createDecoder('iso-8859-15').decode(new Uint8Array([0xa4, 0xbd, 0xe9]))).toBe('€œé');
  });

  test('strict UTF-8 raises ENCODING_INVALID', () => {
    expect(() => createDecoder('utf-8').decode(new Uint8Array([0x61, 0xe9, 0x62]), true)).toThrow(expect.objectContaining({ code: 'ENCODING_INVALID' }));
  });

  test('UTF-8 split across chunks decodes whole', () => {
    const bytes = enc('Élé');
    const d = createDecoder('utf-8');
    expect(d.decode(bytes.subarray(0, 1)) + d.decode(bytes.subarray(1, 4)) + d.decode(bytes.subarray(4), true)).toBe('Élé');
  });
});

describe('file kind sniffing', () => {
  test.each([
    ['xlsx', [0x50, 0x4b, 0x03, 0x04, ...enc('....[Content_Types].xml')]],
    ['zip', [0x50, 0x4b, 0x03, 0x04, ...enc('....photo.jpg')]],
    ['pdf', [...enc('%PDF-1.7\n')]],
    ['xls', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
    ['gzip', [0x1f, 0x8b, 0x08]],
    ['binary', [0, 0, 0, 0, 0, 0]],
  ] as const)('%s', (kind, bytes) => {
    expect(sniffFileKind(new Uint8Array(bytes))).toBe(kind);
  });
  test('text is not sniffed as anything', () => {
    expect(sniffFileKind(enc('Nom;Prénom\r\n'))).toBeNull();
  });
});
