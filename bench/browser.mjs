#!/usr/bin/env node
// `pnpm bench:browser`: the single-file page (release/sne-toolbox.html, from `pnpm release`) converts
// a 1,000,000-row extraction in Debian's Chromium, from file://. Prints the time to the download and
// the peak memory of all Chromium processes (sum of their RSS, sampled every 200 ms).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
if (!existsSync(csv)) await writeExtraction(csv, rows);

function chromiumRssMb() {
  let kb = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (!readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('chrom')) continue;
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) kb += Number(m[1]);
    } catch {
      // The process ended meanwhile.
    }
  }
  return kb / 1024;
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const downloads = mkdtempSync(join(tmpdir(), 'sne-bench-page-'));
try {
  const context = await browser.newContext({ acceptDownloads: true });
  const tab = await context.newPage();
  await tab.goto(pathToFileURL(page).href);
  const idle = chromiumRssMb();
  let peak = idle;
  const sampler = setInterval(() => (peak = Math.max(peak, chromiumRssMb())), 200);
  const started = performance.now();
  const wait = tab.waitForEvent('download', { timeout: 30 * 60_000 });
  await tab.setInputFiles('#csv-input', csv);
  const download = await wait;
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const out = join(downloads, 'page.xlsx');
  await download.saveAs(out);
  console.log(`Page (Chromium ${browser.version()}), ${rows.toLocaleString('fr-FR')} lignes, ${(statSync(csv).size / 1e6).toFixed(0)} Mo : ${seconds.toFixed(1)} s jusqu'au téléchargement ; mémoire de Chromium ${idle.toFixed(0)} Mo au repos, ${peak.toFixed(0)} Mo au plus haut ; .xlsx ${(statSync(out).size / 1e6).toFixed(0)} Mo`);
  try {
    const count = execFileSync('unzip', ['-l', out], { encoding: 'utf8' }).match(/xl\/worksheets\/sheet\d+\.xml/g)?.length;
    console.log(`  feuilles dans le classeur : ${count}`);
  } catch {
    // unzip absent: the size above is what we report.
  }
} finally {
  await browser.close();
  rmSync(downloads, { recursive: true, force: true });
}
