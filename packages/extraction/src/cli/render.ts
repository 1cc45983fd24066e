import type { ConversionProgress } from '../core/analysis/types.js';
import type { ColumnType } from '../core/column-types.js';
import type { ConversionReport } from '../core/convert.js';
import { describeDelimiter } from '../core/detect.js';
import { frenchTypography, type WarningRemedy } from '../core/errors.js';
import { abortedKeptMessage, COLUMN_TYPE_LABELS, REASON_LABELS, REPLACED_LABEL } from '../core/messages.js';
import { jsonText, printable } from '@sne-toolbox/text';
import type { CliIO } from './io.js';

// What the CLI prints: summaries, the inspect table, progress bars.

/** Writes text for a person: node-io's one rule, without French spacing (lines show delimiters such as « ; » exactly). */
export { say } from '@sne-toolbox/node-io/cli';

/** Lines for {@link say}: each made printable on its own (a line feed inside becomes `\n`), then joined. */
export function lines(parts: readonly string[]): string {
  return parts.map((line) => printable(line)).join('\n') + '\n';
}

/** JSON for `--json`: values kept exact, nothing a terminal would obey left raw (the one rule of both CLIs). */
export { jsonText };

/** The line of an input that could not be converted: the library's message, then the CLI's hint. */
export function failureLine(input: string, error: { code: string; message: string; hint?: string | undefined }): string {
  return lines([`✘ ${input}\u202f: ${error.message}${error.hint ? ` ${error.hint}` : ''} [${error.code}]`]);
}

const DELIMITER_FLAGS: Record<string, string> = { ';': "';'", ',': "','", '\t': 'tab', '|': "'|'" };

/** A warning's remedy as this CLI's flags (the library's messages name none). */
export function remedyHint(remedy: WarningRemedy, report: Pick<ConversionReport, 'columnTypes'>): string {
  const name = (column: number) => report.columnTypes[column - 1]?.name ?? String(column);
  switch (remedy.option) {
    case 'numbers':
      return `Relancez avec ${remedy.values.map((v) => `--numbers ${v}`).join(' ou ')} (ou --text "${name(remedy.column)}" pour la garder en texte sans avertissement).`;
    case 'delimiter':
      return `Essayez ${remedy.values.map((d) => `--delimiter ${DELIMITER_FLAGS[d]}`).join(', ')}.`;
    case 'encoding':
      return `Essayez ${remedy.values.map((e) => `--encoding ${e}`).join(', ')}.`;
    case 'textColumns':
      return `Relancez avec --text "${name(remedy.column)}".`;
  }
}

/** 2 500 with a narrow no-break space, as French typography writes thousands. */
export function formatInt(n: number): string {
  return n.toLocaleString('fr-FR').replace(/\u00a0/g, '\u202f');
}

/** A workbook this run wrote: where, and whether it took the place of an existing file. */
export interface WrittenWorkbook {
  output: string | null;
  replaced?: boolean;
  /** Written to standard output, which is the null device (closed, or `> /dev/null`): nothing was kept. */
  discarded?: boolean;
}

const written = (w: WrittenWorkbook) => `${w.output === null || w.output === '-' ? 'sortie standard' : w.output}${w.replaced ? ` (${REPLACED_LABEL})` : ''}`;

/**
 * The message of an interruption: the sentence of `ABORTED` when nothing was finished, else the
 * workbooks finished and kept, one a line, so that the message says what is on the disk.
 */
export function interruptionLines(message: string, code: string, kept: readonly WrittenWorkbook[]): string[] {
  if (kept.length === 0) return [`Interrompu\u202f: ${message} [${code}]`];
  return [`Interrompu\u202f: ${abortedKeptMessage(kept.length)} [${code}]`, ...kept.map((w) => `  gardé\u202f: ${written(w)}`)];
}

/** The summary of one converted file, on stderr. */
export function summaryLines(report: ConversionReport & { replaced?: boolean; discarded?: boolean }): string[] {
  const counts = new Map<ColumnType, number>();
  for (const c of report.columnTypes) counts.set(c.type, (counts.get(c.type) ?? 0) + 1);
  const types = [...counts].map(([type, n]) => `${n} ${COLUMN_TYPE_LABELS[type][n > 1 ? 'plural' : 'singular']}`).join(', ');
  const lines = [
    report.discarded
      ? `⚠ ${report.input ?? 'entrée standard'} → sortie standard = /dev/null (fermée ou redirigée vers /dev/null) : aucun classeur n'a été gardé. Donnez un fichier avec -o classeur.xlsx.`
      : `✔ ${report.input ?? 'entrée standard'} → ${written(report)}`,
    `  ${formatInt(report.rows)} ligne${report.rows > 1 ? 's' : ''}, ${report.columns} colonne${report.columns > 1 ? 's' : ''} (${types}) ; encodage ${report.encoding}, séparateur « ${describeDelimiter(report.delimiter)} »${report.sheets > 1 ? ` ; ${report.sheets} feuilles` : ''}`,
  ];
  if (report.preamble.length) {
    lines.push(`  En-tête ligne ${report.headerLine} : ${report.preamble.length} ligne${report.preamble.length > 1 ? 's' : ''} avant (titre, commentaires) gardée${report.preamble.length > 1 ? 's' : ''} dans la feuille « Informations »`);
  }
  const verification = (report as { verification?: { cells: number; differenceCount: number } }).verification;
  if (verification) lines.push(`  Vérification : ${verification.differenceCount} différence sur ${formatInt(verification.cells)} cellules`);
  const total = Object.values(report.warningCounts).reduce((a, b) => a + (b ?? 0), 0);
  if (total > 0) {
    lines.push(`  ${total} avertissement${total > 1 ? 's' : ''} (détail dans la feuille « Informations ») :`);
    for (const w of report.warnings.slice(0, 5)) {
      lines.push(`   - [${w.code}] ${w.message}`);
      if (w.remedy) lines.push(`     ${remedyHint(w.remedy, report)}`);
    }
    if (total > 5) lines.push(`   - … et ${total - 5} autre(s)`);
  }
  return lines.map(frenchTypography);
}

/** A progress bar on stderr, when it is a terminal. */
export function progressBar(io: CliIO, label: string): { update: (p: ConversionProgress) => void; done: () => void } {
  if (!io.stderr.isTTY) return { update: () => {}, done: () => {} };
  let last = 0;
  const phases = { analyze: 'analyse', write: 'écriture', 'long-values': 'valeurs longues' } as const;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const ratio = p.totalBytes ? Math.min(1, p.bytesRead / p.totalBytes) : 0;
      const width = 30;
      const filled = Math.round(ratio * width);
      io.stderr.write(`\r${label} ${phases[p.phase].padEnd(9)} [${'█'.repeat(filled)}${' '.repeat(width - filled)}] ${Math.round(ratio * 100)}\u202f%`);
    },
    done() {
      io.stderr.write('\r\u001b[2K');
    },
  };
}

/** One bar for a batch in workers: files done plus the share of each running file. */
export function overallProgress(files: number, bar: ReturnType<typeof progressBar> | undefined): (index: number, p: ConversionProgress) => void {
  if (!bar) return () => {};
  const shares = new Array<number>(files).fill(0);
  return (index, p) => {
    const ratio = p.totalBytes ? Math.min(1, p.bytesRead / p.totalBytes) : 0;
    // The analysis reads the file once quickly; writing is most of the time.
    shares[index] = p.phase === 'analyze' ? 0.25 * ratio : p.phase === 'write' ? 0.25 + 0.7 * ratio : 0.95 + 0.05 * ratio;
    const total = shares.reduce((a, b) => a + b, 0);
    bar.update({ phase: p.phase, bytesRead: total, totalBytes: files });
  };
}

/** The table `inspect` prints: the file, what was detected, the columns and the first warnings. */
export function inspectLines(report: ConversionReport & { input: string }): string[] {
  const input = report.input;
  const lines = [
    `Fichier     : ${input}`,
    `Encodage    : ${report.encoding} (${report.encodingSource === 'bom' ? 'BOM' : report.encodingSource === 'forced' ? 'imposé' : 'détecté'})`,
    `Séparateur  : « ${describeDelimiter(report.delimiter)} »`,
    `Lignes      : ${formatInt(report.rows)}${report.sheets > 1 ? ` (${report.sheets} feuilles)` : ''}`,
    `Colonnes    : ${report.columns}`,
    '',
    ' N°  Type            Colonne',
    ...report.columnTypes.map((c, i) => ` ${String(i + 1).padStart(3)}  ${COLUMN_TYPE_LABELS[c.type].singular.padEnd(14)}  ${c.name}${c.reason && REASON_LABELS[c.reason] ? `  (${REASON_LABELS[c.reason]})` : ''}`),
  ];
  const total = Object.values(report.warningCounts).reduce((a, b) => a + (b ?? 0), 0);
  if (total) lines.push('', `${total} avertissement(s) :`, ...report.warnings.slice(0, 20).map((w) => ` - [${w.code}] ${w.message}`));
  return lines;
}
