// The French sentences and labels that more than one module shows, each written once. Imports only
// types, so that any module may import it without a cycle.
import type { ColumnType } from './column-types.js';

/** Any interruption (Ctrl-C, an abort signal): nothing is left behind. */
export const ABORTED_MESSAGE = 'Conversion interrompue : aucun fichier n\'a été écrit.';

/**
 * An interruption after some workbooks of a batch were finished: they are kept (a file replaced
 * under --force cannot be given back safely), and named one a line after this sentence.
 */
export const abortedKeptMessage = (kept: number) =>
  `Conversion interrompue : ${kept === 1 ? 'le classeur terminé avant l\'interruption est gardé' : `les ${kept} classeurs terminés avant l'interruption sont gardés`}, les autres n'ont pas été écrits.`;

/** Said after a workbook that took the place of an existing file (`--force`). */
export const REPLACED_LABEL = 'remplacé';

/** The source changed between two passes (or between the first pass and a segment). */
export const INPUT_CHANGED_MESSAGE =
  'Le fichier a changé pendant la conversion (modifié, tronqué ou supprimé). Attendez la fin de l\'export ou de la copie, puis relancez.';

/** A bug or an unforeseen failure (a crashed worker, a library error): the one sentence of every package. */
export { unexpectedErrorSentence as unexpectedErrorMessage } from '@sne-toolbox/text';

/**
 * French names of the column types: `label` in the Informations sheet, `singular` and `plural` in
 * the summaries and `inspect`.
 */
export const COLUMN_TYPE_LABELS: Record<ColumnType, { label: string; singular: string; plural: string }> = {
  text: { label: 'texte', singular: 'texte', plural: 'texte' },
  integer: { label: 'nombre entier', singular: 'entier', plural: 'entiers' },
  decimal: { label: 'nombre décimal', singular: 'décimal', plural: 'décimaux' },
  date: { label: 'date', singular: 'date', plural: 'dates' },
  datetime: { label: 'date et heure', singular: 'date et heure', plural: 'dates et heures' },
  empty: { label: 'vide', singular: 'vide', plural: 'vides' },
};

/** French remarks for the reasons a column is text (Informations sheet, `inspect`). */
export const REASON_LABELS: Record<string, string> = {
  raw: 'tout en texte (demandé)',
  forced: 'texte demandé',
  'identifier-header': 'identifiant (nom de colonne) : gardé en texte',
  'numero-unique': 'numéro unique : gardé en texte',
  'leading-zero': 'zéro en tête : gardé en texte',
  'too-many-digits': 'plus de 15 chiffres : gardé en texte',
  'invalid-date': 'date impossible ou hors des limites d\'Excel : gardé en texte',
  'ambiguous-number': 'nombres ambigus (6,718 : virgule décimale ou séparateur de milliers ?) : gardé en texte',
};

/** Name of the n-th data sheet (0-based): `Extraction`, `Extraction (2)`… */
export function dataSheetName(index: number): string {
  return index === 0 ? 'Extraction' : `Extraction (${index + 1})`;
}
/** Sheet holding the full text of cells longer than Excel's limit. */
export const LONG_VALUES_SHEET = 'Valeurs longues';
/** Last sheet: what the conversion did, for an agent without a terminal. */
export const INFO_SHEET = 'Informations';

/** Generated header of the n-th column (1-based). */
export function generatedHeader(n: number): string {
  return `Colonne ${n}`;
}

/** `6,718` read the French way: « 6,718 » (six virgule sept cent dix-huit). */
function frenchReading(value: string): string {
  return `« ${value} »`;
}

/** `6,718` read the English way: « 6 718 ». */
function englishReading(value: string): string {
  return `« ${value.replace(',', '\u202f')} »`;
}

/** The texts of the analysis's warnings, by code (French typography is applied where they are listed). */
export const WARNING_TEXT = {
  emptyHeader: (column: number) => `La colonne ${column} n'a pas de nom : elle s'appelle « ${generatedHeader(column)} » dans le classeur.`,
  duplicateHeader: (name: string, first: number, column: number) =>
    `Le nom de colonne « ${name} » apparaît deux fois (colonnes ${first} et ${column}) : les deux sont conservées.`,
  longHeader: (column: number, length: number, limit: number) =>
    `Le nom de la colonne ${column} fait ${length} caractères, plus que les ${limit} qu'Excel affiche : l'en-tête montre le début ; le texte complet est dans la feuille « Valeurs longues ».`,
  longCell: (line: number, column: number, length: number, limit: number) =>
    `Ligne ${line}, colonne ${column} : ${length} caractères, plus que les ${limit} qu'Excel affiche. La cellule montre le début ; le texte complet est dans la feuille « Valeurs longues ».`,
  trailingDelimiter: (columns: number, dropped: boolean) =>
    dropped
      ? `Les lignes de données finissent par un séparateur de plus que l'en-tête : ${columns > 1 ? `les ${columns} colonnes vides qu'il ajoute ont été retirées` : 'la colonne vide qu\'il ajoute a été retirée'} (vide dans toutes les lignes, rien n'est perdu). L'en-tête reste en ligne 1.`
      : `Les lignes de données ont ${columns > 1 ? `${columns} champs` : 'un champ'} de plus que l'en-tête, en fin de ligne : ${columns > 1 ? 'gardés dans des colonnes sans nom' : 'gardé dans une colonne sans nom'}. L'en-tête reste en ligne 1.`,
  raggedRow: (line: number, fields: number, expected: number) =>
    fields > expected
      ? `La ligne ${line} a ${fields} champs au lieu de ${expected} : les champs en trop sont gardés dans des colonnes ajoutées.`
      : `La ligne ${line} a ${fields} champs au lieu de ${expected} : les cellules manquantes restent vides.`,
  malformedQuote: (line: number) =>
    `Ligne ${line} : du texte suit un guillemet fermant (« "abc"def ») ; la cellule contient ce qu'Excel y lit (abcdef). Vérifiez cette ligne dans le fichier d'origine.`,
  unclosedQuote: (line: number) =>
    `Un guillemet ouvert ligne ${line} n'est jamais refermé : tout le texte qui suit est gardé dans ce champ. Vérifiez la fin du fichier.`,
  blankLines: (count: number) => `${count} ligne(s) vide(s) ignorée(s).`,
  sheetSplit: (rows: number, sheets: number) =>
    `${rows} lignes dépassent la limite d'une feuille Excel : les données continuent sur ${sheets} feuilles (« Extraction », « Extraction (2) »…), l'en-tête répété sur chacune.`,
  excelDamaged: (name: string, example: string, count: number) =>
    `Colonne « ${name} » : ${count} numéro${count > 1 ? 's' : ''} unique${count > 1 ? 's' : ''} comme « ${example} » ${count > 1 ? 'ont' : 'a'} déjà été abîmé${count > 1 ? 's' : ''} par Excel avant la conversion (notation scientifique ou zéro initial perdu) : les chiffres perdus ne peuvent pas être retrouvés. ${count > 1 ? 'Ils sont gardés' : 'Il est gardé'} tel${count > 1 ? 's' : ''} quel${count > 1 ? 's' : ''}, en texte. Exportez à nouveau l'extraction depuis le SNE et convertissez-la sans l'ouvrir dans Excel.`,
  excelCut: (name: string, example: string, count: number, line: number) =>
    `Colonne « ${name} » : ${count} numéro${count > 1 ? 's' : ''} unique${count > 1 ? 's' : ''} à 18 chiffres finissant par 000, le premier ligne ${line} (« ${example} »), ${count > 1 ? 'ont' : 'a'} été coupé${count > 1 ? 's' : ''} à 15 chiffres par Excel avant la conversion : les 3 derniers chiffres sont perdus et ne peuvent pas être retrouvés. ${count > 1 ? 'Ils sont gardés' : 'Il est gardé'} tel${count > 1 ? 's' : ''} quel${count > 1 ? 's' : ''}, en texte. Exportez à nouveau l'extraction depuis le SNE et convertissez-la sans l'ouvrir dans Excel.`,
  ambiguousNumber: (name: string, value: string) =>
    `Colonne « ${name} » : des nombres comme « ${value} » se lisent ${frenchReading(value)} à la française et ${englishReading(value)} à l'anglaise, et aucune valeur de la colonne ne tranche : elle est gardée en texte. Si vous savez comment ils sont écrits, indiquez la convention des nombres (française ou anglaise).`,
  encodingUncertain: (garbled: string) =>
    `Ce fichier n'est ni en UTF-8 ni, semble-t-il, en windows-1252 : lu ainsi, son texte ne ressemble pas à du français (par exemple « ${garbled} »). Les cellules sont écrites quand même et chaque octet reste retrouvable ; si le texte est illisible, demandez le fichier en UTF-8 ou indiquez son encodage.`,
  delimiterUncertain: (oneColumn: boolean, delimiter: string, others: string) =>
    oneColumn
      ? `Aucun séparateur ne découpe ce fichier en colonnes : tout est dans une seule colonne. Si c'est une erreur, choisissez un autre séparateur (${others}).`
      : `Les lignes de ce fichier n'ont pas toutes le même nombre de champs avec le séparateur « ${delimiter} » : vérifiez le classeur, ou choisissez un autre séparateur (${others}).`,
} as const;

/** Texts of the analysis's errors. */
export const ANALYSIS_ERROR_TEXT = {
  emptyFile: 'Le fichier est vide : exportez à nouveau l\'extraction depuis le SNE.',
  noData: 'Le fichier ne contient aucune donnée (seulement des lignes vides) : exportez à nouveau l\'extraction.',
  tooManyColumns: (line: number, limit: number) =>
    `La ligne ${line} a plus de ${limit.toLocaleString('fr-FR')} colonnes : Excel n'en accepte pas davantage. Vérifiez le séparateur ou découpez le fichier.`,
  cellTooLarge: (line: number, column: number, limit: number) =>
    `La cellule de la ligne ${line}, colonne ${column}, dépasse ${limit.toLocaleString('fr-FR')} caractères : aucune extraction réelle n'en contient autant (fichier abîmé ou fabriqué ?). Rien n'a été écrit.`,
  unknownTextColumn: (name: string, header: readonly string[]) =>
    `La colonne « ${name} » à garder en texte n'existe pas. Colonnes disponibles : ${header.slice(0, 30).join(', ')}${header.length > 30 ? '…' : ''}.`,
} as const;
