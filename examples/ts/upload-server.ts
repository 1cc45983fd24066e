// Node: an HTTP endpoint that receives an extraction and answers with the workbook, streamed.
// The upload is read at most once and stops at the size limit (INPUT_TOO_LARGE → 413).
import { createServer } from 'node:http';
import { Readable } from 'node:stream';
import { convertExtraction, isExtractionError, XLSX_MEDIA_TYPE } from '@sne-toolbox/extraction';

const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export const server = createServer(async (request, response) => {
  if (request.method !== 'POST') {
    response.writeHead(405, { allow: 'POST' }).end();
    return;
  }
  const controller = new AbortController();
  response.once('close', () => controller.abort());
  try {
    // The request is an async iterable of bytes: gathered once, bounded, then read twice.
    const conversion = await convertExtraction(request, { maxInputBytes: MAX_UPLOAD_BYTES, signal: controller.signal, name: 'envoi.csv' });
    response.writeHead(200, {
      'content-type': XLSX_MEDIA_TYPE,
      'content-disposition': 'attachment; filename="extraction.xlsx"',
      'x-rows': String(conversion.report.rows),
    });
    Readable.from(conversion.workbook()).pipe(response);
  } catch (error) {
    const status = isExtractionError(error, 'INPUT_TOO_LARGE') ? 413 : isExtractionError(error) && error.code !== 'ABORTED' ? 422 : 500;
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(isExtractionError(error) ? { code: error.code, message: error.message } : { code: 'INTERNAL' }));
  }
});

// Run directly (as TypeScript or once compiled to JavaScript), it listens; imported, it does not.
if (/upload-server\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) server.listen(8080, '127.0.0.1');
