import { spawn, spawnSync } from 'node:child_process';
import { closeSync, createReadStream, existsSync, linkSync, openSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { run } from '../src/cli/run.js';
import { readBack, sheetValues } from './helpers.js';

// Rules 1–3, 5 and 7 of docs/reliability.md ("Fichiers de l'utilisateur"), through the CLI.

const IS_ROOT = process.getuid?.() === 0;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sne-safety-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[], standardStreams?: { stdin?: number; stdout?: number }) {
  const out = new PassThrough();
  const err = new PassThrough();
  const e: Buffer[] = [];
  out.resume();
  err.on('data', (c: Buffer) => e.push(c));
  const code = await run(args, { stdout: out, stderr: err, stdin: Readable.from([]), cwd: dir, ...(standardStreams ? { standardStreams } : {}) });
  return { code, stderr: Buffer.concat(e).toString('utf8') };
}

const CSV = 'Numéro unique;Montant\r\n0590423808575GDPUB;12,5\r\n';
const bytesOf = (p: string) => readFileSync(join(dir, p));

describe('rule 1: never write over an input', () => {
  beforeEach(() => {
    mkdirSync(join(dir, 'realdir'));
    writeFileSync(join(dir, 'realdir', 'in.csv'), CSV);
    symlinkSync(join(dir, 'realdir'), join(dir, 'linkdir'));
  });

  test.each([
    ['-o through a symlinked folder', ['convert', 'realdir/in.csv', '-o', 'linkdir/in.csv', '--force']],
    ['-o the input itself', ['convert', 'realdir/in.csv', '-o', 'realdir/in.csv', '--force']],
    ['input through the link, -o the real path', ['convert', 'linkdir/in.csv', '-o', 'realdir/in.csv', '--force']],
  ])('%s → OUTPUT_IS_INPUT, exit 1, input untouched', async (_, args) => {
    const r = await cli(args);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[OUTPUT_IS_INPUT]');
    expect(bytesOf('realdir/in.csv').toString()).toBe(CSV);
    expect(readdirSync(join(dir, 'realdir'))).toEqual(['in.csv']);
  });

  test('a hard link to the input → OUTPUT_IS_INPUT', async () => {
    linkSync(join(dir, 'realdir', 'in.csv'), join(dir, 'copie.xlsx'));
    const r = await cli(['convert', 'realdir/in.csv', '-o', 'copie.xlsx', '--force']);
    expect(r.stderr).toContain('[OUTPUT_IS_INPUT]');
    expect(bytesOf('copie.xlsx').toString()).toBe(CSV);
  });

  test('an output that is another input of the same call → refused before anything is written', async () => {
    // An agent who saved a CSV as "data.xlsx": converting data.csv would land on it.
    writeFileSync(join(dir, 'data.csv'), CSV);
    writeFileSync(join(dir, 'data.xlsx'), CSV);
    const r = await cli(['convert', 'data.csv', 'data.xlsx', '--force']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[OUTPUT_IS_INPUT]');
    expect(bytesOf('data.xlsx').toString()).toBe(CSV);
    expect(readdirSync(dir).sort()).toEqual(['data.csv', 'data.xlsx', 'linkdir', 'realdir']);
  });
});

describe('rule 1 with standard streams: their descriptors are files of the plan (issue 19, item 6)', () => {
  // What the shell does with `1<>data.csv`, `>> data.csv`, `< data.csv`: the fds are opened on the input.
  test.each([
    ['-o - 1<>data.csv', ['convert', 'data.csv', '-o', '-'], 'r+', 'stdout'],
    ['-o - >> data.csv', ['convert', 'data.csv', '-o', '-'], 'a', 'stdout'],
    ['- -o data.csv < data.csv', ['convert', '-', '-o', 'data.csv', '--force'], 'r', 'stdin'],
    ['- -o /dev/fd/N < data.csv', ['convert', '-', '-o', '/dev/fd/FD', '--force'], 'r', 'stdin'],
  ] as const)('%s → OUTPUT_IS_INPUT, nothing written', async (_, args, flags, stream) => {
    writeFileSync(join(dir, 'data.csv'), CSV);
    const fd = openSync(join(dir, 'data.csv'), flags);
    try {
      const r = await cli(args.map((a) => a.replace('FD', String(fd))), { [stream]: fd });
      expect(r.stderr).toContain('[OUTPUT_IS_INPUT]');
      expect(r.code).toBe(1);
    } finally {
      closeSync(fd);
    }
    expect(bytesOf('data.csv').toString()).toBe(CSV);
    expect(readdirSync(dir)).toEqual(['data.csv']);
  });
});

describe('rule 3: two inputs, one output → exit 2, nothing written', () => {
  test.each([
    ['default names beside the inputs', ['convert', 'stem/x.csv', 'stem/x.txt', '--force']],
    ['a folder holding both', ['convert', 'stem', '--force']],
    ['-o folder', ['convert', 'stem/x.csv', 'stem/x.txt', '-o', 'sortie/', '--force']],
    ['a pattern', ['convert', 'stem/x.*', '--force']],
    ['the same file twice', ['convert', 'stem/x.csv', 'stem/x.csv']],
  ])('%s', async (_, args) => {
    mkdirSync(join(dir, 'stem'));
    writeFileSync(join(dir, 'stem', 'x.csv'), CSV);
    writeFileSync(join(dir, 'stem', 'x.txt'), CSV);
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/«\s[^»]*x\.(csv|txt)\s» et «\s[^»]*x\.(csv|txt)\s»/);
    expect(readdirSync(join(dir, 'stem')).sort()).toEqual(['x.csv', 'x.txt']);
    expect(readdirSync(dir).sort()).toEqual(['stem']);
  });
});

describe('rule 2: devices and FIFOs are streamed into, never replaced', () => {
  test('-o a named pipe: the workbook flows through it; the pipe stays; no temp file', async () => {
    writeFileSync(join(dir, 'in.csv'), CSV);
    spawnSync('mkfifo', [join(dir, 'tube')]);
    const received: Buffer[] = [];
    const reader = new Promise<void>((resolve) => createReadStream(join(dir, 'tube')).on('data', (c) => received.push(Buffer.from(c))).on('end', resolve));
    const r = await cli(['convert', 'in.csv', '-o', 'tube', '--force']);
    await reader;
    expect(r.code).toBe(0);
    expect(lstatSync(join(dir, 'tube')).isFIFO()).toBe(true);
    expect(sheetValues(readBack(Buffer.concat(received)).get('Extraction')!)[1]).toEqual(['0590423808575GDPUB', 12.5]);
    expect(readdirSync(dir).sort()).toEqual(['in.csv', 'tube']);
  });

  test.skipIf(!IS_ROOT)('-o our own null device node (as /dev/null) with --force: still a device', async () => {
    writeFileSync(join(dir, 'in.csv'), CSV);
    expect(spawnSync('mknod', [join(dir, 'null'), 'c', '1', '3']).status).toBe(0);
    symlinkSync(join(dir, 'null'), join(dir, 'stdout'));
    for (const target of ['null', 'stdout']) {
      const r = await cli(['convert', 'in.csv', '-o', target, '--force']);
      expect(r.code).toBe(0);
    }
    expect(lstatSync(join(dir, 'null')).isCharacterDevice()).toBe(true);
    expect(lstatSync(join(dir, 'stdout')).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['in.csv', 'null', 'stdout']);
  });

  test.skipIf(!IS_ROOT)('-o our own full device node: WRITE_FAILED, the node stays a device', async () => {
    writeFileSync(join(dir, 'in.csv'), CSV);
    expect(spawnSync('mknod', [join(dir, 'full'), 'c', '1', '7']).status).toBe(0);
    const r = await cli(['convert', 'in.csv', '-o', 'full', '--force']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[WRITE_FAILED]');
    expect(lstatSync(join(dir, 'full')).isCharacterDevice()).toBe(true);
  });

  test('an output symlink to a regular file keeps the link and replaces its target', async () => {
    writeFileSync(join(dir, 'in.csv'), CSV);
    mkdirSync(join(dir, 'classeurs'));
    writeFileSync(join(dir, 'classeurs', 'vrai.xlsx'), 'ancien');
    symlinkSync(join(dir, 'classeurs', 'vrai.xlsx'), join(dir, 'raccourci.xlsx'));
    expect((await cli(['convert', 'in.csv', '-o', 'raccourci.xlsx', '--force'])).code).toBe(0);
    expect(lstatSync(join(dir, 'raccourci.xlsx')).isSymbolicLink()).toBe(true);
    expect(bytesOf('classeurs/vrai.xlsx').subarray(0, 2).toString()).toBe('PK');
  });
});

describe('rule 5: the workbook is never more readable than its input', () => {
  test.each([0o600, 0o640, 0o644])('input %o → workbook with the same bits (umask 022)', async (mode) => {
    const old = process.umask(0o022);
    try {
      writeFileSync(join(dir, 'in.csv'), CSV, { mode });
      expect((await cli(['convert', 'in.csv'])).code).toBe(0);
      expect(statSync(join(dir, 'in.xlsx')).mode & 0o777).toBe(mode & ~0o022);
    } finally {
      process.umask(old);
    }
  });
});

/**
 * Runs `body` with TMPDIR set to a fresh folder of its own and returns what is left in it: other test
 * files run in parallel and make their own sne-toolbox-* folders in the shared /tmp.
 */
async function leftInPrivateTmp(body: () => Promise<void>): Promise<string[]> {
  const tmp = mkdtempSync(join(tmpdir(), 'sne-private-tmp-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
  try {
    await body();
    return readdirSync(tmp);
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(tmp, { recursive: true, force: true });
  }
}

describe('rule 7: bounded reading of inputs that are not regular files', () => {
  test.skipIf(!IS_ROOT)('our own zero device node (as /dev/zero): NOT_CSV within the first megabyte, no temp left', async () => {
    expect(spawnSync('mknod', [join(dir, 'zero'), 'c', '1', '5']).status).toBe(0);
    let r: Awaited<ReturnType<typeof cli>> | undefined;
    expect(await leftInPrivateTmp(async () => void (r = await cli(['convert', 'zero', '-o', 'out.xlsx'])))).toEqual([]);
    expect(r!.code).toBe(1);
    expect(r!.stderr).toContain('[NOT_CSV]');
    expect(readdirSync(dir)).toEqual(['zero']);
  });

  test('a named pipe as input is read once, copied privately, and converted', async () => {
    spawnSync('mkfifo', [join(dir, 'entree')]);
    const writer = spawn('sh', ['-c', `printf '%s' "$1" > "$2"`, 'sh', CSV, join(dir, 'entree')], { stdio: 'ignore' });
    const written = new Promise((resolve) => writer.on('close', resolve));
    const r = await cli(['convert', 'entree', '-o', 'sortie.xlsx']);
    await written;
    expect(r.code).toBe(0);
    expect(sheetValues(readBack(bytesOf('sortie.xlsx')).get('Extraction')!)[1]).toEqual(['0590423808575GDPUB', 12.5]);
  });
});

describe('inputs as agents name them', () => {
  test('a name without extension takes the .csv Windows hides, and says so', async () => {
    writeFileSync(join(dir, 'extraction-sne.csv'), CSV);
    const r = await cli(['convert', 'extraction-sne']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('« extraction-sne.csv » a été pris');
    expect(readdirSync(dir).sort()).toEqual(['extraction-sne.csv', 'extraction-sne.xlsx']);
  });

  test('an unquoted name with spaces: one usage error saying to add quotes', async () => {
    writeFileSync(join(dir, 'Extraction SNE janvier.csv'), CSV);
    const r = await cli(['convert', 'Extraction', 'SNE', 'janvier.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('mettez le nom entre guillemets');
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  test('an empty folder says it holds no extraction', async () => {
    mkdirSync(join(dir, 'vide'));
    const r = await cli(['convert', 'vide']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ne contient aucune extraction');
    expect(r.stderr).not.toContain('est un dossier');
  });
});

describe('a zip of extractions', () => {
  async function zipOf(files: Record<string, string>): Promise<Buffer> {
    const { zipSync } = await import('./zip-helper.js');
    return zipSync(files);
  }

  test('each extraction inside is converted beside the archive; no path of the archive is used; no temp left', async () => {
    writeFileSync(join(dir, 'envoi.zip'), await zipOf({ 'exports/janvier.csv': CSV, '../../evasion.csv': CSV, 'lisez-moi.pdf': '%PDF' }));
    let r: Awaited<ReturnType<typeof cli>> | undefined;
    expect(await leftInPrivateTmp(async () => void (r = await cli(['convert', 'envoi.zip'])))).toEqual([]);
    expect(r!.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['envoi.zip', 'evasion.xlsx', 'janvier.xlsx']);
    expect(r!.stderr).toContain('envoi.zip › exports/janvier.csv');
    expect(r!.stderr).toContain('1 fichier(s) qui ne sont pas des extractions');
    expect(sheetValues(readBack(bytesOf('janvier.xlsx')).get('Extraction')!)[1]).toEqual(['0590423808575GDPUB', 12.5]);
  });

  test('a zip bomb is refused, bounded on inflated bytes', async () => {
    const { deflateRawSync } = await import('node:zlib');
    const { zipRaw } = await import('./zip-helper.js');
    writeFileSync(join(dir, 'bombe.zip'), zipRaw('a.csv', deflateRawSync(Buffer.alloc(600 * 1024 * 1024, 59), { level: 9 }), 100));
    const r = await cli(['convert', 'bombe.zip']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[NOT_CSV]');
    expect(r.stderr).toContain('trop volumineuse');
    expect(readdirSync(dir)).toEqual(['bombe.zip']);
  }, 60_000);

  // Issue 19, items 7, 10 and 13: member names are data, never raw in a message or a file name.
  test('members named with ESC, CON, an empty stem or U+202E: clean, distinct workbooks; nothing raw printed', async () => {
    writeFileSync(join(dir, 'envoi.zip'), await zipOf({ 'a\x1b]0;pwned\x07\x1b[2J.csv': CSV, 'CON.csv': CSV, '.csv': CSV, 'b\u202evsc.xlsx.csv': CSV }));
    const r = await cli(['convert', 'envoi.zip', '-o', 'out']);
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['a]0;pwned[2J.xlsx', 'bvsc.xlsx.xlsx', 'extraction-2.xlsx', 'extraction-3.xlsx']);
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(r.stderr).toContain('envoi.zip › a\\x1b]0;pwned\\x07\\x1b[2J.csv');
  });

  test('two members whose safe names are the same workbook: OUTPUT_CONFLICT up front, nothing written', async () => {
    writeFileSync(join(dir, 'envoi.zip'), await zipOf({ 'a\x07.csv': CSV, 'a.csv': CSV }));
    const r = await cli(['convert', 'envoi.zip']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a.xlsx');
    expect(r.stderr).not.toMatch(/\x07/);
    expect(readdirSync(dir)).toEqual(['envoi.zip']);
  });

  test('--json keeps the exact member name, controls and bidi marks written as \\u escapes', async () => {
    writeFileSync(join(dir, 'envoi.zip'), await zipOf({ 'b\u202e\u009bvsc.csv': CSV }));
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await run(['convert', 'envoi.zip', '--json'], { stdout: out, stderr: new PassThrough(), stdin: Readable.from([]), cwd: dir });
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text).not.toMatch(/[\u007f-\u009f\u202a-\u202e]/);
    expect((JSON.parse(text) as { input: string }[])[0]!.input).toBe('envoi.zip › b\u202e\u009bvsc.csv');
  });

  test('a member of 64 MB of zeros is refused from its first megabyte (NOT_CSV), as a failed input; nothing written', async () => {
    const { zipRaw } = await import('./zip-helper.js');
    const { deflateRawSync } = await import('node:zlib');
    writeFileSync(join(dir, 'zeros.zip'), zipRaw('zeros.csv', deflateRawSync(Buffer.alloc(64 * 1024 * 1024)), 64 * 1024 * 1024));
    const r = await cli(['convert', 'zeros.zip']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('zeros.zip › zeros.csv');
    expect(r.stderr).toContain('[NOT_CSV]');
    expect(readdirSync(dir)).toEqual(['zeros.zip']);
  });

  test('a 254-character member name converts: the temp copy is named entree.csv, never after the member', async () => {
    const name = 'e'.repeat(250) + '.csv';
    writeFileSync(join(dir, 'long.zip'), await zipOf({ [name]: CSV }));
    const r = await cli(['convert', 'long.zip']);
    expect(r.stderr).not.toMatch(/ENAMETOOLONG|inattendue/);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'e'.repeat(250) + '.xlsx'))).toBe(true);
  });

  test('a zip holding no extraction says so', async () => {
    writeFileSync(join(dir, 'photos.zip'), await zipOf({ 'a.jpg': 'x' }));
    const r = await cli(['convert', 'photos.zip']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ne contient aucune extraction');
  });
});
