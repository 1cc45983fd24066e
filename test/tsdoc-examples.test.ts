import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';
import { ROOT } from './helpers.js';

// Every `@example` of the libraries' TSDoc runs, as a developer would paste it, on this Node (20 in
// CI: an example using `Array.fromAsync` failed there once). Each runs in its own Node process
// against the built package, after a prelude that gives it what its text assumes: `file` and `bytes`
// (an extraction), and the package's "." names.

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** The `@example` blocks of a source file: the comment lines after the tag, up to the next tag or the end of the comment. */
function examples(path: string): string[] {
  const found: string[][] = [];
  for (const comment of readFileSync(path, 'utf8').match(/\/\*\*[\s\S]*?\*\//g) ?? []) {
    let current: string[] | null = null;
    for (const line of comment.split('\n').map((l) => l.replace(/^\s*\/?\*+\/?\s?/, ''))) {
      if (line.startsWith('@example')) found.push((current = []));
      else if (line.startsWith('@')) current = null;
      else current?.push(line);
    }
  }
  return found.map((lines) => lines.join('\n').trim()).filter(Boolean);
}

const PRELUDE: Record<string, string> = {
  extraction: [
    "import { convertExtraction, convertToBytes, inspectExtraction, readExtraction } from '@sne-toolbox/extraction';",
    "const bytes = new TextEncoder().encode('Numéro unique;Nom;Montant\\r\\n0590423808001GDPUB;Dupont;1 234,56\\r\\n0590423808002GDPUB;Durand;12,5\\r\\n');",
    'const file = new Blob([bytes]);',
  ].join('\n'),
  certificates: [
    "import { readFileSync } from 'node:fs';",
    "import { checkBundle, classifyCertificate, exportBundle, openBundle, parseCertificate } from '@sne-toolbox/certificates';",
    "const bytes = readFileSync('examples/certificats/Jeanne Dupont-Lefevre - certificat RGS (TEST).p12');",
    "const password = readFileSync('examples/certificats/mot-de-passe.txt', 'utf8').trim();",
  ].join('\n'),
};

const all = ['extraction', 'certificates'].flatMap((pkg) => sources(join(ROOT, 'packages', pkg, 'src')).flatMap((path) => examples(path).map((code) => ({ pkg, where: relative(ROOT, path), code }))));

test('the libraries have @example blocks to run', () => {
  expect(all.length).toBeGreaterThanOrEqual(2);
});

test.each(all)('$where: its @example runs on this Node', ({ pkg, code }) => {
  const program = `${PRELUDE[pkg]}\n${code}\nconsole.log('exemple exécuté');\n`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', program], { cwd: ROOT, encoding: 'utf8' });
  expect(out.trim().split('\n').at(-1)).toBe('exemple exécuté');
});
