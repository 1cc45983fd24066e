#!/usr/bin/env node
// Seeded generator of synthetic SNE extractions: realistic shape, no real person.
// Usage: node examples/generate-extraction.mjs [rows=2500] [output=examples/extraction-sne.csv] [seed=2026]
// Output: windows-1252, ';' delimiter, CRLF, RFC 4180 quoting — as the SNE Infocentre exports.
import { createWriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Small fast deterministic PRNG (mulberry32). */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const HEADER = [
  'Numéro unique', 'Date de dépôt', 'Dernière mise à jour', 'Civilité', 'Nom', 'Prénom', 'Date de naissance',
  'Adresse', 'Code postal', 'Commune', 'Code INSEE', 'Téléphone', 'Nombre de personnes', 'Revenu fiscal de référence',
  'Ressources mensuelles', 'Typologie demandée', 'Motif de la demande', 'Commentaire', 'Guichet enregistreur', 'Statut',
];

const NOMS = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Lefèvre', 'Müller', "N'Diaye", 'Benoît', 'Gaël', 'Nguyễn'.normalize('NFC').replace('ễ', 'e'), 'Le Gall', 'Ça Ira', 'Œillet', 'Zoé'];
const PRENOMS = ['Élodie', 'Jérôme', 'François', 'Anaïs', 'Noël', 'Maëlle', 'Cécile', 'Loïc', 'Hélène', 'Zoë', 'Inès', 'Raphaël', 'Aurélie', 'Jean-Luc', 'Bénédicte'];
const VOIES = ['rue de la République', 'avenue Jean-Jaurès', 'boulevard Gambetta', 'place du Marché', 'impasse des Tilleuls', 'chemin de l\'Étang', 'allée Bœuf'];
const COMMUNES = [
  ['01000', 'Bourg-en-Bresse', '01053'], ['02100', 'Saint-Quentin', '02691'], ['59000', 'Lille', '59350'],
  ['59100', 'Roubaix', '59512'], ['20000', 'Ajaccio', '2A004'], ['20200', 'Bastia', '2B033'],
  ['42000', 'Saint-Étienne', '42218'], ['25000', 'Besançon', '25056'], ['97200', 'Fort-de-France', '97209'],
  ['75019', 'Paris 19e Arrondissement', '75119'], ['06000', 'Nice', '06088'], ['09000', 'Foix', '09122'],
];
const MOTIFS = [
  'Logement trop petit', 'Logement trop cher', 'Sans logement propre', 'Divorce; séparation', 'Raisons de santé',
  'Rapprochement du lieu de travail', 'Logement "indigne" signalé', 'Loyer > 800 € hors charges', 'Handicap',
];
const COMMENTAIRES = [
  '', '', '', '', 'Dossier complet', 'Pièces manquantes : avis d\'imposition\r\nrelancé par courrier', 'RDV le 12/03 à 14h; accompagnement "DALO"',
  'Ménage prioritaire\r\nPLAI demandé\r\nvoir note', '  espaces conservés  ', '=A1+1 (pas une formule)', 'Montant: 1 250,00 € — à vérifier',
];
const GUICHETS = ['GDPUB', '59900', '59001', 'E0012', 'A1234', '11001'];
const TYPOLOGIES = ['T1', 'T2', 'T3', 'T4', 'T5', 'T1 bis'];
const STATUTS = ['Active', 'Active', 'Active', 'Renouvelée', 'Radiée'];

const pad = (n, w) => String(n).padStart(w, '0');

function pick(rand, list) {
  return list[Math.floor(rand() * list.length)];
}

function amount(rand, max) {
  const cents = Math.floor(rand() * max * 100);
  const euros = Math.floor(cents / 100);
  const grouped = String(euros).replace(/\B(?=(\d{3})+(?!\d))/g, rand() < 0.5 ? ' ' : '\u00a0');
  return `${grouped},${pad(cents % 100, 2)}`;
}

function quote(value) {
  return /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Builds the i-th row (deterministic for a given PRNG state). */
export function makeRow(rand, i) {
  const [cp, commune, insee] = pick(rand, COMMUNES);
  const territory = insee.startsWith('2A') || insee.startsWith('2B') ? '0' + insee.slice(0, 2) : rand() < 0.7 ? '0' + cp.slice(0, 2) : '111';
  const year = 15 + Math.floor(rand() * 11);
  const month = 1 + Math.floor(rand() * 12);
  const guichet = pick(rand, GUICHETS);
  const nur = `${territory.length === 3 ? territory : pad(territory, 3)}${pad(month, 2)}${pad(year, 2)}${pad(i % 1000000, 6)}${guichet}`;
  const depot = `${pad(1 + Math.floor(rand() * 28), 2)}/${pad(month, 2)}/20${pad(year, 2)}`;
  const maj = `${pad(1 + Math.floor(rand() * 28), 2)}/${pad(1 + Math.floor(rand() * 12), 2)}/2026 ${pad(Math.floor(rand() * 24), 2)}:${pad(Math.floor(rand() * 60), 2)}:${pad(Math.floor(rand() * 60), 2)}`;
  const birth = `${pad(1 + Math.floor(rand() * 28), 2)}/${pad(1 + Math.floor(rand() * 12), 2)}/${1935 + Math.floor(rand() * 70)}`;
  const adresse = rand() < 0.1 ? `${1 + Math.floor(rand() * 120)} ${pick(rand, VOIES)}; bât. B\r\nappartement ${Math.floor(rand() * 40)}` : `${1 + Math.floor(rand() * 120)} ${pick(rand, VOIES)}`;
  const phone = rand() < 0.1 ? '' : `0${6 + Math.floor(rand() * 2)}${pad(Math.floor(rand() * 1e8), 8)}`;
  const persons = String(1 + Math.floor(rand() * 7));
  const rfr = rand() < 0.05 ? '' : amount(rand, 60000);
  const ressources = rand() < 0.05 ? '' : amount(rand, 4000);
  return [
    nur, depot, maj, rand() < 0.5 ? 'Madame' : 'Monsieur', pick(rand, NOMS).toUpperCase(), pick(rand, PRENOMS), birth,
    adresse, cp, commune, insee, phone, persons, rfr, ressources, pick(rand, TYPOLOGIES), pick(rand, MOTIFS),
    pick(rand, COMMENTAIRES), guichet, pick(rand, STATUTS),
  ];
}

const CP1252_HIGH = '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';
const TO_CP1252 = new Map([...CP1252_HIGH].map((ch, i) => [ch, 0x80 + i]));

/** Encodes text as windows-1252; throws on a character it cannot hold. */
export function encodeWindows1252(text) {
  const out = Buffer.allocUnsafe(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) out[i] = c;
    else {
      const b = TO_CP1252.get(text[i]);
      if (b === undefined) throw new Error(`not in windows-1252: U+${c.toString(16)}`);
      out[i] = b;
    }
  }
  return out;
}

/** Yields the CSV text of an extraction of `rows` rows, in blocks. */
export function* extractionText(rows, seed = 2026) {
  const rand = random(seed);
  let block = HEADER.map(quote).join(';') + '\r\n';
  for (let i = 1; i <= rows; i++) {
    block += makeRow(rand, i).map(quote).join(';') + '\r\n';
    if (block.length > 1 << 16) {
      yield block;
      block = '';
    }
  }
  yield block;
}

/** Writes an extraction file (windows-1252); resolves when it is on disk. */
export async function writeExtraction(path, rows, seed = 2026) {
  const out = createWriteStream(path);
  for (const block of extractionText(rows, seed)) {
    if (!out.write(encodeWindows1252(block))) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = Number(process.argv[2] ?? 2500);
  const output = process.argv[3] ?? fileURLToPath(new URL('./extraction-sne.csv', import.meta.url));
  const seed = Number(process.argv[4] ?? 2026);
  await writeExtraction(output, rows, seed);
  console.log(`${rows} lignes écrites dans ${output}`);
}
