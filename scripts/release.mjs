#!/usr/bin/env node
// Builds release/ from the built workspace (run `pnpm release`, which builds first):
//   sne-toolbox.html   the whole web page in one self-contained file (script, style and worker inlined,
//                      allowed by their hashes in a strict CSP: no 'unsafe-inline', no connection);
//   *.tgz              the two npm packages, installable offline (npm install -g ./file.tgz);
//   sne-toolbox-api-<version>.tar.gz  the API reference (typedoc's HTML, from `pnpm docs:api`);
//   LISEZMOI.txt       what each file is for, for an agent, an admin and a developer (French);
//   SHA256SUMS         checksums of every file, in the format `sha256sum -c` reads.
//   node scripts/release.mjs [--out <folder>]
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outIndex = process.argv.indexOf('--out');
const out = outIndex > 0 ? process.argv[outIndex + 1] : join(root, 'release');
const version = JSON.parse(readFileSync(join(root, 'packages/extraction/package.json'), 'utf8')).version;
const webDist = join(root, 'packages/web/dist');

const sha256 = (data) => createHash('sha256').update(data).digest();

/** The page as one file: the built index.html with its stylesheet and script inlined, CSP by hashes. */
export function singleFilePage() {
  let html = readFileSync(join(webDist, 'index.html'), 'utf8');
  const assets = join(webDist, 'assets');
  const css = readdirSync(assets).filter((f) => f.endsWith('.css')).map((f) => readFileSync(join(assets, f), 'utf8')).join('\n');
  // `</script` inside the code would end the element early; `<\/script` means the same to JavaScript.
  const js = readFileSync(join(assets, 'app.js'), 'utf8').replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
  html = html.replace(/<link rel="stylesheet"[^>]*>\s*/g, '').replace(/<script[^>]*src="[^"]*app\.js"[^>]*><\/script>\s*/g, '');
  if (/src="\.\/assets|href="\.\/assets/.test(html)) throw new Error('index.html still references a file in assets/');
  const style = `<style>${css}</style>`;
  const script = `<script>${js}</script>`;
  const hash = (text) => `'sha256-${sha256(text).toString('base64')}'`;
  html = html.replace(/(<meta\s+http-equiv="Content-Security-Policy"\s+content=")[^"]*"/, (_, start) =>
    `${start}default-src 'none'; script-src ${hash(js)}; style-src ${hash(css)}; img-src data: blob:; worker-src blob:; connect-src 'none'; form-action 'none'; base-uri 'none'"`,
  );
  // Replacer functions: the code holds `$&` and `$'`, which a replacement string would expand.
  html = html.replace('</head>', () => `    ${style}\n  </head>`).replace('</body>', () => `    ${script}\n  </body>`);
  if (!html.includes(`content="default-src 'none'; script-src 'sha256-`)) throw new Error('CSP not rewritten');
  return html;
}

const LISEZMOI = `Boîte à outils SNE — version ${version}
=========================================

Outils libres pour les guichets enregistreurs du SNE. Tout fonctionne sur votre poste : aucune
donnée n'est envoyée, aucune connexion n'est faite.

Pour les agents : sne-toolbox.html
----------------------------------
Une seule page, à ouvrir par un double-clic (depuis Téléchargements, un partage réseau, une clé USB
ou une pièce jointe enregistrée). Elle s'ouvre dans votre navigateur, même sans connexion :
  - « Convertir une extraction » : choisissez le fichier .csv exporté du SNE ; vous obtenez un
    classeur Excel lisible (accents corrects, numéros uniques intacts, vraies dates et montants) ;
  - « Certificats RGS » : ouvrez le certificat reçu de l'autorité (.p12) avec son mot de passe ;
    la page prépare les fichiers à envoyer au gestionnaire et à installer.
Rien d'autre à installer. La version est affichée en bas de la page.

Pour les administrateurs : les paquets npm (Node.js 20 ou plus récent)
---------------------------------------------------------------------
  sne-toolbox-extraction-${version}.tgz    commande sne-extraction (extractions CSV vers Excel)
  sne-toolbox-certificates-${version}.tgz  commande sne-certificates (certificats RGS)
Installation sans réseau, depuis ce dossier (les deux fichiers côte à côte) :
  npm install -g ./sne-toolbox-extraction-${version}.tgz
  npm install -g ./sne-toolbox-certificates-${version}.tgz
Puis : sne-extraction --help, sne-certificates --help (aide en français).
Leurs dépendances (commander, node-forge) sont incluses dans chaque archive : rien n'est téléchargé.

Pour les développeurs : la référence de l'API
---------------------------------------------
  sne-toolbox-api-${version}.tar.gz  la référence des deux bibliothèques (HTML, en anglais) :
  décompressez-la (tar -xzf, ou 7-Zip sous Windows) et ouvrez api/index.html.
Les bibliothèques s'installent depuis les archives .tgz ci-dessus : npm install ./<archive>.tgz

Vérifier les fichiers
---------------------
SHA256SUMS donne l'empreinte de chaque fichier. Sous Linux : sha256sum -c SHA256SUMS
Sous Windows (PowerShell) : Get-FileHash sne-toolbox.html   (comparez avec la ligne du fichier).
`;

/** The folder of an installed dependency, found from the package that depends on it. */
function installedDir(from, name) {
  let dir = dirname(createRequire(join(from, 'package.json')).resolve(name));
  while (!existsSync(join(dir, 'package.json')) || JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name !== name) dir = dirname(dir);
  return dir;
}

/**
 * A tarball that installs offline (`npm install -g ./x.tgz` on a PC without registry access)
 * and still declares its dependencies, so that npm audit and Dependabot see node-forge:
 * pnpm pack turns the workspace: links into versions (and applies publishConfig), then npm pack
 * ships the dependencies inside it as bundleDependencies (pnpm refuses those with its isolated
 * node_modules). A developer installing from the registry gets them the usual way.
 */
function offlineTarball(pkgDir, destination) {
  const pnpm = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager;
  const work = mkdtempSync(join(tmpdir(), 'sne-release-'));
  try {
    execFileSync('npx', ['-y', pnpm, 'pack', '--pack-destination', work], { cwd: pkgDir, stdio: ['ignore', 'ignore', 'inherit'] });
    const packed = readdirSync(work).find((f) => f.endsWith('.tgz'));
    execFileSync('tar', ['-xzf', join(work, packed), '-C', work]);
    const dir = join(work, 'package');
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const deps = Object.keys(manifest.dependencies ?? {});
    for (const dep of deps) cpSync(installedDir(pkgDir, dep), join(dir, 'node_modules', dep), { recursive: true, dereference: true });
    manifest.bundleDependencies = deps;
    writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
    execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', destination], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'sne-toolbox.html'), singleFilePage());
for (const pkg of ['extraction', 'certificates']) offlineTarball(join(root, 'packages', pkg), out);
// The API reference, as typedoc wrote it (`pnpm docs:api`, which `pnpm release` and `pnpm test` run).
if (!existsSync(join(root, 'docs/api/index.html'))) throw new Error('docs/api absent : lancez pnpm docs:api');
execFileSync('tar', ['-czf', join(out, `sne-toolbox-api-${version}.tar.gz`), '-C', join(root, 'docs'), 'api']);
writeFileSync(join(out, 'LISEZMOI.txt'), '\uFEFF' + LISEZMOI.replace(/\n/g, '\r\n'));
const files = readdirSync(out).filter((f) => f !== 'SHA256SUMS').sort();
writeFileSync(join(out, 'SHA256SUMS'), files.map((f) => `${sha256(readFileSync(join(out, f))).toString('hex')}  ${f}\n`).join(''));
for (const f of [...files, 'SHA256SUMS']) {
  const size = readFileSync(join(out, f)).byteLength;
  console.log(`${f.padEnd(40)} ${(size / 1024).toFixed(0).padStart(6)} Ko`);
}
console.log(`\nrelease ${version} écrite dans ${out}`);
