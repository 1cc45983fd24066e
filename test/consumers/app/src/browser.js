// The browser app a developer writes: "." of both packages and nothing else. The test calls
// sneConsumer through Playwright and checks the results in Node.
import { convertToBytes } from '@sne-toolbox/extraction';
import { exportBundle, openBundle } from '@sne-toolbox/certificates';

globalThis.sneConsumer = async (csv, p12, password) => {
  const { bytes, report } = await convertToBytes(new TextEncoder().encode(csv));
  const bundle = await openBundle([{ name: 'certificat.p12', bytes: new Uint8Array(p12) }], { password });
  const exported = await exportBundle(bundle, { password });
  return { xlsx: Array.from(bytes), rows: report.rows, files: exported.files.map((f) => f.name) };
};
