import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { run } from '../src/cli/run.js';
import { VERSION } from '../src/version.js';
import { readBack, sheetValues, windows1252 } from './helpers.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sne-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8'), bytes: () => Buffer.concat(chunks) };
}

async function cli(args: string[], stdin: string | Uint8Array = '') {
  const out = capture();
  const err = capture();
  const code = await run(args, { stdout: out.stream, stderr: err.stream, stdin: Readable.from([Buffer.from(stdin)]), cwd: dir });
  return { code, stdout: out.text(), stderr: err.text(), bytes: out.bytes() };
}

const CSV = 'Numéro unique;Montant;Date\r\n0590423808575GDPUB;1 234,56;12/03/2020\r\n';

describe('sne-extraction convert', () => {
  test('converts beside the input and prints a French summary', async () => {
    writeFileSync(join(dir, 'extraction.csv'), windows1252(CSV));
    const r = await cli(['convert', 'extraction.csv']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/1 ligne, 3 colonnes .* encodage windows-1252/);
    const data = sheetValues(readBack(readFileSync(join(dir, 'extraction.xlsx'))).get('Extraction')!);
    expect(data).toEqual([['Numéro unique', 'Montant', 'Date'], ['0590423808575GDPUB', 1234.56, 43902]]);
    expect(readdirSync(dir).sort()).toEqual(['extraction.csv', 'extraction.xlsx']);
  });

  test('--json prints one report per input with the documented fields', async () => {
    writeFileSync(join(dir, 'a.csv'), CSV);
    const r = await cli(['convert', 'a.csv', '--json']);
    expect(r.code).toBe(0);
    const [report] = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(report).toMatchObject({
      input: 'a.csv',
      output: join(dir, 'a.xlsx'),
      encoding: 'utf-8',
      delimiter: ';',
      rows: 1,
      columns: 3,
      sheets: 1,
      columnTypes: [{ name: 'Numéro unique', type: 'text' }, { name: 'Montant', type: 'decimal' }, { name: 'Date', type: 'date' }],
      warnings: [],
    });
  });

  test('never overwrites without --force (OUTPUT_EXISTS, exit 1), and replaces with it', async () => {
    writeFileSync(join(dir, 'a.csv'), CSV);
    writeFileSync(join(dir, 'a.xlsx'), 'précieux');
    const r = await cli(['convert', 'a.csv', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)[0].error.code).toBe('OUTPUT_EXISTS');
    expect(readFileSync(join(dir, 'a.xlsx'), 'utf8')).toBe('précieux');
    expect((await cli(['convert', 'a.csv', '--force', '-q'])).code).toBe(0);
    expect(readBack(readFileSync(join(dir, 'a.xlsx'))).has('Extraction')).toBe(true);
  });

  test('several inputs into a folder; a failing one does not stop the others (exit 1)', async () => {
    writeFileSync(join(dir, 'a.csv'), CSV);
    writeFileSync(join(dir, 'b.csv'), CSV);
    writeFileSync(join(dir, 'vide.csv'), '');
    const r = await cli(['convert', 'a.csv', 'vide.csv', 'manquant.csv', 'b.csv', '-o', 'sorties', '--json']);
    expect(r.code).toBe(1);
    const reports = JSON.parse(r.stdout) as { error?: { code: string } }[];
    expect(reports.map((x) => x.error?.code ?? 'ok')).toEqual(['ok', 'EMPTY_INPUT', 'INPUT_NOT_FOUND', 'ok']);
    expect(readdirSync(join(dir, 'sorties')).sort()).toEqual(['a.xlsx', 'b.xlsx']);
  });

  test('a folder or a *.csv pattern (cmd.exe does not expand it) converts every extraction it names', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'exports'));
    writeFileSync(join(dir, 'exports', 'a.csv'), CSV);
    writeFileSync(join(dir, 'exports', 'B.CSV'), CSV);
    writeFileSync(join(dir, 'exports', 'notes.pdf'), '%PDF-1.4');
    const byFolder = await cli(['convert', 'exports', '-o', 'sorties', '--json']);
    expect(byFolder.code).toBe(0);
    expect((JSON.parse(byFolder.stdout) as { input: string }[]).map((r) => r.input)).toEqual([join('exports', 'B.CSV'), join('exports', 'a.csv')]);
    const byPattern = await cli(['convert', 'exports/*.csv', '-o', 'autres', '--json']);
    expect((JSON.parse(byPattern.stdout) as { input: string }[]).map((r) => r.input)).toEqual([join('exports', 'B.CSV'), join('exports', 'a.csv')]);
    const nothing = await cli(['convert', 'exports/*.xls']);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain('[INPUT_NOT_FOUND]');
  });

  test('stdin to stdout', async () => {
    const r = await cli(['convert', '-', '-o', '-', '-q'], windows1252(CSV));
    expect(r.code).toBe(0);
    expect(sheetValues(readBack(r.bytes).get('Extraction')!)[1]![0]).toBe('0590423808575GDPUB');
    expect(readdirSync(dir)).toEqual([]);
  });

  test('NOT_CSV for a workbook renamed .csv, and no output file', async () => {
    writeFileSync(join(dir, 'a.csv'), CSV);
    await cli(['convert', 'a.csv', '-q']);
    writeFileSync(join(dir, 'faux.csv'), readFileSync(join(dir, 'a.xlsx')));
    const r = await cli(['convert', 'faux.csv']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[NOT_CSV]');
    expect(r.stderr).toContain('classeur Excel');
    expect(existsSync(join(dir, 'faux.xlsx'))).toBe(false);
  });

  test('--delimiter, --encoding, --text and --raw are honoured', async () => {
    writeFileSync(join(dir, 'a.csv'), 'x|y\r\n01|2,5\r\n');
    const r = await cli(['convert', 'a.csv', '--delimiter', '|', '--encoding', 'windows-1252', '--text', 'y', '--json']);
    expect(JSON.parse(r.stdout)[0]).toMatchObject({ delimiter: '|', encoding: 'windows-1252', columnTypes: [{ type: 'text' }, { type: 'text' }] });
    const raw = await cli(['convert', 'a.csv', '--raw', '--force', '--json']);
    expect(JSON.parse(raw.stdout)[0].columnTypes.map((c: { type: string }) => c.type)).toEqual(['text', 'text']);
  });

  test.each([
    [[]],
    [['convert']],
    [['convert', 'a.csv', '--bogus']],
    [['convert', 'a.csv', '--delimiter', 'x']],
    [['convert', 'a.csv', '--encoding', 'ebcdic']],
    [['frobnicate']],
    [['convert', 'a.csv', 'b.csv', '-o', '-']],
  ])('usage error %j exits 2 with a French message', async (args) => {
    writeFileSync(join(dir, 'a.csv'), CSV);
    writeFileSync(join(dir, 'b.csv'), CSV);
    const r = await cli(args);
    expect(r.code).toBe(2);
    if (args.length) expect(r.stderr).toMatch(/^Erreur d'utilisation\u202f: /);
  });

  test('--text naming an unknown column is a usage error', async () => {
    writeFileSync(join(dir, 'a.csv'), CSV);
    const r = await cli(['convert', 'a.csv', '--text', 'Inconnue']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Inconnue');
  });

  test('help is in French and --version matches package.json', async () => {
    const help = await cli(['convert', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Utilisation\u202f:');
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
    expect((await cli(['--version'])).stdout.trim()).toBe(VERSION);
  });

  test('an output folder that cannot be written gives WRITE_FAILED and leaves nothing', async () => {
    writeFileSync(join(dir, 'a.csv'), CSV);
    const r = await cli(['convert', 'a.csv', '-o', join(dir, 'nope', 'deeper', 'a.xlsx')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[WRITE_FAILED]');
    expect(readdirSync(dir)).toEqual(['a.csv']);
  });

  test('the input is never modified', async () => {
    const bytes = windows1252(CSV);
    writeFileSync(join(dir, 'a.csv'), bytes);
    const before = statSync(join(dir, 'a.csv')).mtimeMs;
    await cli(['convert', 'a.csv', '-q']);
    expect(readFileSync(join(dir, 'a.csv'))).toEqual(Buffer.from(bytes));
    expect(statSync(join(dir, 'a.csv')).mtimeMs).toBe(before);
  });
});

describe('progress', () => {
  test('a progress bar on stderr when it is a terminal, none otherwise', async () => {
    writeFileSync(join(dir, 'a.csv'), CSV);
    const err = capture();
    const out = capture();
    Object.assign(err.stream, { isTTY: true });
    const code = await run(['convert', 'a.csv'], { stdout: out.stream, stderr: err.stream, stdin: Readable.from([]), cwd: dir });
    expect(code).toBe(0);
    expect(err.text()).toMatch(/\r.*(analyse|écriture)\s+\[[█ ]+\] \d+\u202f%/);
    const plain = await cli(['convert', 'a.csv', '--force']);
    expect(plain.stderr).not.toContain('█');
  });
});

describe('sne-extraction inspect', () => {
  test('prints encoding, delimiter and column types without writing', async () => {
    writeFileSync(join(dir, 'a.csv'), windows1252(CSV));
    const r = await cli(['inspect', 'a.csv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('windows-1252');
    expect(r.stdout).toMatch(/décimal\s+Montant/);
    expect(readdirSync(dir)).toEqual(['a.csv']);
    const json = await cli(['inspect', 'a.csv', '--json']);
    expect(JSON.parse(json.stdout)[0]).toMatchObject({ rows: 1, columns: 3 });
  });
});

describe('French typography in what people read', () => {
  test('summary: 2 500 with a narrow no-break space, « ; » and « : » spaced as French writes them', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => `${i};x`).join('\r\n');
    writeFileSync(join(dir, 'grand.csv'), `a;b\r\n${rows}\r\n`);
    const r = await cli(['convert', 'grand.csv']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('2\u202f500 lignes');
    expect(r.stderr).toContain('séparateur «\u202f;\u202f»');
    expect(r.stderr).not.toMatch(/ [;:!?](\s|$)|« | »/);
  });

  test('errors too', async () => {
    const r = await cli(['convert', 'absent.csv']);
    expect(r.stderr).not.toMatch(/ [;:!?](\s|$)|« | »/);
  });
});

describe('untrusted names reach no terminal raw (issue 19, item 7)', () => {
  const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
  const header = '"Nom\x1b]0;pwned\x07\x1b[2J\rfaux\u009b31m"';
  const hostile = `Numéro unique;${header};Montant;${header}\r\n0590423808575GDPUB;Dupont;1 234,56;a\r\n`;

  test.each([[['convert', 'h.csv', '--force']], [['convert', 'h.csv', '--force', '--text', 'Montant,Inconnue']], [['inspect', 'h.csv']]])('%j: header names escaped in every message; the workbook keeps them exact', async (args) => {
    writeFileSync(join(dir, 'h.csv'), hostile);
    const r = await cli(args);
    expect(r.stdout + r.stderr).not.toMatch(RAW);
    expect(r.stdout + r.stderr).toContain('Nom\\x1b]0;pwned');
    if (args.length === 3) expect(sheetValues(readBack(readFileSync(join(dir, 'h.xlsx'))).get('Extraction')!)[0]![1]).toBe('Nom\x1b]0;pwned\x07\x1b[2J\rfaux\u009b31m');
  });

  test('inspect --json keeps the exact header name, C1 written as \\u009b', async () => {
    writeFileSync(join(dir, 'h.csv'), hostile);
    const r = await cli(['inspect', 'h.csv', '--json']);
    expect(r.stdout).not.toMatch(RAW);
    expect(r.stdout).toContain('\\u009b31m');
    expect((JSON.parse(r.stdout) as { columnTypes: { name: string }[] }[])[0]!.columnTypes[1]!.name).toBe('Nom\x1b]0;pwned\x07\x1b[2J\rfaux\u009b31m');
  });
});

describe('the interruption message matches the disk (issue 19, item 12)', () => {
  test('a workbook replaced under --force is reported « remplacé »; a new one is not', async () => {
    writeFileSync(join(dir, 'a.csv'), CSV);
    writeFileSync(join(dir, 'b.csv'), CSV);
    writeFileSync(join(dir, 'a.xlsx'), 'ancien classeur');
    const r = await cli(['convert', 'a.csv', 'b.csv', '--force', '--json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { replaced?: boolean }[]).map((e) => e.replaced)).toEqual([true, undefined]);
    const plain = await cli(['convert', 'a.csv', '--force']);
    expect(plain.stderr).toContain(`a.csv → ${join(dir, 'a.xlsx')} (remplacé)`);
  });

  test('Ctrl-C after the first file: the finished workbook is kept and named, the replaced one said so', async () => {
    writeFileSync(join(dir, 'a.csv'), CSV);
    writeFileSync(join(dir, 'b.csv'), CSV);
    writeFileSync(join(dir, 'a.xlsx'), 'ancien classeur');
    const stop = new AbortController();
    const err = capture();
    // The first summary printed is the moment a.xlsx is in place: stop there, before b is written.
    err.stream.on('data', (c: Buffer) => (String(c).startsWith('✔') ? stop.abort() : undefined));
    const code = await run(['convert', 'a.csv', 'b.csv', '--force'], { stdout: capture().stream, stderr: err.stream, stdin: Readable.from([]), cwd: dir, signal: stop.signal });
    expect(code).toBe(130);
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'a.xlsx', 'b.csv']);
    const interruption = err.text().slice(err.text().indexOf('Interrompu'));
    expect(interruption).toContain('[ABORTED]');
    expect(interruption).toContain(`${join(dir, 'a.xlsx')} (remplacé)`);
    expect(interruption).not.toContain('aucun fichier n\'a été écrit');
  });

  test('Ctrl-C before any workbook is finished: nothing written, and the message says so', async () => {
    writeFileSync(join(dir, 'a.csv'), CSV);
    const stop = new AbortController();
    stop.abort();
    const err = capture();
    const code = await run(['convert', 'a.csv'], { stdout: capture().stream, stderr: err.stream, stdin: Readable.from([]), cwd: dir, signal: stop.signal });
    expect(code).toBe(130);
    expect(err.text()).toContain('aucun fichier n\'a été écrit');
    expect(readdirSync(dir)).toEqual(['a.csv']);
  });
});
