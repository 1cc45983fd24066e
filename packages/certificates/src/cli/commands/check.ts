import { basename, dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { printable } from '@sne-toolbox/text';
import { readFile } from 'node:fs/promises';
import { CALENDAR_PRODID, renewalCalendar } from '../../core/calendar.js';
import { type CheckReport, checkBundle } from '../../core/check.js';
import { CertificateError } from '../../core/errors.js';
import { writeExport } from '../../node/files.js';
import { type CliIO, type RunState, say, UsageError } from '../io.js';
import { load, type PasswordOptions, passwordOptions, parseWarnDays, WARN_DAYS_DEFAULT } from '../load.js';
import { checkJson, monitoringLine, warningLine } from '../render.js';

interface CheckCliOptions extends PasswordOptions {
  warnDays: string;
  nagios?: boolean;
  ics?: string;
  force?: boolean;
}

/** `check --ics FILE`: the renewal reminders, written as `extract` writes its files (never over an input). */
async function writeCalendar(io: CliIO, path: string, report: CheckReport, inputs: readonly string[], warnDays: number, force: boolean): Promise<void> {
  const current = report.results.filter((r) => r.status !== 'remplace').map((r) => r.certificate);
  const text = renewalCalendar(current, { warnDays, ...(io.now ? { now: io.now } : {}) });
  if (text === null) {
    say(io, 'Aucun rappel écrit : aucun certificat valide avec sa clé privée dans ces fichiers.\n');
    return;
  }
  const target = resolve(io.cwd, path);
  // A calendar this tool wrote (its PRODID) is replaced on the next run, as a supervision reruns `check`; any other file needs --force.
  const ours = await readFile(target, 'utf8').then((t) => t.startsWith('BEGIN:VCALENDAR') && t.includes(`\r\n${CALENDAR_PRODID}\r\n`), () => false);
  await writeExport(dirname(target), [{ name: basename(target), bytes: new TextEncoder().encode(text), secret: false, role: null, kind: 'ics' }], force || ours, { inputs, ...(io.signal ? { signal: io.signal } : {}) });
  say(io, `✔ Rappels de renouvellement écrits dans ${printable(target)} : ouvrez ce fichier avec Outlook, Thunderbird ou Google Agenda.\n`);
}

/**
 * `check`: validity dates, key pairing and chain; the exit code says the worst (0, 3, 4). With
 * `--nagios`, one status line with perfdata and the monitoring-plugins codes (0, 1, 2, 3), and a file
 * that cannot be read is UNKNOWN (3).
 */
export function checkCommand(program: Command, io: CliIO, state: RunState): void {
  passwordOptions(
    program
      .command('check')
      .description('vérifie dates d\'expiration, clés et chaînes (code 0 : valide, 3 : expire bientôt, 4 : expiré, clé ou chaîne invalide)')
      .argument('<fichiers...>', 'certificats')
      .option('--warn-days <jours>', 'seuil d\'alerte en jours', WARN_DAYS_DEFAULT)
      .option('--nagios', 'une ligne d\'état pour la supervision (Nagios, Centreon, Icinga, Zabbix) et ses codes : 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN')
      .option('--ics <fichier>', 'écrit les rappels de renouvellement (fichier d\'agenda .ics)')
      .option('--force', 'avec --ics : remplace le fichier d\'agenda existant'),
  ).action(async (files: string[], opts: CheckCliOptions) => {
    if (opts.nagios && opts.json) throw new UsageError('--nagios et --json s\'excluent : la supervision lit une seule ligne d\'état.');
    if (opts.ics === '-') throw new UsageError('--ics attend un nom de fichier (par exemple --ics rappels.ics).');
    const warnDays = parseWarnDays(opts.warnDays);
    const { bundle } = await load(io, files, opts);
    const report = checkBundle(bundle, { warnDays });
    // The verdicts first: a calendar that cannot be written never hides them.
    if (opts.nagios) io.stdout.write(monitoringLine(report, warnDays) + '\n');
    else if (opts.json) io.stdout.write(checkJson(report.results));
    else {
      io.stdout.write(report.results.map((r) => printable(r.line)).join('\n') + '\n');
      for (const w of bundle.warnings) say(io, warningLine(w));
    }
    state.code = opts.nagios ? report.state : report.exitCode;
    if (opts.ics) {
      try {
        await writeCalendar(io, opts.ics, report, files.map((f) => resolve(io.cwd, f)), warnDays, opts.force ?? false);
      } catch (error) {
        // Said on stderr; the verdict's code stands (a supervision keeps reading the certificates).
        if (!(error instanceof CertificateError)) throw error;
        say(io, `✘ Rappels de renouvellement non écrits : ${printable(error.message)} [${error.code}]\n`);
        if (!opts.nagios && state.code === 0) state.code = 1;
      }
    }
  });
}

/** With `--nagios`, an error is UNKNOWN: one status line on stdout and exit code 3. */
export function monitoringUnknown(io: Pick<CliIO, 'stdout'>, error: unknown): number {
  const message = error instanceof Error ? error.message : String(error);
  io.stdout.write(`CERTIFICATS RGS UNKNOWN - ${printable(message)}\n`);
  return 3;
}
