import type { ColumnType, ConversionReport } from '@sne-toolbox/extraction';
import { download, downloadLink, dropZone, el } from './download.js';
import ExtractionWorker from './extraction-worker.ts?worker&inline';
import type { WorkerRequest, WorkerResponse } from './extraction-worker.js';

const TYPE_LABELS: Record<ColumnType, string> = {
  text: 'texte',
  integer: 'entier',
  decimal: 'décimal',
  date: 'date',
  datetime: 'date et heure',
  empty: 'vide',
};
const TYPE_PLURALS: Record<ColumnType, string> = {
  text: 'texte',
  integer: 'entiers',
  decimal: 'décimaux',
  date: 'dates',
  datetime: 'dates et heures',
  empty: 'vides',
};
const PHASES: Record<string, string> = { analyze: 'Analyse', write: 'Écriture du classeur', 'long-values': 'Valeurs longues' };

function xlsxName(name: string): string {
  return name.replace(/\.(csv|txt|tsv)$/i, '') + '.xlsx';
}

function summary(report: ConversionReport): HTMLElement {
  const box = el('div');
  const counts = new Map<ColumnType, number>();
  for (const c of report.columnTypes) counts.set(c.type, (counts.get(c.type) ?? 0) + 1);
  box.append(
    el(
      'p',
      `${report.rows.toLocaleString('fr-FR')} lignes, ${report.columns} colonnes — encodage ${report.encoding}, séparateur « ${report.delimiter === '\t' ? 'tabulation' : report.delimiter} »${report.sheets > 1 ? `, ${report.sheets} feuilles` : ''}.`,
    ),
  );
  const details = el('details');
  details.append(el('summary', `Types des colonnes : ${[...counts].map(([t, n]) => `${n} ${n > 1 ? TYPE_PLURALS[t] : TYPE_LABELS[t]}`).join(', ')}`));
  const list = el('ul');
  for (const c of report.columnTypes) list.append(el('li', `${c.name} : ${TYPE_LABELS[c.type]}`));
  details.append(list);
  box.append(details);
  const total = Object.values(report.warningCounts).reduce((a, b) => a + (b ?? 0), 0);
  if (total) {
    box.append(el('p', `${total} avertissement${total > 1 ? 's' : ''} (détail aussi dans la feuille « Informations ») :`));
    const warnings = el('ul', undefined, 'warnings');
    for (const w of report.warnings.slice(0, 10)) warnings.append(el('li', w.message));
    box.append(warnings);
  }
  return box;
}

/** Wires the "Convertir une extraction" tool. */
export function setupExtraction(): void {
  const input = document.querySelector<HTMLInputElement>('#csv-input')!;
  const results = document.querySelector<HTMLElement>('#csv-results')!;
  const worker: Worker = new ExtractionWorker();
  let nextId = 1;
  const pending = new Map<number, (message: WorkerResponse) => void>();
  worker.onmessage = (event: MessageEvent<WorkerResponse>) => pending.get(event.data.id)?.(event.data);

  const convert = (file: File) => {
    const id = nextId++;
    const box = el('div', undefined, 'result');
    box.dataset.file = file.name;
    const title = el('h3', file.name);
    const status = el('p', 'En attente…');
    const bar = el('progress');
    bar.max = 1;
    bar.value = 0;
    bar.setAttribute('aria-label', `Progression de ${file.name}`);
    box.append(title, status, bar);
    results.prepend(box);
    pending.set(id, (message) => {
      if (message.type === 'progress') {
        status.textContent = `${PHASES[message.phase] ?? message.phase}… ${Math.round(message.ratio * 100)} %`;
        bar.value = (message.phase === 'analyze' ? 0 : 0.5) + message.ratio / 2;
        return;
      }
      pending.delete(id);
      bar.remove();
      if (message.type === 'error') {
        status.textContent = `${message.message} [${message.code}]`;
        status.className = 'error';
        box.dataset.state = 'error';
        return;
      }
      const name = xlsxName(file.name);
      status.textContent = `Terminé : ${name} est téléchargé.`;
      box.append(summary(message.report), downloadLink(message.blob, name, `Télécharger ${name}`, true));
      box.dataset.state = 'done';
      download(message.blob, name);
    });
    const request: WorkerRequest = { id, file };
    worker.postMessage(request);
  };

  input.addEventListener('change', () => {
    for (const file of input.files ?? []) convert(file);
    input.value = '';
  });
  dropZone(document.querySelector<HTMLElement>('#csv-drop')!, (files) => files.forEach(convert));
}
