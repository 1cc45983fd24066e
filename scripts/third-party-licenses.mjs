#!/usr/bin/env node
// Writes THIRD-PARTY-LICENSES.txt in the current package: the licence of every library its dist/
// bundles (see tsup.base.ts), read from the installed copy. Run by each package's build.
//   node ../../scripts/third-party-licenses.mjs commander node-forge
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(join(process.cwd(), 'package.json'));
const sections = process.argv.slice(2).map((name) => {
  // Walk up from the entry point: some packages do not export their package.json.
  let dir = dirname(require.resolve(name));
  while (!existsSync(join(dir, 'package.json')) || JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name !== name) dir = dirname(dir);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
  if (!file || !existsSync(join(dir, file))) throw new Error(`${name}: licence file not found`);
  return `${pkg.name} ${pkg.version} — ${pkg.license}\n${pkg.homepage ?? ''}\n\n${readFileSync(join(dir, file), 'utf8').trim()}\n`;
});
const own = JSON.parse(readFileSync('package.json', 'utf8')).name;
writeFileSync(
  'THIRD-PARTY-LICENSES.txt',
  `Libraries shipped inside ${own}'s release tarball (bundleDependencies: it installs offline):\n\n${sections.join('\n' + '-'.repeat(72) + '\n\n')}`,
);
