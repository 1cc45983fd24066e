#!/usr/bin/env node
// `pnpm bench:browser [rows]`: the single-file page (release/sne-toolbox.html, from `pnpm release`)
// converts an extraction (1,000,000 rows by default) in Debian's Chromium and Firefox ESR, from
// file://, and the CLI converts it in the same run. Prints the time to the download against the CLI's
// (target: 2×), and each browser's memory at rest (median of five samples, 2 s after the load) and at the peak (sum of its processes' RSS,
// sampled every 200 ms; targets: +300 MB at 1M rows, +500 MB at 2.5M rows). Chromium runs twice for
// a file over 100 MB: from file:// without the save dialog (the workbook made of Blobs), and with it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { writeExtraction } from '../examples/generate-extraction.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const page = join(root, 'release/sne-toolbox.html');
if (!existsSync(page)) {
  console.error('Construisez d\'abord la page : pnpm release');
  process.exit(1);
}
const rows = Number(process.argv[2] ?? 1_000_000);
const csv = join(root, `bench/data/extraction-${rows}.csv`);
if (!existsSync(csv)) {
  mkdirSync(dirname(csv), { recursive: true });
  await writeExtraction(csv, rows);
}

/** Sum of the RSS of the processes whose name starts with `prefix` (a browser and its children), in MB. */
function rssMb(prefix) {
  let kb = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (!readFileSync(`/proc/${pid}/comm`, 'utf8').toLowerCase().startsWith(prefix)) continue;
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) kb += Number(m[1]);
    } catch {
      // The process ended meanwhile.
    }
  }
  return kb / 1024;
}

/** The CLI on the same file, in the same run: the reference of the 2× target. */
function cli() {
  const out = join(downloads, 'cli.xlsx');
  const started = performance.now();
  execFileSync(process.execPath, [join(root, 'packages/extraction/dist/bin.js'), 'convert', csv, '-o', out, '--force', '-q']);
  return (performance.now() - started) / 1000;
}

/** Sum of the RSS of process `root` and all its descendants, in MB (Firefox's content processes have other names). */
function treeRssMb(root) {
  const children = new Map();
  const rss = new Map();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const ppid = /PPid:\s+(\d+)/.exec(status)?.[1];
      rss.set(pid, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
      if (ppid) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      // The process ended meanwhile.
    }
  }
  let kb = 0;
  const stack = [String(root)];
  while (stack.length) {
    const pid = stack.pop();
    kb += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return kb / 1024;
}

/** Drives one browser through `steps` (choose the file, confirm a heavy file, wait for the workbook), sampling memory. */
async function measure(name, memory, steps) {
  const rssOf = typeof memory === 'number' ? () => treeRssMb(memory) : () => rssMb(memory);
  // At rest: the page loaded 2 s ago, as an agent meets it when choosing a file (right after the
  // load, Chromium's renderer is still growing by some 40 MB, which would count as the conversion's).
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const rest = [];
  for (let i = 0; i < 5; i++, await new Promise((resolve) => setTimeout(resolve, 200))) rest.push(rssOf());
  const idle = rest.sort((a, b) => a - b)[2];
  let peak = idle;
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf())), 200);
  const started = performance.now();
  const bytes = await steps();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  return { name, seconds, idle, peak, bytes };
}

async function inChromium() {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await browser.newContext({ acceptDownloads: true });
    const tab = await context.newPage();
    // The save dialog a heavy file opens in Chromium cannot be answered here: the bench measures
    // the way without it (the workbook made of Blobs, downloaded), as the issue asks.
    await tab.addInitScript(() => delete window.showSaveFilePicker);
    await tab.goto(pathToFileURL(page).href);
    return await measure(`Chromium ${browser.version()}`, 'chrom', async () => {
      const wait = tab.waitForEvent('download', { timeout: 30 * 60_000 });
      await tab.setInputFiles('#csv-input', csv);
      const heavy = await tab.waitForSelector('button[data-action="convert-heavy"]', { timeout: 5000 }).catch(() => null);
      await heavy?.click();
      const out = join(downloads, 'chromium.xlsx');
      await (await wait).saveAs(out);
      return statSync(out).size;
    });
  } finally {
    await browser.close();
  }
}

/**
 * Chromium as an agent meets it with a heavy file: the save dialog, and the workbook written into the
 * chosen file as it comes. The dialog cannot be answered by a driven browser, so a file of the private
 * storage stands for the chosen one; that storage needs http (Chromium refuses it from file://), so the
 * page is served from 127.0.0.1 for this run.
 */
async function inChromiumChosenFile() {
  const { createServer } = await import('node:http');
  const html = readFileSync(page);
  const server = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  // A profile on disk, as an agent's: the private storage of a driven browser's default context is
  // kept in memory (an incognito context), which would count the workbook twice.
  const profile = mkdtempSync(join(tmpdir(), 'sne-bench-profile-'));
  const browser = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const tab = browser.pages()[0] ?? (await browser.newPage());
    await tab.addInitScript(() => {
      window.showSaveFilePicker = async () => (await navigator.storage.getDirectory()).getFileHandle('choisi.xlsx', { create: true });
    });
    await tab.goto(`http://127.0.0.1:${server.address().port}/`);
    return await measure(`Chromium ${/Chrome\/([\d.]+)/.exec(await tab.evaluate(() => navigator.userAgent))?.[1]}, fichier choisi`, 'chrom', async () => {
      await tab.setInputFiles('#csv-input', csv);
      await (await tab.waitForSelector('button[data-action="convert-heavy"]', { timeout: 5000 })).click();
      await tab.waitForSelector('.result[data-state="done"], .result[data-state="error"]', { timeout: 30 * 60_000 });
      return tab.evaluate(async () => (await (await (await navigator.storage.getDirectory()).getFileHandle('choisi.xlsx')).getFile()).size);
    });
  } finally {
    await browser.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/* global window, HTMLAnchorElement, Blob, navigator -- these functions run in the page */
async function inFirefox() {
  const puppeteer = (await import('puppeteer-core')).default;
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true });
  try {
    const tab = await browser.newPage();
    await tab.goto(pathToFileURL(page).href);
    // The workbook's size, read from the Blob the page downloads (the CSP forbids fetch).
    await tab.evaluate(() => {
      const click = HTMLAnchorElement.prototype.click;
      const sizes = new Map();
      const create = URL.createObjectURL.bind(URL);
      URL.createObjectURL = (o) => {
        const url = create(o);
        if (o instanceof Blob) sizes.set(url, o.size);
        return url;
      };
      HTMLAnchorElement.prototype.click = function () {
        if (!this.download) return click.call(this);
        window.downloaded = sizes.get(this.href);
      };
    });
    return await measure(`Firefox ${await browser.version()}`, browser.process().pid, async () => {
      const input = await tab.$('#csv-input');
      await input.uploadFile(csv);
      const heavy = await tab.waitForSelector('button[data-action="convert-heavy"]', { timeout: 5000 }).catch(() => null);
      await heavy?.click();
      await tab.waitForFunction(() => window.downloaded !== undefined, { timeout: 30 * 60_000, polling: 200 });
      return tab.evaluate(() => window.downloaded);
    });
  } finally {
    await browser.close();
  }
}

const downloads = mkdtempSync(join(tmpdir(), 'sne-bench-page-'));
try {
  const reference = cli();
  console.log(`${rows.toLocaleString('fr-FR')} lignes, ${(statSync(csv).size / 1e6).toFixed(0)} Mo, depuis file:// ; CLI (même séance) : ${reference.toFixed(1)} s`);
  console.log('| navigateur | temps | ratio / CLI | cible | mémoire au repos | au plus haut | en plus | .xlsx |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const run of [inChromium, inFirefox, ...(statSync(csv).size > 100 * 1024 * 1024 ? [inChromiumChosenFile] : [])]) {
    const m = await run();
    console.log(`| ${m.name} | ${m.seconds.toFixed(1)} s | ${(m.seconds / reference).toFixed(2)} | ≤ 2 | ${m.idle.toFixed(0)} Mo | ${m.peak.toFixed(0)} Mo | +${(m.peak - m.idle).toFixed(0)} Mo | ${(m.bytes / 1e6).toFixed(0)} Mo |`);
  }
} finally {
  rmSync(downloads, { recursive: true, force: true });
}
