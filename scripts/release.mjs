#!/usr/bin/env node
// Builds release/ from the built workspace (run `pnpm release`, which builds first):
//   sne-toolbox.html   the whole web page in one self-contained file (script, style and worker inlined,
//                      allowed by their hashes in a strict CSP: no 'unsafe-inline', no connection);
//   *.tgz              the two npm packages, installable offline (npm install -g ./file.tgz);
//   LISEZMOI.txt       what each file is for, for an agent and for an admin (French);
//   SHA256SUMS         checksums of every file, in the format `sha256sum -c` reads.
//   node scripts/release.mjs [--out <folder>]
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
Les dépendances (commander, node-forge) viennent du cache npm ou d'un miroir interne ; sur un poste
sans aucun accès, installez depuis un poste qui a ce cache, ou utilisez la page sne-toolbox.html.

Vérifier les fichiers
---------------------
SHA256SUMS donne l'empreinte de chaque fichier. Sous Linux : sha256sum -c SHA256SUMS
Sous Windows (PowerShell) : Get-FileHash sne-toolbox.html   (comparez avec la ligne du fichier).
`;

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'sne-toolbox.html'), singleFilePage());
// pnpm pack, not npm pack: it turns the workspace: links into versions, as a published package has them.
const pnpm = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager;
for (const pkg of ['extraction', 'certificates']) {
  execFileSync('npx', ['-y', pnpm, 'pack', '--pack-destination', out], { cwd: join(root, 'packages', pkg), stdio: ['ignore', 'ignore', 'inherit'] });
}
writeFileSync(join(out, 'LISEZMOI.txt'), '\uFEFF' + LISEZMOI.replace(/\n/g, '\r\n'));
const files = readdirSync(out).filter((f) => f !== 'SHA256SUMS').sort();
writeFileSync(join(out, 'SHA256SUMS'), files.map((f) => `${sha256(readFileSync(join(out, f))).toString('hex')}  ${f}\n`).join(''));
for (const f of [...files, 'SHA256SUMS']) {
  const size = readFileSync(join(out, f)).byteLength;
  console.log(`${f.padEnd(40)} ${(size / 1024).toFixed(0).padStart(6)} Ko`);
}
console.log(`\nrelease ${version} écrite dans ${out}`);
