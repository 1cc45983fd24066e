import { child, parseAsn1Exact, readUnsigned } from './asn1.js';
import { concat } from './bytes.js';
import { OID } from './oids.js';
import type { ParsedCertificate } from './x509.js';

const SIGNATURES: Record<string, { kind: 'RSA' | 'EC'; hash: string }> = {
  [OID.sha1WithRsa]: { kind: 'RSA', hash: 'SHA-1' },
  [OID.sha256WithRsa]: { kind: 'RSA', hash: 'SHA-256' },
  [OID.sha384WithRsa]: { kind: 'RSA', hash: 'SHA-384' },
  [OID.sha512WithRsa]: { kind: 'RSA', hash: 'SHA-512' },
  [OID.ecdsaSha1]: { kind: 'EC', hash: 'SHA-1' },
  [OID.ecdsaSha256]: { kind: 'EC', hash: 'SHA-256' },
  [OID.ecdsaSha384]: { kind: 'EC', hash: 'SHA-384' },
  [OID.ecdsaSha512]: { kind: 'EC', hash: 'SHA-512' },
};

function ecdsaRaw(signature: Uint8Array, size: number): Uint8Array {
  // X.509 stores ECDSA signatures as DER SEQUENCE { r, s }; WebCrypto wants r || s, fixed size.
  const seq = parseAsn1Exact(signature);
  const fit = (n: Uint8Array) => {
    const out = new Uint8Array(size);
    out.set(n.subarray(Math.max(0, n.byteLength - size)), Math.max(0, size - n.byteLength));
    return out;
  };
  return concat([fit(readUnsigned(child(seq, 0))), fit(readUnsigned(child(seq, 1)))]);
}

/**
 * Verifies that `issuer`'s key signed `cert`, with WebCrypto (Node and browsers). Resolves to null
 * when it cannot be checked here (RSA-PSS, unknown algorithm, no WebCrypto).
 */
export async function verifySignature(cert: ParsedCertificate, issuer: ParsedCertificate): Promise<boolean | null> {
  const subtle = globalThis.crypto?.subtle;
  const algorithm = SIGNATURES[cert.signatureAlgorithm];
  if (!subtle || !algorithm || algorithm.kind !== issuer.publicKey.algorithm) return null;
  try {
    const spki = issuer.publicKey.spki as Uint8Array<ArrayBuffer>;
    if (algorithm.kind === 'RSA') {
      const key = await subtle.importKey('spki', spki, { name: 'RSASSA-PKCS1-v1_5', hash: algorithm.hash }, false, ['verify']);
      return await subtle.verify('RSASSA-PKCS1-v1_5', key, cert.signature as Uint8Array<ArrayBuffer>, cert.tbs as Uint8Array<ArrayBuffer>);
    }
    const curve = issuer.publicKey.curve;
    if (!curve) return null;
    const size = curve === 'P-521' ? 66 : curve === 'P-384' ? 48 : 32;
    const key = await subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: curve }, false, ['verify']);
    return await subtle.verify({ name: 'ECDSA', hash: algorithm.hash }, key, ecdsaRaw(cert.signature, size) as Uint8Array<ArrayBuffer>, cert.tbs as Uint8Array<ArrayBuffer>);
  } catch {
    return false;
  }
}
