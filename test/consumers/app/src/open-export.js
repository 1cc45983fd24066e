// Size budget (issue 20): a browser app that opens a .p12 and exports it, at most 70 kB gzip.
import { exportBundle, openBundle } from '@sne-toolbox/certificates';

globalThis.sneOpenExport = async (bytes, password) => exportBundle(await openBundle([{ name: 'certificat.p12', bytes }], { password }), { password });
