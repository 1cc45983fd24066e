import type { Command } from 'commander';
import { printable } from '@sne-toolbox/text';
import { checkBundle } from '../../core/check.js';
import { type CliIO, type RunState, say } from '../io.js';
import { load, type PasswordOptions, passwordOptions, parseWarnDays, WARN_DAYS_DEFAULT } from '../load.js';
import { checkJson, warningLine } from '../render.js';

/** `check`: validity dates and key pairing; the exit code says the worst (0, 3, 4). */
export function checkCommand(program: Command, io: CliIO, state: RunState): void {
  passwordOptions(
    program
      .command('check')
      .description('vérifie les dates d\'expiration (code 0 : valide, 3 : expire bientôt, 4 : expiré ou invalide)')
      .argument('<fichiers...>', 'certificats')
      .option('--warn-days <jours>', 'seuil d\'alerte en jours', WARN_DAYS_DEFAULT),
  ).action(async (files: string[], opts: PasswordOptions & { warnDays: string }) => {
    const warnDays = parseWarnDays(opts.warnDays);
    const { bundle } = await load(io, files, opts);
    const { results, exitCode } = checkBundle(bundle, { warnDays });
    if (opts.json) io.stdout.write(checkJson(results));
    else {
      io.stdout.write(results.map((r) => printable(r.line)).join('\n') + '\n');
      for (const w of bundle.warnings) say(io, warningLine(w));
    }
    state.code = exitCode;
  });
}
