import { convertToBytes } from '@sne-toolbox/extraction';
import { exportBundle, openBundle } from '@sne-toolbox/certificates';

export async function downloads(csv: Uint8Array, p12: Uint8Array, password: string): Promise<Blob[]> {
  const { bytes } = await convertToBytes(csv);
  const bundle = await openBundle([{ name: 'certificat.p12', bytes: p12 }], { password });
  const { files } = await exportBundle(bundle, { password });
  const xlsx = new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  return [xlsx, ...files.map((file) => new Blob([file.bytes]))];
}

/**
 * Issue 28: with exactOptionalPropertyTypes, a value that may be undefined (an environment variable,
 * a form field) is passed as it is: every optional option is typed `T | undefined`.
 */
export async function maybe(csv: Uint8Array, p12: Uint8Array, password: string | undefined, delimiter: ';' | undefined, signal: AbortSignal | undefined): Promise<number> {
  const { report } = await convertToBytes(csv, { delimiter, signal, name: undefined });
  const bundle = await openBundle([{ name: 'certificat.p12', bytes: p12 }], { password, signal });
  await exportBundle(bundle, { password: password ?? '', warnDays: undefined, signal });
  return report.rows;
}
