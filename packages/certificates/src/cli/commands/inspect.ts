import type { Command } from 'commander';
import { type CliIO, EXIT, type RunState, say } from '../io.js';
import { load, type PasswordOptions, passwordOptions } from '../load.js';
import { describe, jsonText, warningLine } from '../render.js';

/** `inspect`: shows the certificates, their role and validity. */
export function inspectCommand(program: Command, io: CliIO, state: RunState): void {
  passwordOptions(program.command('inspect').description('affiche les certificats, leur rôle et leur validité').argument('<fichiers...>', 'certificats : .p12, .pfx, .pem, .cer, .p7b, .zip')).action(
    async (files: string[], opts: PasswordOptions) => {
      const { bundle } = await load(io, files, opts);
      if (opts.json) io.stdout.write(jsonText(bundle.certificates));
      else {
        io.stdout.write(bundle.certificates.map(describe).join('\n\n') + '\n');
        for (const w of bundle.warnings) say(io, warningLine(w));
      }
      state.code = EXIT.OK;
    },
  );
}
