#!/usr/bin/env node
// After `changeset version`: one version everywhere. Writes the packages' version into the VERSION
// constants that `--version` prints, and fails if the fixed group drifted apart.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const versionOf = (pkg) => JSON.parse(readFileSync(join(root, 'packages', pkg, 'package.json'), 'utf8')).version;
const version = versionOf('extraction');
for (const pkg of ['certificates', 'web']) {
  if (versionOf(pkg) !== version) throw new Error(`${pkg} is at ${versionOf(pkg)}, extraction at ${version}: the fixed group drifted`);
}
for (const pkg of ['extraction', 'certificates']) {
  const file = join(root, 'packages', pkg, 'src', 'version.ts');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/VERSION = '[^']*'/, `VERSION = '${version}'`));
}
console.log(`version ${version} partout`);
