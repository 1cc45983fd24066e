import { convertToBytes } from '@sne-toolbox/extraction';
import { exportBundle, openBundle } from '@sne-toolbox/certificates';

export async function downloads(csv: Uint8Array, p12: Uint8Array, password: string): Promise<Blob[]> {
  const { bytes } = await convertToBytes(csv);
  const bundle = await openBundle([{ name: 'certificat.p12', bytes: p12 }], { password });
  const { files } = await exportBundle(bundle, { password });
  const xlsx = new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  return [xlsx, ...files.map((file) => new Blob([file.bytes]))];
}
