/// <reference lib="webworker" />
import { unexpectedErrorSentence } from '@sne-toolbox/text';
// Runs certificate work (openBundle, exportBundle) off the page's thread, like the extraction
// worker: a crafted bundle never freezes the page. The bounds are the package's own (at most
// MAX_CERTIFICATES certificates, bounded key derivations): the same as the command line.
import { type CertificateSummary, type CertificateWarning, exportBundle, type ExportedFile, isCertificateError, openBundle } from '@sne-toolbox/certificates';

export interface CertificatesRequest {
  id: number;
  inputs: { name: string; bytes: Uint8Array }[];
  /** Password of the inputs; undefined when none was typed. */
  password: string | undefined;
  /** Password of the written .p12 files (the input's when none was chosen). */
  outPassword: string;
  /** `outPassword` is the input's own (none chosen): PASSWORD_NOT_PORTABLE says so. */
  passwordReused: boolean;
  profile: 'compatible' | 'modern';
}

export type CertificatesResponse =
  | { id: number; type: 'done'; certificates: CertificateSummary[]; files: ExportedFile[]; warnings: CertificateWarning[] }
  | { id: number; type: 'error'; code: string; message: string };

self.onmessage = async (event: MessageEvent<CertificatesRequest>) => {
  const { id, inputs, password, outPassword, passwordReused, profile } = event.data;
  const post = (message: CertificatesResponse) => (self as unknown as Worker).postMessage(message);
  try {
    const bundle = await openBundle(inputs, password === undefined ? {} : { password });
    const { files, warnings } = await exportBundle(bundle, { password: outPassword, passwordReused, profile });
    // The bundle's own warnings first, each once (export repeats some of them by identity).
    const all = [...bundle.warnings.filter((b) => !warnings.includes(b)), ...warnings];
    post({ id, type: 'done', certificates: [...bundle.certificates], files, warnings: all });
  } catch (error) {
    if (isCertificateError(error)) post({ id, type: 'error', code: error.code, message: error.message });
    else post({ id, type: 'error', code: 'INTERNAL', message: unexpectedErrorSentence(error) });
  }
};
