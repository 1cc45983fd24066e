import { CertificateError } from '../errors.js';
import { looksLikeZip, readZip as readZipWithin, ZipError, type ZipEntry } from '@sne-toolbox/zip-reader';

export { looksLikeZip };
export type { ZipEntry };

// A certificate bundle is a few kilobytes: these bounds stop zip bombs long before memory suffers.
const LIMITS = { maxEntries: 256, maxEntrySize: 16 * 1024 * 1024, maxTotalSize: 64 * 1024 * 1024 };

/** Reads a zip of certificate files within the certificate bounds; refusals become coded errors. */
export async function readZip(bytes: Uint8Array): Promise<ZipEntry[]> {
  try {
    return await readZipWithin(bytes, LIMITS);
  } catch (error) {
    if (!(error instanceof ZipError)) throw error;
    if (error.kind === 'limit') throw new CertificateError('LIMIT_EXCEEDED', `Archive zip suspecte, non ouverte : ${error.detail}. Demandez à l'autorité de certification le fichier .p12 lui-même.`);
    if (error.kind === 'encrypted') throw new CertificateError('UNSUPPORTED_FORMAT', 'L\'archive zip est protégée par un mot de passe : décompressez-la d\'abord avec l\'Explorateur Windows.');
    if (error.kind === 'method') throw new CertificateError('UNSUPPORTED_FORMAT', `Archive zip : ${error.detail}. Décompressez-la d'abord avec l'Explorateur Windows.`);
    throw new CertificateError('CORRUPT_FILE', `L'archive zip est endommagée ou incomplète (${error.detail}). Retéléchargez-la.`);
  }
}
