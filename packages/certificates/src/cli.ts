import { resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { type CertificateBundle, type CertificateSummary, openBundle } from './bundle.js';
import { checkBundle } from './check.js';
import { type Role, ROLES } from './classify.js';
import { CertificateError } from './errors.js';
import { exportBundle } from './export.js';
import { readInputs, readPasswordFile, writeExport } from './node-io.js';
import { FRENCH_HELP, frenchCommanderError, frenchHelp } from '@sne-toolbox/node-io';
import { VERSION } from './version.js';
import { frDate, frDays, frenchTypography, ROLE_WORDS } from './format.js';

/** What the CLI talks to; tests pass their own. */
export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  env: Record<string, string | undefined>;
  cwd: string;
  /** Reference date (tests). */
  now?: Date;
  /** Aborted on SIGINT / SIGTERM / SIGHUP: nothing more is written. */
  signal?: AbortSignal;
}

/** Exit codes of `sne-certificates`. */
export const EXIT = { OK: 0, FAILED: 1, USAGE: 2, EXPIRES_SOON: 3, INVALID: 4 } as const;

class UsageError extends Error {}

interface PasswordOptions {
  passwordEnv?: string;
  passwordFile?: string;
  password?: string;
  role?: string[];
  json?: boolean;
}


/** Writes what a person reads on stderr, with French typography. */
function say(io: Pick<CliIO, 'stderr'>, text: string): void {
  io.stderr.write(frenchTypography(text));
}

/** Reads a password on the terminal without echoing it. */
async function promptHidden(io: CliIO, question: string): Promise<string> {
  const stdin = io.stdin;
  say(io, question);
  stdin.setRawMode?.(true);
  stdin.resume();
  return new Promise((resolvePassword, reject) => {
    let value = '';
    const onData = (chunk: Buffer | string) => {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          done();
          say(io, '\n');
          resolvePassword(value);
          return;
        }
        if (ch === '\u0003') {
          done();
          say(io, '\n');
          reject(new CertificateError('PASSWORD_REQUIRED', 'Saisie du mot de passe annulée.'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    const done = () => {
      stdin.removeListener('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
    };
    stdin.on('data', onData);
  });
}

async function givenPassword(io: CliIO, opts: { env?: string; file?: string; plain?: string }, what: string): Promise<string | undefined> {
  const sources = [opts.env, opts.file, opts.plain].filter((s) => s !== undefined);
  if (sources.length > 1) throw new UsageError(`Donnez le mot de passe ${what} d'une seule façon.`);
  if (opts.env !== undefined) {
    const value = io.env[opts.env];
    if (value === undefined) throw new UsageError(`La variable d'environnement ${opts.env} n'est pas définie.`);
    return value;
  }
  if (opts.file !== undefined) return readPasswordFile(opts.file, io.cwd);
  if (opts.plain !== undefined) {
    say(io, 'Attention : --password rend le mot de passe visible (historique, liste des processus). Préférez --password-env ou --password-file.\n');
    return opts.plain;
  }
  return undefined;
}

function parseRoles(values: readonly string[] | undefined): Record<string, Role> {
  const roles: Record<string, Role> = {};
  for (const value of values ?? []) {
    const m = /^([0-9a-fA-F:]{6,})=(\p{L}+)$/u.exec(value);
    const role = m?.[2]?.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase() as Role | undefined;
    if (!m || !role || !ROLES.includes(role)) {
      throw new UsageError(`--role attend <début d'empreinte SHA-256>=<rôle> (rôles : ${ROLES.join(', ')}), par exemple --role 3F:A2:19=signature.`);
    }
    roles[m[1]!] = role;
  }
  return roles;
}

async function load(io: CliIO, files: string[], opts: PasswordOptions): Promise<{ bundle: CertificateBundle; password: string | undefined }> {
  const roles = parseRoles(opts.role);
  let password = await givenPassword(io, { env: opts.passwordEnv, file: opts.passwordFile, plain: opts.password }, 'du fichier');
  const inputs = await readInputs(files, io.cwd);
  const open = (pw: string | undefined) => openBundle(inputs, { password: pw, roles, ...(io.now ? { now: io.now } : {}) });
  try {
    return { bundle: await open(password), password };
  } catch (error) {
    if (!(error instanceof CertificateError && error.code === 'PASSWORD_REQUIRED' && password === undefined && io.stdin.isTTY)) throw error;
  }
  // Typed at the terminal: three tries, as a person mistypes.
  for (let attempt = 1; ; attempt++) {
    password = await promptHidden(io, attempt === 1 ? 'Mot de passe du certificat (la saisie reste masquée) : ' : `Mot de passe incorrect. Essai ${attempt} sur 3 : `);
    try {
      return { bundle: await open(password), password };
    } catch (error) {
      if (!(error instanceof CertificateError && error.code === 'BAD_PASSWORD') || attempt === 3) throw error;
    }
  }
}

/** Chain statuses as a person reads them: never « valide », since no trust anchor is consulted. */
const CHAIN_LABELS: Record<CertificateSummary['chain'], string> = {
  complete: 'complète jusqu\'à une racine fournie (confiance non vérifiée)',
  'auto-signe': 'racine auto-signée (confiance non vérifiée)',
  incomplete: 'incomplète',
  invalide: 'INVALIDE',
  'non-verifiable': 'non vérifiable ici',
};

function describe(c: CertificateSummary): string {
  const subject = [c.subject.commonName, c.subject.organization].filter(Boolean).join(' — ') || c.subject.text;
  const validity =
    c.validity === 'expire' ? `EXPIRÉ depuis ${frDays(-c.daysLeft)}` : c.validity === 'pas-encore-valide' ? 'PAS ENCORE VALIDE' : `${frDays(c.daysLeft)} restants`;
  const size = c.curve ?? (c.keySize === null ? 'taille inconnue' : `${c.keySize} bits`);
  const key = `${c.keyType} ${size}${c.hasPrivateKey ? ' — clé privée présente, correspondance prouvée par une signature' : c.keyMatches === false ? ' — LA CLÉ PRIVÉE FOURNIE NE CORRESPOND PAS' : ' — sans clé privée'}`;
  return [
    `[${ROLE_WORDS[c.role] ?? c.role}] ${subject}`,
    `  Sujet        : ${c.subject.text}${c.subject.email ? ` <${c.subject.email}>` : ''}`,
    `  Émetteur     : ${c.issuer.text}`,
    `  N° de série  : ${c.serialNumber}`,
    `  Validité     : du ${frDate(c.notBefore)} au ${frDate(c.notAfter)} — ${validity}`,
    `  Clé          : ${key}`,
    `  Usages       : ${c.keyUsage.join(', ') || '—'}${c.extendedKeyUsage.length ? ` ; étendus : ${c.extendedKeyUsage.join(', ')}` : ''}`,
    `  Politiques   : ${c.policies.join(', ') || '—'}`,
    ...(c.authority ? [`  Autorité     : ${c.authority.name} (d'après ${c.authority.basis} ; la ligne Chaîne dit ce qui est prouvé)`] : []),
    `  Chaîne       : ${CHAIN_LABELS[c.chain]} — ${c.chainReason}`,
    ...(c.unauthenticated ? [`  Intégrité    : NON PROUVÉE (${c.unauthenticated})`] : []),
    `  Rôle         : ${ROLE_WORDS[c.role] ?? c.role} (${c.roleReason})${c.role === 'inconnu' ? ` ; pour trancher : --role ${c.fingerprintSha256.slice(0, 23)}=<rôle>` : ''}`,
    `  SHA-256      : ${c.fingerprintSha256}`,
  ].join('\n');
}

function errorLine(error: CertificateError): string {
  return `✘ ${error.message} [${error.code}]\n`;
}

/** Arguments as a command line to copy, quoted where a shell needs it; passwords given in clear are masked. */
function commandLine(argv: readonly string[]): string {
  return argv
    .map((a, i) => (argv[i - 1] === '--password' ? '<mot de passe>' : a))
    .map((a) => (/^[\w@%+=:,./-]+$/u.test(a) ? a : `"${a.replace(/(["\\$`])/g, '\\$1')}"`))
    .join(' ');
}

/** Builds the commander program; actions record their exit code in `state`. */
export function createProgram(io: CliIO, state: { code: number }, argv: readonly string[] = []): Command {
  const program = new Command('sne-certificates')
    .description('Ouvre un certificat RGS, distingue chiffrement, signature et authentification, et exporte chacun pour sa destination.')
    .version(VERSION, '-V, --version', 'affiche la version')
    .helpOption('-h, --help', 'affiche l\'aide')
    .helpCommand('help [commande]', 'affiche l\'aide d\'une commande')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(frenchHelp(s)), writeErr: () => {} })
    .configureHelp(FRENCH_HELP);

  const collect = (value: string, previous: string[] = []) => [...previous, value];
  const passwordOptions = (cmd: Command) =>
    cmd
      .option('--password-env <VAR>', 'lit le mot de passe dans une variable d\'environnement')
      .option('--password-file <fichier>', 'lit le mot de passe dans un fichier (première ligne)')
      .option('--password <mot-de-passe>', 'mot de passe en clair (déconseillé : visible)')
      .option('--role <empreinte=rôle>', 'impose le rôle d\'un certificat (début d\'empreinte SHA-256), répétable', collect)
      .option('--json', 'sortie JSON sur la sortie standard')
      .helpOption('-h, --help', 'affiche l\'aide');

  passwordOptions(program.command('inspect').description('affiche les certificats, leur rôle et leur validité').argument('<fichiers...>', 'certificats : .p12, .pfx, .pem, .cer, .p7b, .zip')).action(
    async (files: string[], opts: PasswordOptions) => {
      const { bundle } = await load(io, files, opts);
      if (opts.json) io.stdout.write(JSON.stringify(bundle.certificates, null, 2) + '\n');
      else {
        io.stdout.write(bundle.certificates.map(describe).join('\n\n') + '\n');
        for (const w of bundle.warnings) say(io, `Avertissement [${w.code}]\u202f: ${w.message}\n`);
      }
      state.code = EXIT.OK;
    },
  );

  passwordOptions(
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
      .option('--warn-days <jours>', 'signale un certificat qui expire dans ce délai', '60'),
  ).action(
    async (
      files: string[],
      opts: PasswordOptions & { output: string; outPasswordEnv?: string; outPasswordFile?: string; p12: 'compatible' | 'modern'; pem?: boolean; force?: boolean; requireAll?: boolean; plainNames?: boolean; warnDays: string },
    ) => {
      const warnDays = Number(opts.warnDays);
      if (!Number.isInteger(warnDays) || warnDays < 0) throw new UsageError('--warn-days attend un nombre entier de jours.');
      const outPassword = await givenPassword(io, { env: opts.outPasswordEnv, file: opts.outPasswordFile }, 'de sortie');
      const { bundle, password } = await load(io, files, opts);
      const result = await exportBundle(bundle, {
        password: outPassword ?? password ?? '',
        profile: opts.p12,
        pem: opts.pem ?? false,
        requireAll: opts.requireAll ?? false,
        fileNames: opts.plainNames ? 'plain' : 'holder',
        warnDays,
        ...(io.now ? { now: io.now } : {}),
      });
      const dir = resolve(io.cwd, opts.output);
      if (io.signal?.aborted) throw new CertificateError('ABORTED', 'Interrompu : rien n\'a été écrit.');
      const written = await writeExport(dir, result.files, opts.force ?? false, { inputs: files.map((f) => resolve(io.cwd, f)), ...(io.signal ? { signal: io.signal } : {}) });
      const warnings = [...bundle.warnings.filter((w) => !result.warnings.includes(w)), ...result.warnings];
      if (opts.json) {
        io.stdout.write(
          JSON.stringify(
            {
              outputDir: dir,
              files: result.files.map((f) => ({ name: f.name, containsPrivateKey: f.secret })),
              roles: Object.fromEntries(Object.entries(result.chosen).map(([role, c]) => [role, { fingerprintSha256: c.fingerprintSha256, notAfter: c.notAfter, subject: c.subject.text }])),
              warnings,
            },
            null,
            2,
          ) + '\n',
        );
      } else {
        say(io, `✔ ${written.length} fichier${written.length > 1 ? 's' : ''} écrit${written.length > 1 ? 's' : ''} dans ${dir}\u202f:\n`);
        for (const f of result.files) say(io, `   ${f.name}${f.secret ? '   (clé privée protégée par mot de passe)' : ''}\n`);
        for (const w of warnings) {
          say(io, `Avertissement [${w.code}]\u202f: ${w.message}\n`);
          // The ready command for a certificate that could fill a missing role.
          for (const c of w.candidates ?? []) say(io, `   Pour l'utiliser\u202f: sne-certificates ${commandLine(argv)} --role ${c.fingerprintSha256.slice(0, 23)}=${w.role}\n`);
        }
        say(io, 'Lisez LISEZMOI.txt : il dit à qui envoyer chaque fichier et comment l\'installer.\n');
      }
      state.code = EXIT.OK;
    },
  );

  passwordOptions(
    program
      .command('check')
      .description('vérifie les dates d\'expiration (code 0 : valide, 3 : expire bientôt, 4 : expiré ou invalide)')
      .argument('<fichiers...>', 'certificats')
      .option('--warn-days <jours>', 'seuil d\'alerte en jours', '60'),
  ).action(async (files: string[], opts: PasswordOptions & { warnDays: string }) => {
    const warnDays = Number(opts.warnDays);
    if (!Number.isInteger(warnDays) || warnDays < 0) throw new UsageError('--warn-days attend un nombre entier de jours.');
    const { bundle } = await load(io, files, opts);
    const { results, exitCode } = checkBundle(bundle, warnDays);
    if (opts.json) {
      io.stdout.write(
        JSON.stringify(
          results.map((r) => ({
            status: r.status,
            message: r.line,
            role: r.certificate.role,
            subject: r.certificate.subject.text,
            notAfter: r.certificate.notAfter,
            daysLeft: r.certificate.daysLeft,
            fingerprintSha256: r.certificate.fingerprintSha256,
            warnings: r.certificate.unauthenticated ? [{ code: 'UNAUTHENTICATED', message: `Intégrité non prouvée : ${r.certificate.unauthenticated}.` }] : [],
          })),
          null,
          2,
        ) + '\n',
      );
    } else {
      io.stdout.write(results.map((r) => r.line).join('\n') + '\n');
      for (const w of bundle.warnings) say(io, `Avertissement [${w.code}]\u202f: ${w.message}\n`);
    }
    state.code = exitCode;
  });
  return program;
}

/** Runs the CLI with `argv` (without `node` and the script) and resolves to the exit code. */
export async function run(argv: readonly string[], io: Partial<CliIO> = {}): Promise<number> {
  const fullIo: CliIO = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd(), ...io };
  const state = { code: EXIT.OK as number };
  const program = createProgram(fullIo, state, argv);
  try {
    if (argv.length === 0) {
      fullIo.stdout.write(frenchHelp(program.helpInformation()));
      return EXIT.USAGE;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return state.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.OK;
      say(fullIo, `Erreur d'utilisation\u202f: ${frenchCommanderError(error, 'sne-certificates', ['inspect', 'extract', 'check'])}\n`);
      return EXIT.USAGE;
    }
    if (error instanceof UsageError) {
      say(fullIo, `Erreur d'utilisation\u202f: ${error.message}\n`);
      return EXIT.USAGE;
    }
    if (error instanceof CertificateError) {
      if (error.code === 'USAGE') {
        say(fullIo, `Erreur d'utilisation\u202f: ${error.message}\n`);
        return EXIT.USAGE;
      }
      if (argv.includes('--json')) fullIo.stdout.write(JSON.stringify({ error: { code: error.code, message: error.message, file: error.file ?? null } }, null, 2) + '\n');
      say(fullIo, errorLine(error));
      return EXIT.FAILED;
    }
    say(fullIo, `✘ Erreur inattendue : ${(error as Error)?.message ?? String(error)} [INTERNAL]\n`);
    return EXIT.FAILED;
  }
}
