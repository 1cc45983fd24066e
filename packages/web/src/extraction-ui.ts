import { EXTRACTION_FILE, XLSX_MEDIA_TYPE } from '@sne-toolbox/extraction';
import { EXTRACTION_EXTENSIONS_TEXT } from '@sne-toolbox/extraction/internal';
import { openZip, ZipError } from '@sne-toolbox/zip-reader';
import { printable } from '@sne-toolbox/text';
import { dropZone, el } from './download.js';
import { announcer, convertInPage, count, xlsxName } from './extraction-job.js';
import { cleanPrivateStorage } from './workbook-sink.js';

// The « Convertir une extraction » tool: files chosen or dropped, zips opened member by member, a
// word before a conversion that Excel will find heavy. Each file converts in its own box
// (extraction-job.ts), with its options and remedies (extraction-options.ts).

/** Above this, the workbook is likely over 100 MB or several sheets: Excel opens it slowly. */
const HEAVY_BYTES = 100 * 1024 * 1024;
/** The command line's bounds for a zip of extractions, counted on inflated bytes. */
const ZIP_LIMITS = { maxEntries: 1000, maxEntrySize: 512 * 1024 * 1024, maxTotalSize: 1024 * 1024 * 1024 };
const ZIP_FILE_LIMIT = 512 * 1024 * 1024;

/** A note in the results: a refused zip, a member left aside, a workbook with nowhere to go. */
function note(results: HTMLElement, text: string, error = false): HTMLParagraphElement {
  const said = el('p', text, error ? 'error' : 'note');
  results.prepend(said);
  return said;
}

/** The extractions of a zip, each as a Blob built from its inflated pieces (never one array). */
async function zipMembers(file: File, results: HTMLElement): Promise<{ blob: Blob; name: string }[]> {
  if (file.size > ZIP_FILE_LIMIT) {
    note(results, `L'archive « ${file.name} » dépasse ${count(ZIP_FILE_LIMIT / 1048576, 'Mo', 'Mo')} : décompressez-la avec l'Explorateur Windows, puis choisissez les fichiers .csv.`, true);
    return [];
  }
  try {
    const members = openZip(new Uint8Array(await file.arrayBuffer()), ZIP_LIMITS);
    const csv = members.filter((m) => EXTRACTION_FILE.test(m.name));
    if (csv.length < members.length) note(results, `« ${file.name} » : ${count(members.length - csv.length, 'fichier qui n\'est pas une extraction a été laissé', 'fichiers qui ne sont pas des extractions ont été laissés')} de côté.`);
    const out: { blob: Blob; name: string }[] = [];
    // Two members of one name in two folders keep their folder in their name: two distinct workbooks.
    const base = (name: string) => name.split(/[\\/]/).pop()!;
    const shared = new Set(csv.map((m) => base(m.name)).filter((b, i, all) => all.indexOf(b) !== i));
    for (const member of csv) {
      const parts: Blob[] = [];
      try {
        for await (const chunk of member.stream()) parts.push(new Blob([chunk as BlobPart]));
      } catch (error) {
        // One member altered after zipping: said, and the others go on.
        if (!(error instanceof ZipError) || error.kind !== 'checksum') throw error;
        note(results, `Dans l'archive « ${file.name} », ${error.detail} : ce fichier n'est pas converti.`, true);
        continue;
      }
      const name = shared.has(base(member.name)) ? member.name.replace(/[\\/]+/g, ' - ') : base(member.name);
      out.push({ blob: new Blob(parts), name: printable(name) });
    }
    if (out.length === 0) note(results, `L'archive « ${file.name} » ne contient aucune extraction (${EXTRACTION_EXTENSIONS_TEXT}).`, true);
    return out;
  } catch (error) {
    if (!(error instanceof ZipError)) throw error;
    note(results, `L'archive « ${file.name} » n'a pas été ouverte : ${error.detail}. Décompressez-la avec l'Explorateur Windows, puis choisissez les fichiers .csv.`, true);
    return [];
  }
}

/** The agent's answer for a heavy file: convert or not, and where the workbook goes when the browser lets them choose. */
interface HeavyAnswer {
  go: boolean;
  target?: FileSystemFileHandle | undefined;
  /** Why nothing was converted: the agent closed the save dialog, or chose a file that is not a workbook. */
  notSaved?: string;
}

type SavePicker = (options: { suggestedName: string; excludeAcceptAllOption: boolean; types: { description: string; accept: Record<string, string[]> }[] }) => Promise<FileSystemFileHandle>;

/**
 * Where to save a heavy file's workbook, asked in the click (the browser requires one): Chromium's
 * save dialog, so the workbook is written there as it comes instead of being kept in memory
 * (docs/performance.md). Elsewhere, or if
 * the dialog cannot open, the workbook is downloaded as usual; the agent closing it means « do not
 * convert ».
 */
async function chooseTarget(name: string): Promise<HeavyAnswer> {
  const picker = (window as unknown as { showSaveFilePicker?: SavePicker }).showSaveFilePicker;
  if (typeof picker !== 'function') return { go: true };
  try {
    // Only .xlsx files are offered: Chromium empties an existing file as soon as it is chosen (the
    // agent has confirmed « Remplacer »), so « Tous les fichiers » would let the extraction itself be
    // chosen, and emptied before it is read.
    const target = await picker.call(window, { suggestedName: xlsxName(name), excludeAcceptAllOption: true, types: [{ description: 'Classeur Excel', accept: { [XLSX_MEDIA_TYPE]: ['.xlsx'] } }] });
    // A name typed with another extension (« national.csv ») is still accepted by the dialog, and the
    // file already emptied: nothing is written into it, and the agent is told what may have happened.
    if (!/\.xlsx$/i.test(target.name)) {
      return { go: false, notSaved: `« ${name} » n'a pas été converti : le fichier choisi, « ${target.name} », n'est pas un classeur .xlsx, et rien n'y a été écrit. Le navigateur vide un fichier dès qu'il est choisi : si c'était un fichier utile (votre extraction), reprenez-le depuis le SNE ou une copie. Choisissez ensuite un nom qui finit par .xlsx.` };
    }
    return { go: true, target };
  } catch (error) {
    if (!(error instanceof DOMException && error.name === 'AbortError')) return { go: true };
    return { go: false, notSaved: `« ${name} » n'a pas été converti : aucun emplacement n'a été choisi pour le classeur.` };
  }
}

/** Asks before a conversion whose workbook Excel will open slowly: a file chosen, or an extraction of a zip. */
function heavyConfirmation(file: Blob, name: string, results: HTMLElement, announce: (text: string, urgent?: boolean) => void): Promise<HeavyAnswer> {
  if (file.size <= HEAVY_BYTES) return Promise.resolve({ go: true });
  return new Promise((resolve) => {
    const box = el('div', undefined, 'result heavy');
    box.dataset.file = name;
    const text = `« ${name} » fait ${count(Math.round(file.size / 1048576), 'Mo', 'Mo')} : le classeur dépassera sans doute 100 Mo ou une feuille (1 048 575 lignes), et Excel pourra être lent à l'ouvrir. Les fichiers suivants attendent votre réponse.`;
    const said = el('p', text);
    said.id = `heavy-${Math.random().toString(36).slice(2)}`;
    box.append(said);
    announce(text, true);
    const go = el('button', 'Convertir quand même');
    const stop = el('button', 'Ne pas convertir', 'secondary');
    for (const b of [go, stop]) b.type = 'button';
    go.dataset.action = 'convert-heavy';
    go.setAttribute('aria-describedby', said.id);
    go.addEventListener('click', () => {
      box.remove();
      void chooseTarget(name).then(resolve);
    });
    stop.addEventListener('click', () => (box.remove(), resolve({ go: false })));
    box.append(go, stop);
    results.prepend(box);
    go.focus();
  });
}

/** Wires the « Convertir une extraction » tool. */
export function setupExtraction(): void {
  const input = document.querySelector<HTMLInputElement>('#csv-input')!;
  const results = document.querySelector<HTMLElement>('#csv-results')!;
  const announce = announcer(document.querySelector<HTMLElement>('#csv-announce')!);
  void cleanPrivateStorage();
  // The box of a conversion that starts gets the focus when the button clicked for it has gone.
  const start = (file: Blob, name: string, target?: FileSystemFileHandle) => {
    convertInPage(file, name, {}, results, announce, target);
    if (!document.activeElement || document.activeElement === document.body) results.querySelector<HTMLElement>('.result h3')?.focus();
  };
  // Nothing converted (the save dialog closed, or a file that is not a workbook chosen): a button
  // opens the dialog again (a click is needed for it), so that one extraction of a zip does not mean
  // choosing the zip again.
  const notSaved = (file: Blob, name: string, text: string) => {
    const said = note(results, `${text} `);
    const retry = el('button', `Choisir où enregistrer « ${name} »`, 'secondary');
    retry.type = 'button';
    retry.dataset.action = 'choose-target';
    retry.addEventListener('click', () => {
      said.remove();
      void chooseTarget(name).then((answer) => (answer.go ? start(file, name, answer.target) : answer.notSaved && notSaved(file, name, answer.notSaved)));
    });
    said.append(retry);
    announce(text, true);
    retry.focus();
  };
  // A heavy extraction is asked about first, whether chosen or found in a zip.
  const one = async (file: Blob, name: string) => {
    const answer = await heavyConfirmation(file, name, results, announce);
    if (answer.go) start(file, name, answer.target);
    else if (answer.notSaved) notSaved(file, name, answer.notSaved);
  };
  const take = async (files: File[]) => {
    for (const file of files) {
      if (!/\.zip$/i.test(file.name)) await one(file, file.name);
      else for (const member of await zipMembers(file, results)) await one(member.blob, member.name);
    }
  };
  input.addEventListener('change', () => {
    void take([...(input.files ?? [])]);
    input.value = '';
  });
  dropZone(document.querySelector<HTMLElement>('#csv-drop')!, (files) => void take(files));
}
