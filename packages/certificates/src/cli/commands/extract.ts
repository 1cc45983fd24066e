import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { printable } from '@sne-toolbox/text';
import { CertificateError, type CertificateWarning, type CertificateWarningCode } from '../../core/errors.js';
import { exportBundle, type ExportResult } from '../../core/export.js';
import { writeExport } from '../../node/files.js';
import { type CliIO, EXIT, type RunState, say } from '../io.js';
import { givenPassword, load, type PasswordOptions, passwordOptions, parseWarnDays, WARN_DAYS_DEFAULT } from '../load.js';
import { frenchTypography } from '../../core/messages.js';
import { type CliWarning, commandLine, extractJson, warningLine } from '../render.js';

interface ExtractOptions extends PasswordOptions {
  output: string;
  outPasswordEnv?: string;
  outPasswordFile?: string;
  p12: 'compatible' | 'modern';
  pem?: boolean;
  force?: boolean;
  requireAll?: boolean;
  plainNames?: boolean;
  warnDays: string;
}

function declare(program: Command): Command {
  return passwordOptions(
    program
      .command('extract')
      .description('écrit la clé publique de chiffrement (.cer, .txt), la clé de signature et la clé d\'authentification (.p12), et LISEZMOI.txt')
      .argument('<fichiers...>', 'certificats : .p12, .pfx, .pem, .cer, .p7b, .zip')
      .requiredOption('-o, --output <dossier>', 'dossier de sortie')
      .option('--out-password-env <VAR>', 'mot de passe des fichiers exportés, lu dans une variable d\'environnement')
      .option('--out-password-file <fichier>', 'mot de passe des fichiers exportés, lu dans un fichier')
      .addOption(new Option('--p12 <profil>', 'compatible (3DES, SHA-1 : tout Windows/Outlook) ou modern (AES-256, SHA-256)').choices(['compatible', 'modern']).default('compatible'))
      .option('--pem', 'écrit aussi authentification.key.pem, authentification.crt.pem et chaine.pem')
      .option('--force', 'remplace les fichiers existants')
      .option('--require-all', 'échoue si l\'un des trois rôles manque')
      .option('--plain-names', 'noms sans le titulaire : signature.p12 au lieu de « signature - Nom Prénom.p12 »')
      .option('--warn-days <jours>', 'signale un certificat qui expire dans ce délai', WARN_DAYS_DEFAULT),
  );
}

/** The CLI's advice after a warning's message: the library's messages name no option of this CLI. */
const HINTS: Partial<Record<CertificateWarningCode, string>> = {
  PASSWORD_NOT_PORTABLE: frenchTypography('Pour choisir un autre mot de passe des fichiers exportés : --out-password-env VARIABLE ou --out-password-file FICHIER.'),
};

function withHint(w: CertificateWarning): CliWarning {
  const hint = HINTS[w.code];
  return hint ? { ...w, hint } : w;
}

/** A warning, and for a missing role the ready command that fills it with a certificate of undecided role. */
function sayWarning(io: CliIO, w: CliWarning, argv: readonly string[]): void {
  say(io, warningLine(w));
  for (const c of w.candidates ?? []) say(io, `   Pour l'utiliser\u202f: sne-certificates ${printable(commandLine(argv))} --role ${c.fingerprintSha256.slice(0, 23)}=${w.role}\n`);
}

/**
 * True when a certificate of undecided role could fill a missing role: the CLI then suggests a
 * `--role` command, which must work as printed, so this run writes nothing.
 */
function undecided(result: ExportResult): boolean {
  return result.warnings.some((w) => w.code === 'ROLE_MISSING' && (w.candidates?.length ?? 0) > 0);
}

/** `extract`: writes the files of the SNE procedure and LISEZMOI.txt, all or nothing. */
export function extractCommand(program: Command, io: CliIO, state: RunState, argv: readonly string[]): void {
  declare(program).action(async (files: string[], opts: ExtractOptions) => {
    const warnDays = parseWarnDays(opts.warnDays);
    const outPassword = await givenPassword(io, { env: opts.outPasswordEnv, file: opts.outPasswordFile }, 'de sortie');
    const { bundle, password } = await load(io, files, opts);
    const result = await exportBundle(bundle, {
      password: outPassword ?? password ?? '',
      passwordReused: outPassword === undefined,
      profile: opts.p12,
      pem: opts.pem ?? false,
      requireAll: opts.requireAll ?? false,
      fileNames: opts.plainNames ? 'plain' : 'holder',
      warnDays,
      ...(io.now ? { now: io.now } : {}),
    });
    const dir = resolve(io.cwd, opts.output);
    if (io.signal?.aborted) throw new CertificateError('ABORTED', 'Interrompu : rien n\'a été écrit.');
    if (undecided(result)) {
      // A certificate's role could not be told: writing the rest would make the suggested command
      // fail on the files of this run (OUTPUT_EXISTS). Nothing is written; the command is ready to copy.
      for (const w of result.warnings.filter((x) => x.code === 'ROLE_MISSING')) sayWarning(io, w, argv);
      throw new CertificateError('ROLE_MISSING', 'Le rôle d\'un certificat n\'a pas pu être déterminé : aucun fichier n\'a été écrit.', {
        hint: 'Relancez avec l\'option --role indiquée ci-dessus.',
      });
    }
    const written = await writeExport(dir, result.files, opts.force ?? false, { inputs: files.map((f) => resolve(io.cwd, f)), ...(io.signal ? { signal: io.signal } : {}) });
    const warnings = [...bundle.warnings.filter((w) => !result.warnings.includes(w)), ...result.warnings].map(withHint);
    if (opts.json) io.stdout.write(extractJson(dir, result, warnings));
    else {
      say(io, `✔ ${written.length} fichier${written.length > 1 ? 's' : ''} écrit${written.length > 1 ? 's' : ''} dans ${printable(dir)}\u202f:\n`);
      for (const f of result.files) say(io, `   ${printable(f.name)}${f.secret ? '   (clé privée protégée par mot de passe)' : ''}\n`);
      for (const w of warnings) sayWarning(io, w, argv);
      say(io, 'Lisez LISEZMOI.txt : il dit à qui envoyer chaque fichier et comment l\'installer.\n');
    }
    state.code = EXIT.OK;
  });
}
