import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { expect, test } from 'vitest';
import { ROOT } from './helpers.js';

// « Organisation du dépôt » in the README names every source file, script, bench, example and
// document: a reader knows from it where each thing lives, and a new file without its line fails here.

const readme = readFileSync(`${ROOT}/README.md`, 'utf8');
const layout = readme.slice(readme.indexOf('## Organisation du dépôt'), readme.indexOf('## Commandes du README'));

const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'packages', 'scripts', 'bench', 'examples', 'docs'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n')
  .filter((f) => /^packages\/[^/]+\/(src|scripts)\/|^scripts\/|^bench\/[^/]+\.mjs$|^examples\/[^/]+\.mjs$|^examples\/ts\/|^docs\/[^/]+\.md$/.test(f));

test('the layout names every source file, script, bench, example and document', () => {
  expect(tracked.length).toBeGreaterThan(150);
  const unnamed = tracked.filter((file) => {
    const stem = basename(file).split('.')[0]!;
    return !new RegExp(`(?<![\\w-])${stem.replace(/[-]/g, '\\-')}(?![\\w-])`).test(layout);
  });
  expect(unnamed).toEqual([]);
});
