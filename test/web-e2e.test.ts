import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as XLSX from 'xlsx';
import { openBundle } from '@sne-toolbox/certificates';
import { createDecoder, parseCsv, parseDate, parseNumber } from '@sne-toolbox/extraction';
import { writeExtraction } from '../examples/generate-extraction.mjs';
import { CHROMIUM, launchChromium, openRecording, segmentedExtraction } from './browser.js';
import { ROOT } from './helpers.js';
import { zipSync } from '../packages/extraction/test/zip-helper.js';

const DIST = join(ROOT, 'packages/web/dist');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const EXAMPLE = join(ROOT, 'examples/extraction-sne.csv');
const BUNDLE = join(ROOT, 'examples/certificats/Jeanne Dupont-Lefevre - certificat RGS (TEST).p12');
const PASSWORD = readFileSync(join(ROOT, 'examples/certificats/mot-de-passe.txt'), 'utf8').trim();

// In CI the browser is installed by .ci/run: a missing one must fail there, not skip.
const available = existsSync(CHROMIUM) && existsSync(join(DIST, 'index.html'));
if (!available && process.env.CI) throw new Error(`browser tests need ${CHROMIUM} and a built page (pnpm build)`);
if (!available) console.warn(`tests du navigateur ignorés : ${CHROMIUM} ou packages/web/dist absent`);

let server: Server;
let origin: string;
let browser: Browser;

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };

beforeAll(async () => {
  if (!available) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  server = createServer((req, res) => {
    const path = normalize(join(DIST, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    const file = path.endsWith('/') || (existsSync(path) && statSync(path).isDirectory()) ? join(path, 'index.html') : path;
    if (!file.startsWith(DIST) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address() as { port: number };
  origin = `http://127.0.0.1:${address.port}`;
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => (server ? server.close(r) : r(null)));
});

const open = (url: string) => openRecording(browser, url);

/** An extraction over 100 MB (the page asks before converting it), of one short text repeated. */
const heavyCsv = () => 'Numéro unique;Commentaire\r\n' + `0590423808001GDPUB;${'x'.repeat(1000)}\r\n`.repeat(105_000);

/** The save dialog as an agent who closes it: AbortError. */
function closeEveryDialog(page: Page): Promise<void> {
  return page.evaluate(() => {
    (window as unknown as { showSaveFilePicker: unknown }).showSaveFilePicker = async () => {
      throw new DOMException('The user aborted a request.', 'AbortError');
    };
  });
}

/** Chooses a heavy extraction named `name`, clicks « Convertir quand même », and waits for the page's note. */
async function heavyNotConverted(page: Page, name: string): Promise<void> {
  const csv = join(ARTIFACTS, name);
  writeFileSync(csv, heavyCsv());
  try {
    await page.setInputFiles('#csv-input', csv);
    await page.click('button[data-action="convert-heavy"]');
    await page.waitForSelector('#csv-results p.note', { timeout: 10_000 });
  } finally {
    rmSync(csv, { force: true });
  }
}

/** Waits until `condition` holds (polled from here: Playwright's waitForFunction takes a promise for a truthy value). */
async function until(condition: () => Promise<boolean>, timeout: number): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`condition not met within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function ownOrigin(url: string, base: string): boolean {
  return url.startsWith(base) || url.startsWith('blob:') || url.startsWith('data:');
}

describe.skipIf(!available)('web page served over plain http (an intranet: no secure context)', () => {
  test('both tools start: the extraction converts, the certificates tool says why it cannot verify keys here', async () => {
    // A host name that is not the machine's own: Chromium gives it no secure context, as an intranet server.
    const intranet = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP intranet.test 127.0.0.1'] });
    try {
      const { page, errors } = await openRecording(intranet, origin.replace('127.0.0.1', 'intranet.test') + '/');
      expect(await page.evaluate(() => isSecureContext)).toBe(false);
      const download = page.waitForEvent('download', { timeout: 60_000 });
      await page.setInputFiles('#csv-input', EXAMPLE);
      expect((await download).suggestedFilename()).toBe('extraction-sne.xlsx');
      await page.setInputFiles('#cert-input', BUNDLE);
      await page.click('#cert-open');
      await page.waitForSelector('#cert-message:not(:empty)');
      expect(await page.textContent('#cert-message')).toContain('servie en http simple');
      expect(errors).toEqual([]);
    } finally {
      await intranet.close();
    }
  }, 120_000);
});

describe.skipIf(!available)('web page in Chromium', () => {
  test('converts the example extraction; the downloaded workbook matches the source cell by cell', async () => {
    const { page, requests, errors } = await open(`${origin}/`);
    const downloadPromise = page.waitForEvent('download', { timeout: 60_000 });
    await page.setInputFiles('#csv-input', EXAMPLE);
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toBe('extraction-sne.xlsx');
    const path = join(ARTIFACTS, 'web-extraction-sne.xlsx');
    await download.saveAs(path);
    await page.waitForSelector('[data-state="done"]');
    const text = (await page.textContent('#csv-results'))?.replace(/[\u202f\u00a0]/g, ' ');
    expect(text).toContain('2 500 lignes, 20 colonnes — encodage windows-1252');
    await page.screenshot({ path: join(ARTIFACTS, 'web-extraction.png'), fullPage: true });

    const source = parseCsv(createDecoder('windows-1252').decode(readFileSync(EXAMPLE), true), ';').records;
    const wb = XLSX.read(readFileSync(path), { type: 'buffer' });
    const sheet = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['Extraction']!, { header: 1, raw: true, defval: '' });
    expect(sheet.length).toBe(source.length);
    source.forEach((row, r) =>
      row.forEach((value, c) => {
        const got = sheet[r]![c];
        if (typeof got === 'number') expect(got).toBe(parseNumber(value) ? Number(parseNumber(value)!.xml) : parseDate(value)!.serial);
        else expect(got).toBe(value);
      }),
    );
    expect(requests.filter((u) => !ownOrigin(u, origin))).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);

  test('opens the example bundle: table of roles, downloads that open with the same password', async () => {
    const { page, requests, errors } = await open(`${origin}/`);
    await page.setInputFiles('#cert-input', BUNDLE);
    await page.fill('#cert-password', PASSWORD);
    await page.click('#cert-open');
    await page.waitForSelector('#cert-table');
    const roles = await page.$$eval('#cert-table tr[data-role]', (rows) => rows.map((r) => (r as HTMLElement).dataset.role));
    expect(roles).toEqual(['chiffrement', 'signature', 'authentification', 'autorite', 'autorite']);
    expect(await page.textContent('#cert-table')).toContain('Jeanne Dupont-Lefèvre');
    await page.screenshot({ path: join(ARTIFACTS, 'web-certificates.png'), fullPage: true });

    const save = async (selector: string, name: string) => {
      const wait = page.waitForEvent('download');
      await page.click(selector);
      const d = await wait;
      expect(d.suggestedFilename()).toBe(name);
      const path = join(ARTIFACTS, `web-${name}`);
      await d.saveAs(path);
      return new Uint8Array(readFileSync(path));
    };
    const signature = await save('a[data-role="signature"][data-kind="p12"]', 'signature - Jeanne Dupont-Lefèvre.p12');
    const reopened = await openBundle([{ name: 'signature.p12', bytes: signature }], { password: PASSWORD });
    expect(reopened.certificates.find((c) => c.hasPrivateKey)?.role).toBe('signature');
    const cer = await save('a[data-role="chiffrement"][data-kind="cer"]', 'chiffrement - Jeanne Dupont-Lefèvre.cer');
    const enc = await openBundle([{ name: 'chiffrement.cer', bytes: cer }]);
    expect(enc.certificates.map((c) => [c.role, c.hasPrivateKey])).toEqual([['chiffrement', false]]);
    const zip = await save('#cert-zip', 'certificats-sne - Jeanne Dupont-Lefèvre.zip');
    const fromZip = await openBundle([{ name: 'certificats-sne.zip', bytes: zip }], { password: PASSWORD });
    expect(fromZip.certificates.filter((c) => c.hasPrivateKey).map((c) => c.role)).toEqual(['signature', 'authentification']);
    expect(requests.filter((u) => !ownOrigin(u, origin))).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);

  test('export options: modern profile and a new password for the exported files', async () => {
    const { page } = await open(`${origin}/`);
    await page.setInputFiles('#cert-input', BUNDLE);
    await page.fill('#cert-password', PASSWORD);
    await page.click('.options summary');
    await page.selectOption('#cert-profile', 'modern');
    await page.fill('#cert-out-password', 'Nouveau-mot-de-passe-é');
    await page.click('#cert-open');
    await page.waitForSelector('a[data-role="authentification"][data-kind="p12"]');
    const wait = page.waitForEvent('download');
    await page.click('a[data-role="authentification"][data-kind="p12"]');
    const path = join(ARTIFACTS, 'web-authentification-modern.p12');
    await (await wait).saveAs(path);
    const reopened = await openBundle([{ name: 'a.p12', bytes: new Uint8Array(readFileSync(path)) }], { password: 'Nouveau-mot-de-passe-é' });
    expect(reopened.certificates.find((c) => c.hasPrivateKey)?.role).toBe('authentification');
    const { spawnSync } = await import('node:child_process');
    const info = spawnSync('openssl', ['pkcs12', '-in', path, '-info', '-noout', '-passin', 'pass:Nouveau-mot-de-passe-é'], { encoding: 'utf8' });
    if (!info.error) expect(info.stderr).toContain('AES-256-CBC');
  }, 60_000);

  test('a password Java refuses: the note beside the output password field, as it is typed or when the bundle reuses one', async () => {
    const { page, errors } = await open(`${origin}/`);
    const note = '#cert-out-password-warning';
    await page.click('.options summary');
    expect(await page.isVisible(note)).toBe(false);
    for (const [typed, warns] of [['Mot de passe ~ 2026!', false], ['Mötdepassé-Œuf-2026', true], ['tab\there', true], ['del\u007f', true], ['Sans-accent-2026', false]] as const) {
      await page.fill('#cert-out-password', typed);
      expect(await page.isVisible(note), typed).toBe(warns);
    }
    await page.fill('#cert-out-password', 'Mötdepassé-Œuf-2026');
    expect(await page.textContent(note)).toMatch(/^Le mot de passe choisi .*Java.*« Nouveau mot de passe des fichiers exportés », puis cliquez sur Ouvrir\.$/);

    // The certificate's own accented password, reused: shown when the bundle is opened, options unfolded.
    const reused = await open(`${origin}/`);
    await reused.page.setInputFiles('#cert-input', join(ROOT, 'packages/certificates/test/fixtures/signature-modern.p12'));
    await reused.page.fill('#cert-password', readFileSync(join(ROOT, 'packages/certificates/test/fixtures/password.txt'), 'utf8'));
    await reused.page.click('#cert-open');
    await reused.page.waitForSelector('a[data-role="signature"][data-kind="p12"]');
    expect(await reused.page.isVisible(note)).toBe(true);
    expect(await reused.page.textContent(note)).toContain('du fichier d\'origine, repris');
    expect(await reused.page.textContent('#cert-results')).not.toContain('Java'); // said once, beside its field
    await reused.page.screenshot({ path: join(ARTIFACTS, 'web-password-not-portable.png'), fullPage: true });

    // The example's ASCII password, reused: no note.
    const ascii = await open(`${origin}/`);
    await ascii.page.setInputFiles('#cert-input', BUNDLE);
    await ascii.page.fill('#cert-password', PASSWORD);
    await ascii.page.click('#cert-open');
    await ascii.page.waitForSelector('a[data-role="signature"][data-kind="p12"]');
    expect(await ascii.page.isVisible(note)).toBe(false);
    expect([...errors, ...reused.errors, ...ascii.errors]).toEqual([]);
  }, 60_000);

  test('a wrong password gives the same clear French message as the CLI', async () => {
    const { page } = await open(`${origin}/`);
    await page.setInputFiles('#cert-input', BUNDLE);
    await page.fill('#cert-password', 'faux');
    await page.press('#cert-password', 'Enter');
    await page.waitForSelector('#cert-message:not(:empty)');
    expect(await page.textContent('#cert-message')).toContain('Mot de passe incorrect');
    expect(await page.getAttribute('#cert-message', 'data-code')).toBe('BAD_PASSWORD');
    expect(await page.textContent('#cert-message')).not.toContain('[BAD_PASSWORD]');
  }, 60_000);

  test('works opened from disk (file://), with no request outside the page', async () => {
    const url = pathToFileURL(join(DIST, 'index.html')).href;
    const { page, requests, errors } = await open(url);
    const wait = page.waitForEvent('download', { timeout: 60_000 });
    await page.setInputFiles('#csv-input', { name: 'petit.csv', mimeType: 'text/csv', buffer: Buffer.from('Numéro unique;Montant\r\n0590423808575GDPUB;1 234,56\r\n') });
    const d = await wait;
    const path = join(ARTIFACTS, 'web-file-petit.xlsx');
    await d.saveAs(path);
    const wb = XLSX.read(readFileSync(path), { type: 'buffer' });
    expect(XLSX.utils.sheet_to_json(wb.Sheets['Extraction']!, { header: 1, raw: true })).toEqual([['Numéro unique', 'Montant'], ['0590423808575GDPUB', 1234.56]]);
    const base = url.slice(0, url.lastIndexOf('/') + 1);
    expect(requests.filter((u) => !ownOrigin(u, base))).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);

  test('a 200,000-row extraction converts in the tab (worker, constant memory) and verifies cell by cell', async () => {
    const csv = join(ARTIFACTS, 'web-200000.csv');
    await writeExtraction(csv, 200_000);
    const { page, errors } = await open(`${origin}/`);
    const wait = page.waitForEvent('download', { timeout: 300_000 });
    await page.setInputFiles('#csv-input', csv);
    const d = await wait;
    const path = join(ARTIFACTS, 'web-200000.xlsx');
    await d.saveAs(path);
    expect(errors).toEqual([]);
    const { analyzeExtraction } = await import('@sne-toolbox/extraction');
    const { fileSource, verifyWorkbook } = await import('@sne-toolbox/extraction/node');
    const analysis = await analyzeExtraction(await fileSource(csv));
    const report = await verifyWorkbook(await fileSource(csv), analysis, path);
    expect(report).toMatchObject({ rows: 200_000, differenceCount: 0 });
  }, 400_000);

  test('keyboard: every control is reachable with Tab and labelled', async () => {
    const { page } = await open(`${origin}/`);
    const labels = await page.$$eval('input, button, select', (nodes) =>
      nodes.map((n) => {
        const el = n as HTMLInputElement;
        return el.labels?.length ? el.labels[0]!.textContent!.trim() : (el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
      }),
    );
    expect(labels.every((l) => l.length > 0)).toBe(true);
    const focused: string[] = [];
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      focused.push(await page.evaluate(() => document.activeElement?.id ?? ''));
    }
    expect(focused).toEqual(expect.arrayContaining(['csv-input', 'cert-input', 'cert-password', 'cert-open']));
  }, 60_000);
  test('a heavy file: the workbook is written to the file chosen in the save dialog, as it comes, and nothing is downloaded', async () => {
    const { page, errors } = await open(`${origin}/`);
    // The save dialog cannot be answered in a headless browser: it returns a file of the private
    // storage, which supports the same writable stream as a file on disk.
    await page.evaluate(() => {
      (window as unknown as { showSaveFilePicker: unknown }).showSaveFilePicker = async (options: { suggestedName: string; excludeAcceptAllOption: boolean }) => {
        (window as unknown as { suggested: string }).suggested = options.suggestedName;
        (window as unknown as { onlyXlsx: boolean }).onlyXlsx = options.excludeAcceptAllOption;
        return (await navigator.storage.getDirectory()).getFileHandle('choisi.xlsx', { create: true });
      };
    });
    let downloads = 0;
    page.on('download', () => downloads++);
    const comment = 'Demande de mutation : logement T3 proche école, rez-de-chaussée souhaité. '.repeat(14);
    const rows = Array.from({ length: 1000 }, (_, i) => `0590423808${String(i).padStart(3, '0')}GDPUB;${comment}`).join('\r\n') + '\r\n';
    const csv = join(ARTIFACTS, 'lourd.csv');
    writeFileSync(csv, 'Numéro unique;Commentaire\r\n' + rows.repeat(100));
    try {
      expect(statSync(csv).size).toBeGreaterThan(100 * 1024 * 1024);
      await page.setInputFiles('#csv-input', csv);
      await page.click('button[data-action="convert-heavy"]');
      await page.waitForSelector('.result[data-state="done"]', { timeout: 170_000 });
    } finally {
      rmSync(csv, { force: true });
    }
    expect(await page.evaluate(() => (window as unknown as { suggested: string }).suggested)).toBe('lourd.xlsx');
    // The clicked button is gone: the focus is on the conversion's box, not lost to the page.
    expect(await page.evaluate(() => document.activeElement?.closest('.result')?.getAttribute('data-file'))).toBe('lourd.csv');
    // Chromium empties a file as soon as it is chosen: the dialog offers .xlsx files only, never the extraction.
    expect(await page.evaluate(() => (window as unknown as { onlyXlsx: boolean }).onlyXlsx)).toBe(true);
    expect(await page.textContent('.result .status')).toContain('enregistré sous « choisi.xlsx »');
    const data = await page.evaluate(async () => {
      const file = await (await (await navigator.storage.getDirectory()).getFileHandle('choisi.xlsx')).getFile();
      let s = '';
      for (const byte of new Uint8Array(await file.arrayBuffer())) s += String.fromCharCode(byte);
      return btoa(s);
    });
    const book = XLSX.read(Buffer.from(data, 'base64'), { type: 'buffer' });
    const rowsRead = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0]!]!, { header: 1, raw: true, defval: '' });
    expect(rowsRead.length).toBe(100_001);
    expect(rowsRead[100_000]).toEqual(['0590423808999GDPUB', comment]);
    expect(downloads).toBe(0);
    expect(errors).toEqual([]);
  }, 240_000);
  test('a conversion whose worker dies: the box says so, and its file in the private storage is removed', async () => {
    const { page } = await open(`${origin}/`);
    // The page's workers, recorded as they are made (a worker cannot be killed from outside; its
    // error event is what the page sees when it dies of a lack of memory).
    await page.addInitScript(() => {
      const Original = window.Worker;
      const made: Worker[] = [];
      (window as unknown as { made: Worker[] }).made = made;
      window.Worker = class extends Original {
        constructor(...args: ConstructorParameters<typeof Worker>) {
          super(...args);
          made.push(this);
        }
      };
    });
    await page.reload();
    const stored = () =>
      page.evaluate(async () => {
        const names: string[] = [];
        const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('classeurs', { create: true });
        for await (const name of (folder as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
        return names;
      });
    expect(await stored()).toEqual([]);
    const csv = join(ARTIFACTS, 'meurt.csv');
    writeFileSync(csv, segmentedExtraction());
    try {
      await page.setInputFiles('#csv-input', csv);
      // Over http, Chromium gives the private storage: the worker opens the workbook's file there first.
      await until(async () => (await stored()).length === 1, 30_000);
      await page.evaluate(() => (window as unknown as { made: Worker[] }).made.at(-1)!.dispatchEvent(new ErrorEvent('error', { message: 'Out of memory' })));
      await page.waitForSelector('.result[data-state="error"][data-code="WORKER_FAILED"]', { timeout: 5000 });
    } finally {
      rmSync(csv, { force: true });
    }
    expect(await page.textContent('.result .error')).toContain('le navigateur manque peut-être de mémoire');
    await until(async () => (await stored()).length === 0, 5000);
  }, 120_000);
  test('a heavy file whose save dialog the agent closes: not converted, and the page says so', async () => {
    const { page } = await open(`${origin}/`);
    await closeEveryDialog(page);
    await heavyNotConverted(page, 'lourd-ferme.csv');
    expect(await page.textContent('#csv-results')).toContain('« lourd-ferme.csv » n\'a pas été converti : aucun emplacement n\'a été choisi');
    expect(await page.$('.result[data-state]')).toBeNull();
    // The next step has the focus: the button that opens the dialog again.
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.action)).toBe('choose-target');
  }, 120_000);
  test('a name typed with another extension in the save dialog: nothing is written into that file, and the page says why', async () => {
    const { page } = await open(`${origin}/`);
    await page.evaluate(() => {
      (window as unknown as { showSaveFilePicker: unknown }).showSaveFilePicker = async () => (await navigator.storage.getDirectory()).getFileHandle('lourd-nom.csv', { create: true });
    });
    await heavyNotConverted(page, 'lourd-nom.csv');
    expect(await page.textContent('#csv-results p.note')).toContain('le fichier choisi, « lourd-nom.csv », n\'est pas un classeur .xlsx, et rien n\'y a été écrit');
    expect(await page.$('.result[data-state]')).toBeNull();
    expect(await page.evaluate(async () => (await (await (await navigator.storage.getDirectory()).getFileHandle('lourd-nom.csv')).getFile()).size)).toBe(0);
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.action)).toBe('choose-target');
  }, 120_000);
  test('two heavy extractions in a zip, the first dialog closed: the live region says both the refusal and the next question', async () => {
    const { page } = await open(`${origin}/`);
    await closeEveryDialog(page);
    const heavy = heavyCsv();
    await page.setInputFiles('#csv-input', { name: 'deux.zip', mimeType: 'application/zip', buffer: zipSync({ 'a-national.csv': heavy, 'b-national.csv': heavy }) });
    await page.click('button[data-action="convert-heavy"]', { timeout: 20_000 });
    await page.waitForSelector('.heavy[data-file="b-national.csv"]', { timeout: 20_000 });
    const said = await page.textContent('#csv-announce');
    expect(said).toContain('« a-national.csv » n\'a pas été converti');
    expect(said).toContain('« b-national.csv » fait');
  }, 120_000);
  test('a heavy extraction inside a zip is asked about as a chosen one: dialog closed, it waits; « Choisir où enregistrer » saves it there', async () => {
    const { page } = await open(`${origin}/`);
    await page.evaluate(() => {
      const w = window as unknown as { showSaveFilePicker: unknown; suggested: string[] };
      w.suggested = [];
      // Closed the first time; the second time, a file of the private storage stands for the chosen one.
      w.showSaveFilePicker = async (options: { suggestedName: string }) => {
        w.suggested.push(options.suggestedName);
        if (w.suggested.length === 1) throw new DOMException('The user aborted a request.', 'AbortError');
        return (await navigator.storage.getDirectory()).getFileHandle('choisi-zip.xlsx', { create: true });
      };
    });
    const names: string[] = [];
    page.on('download', (d) => names.push(d.suggestedFilename()));
    const heavy = heavyCsv();
    await page.setInputFiles('#csv-input', { name: 'envoi.zip', mimeType: 'application/zip', buffer: zipSync({ 'national.csv': heavy, 'agence.csv': 'Nom;Montant\r\nDupont;1\r\n' }) });
    await page.click('button[data-action="convert-heavy"]', { timeout: 20_000 });
    await page.waitForSelector('.result[data-state="done"]', { timeout: 30_000 });
    expect(await page.textContent('#csv-results')).toContain('« national.csv » n\'a pas été converti : aucun emplacement n\'a été choisi pour le classeur.');
    // Only the light extraction has a box: the heavy one was not converted.
    expect(await page.$$eval('.result[data-state]', (boxes) => boxes.map((b) => (b as HTMLElement).dataset.file))).toEqual(['agence.csv']);
    await page.click('button[data-action="choose-target"]');
    await page.waitForFunction(() => document.querySelectorAll('.result[data-state="done"]').length === 2, undefined, { timeout: 120_000 });
    expect(await page.evaluate(() => (window as unknown as { suggested: string[] }).suggested)).toEqual(['national.xlsx', 'national.xlsx']);
    expect(await page.textContent('.result[data-file="national.csv"] .status')).toContain('enregistré sous « choisi-zip.xlsx »');
    const size = await page.evaluate(async () => (await (await (await navigator.storage.getDirectory()).getFileHandle('choisi-zip.xlsx')).getFile()).size);
    expect(size).toBeGreaterThan(1000);
    expect(names).toEqual(['agence.xlsx']);
  }, 120_000);
});
