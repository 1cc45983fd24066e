import type { ConversionReport, ExtractionWarning, WarningRemedy } from '@sne-toolbox/extraction';
import { el } from './download.js';
import type { PageOptions } from './extraction-worker.js';

// The page's answer to the CLI's flags: an « Options » panel for a converted file, and a button on
// each warning that has a remedy. Both convert the same file again with the option applied. The
// library's messages name no option of anyone; the words here are the page's own.

const DELIMITER_WORDS: Record<string, string> = { ';': 'point-virgule « ; »', ',': 'virgule « , »', '\t': 'tabulation', '|': 'barre « | »' };
const ENCODING_WORDS: Record<string, string> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows (windows-1252)',
  'iso-8859-15': 'ISO-8859-15',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
};
const NUMBER_WORDS = { fr: 'à la française (1 234,56)', en: 'à l\'anglaise (1,234.56)' } as const;

/** The buttons of one remedy: each label, and the options it sets on top of `current`. */
export function remedyChoices(remedy: WarningRemedy, report: Pick<ConversionReport, 'columnTypes'>, current: PageOptions): { label: string; options: PageOptions }[] {
  const column = 'column' in remedy ? (report.columnTypes[remedy.column - 1]?.name ?? String(remedy.column)) : '';
  switch (remedy.option) {
    case 'numbers':
      return [
        ...remedy.values.map((v) => ({ label: `Lire les nombres ${NUMBER_WORDS[v]}`, options: { ...current, numbers: v } })),
        { label: `Garder « ${column} » en texte`, options: { ...current, textColumns: [...(current.textColumns ?? []), String(remedy.column)] } },
      ];
    case 'delimiter':
      return remedy.values.map((d) => ({ label: `Séparer par ${DELIMITER_WORDS[d] ?? d}`, options: { ...current, delimiter: d } }));
    case 'encoding':
      return remedy.values.map((e) => ({ label: `Lire en ${ENCODING_WORDS[e] ?? e}`, options: { ...current, encoding: e } }));
    case 'textColumns':
      return [{ label: `Garder « ${column} » en texte`, options: { ...current, textColumns: [...(current.textColumns ?? []), String(remedy.column)] } }];
  }
}

/** A warning as the page shows it: the library's sentence, then a button per remedy. */
export function warningItem(w: ExtractionWarning, report: ConversionReport, current: PageOptions, again: (options: PageOptions) => void): HTMLLIElement {
  const item = el('li', w.message);
  item.dataset.code = w.code;
  if (!w.remedy) return item;
  const actions = el('div', undefined, 'remedies');
  for (const choice of remedyChoices(w.remedy, report, current)) {
    const button = el('button', choice.label, 'secondary');
    button.type = 'button';
    button.dataset.remedy = w.remedy.option;
    button.addEventListener('click', () => again(choice.options));
    actions.append(button);
  }
  item.append(actions);
  return item;
}

function select(id: string, label: string, choices: [value: string, text: string][], value: string): [HTMLLabelElement, HTMLSelectElement] {
  const field = el('select');
  field.id = id;
  for (const [v, text] of choices) {
    const option = el('option', text);
    option.value = v;
    option.selected = v === value;
    field.append(option);
  }
  const caption = el('label', label);
  caption.htmlFor = id;
  return [caption, field];
}

/** The « Options » panel of a converted file: number convention, columns kept as text, delimiter, encoding. */
export function optionsPanel(key: string, report: ConversionReport, current: PageOptions, again: (options: PageOptions) => void): HTMLDetailsElement {
  const panel = el('details', undefined, 'options');
  panel.append(el('summary', 'Options de conversion'));
  const numbers = select(`${key}-numbers`, 'Nombres', [['auto', 'détectés'], ['fr', NUMBER_WORDS.fr], ['en', NUMBER_WORDS.en]], current.numbers ?? 'auto');
  const delimiter = select(`${key}-delimiter`, 'Séparateur', [['auto', 'détecté'], ...Object.entries(DELIMITER_WORDS)], current.delimiter ?? 'auto');
  const encoding = select(`${key}-encoding`, 'Encodage', [['auto', 'détecté'], ...Object.entries(ENCODING_WORDS)], current.encoding ?? 'auto');
  for (const [caption, field] of [numbers, delimiter, encoding]) {
    const wrap = el('div', undefined, 'field');
    wrap.append(caption, field);
    panel.append(wrap);
  }
  const text = el('fieldset');
  text.append(el('legend', 'Colonnes gardées en texte'));
  // Columns are named by their 1-based number: two columns may share a name.
  report.columnTypes.forEach((c, i) => {
    const box = el('input');
    box.type = 'checkbox';
    box.id = `${key}-text-${i}`;
    box.value = String(i + 1);
    const asked = (current.textColumns ?? []).includes(box.value);
    box.checked = c.type === 'text' || asked;
    box.disabled = c.type === 'text' && !asked;
    const caption = el('label', c.name);
    caption.htmlFor = box.id;
    const line = el('div', undefined, 'check');
    line.append(box, caption);
    text.append(line);
  });
  const apply = el('button', 'Convertir à nouveau avec ces options');
  apply.type = 'button';
  apply.addEventListener('click', () => {
    const chosen = [...text.querySelectorAll<HTMLInputElement>('input:checked:not(:disabled)')].map((b) => b.value);
    const value = (f: HTMLSelectElement) => (f.value === 'auto' ? undefined : f.value);
    again({
      ...(value(numbers[1]) ? { numbers: value(numbers[1]) as 'fr' | 'en' } : {}),
      ...(value(delimiter[1]) ? { delimiter: value(delimiter[1]) as PageOptions['delimiter'] } : {}),
      ...(value(encoding[1]) ? { encoding: value(encoding[1]) as PageOptions['encoding'] } : {}),
      ...(chosen.length ? { textColumns: chosen } : {}),
    });
  });
  panel.append(text, apply);
  return panel;
}
