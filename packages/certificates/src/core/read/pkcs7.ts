import { child, contextChild, parseAsn1, readOid } from '../asn1.js';
import { readMessages } from '../messages.js';
import { OID } from '../oids.js';
import { type Found, unsupported } from './found.js';

/** Reads the certificates of a PKCS#7 / CMS SignedData (`.p7b`), DER. */
export function readPkcs7(bytes: Uint8Array, name: string, found: Found): void {
  const info = parseAsn1(bytes);
  if (readOid(child(info, 0)) !== OID.signedData) throw unsupported(name, readMessages.pkcs7WithoutCertificates);
  const signed = child(contextChild(info, 0) ?? child(info, 1), 0);
  const certs = contextChild(signed, 0);
  for (const cert of certs?.children ?? []) found.certificates.push({ der: cert.raw, source: name });
}
