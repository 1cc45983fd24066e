import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as XLSX from 'xlsx';
import { packAndInstall, ROOT, runBin } from './helpers.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sne-e2e-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const EXAMPLE = join(ROOT, 'examples/extraction-sne.csv');

function readSheet(path: string, sheet = 'Extraction'): unknown[][] {
  const wb = XLSX.read(readFileSync(path), { type: 'buffer' });
  return XLSX.utils.sheet_to_json(wb.Sheets[sheet]!, { header: 1, raw: true, defval: '' });
}

describe('built CLI on the bundled example', () => {
  test('the committed example is what the seeded generator makes', () => {
    const out = join(dir, 'regenerated.csv');
    execFileSync(process.execPath, [join(ROOT, 'examples/generate-extraction.mjs'), '2500', out, '2026']);
    const hash = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
    expect(hash(out)).toBe(hash(EXAMPLE));
  });

  test('converts it; every cell reads back equal to the source (second reader)', async () => {
    const r = runBin('extraction', ['convert', EXAMPLE, '-o', join(dir, 'example.xlsx'), '--json']);
    expect(r.code).toBe(0);
    const [report] = JSON.parse(r.stdout);
    expect(report).toMatchObject({ encoding: 'windows-1252', delimiter: ';', rows: 2500, columns: 20 });
    const { parseCsv, createDecoder, parseNumber, parseDate } = await import('@sne-toolbox/extraction');
    const source = parseCsv(createDecoder('windows-1252').decode(readFileSync(EXAMPLE), true), ';').records.filter((r) => !(r.length === 1 && r[0] === ''));
    const sheet = readSheet(join(dir, 'example.xlsx'));
    expect(sheet.length).toBe(source.length);
    const types = report.columnTypes.map((c: { type: string }) => c.type);
    source.forEach((row, r) => {
      row.forEach((value, c) => {
        const got = sheet[r]![c];
        if (r === 0 || types[c] === 'text') expect(got).toBe(value);
        else if (value === '') expect(got).toBe('');
        else if (types[c] === 'integer' || types[c] === 'decimal') expect(got).toBe(Number(parseNumber(value)!.xml));
        else expect(got).toBe(parseDate(value)!.serial);
      });
    });
  });

  test('a third reader, exceljs, reads the same text and numbers', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'example.xlsx'));
    const sheet = readSheet(join(dir, 'example.xlsx'));
    const ws = wb.getWorksheet('Extraction')!;
    expect(ws.rowCount).toBe(sheet.length);
    for (let r = 1; r <= ws.rowCount; r += 7) {
      const values = (ws.getRow(r).values as unknown[]).slice(1);
      sheet[r - 1]!.forEach((expected, c) => {
        const got = values[c];
        if (got instanceof Date) expect(Math.round(got.getTime() / 86_400_000 + 25_569)).toBe(Math.round(expected as number));
        else expect(got ?? '').toBe(expected);
      });
    }
  });

  const soffice = ['soffice', 'libreoffice'].find((c) => spawnSync(c, ['--version'], { encoding: 'utf8' }).status === 0);
  test.skipIf(!soffice)('LibreOffice opens it and shows every value as the source has it (dates day first)', async () => {
    const out = mkdtempSync(join(dir, 'lo-'));
    expect(runBin('extraction', ['convert', EXAMPLE, '-o', join(out, 'example.xlsx'), '-q']).code).toBe(0);
    const r = spawnSync(
      soffice!,
      [`-env:UserInstallation=file://${join(out, 'profile')}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false,-1', join(out, 'example.xlsx'), '--outdir', out],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const { parseCsv, createDecoder, parseNumber } = await import('@sne-toolbox/extraction');
    const shown = parseCsv(readFileSync(join(out, 'example-Extraction.csv'), 'utf8'), ';').records.filter((x) => x.length > 1);
    const source = parseCsv(createDecoder('windows-1252').decode(readFileSync(EXAMPLE), true), ';').records.filter((x) => x.length > 1);
    expect(shown.length).toBe(source.length);
    source.forEach((row, i) =>
      row.forEach((value, c) => {
        const got = shown[i]![c] ?? '';
        const number = i > 0 && value !== '' && /^-?[\d\s\u00a0,]+$/.test(value) && !/^0\d/.test(value) ? parseNumber(value) : null;
        if (number && c !== 11) expect(Number(got.replace(/,/g, ''))).toBe(Number(number.xml));
        // LibreOffice keeps line breaks inside a cell as LF alone (its internal form); the workbook holds CR LF.
        else expect(got).toBe(value.replace(/\r\n/g, '\n'));
      }),
    );
  }, 180_000);

  test('--verify re-reads the workbook: 0 difference on every cell', () => {
    const r = runBin('extraction', ['convert', EXAMPLE, '-o', join(dir, 'verified.xlsx'), '--verify']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Vérification\u202f: 0 différence sur 50\u202f020 cellules');
  });

  test('dates land on the same calendar day in distant time zones', () => {
    const outputs = ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Europe/Paris'].map((tz) => {
      const out = join(dir, `tz-${tz.replace('/', '-')}.xlsx`);
      const r = runBin('extraction', ['convert', EXAMPLE, '-o', out, '-q'], { env: { ...process.env, TZ: tz } });
      expect(r.code).toBe(0);
      return readSheet(out).slice(1, 50).map((row) => [row[1], row[2], row[6]]);
    });
    expect(outputs[1]).toEqual(outputs[0]);
    expect(outputs[2]).toEqual(outputs[0]);
    // 05/08/2018 is serial 43317 everywhere.
    const wb = XLSX.read(readFileSync(join(dir, 'tz-Pacific-Kiritimati.xlsx')), { type: 'buffer', cellDates: false });
    const cell = wb.Sheets['Extraction']!['B2'] as XLSX.CellObject;
    expect(XLSX.SSF.format('dd/mm/yyyy', cell.v as number)).toBe(readFileSync(EXAMPLE, 'latin1').split('\r\n')[1]!.split(';')[1]);
  });

  test('SIGINT mid-conversion leaves no file and exits 130 (see also file-safety-e2e)', async () => {
    const big = join(dir, 'big.csv');
    execFileSync(process.execPath, [join(ROOT, 'examples/generate-extraction.mjs'), '300000', big]);
    const outDir = mkdtempSync(join(dir, 'sigint-'));
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [join(ROOT, 'packages/extraction/dist/bin.js'), 'convert', big, '-o', join(outDir, 'big.xlsx')]);
    // Started: the workbook's temp file exists in the output folder (the signal handlers were
    // installed before), not a fixed sleep, which on a loaded machine may end before the handlers.
    while (readdirSync(outDir).length === 0) {
      if (child.exitCode !== null) throw new Error(`the conversion ended (${child.exitCode}) before its temp file appeared`);
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code).toBe(130);
    expect(readdirSync(outDir)).toEqual([]);
  });
});

describe('packed tarball', () => {
  test('installs in an empty folder; its bin and import work', () => {
    const packed = packAndInstall('extraction', dir);
    expect(packed.bin('sne-extraction', ['--version']).stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'packages/extraction/package.json'), 'utf8')).version);
    expect(
      packed.runModule(
        "import { convertToBytes } from '@sne-toolbox/extraction';\nimport { convertFile } from '@sne-toolbox/extraction/node';\nconst r = await convertToBytes(new TextEncoder().encode('a;b\\r\\n1;2\\r\\n'));\nconsole.log(r.report.rows, typeof convertFile);\n",
      ),
    ).toBe('1 function');
    expect(packed.files).not.toMatch(/\/src\/|\/test\//);
  }, 120_000);
});

describe('examples run', () => {
  test('demo.mjs (what `pnpm demo` runs) converts the extraction and extracts the certificate', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'examples/demo.mjs')], { encoding: 'utf8', cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).toContain('=== Extraction SNE → Excel');
    expect(out).toContain('signature (Jeanne Dupont-Lefèvre) — expire le 01/01/2035');
    expect(readdirSync(join(ROOT, 'examples/out/certificats')).sort()).toEqual(['LISEZMOI.txt', 'authentification - Jeanne Dupont-Lefèvre.p12', 'chiffrement - Jeanne Dupont-Lefèvre.cer', 'chiffrement - Jeanne Dupont-Lefèvre.txt', 'renouvellement - Jeanne Dupont-Lefèvre.ics', 'signature - Jeanne Dupont-Lefèvre.p12']);
  }, 60_000);

  test.each([
    ['convert-in-memory.mjs', /"rows":1,"types":\["text","date","decimal"\]/],
    ['convert-with-library.mjs', /2500 lignes, 20 colonnes, encodage windows-1252/],
  ])('%s', (script, expected) => {
    const out = execFileSync(process.execPath, [join(ROOT, 'examples', script)], { encoding: 'utf8', cwd: ROOT });
    expect(out).toMatch(expected);
  });
});
