import type { ColumnType, ConversionReport } from '@sne-toolbox/extraction';
import { COLUMN_TYPE_LABELS, EXTRACTION_FILE } from '@sne-toolbox/extraction';
import { PARALLEL_MIN_BYTES } from '@sne-toolbox/extraction/internal';
import { download, downloadLink, el } from './download.js';
import { optionsPanel, warningItem } from './extraction-options.js';
import ExtractionWorker from './extraction-worker.ts?worker&inline';
import { claimStoredWorkbooks, removeStored, storedWorkbookName } from './workbook-sink.js';
import type { PageOptions, WorkerRequest, WorkerResponse } from './extraction-worker.js';

// One file's conversion in the page: its box, its worker, its progress, its cancel button, its
// result. A worker per conversion: « Annuler » terminates it, which stops the work at once, frees
// its memory and downloads nothing.

const PHASES: Record<string, string> = { analyze: 'Analyse', write: 'Écriture du classeur', 'long-values': 'Valeurs longues' };
const fr = (n: number) => n.toLocaleString('fr-FR');
/** « 1 ligne », « 6 200 000 lignes ». */
export const count = (n: number, one: string, many: string) => `${fr(n)} ${n > 1 ? many : one}`;
/** « 45 secondes », « 2 min 05 s »: whole seconds first, then minutes (never « 1 min 60 s »). */
const seconds = (ms: number) => {
  const total = Math.round(ms / 1000);
  return total < 60 ? count(total, 'seconde', 'secondes') : `${Math.floor(total / 60)} min ${String(total % 60).padStart(2, '0')} s`;
};
/** A key per conversion for the ids of its controls: several boxes start in the same millisecond. */
let boxes = 0;

/**
 * Places for conversions: a zip of many extractions must not start a worker for each. A file large
 * enough to be written on every core (PARALLEL_MIN_BYTES) takes every place: two national
 * extractions chosen together run one after the other, not each with a thread per core and a
 * workbook in memory at the same time.
 */
const PLACES = 2;
let free = PLACES;
const waiting: { places: number; go: () => void }[] = [];

/** Starts the waiting conversions that fit, in their order. */
function startWaiting(): void {
  while (waiting.length && waiting[0]!.places <= free) waiting.shift()!.go();
}

/**
 * Runs `start` when `places` are free (and every conversion before it has started); returns the
 * release, to call once when the conversion ends or is cancelled (before it started too: it then
 * leaves the queue).
 */
function whenFree(start: () => void, places: number): () => void {
  let state: 'waiting' | 'running' | 'done' = 'waiting';
  const entry = {
    places,
    go: () => {
      state = 'running';
      free -= places;
      start();
    },
  };
  waiting.push(entry);
  startWaiting();
  return () => {
    if (state === 'waiting') waiting.splice(waiting.indexOf(entry), 1);
    if (state === 'running') free += places;
    state = 'done';
    startWaiting();
  };
}

export function xlsxName(name: string): string {
  return name.replace(EXTRACTION_FILE, '') + '.xlsx';
}

/** What the page says of a converted file: rows, columns, types, the preamble kept. */
function summary(report: ConversionReport): HTMLElement {
  const box = el('div');
  const delimiter = report.delimiter === '\t' ? 'tabulation' : `« ${report.delimiter} »`;
  box.append(el('p', `${count(report.rows, 'ligne', 'lignes')}, ${count(report.columns, 'colonne', 'colonnes')} — encodage ${report.encoding}, séparateur ${delimiter}${report.sheets > 1 ? `, ${report.sheets} feuilles` : ''}.`));
  if (report.preamble.length) {
    box.append(el('p', `${count(report.preamble.length, 'ligne', 'lignes')} avant l'en-tête (titre, commentaires), gardée${report.preamble.length > 1 ? 's' : ''} dans la feuille « Informations » : ${report.preamble.join(' / ')}`, 'preamble'));
  }
  const counts = new Map<ColumnType, number>();
  for (const c of report.columnTypes) counts.set(c.type, (counts.get(c.type) ?? 0) + 1);
  const details = el('details');
  details.append(el('summary', `Types des colonnes : ${[...counts].map(([t, n]) => `${n} ${COLUMN_TYPE_LABELS[t][n > 1 ? 'plural' : 'singular']}`).join(', ')}`));
  const list = el('ul');
  for (const c of report.columnTypes) list.append(el('li', `${c.name} : ${COLUMN_TYPE_LABELS[c.type].singular}${c.unit ? ` (${c.unit})` : ''}`));
  details.append(list);
  box.append(details);
  return box;
}

/** Announces to screen readers at most one message every few seconds (phases, the end). */
export function announcer(region: HTMLElement): (text: string, urgent?: boolean) => void {
  let last = 0;
  let lastUrgent = 0;
  return (text, urgent = false) => {
    const now = Date.now();
    if (!urgent && now - last < 4000) return;
    // Two urgent messages at once (a file not converted, then the next file's question) are both said.
    region.textContent = urgent && now - lastUrgent < 1500 ? `${region.textContent} ${text}` : text;
    last = now;
    if (urgent) lastUrgent = now;
  };
}

/** The warnings of a finished conversion, each with its remedy (at most ten; all of them are in « Informations »). */
function warningList(report: ConversionReport, options: PageOptions, again: (next: PageOptions) => void): HTMLElement[] {
  const total = Object.values(report.warningCounts).reduce((a, b) => a + (b ?? 0), 0);
  if (!total) return [];
  const warnings = el('ul', undefined, 'warnings');
  for (const w of report.warnings.slice(0, 10)) warnings.append(warningItem(w, report, options, again));
  return [el('p', `${count(total, 'avertissement', 'avertissements')} (détail aussi dans la feuille « Informations ») :`), warnings];
}

/** A conversion's box: its heading, status, bar and « Annuler », waiting for its turn. */
function conversionBox(name: string) {
  const box = el('div', undefined, 'result');
  box.dataset.file = name;
  const status = el('p', 'En attente d\'une autre conversion…', 'status');
  const bar = el('progress');
  bar.max = 1;
  bar.value = 0;
  bar.setAttribute('aria-label', `Progression de ${name}`);
  const cancel = el('button', 'Annuler', 'secondary');
  cancel.type = 'button';
  cancel.dataset.action = 'cancel';
  const heading = el('h3', name);
  heading.tabIndex = -1;
  box.append(heading, status, bar, cancel);
  return { box, status, bar, cancel, heading };
}

/** Converts `file` in its own box at the top of `results`; `again` reconverts with other options. */
export function convertInPage(file: Blob, name: string, options: PageOptions, results: HTMLElement, announce: (text: string, urgent?: boolean) => void, target?: FileSystemFileHandle): void {
  const { box, status, bar, cancel, heading } = conversionBox(name);
  const key = `conversion-${++boxes}`;
  results.prepend(box);
  let started = Date.now();
  // Made when the conversion's turn comes: a queue of waiting files holds no thread.
  let worker: Worker | null = null;
  let release = () => {};
  let phase = '';
  /** The workbook's file in the private storage, if the worker puts it there: named here, so that it is removed whenever the work stops. */
  const stored = storedWorkbookName();
  // The chosen file when no workbook reached it: the browser may have created it empty (what is
  // written goes to a swap file until the end, so a half-written workbook is never there).
  const chosenUnwritten = target ? ` Aucun classeur n'a été écrit dans le fichier choisi, « ${target.name} » : s'il est vide, supprimez-le, ou relancez la conversion.` : '';
  const elapsed = () => seconds(Date.now() - started);
  const tick = setInterval(() => (status.dataset.elapsed = elapsed()), 1000);
  // Ends the box's work. Unless a workbook was made, its file in the private storage goes too: a
  // cancel or a dead worker ends the worker before it can remove it.
  const finish = (made = false) => {
    clearInterval(tick);
    worker?.terminate();
    release();
    bar.remove();
    cancel.remove();
    if (!made) void removeStored(stored);
  };
  cancel.addEventListener('click', () => {
    finish();
    heading.focus();
    status.textContent = `Conversion annulée après ${elapsed()} : rien n'a été téléchargé.${chosenUnwritten}`;
    box.dataset.state = 'cancelled';
    announce(`Conversion de ${name} annulée.`, true);
  });
  const again = (next: PageOptions) => {
    // The old workbook's link goes with its box: its Blob is freed.
    for (const link of box.querySelectorAll<HTMLAnchorElement>('a[href^="blob:"]')) URL.revokeObjectURL(link.href);
    void removeStored(stored);
    box.remove();
    // A workbook the agent chose to save somewhere is converted again into the same file.
    convertInPage(file, name, next, results, announce, target);
    (results.querySelector('.result h3') as HTMLElement | null)?.focus();
  };
  const failed = (text: string, code: string) => {
    finish();
    status.textContent = text + chosenUnwritten;
    status.title = `Code : ${code}`;
    status.className = 'error';
    box.dataset.state = 'error';
    box.dataset.code = code;
    announce(`Échec de la conversion de ${name}.`, true);
  };
  // A worker that dies (out of memory, a script that does not load) ends the box too.
  const onError = (event: ErrorEvent) => {
    event.preventDefault();
    failed('La conversion s\'est arrêtée : le navigateur manque peut-être de mémoire. Fermez d\'autres onglets et recommencez, ou utilisez l\'outil en ligne de commande.', 'WORKER_FAILED');
  };
  const onMessage = (event: MessageEvent<WorkerResponse>) => {
    const message = event.data;
    if (message.type === 'progress') {
      bar.value = message.ratio;
      status.textContent = `${PHASES[message.phase] ?? message.phase}… ${Math.round(message.ratio * 100)} % — ${elapsed()}`;
      if (message.phase !== phase) announce(`${name} : ${PHASES[message.phase] ?? message.phase}.`);
      phase = message.phase;
      return;
    }
    if (message.type === 'stored') {
      claimStoredWorkbooks();
      return;
    }
    if (message.type === 'error') {
      failed(message.message, message.code);
      return;
    }
    finish(true);
    const output = message.blob ? xlsxName(name) : (target?.name ?? xlsxName(name));
    if (message.blob) {
      download(message.blob, output);
      status.textContent = `Terminé en ${elapsed()} : « ${output} » a été remis au navigateur (dossier Téléchargements).`;
      box.append(summary(message.report), downloadLink(message.blob, output, `Télécharger ${output} de nouveau`, true));
    } else {
      status.textContent = `Terminé en ${elapsed()} : le classeur est enregistré sous « ${output} », à l'emplacement que vous avez choisi.`;
      box.append(summary(message.report));
    }
    box.append(...warningList(message.report, options, again));
    box.append(optionsPanel(key, message.report, options, again));
    box.dataset.state = 'done';
    announce(message.blob ? `${name} converti : ${output} téléchargé.` : `${name} converti : enregistré sous ${output}.`, true);
  };
  release = whenFree(() => {
    started = Date.now();
    status.textContent = 'Démarrage…';
    worker = new ExtractionWorker();
    worker.onmessage = onMessage;
    worker.onerror = onError;
    worker.postMessage({ file, name, options, target, storedName: stored } satisfies WorkerRequest);
  }, file.size >= PARALLEL_MIN_BYTES ? PLACES : 1);
}
