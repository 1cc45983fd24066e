// Node: convert an extraction file into a workbook, with progress, warnings, errors and Ctrl-C.
//   node --experimental-strip-types examples/ts/convert-file.ts extraction.csv classeur.xlsx   (Node 22.6+)
//   or compile it with tsc first on Node 20.
import { isExtractionError } from '@sne-toolbox/extraction';
import { convertFile } from '@sne-toolbox/extraction/node';

const [input = 'examples/extraction-sne.csv', output = 'examples/out/extraction-sne.xlsx'] = process.argv.slice(2);

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());

try {
  const report = await convertFile(input, {
    output,
    force: true,
    signal: controller.signal,
    onProgress: ({ phase, bytesRead, totalBytes }) => {
      if (totalBytes) process.stderr.write(`\r${phase} ${Math.round((100 * bytesRead) / totalBytes)} %`);
    },
  });
  process.stderr.write('\n');
  console.log(`${report.output} : ${report.rows} lignes, ${report.columns} colonnes, ${report.encoding}`);
  for (const warning of report.warnings) console.warn(`[${warning.code}] ligne ${warning.line ?? '—'} : ${warning.message}`);
} catch (error) {
  if (!isExtractionError(error)) throw error;
  // error.code is stable (switch on it); error.message is French, for the agent.
  console.error(error.code === 'ABORTED' ? 'Interrompu.' : `${error.message} [${error.code}]`);
  process.exitCode = 1;
}
