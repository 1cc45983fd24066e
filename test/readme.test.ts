import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { zipSync } from '../packages/extraction/test/zip-helper.js';
import { ROOT } from './helpers.js';

// Every command of the README's `sh` blocks is run here, in a fresh folder with the example data, or
// is listed below with the test that runs it (the README says the same under "Commandes du README").

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'packages/extraction/package.json'), 'utf8')) as { version: string }).version;
const PASSWORD = readFileSync(join(ROOT, 'examples/certificats/mot-de-passe.txt'), 'utf8').trim();

/** Commands run elsewhere, with where. */
const RUN_ELSEWHERE: [RegExp, string][] = [
  [/^npx -y pnpm@[\d.]+ install && npx -y pnpm@[\d.]+ release$/, 'test/release-e2e.test.ts runs scripts/release.mjs on the build; .ci/run runs pnpm release'],
  [/^cd release && sha256sum -c SHA256SUMS$/, 'test/release-e2e.test.ts (SHA256SUMS verifies, with sha256sum -c)'],
  [/^npm install -g \.\/sne-toolbox-extraction-[\d.]+\.tgz \.\/sne-toolbox-certificates-[\d.]+\.tgz$/, 'test/release-e2e.test.ts (each tarball installed offline, bins run)'],
  [/^npx -y pnpm@[\d.]+ install && npx -y pnpm@[\d.]+ demo$/, 'test/extraction-e2e.test.ts runs examples/demo.mjs; .ci/run runs pnpm demo'],
  [/^npx -y pnpm@[\d.]+ install && npx -y pnpm@[\d.]+ test$/, 'this suite itself (.ci/run)'],
  [/^npx -y pnpm@[\d.]+ web$/, 'not run: it starts a server that waits for Ctrl-C; its build step is the next line'],
  [/^npx -y pnpm@[\d.]+ --filter web build$/, 'run by pnpm build, the first step of the test command (checked below)'],
  [/^export MDP=/, 'sets the password: the example bundle\'s password is used instead'],
];

function readmeCommands(): string[] {
  const commands: string[] = [];
  for (const block of README.matchAll(/```sh\n([\s\S]*?)```/g)) {
    for (const line of block[1]!.split('\n')) {
      const command = line.replace(/\s+#.*$/, '').trim();
      if (command) commands.push(command);
    }
  }
  return commands;
}

let work: string;
let bin: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'sne-readme-'));
  bin = join(work, 'bin');
  mkdirSync(bin);
  for (const [name, pkg] of [['sne-extraction', 'extraction'], ['sne-certificates', 'certificates']]) {
    writeFileSync(join(bin, name!), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'packages', pkg!, 'dist', 'bin.js')}" "$@"\n`);
    chmodSync(join(bin, name!), 0o755);
  }
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('README commands', () => {
  const commands = readmeCommands();

  test('the README has the commands this test knows', () => {
    expect(commands.length).toBeGreaterThan(10);
    const unknown = commands.filter((c) => !/^sne-(extraction|certificates) /.test(c) && !RUN_ELSEWHERE.some(([re]) => re.test(c)));
    expect(unknown).toEqual([]);
  });

  test('the install line names the tarballs of this version', () => {
    const install = commands.find((c) => c.startsWith('npm install -g'))!;
    expect(install).toBe(`npm install -g ./sne-toolbox-extraction-${VERSION}.tgz ./sne-toolbox-certificates-${VERSION}.tgz`);
  });

  test('the web page build the README names exists after the test command\'s build', () => {
    expect(existsSync(join(ROOT, 'packages/web/dist/index.html'))).toBe(true);
  });

  test.each(commands.filter((c) => /^sne-(extraction|certificates) /.test(c)))('%s', (command) => {
    const dir = mkdtempSync(join(work, 'run-'));
    copyFileSync(join(ROOT, 'examples/extraction-sne.csv'), join(dir, 'extraction.csv'));
    mkdirSync(join(dir, 'exports'));
    copyFileSync(join(ROOT, 'examples/extraction-sne.csv'), join(dir, 'exports', 'extraction-janvier.csv'));
    copyFileSync(join(ROOT, 'examples/certificats/Jeanne Dupont-Lefevre - certificat RGS (TEST).p12'), join(dir, 'certificat.p12'));
    writeFileSync(join(dir, 'envoi.zip'), zipSync({ 'extraction-fevrier.csv': readFileSync(join(ROOT, 'examples/extraction-sne.csv'), 'latin1') }));
    const r = spawnSync('sh', ['-c', command], { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, MDP: PASSWORD } });
    expect(r.status, `${command}\n${r.stderr}`).toBe(0);
    expect(r.stderr).not.toMatch(/\[(INTERNAL|WRITE_FAILED|USAGE)\]/);
  }, 60_000);
});
