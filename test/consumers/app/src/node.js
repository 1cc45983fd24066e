// The same scenario in plain Node from the installed tarballs: the control that proves the checks
// themselves are right while the browser side fails. Prints JSON on stdout.
import { readFileSync } from 'node:fs';
import { convertToBytes } from '@sne-toolbox/extraction';
import { exportBundle, openBundle } from '@sne-toolbox/certificates';

const [csvPath, p12Path, password] = process.argv.slice(2);
const { bytes, report } = await convertToBytes(readFileSync(csvPath));
const bundle = await openBundle([{ name: 'certificat.p12', bytes: readFileSync(p12Path) }], { password });
const exported = await exportBundle(bundle, { password });
console.log(JSON.stringify({ xlsx: Array.from(bytes), rows: report.rows, files: exported.files.map((f) => f.name) }));
