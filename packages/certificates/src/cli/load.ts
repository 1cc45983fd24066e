import type { Command } from 'commander';
import { type CertificateBundle, openBundle } from '../core/bundle.js';
import { DEFAULT_WARN_DAYS } from '../core/check.js';
import { type Role, ROLES } from '../core/classify.js';
import { CertificateError } from '../core/errors.js';
import { readInputs, readPasswordFile } from '../node/files.js';
import { type CliIO, say, UsageError } from './io.js';
import { promptHidden } from './prompt.js';

/** Options every command that opens certificates takes. */
export interface PasswordOptions {
  passwordEnv?: string;
  passwordFile?: string;
  password?: string;
  role?: string[];
  json?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Adds the password, `--role` and `--json` options to a command. */
export function passwordOptions(cmd: Command): Command {
  return cmd
    .option('--password-env <VAR>', 'lit le mot de passe dans une variable d\'environnement')
    .option('--password-file <fichier>', 'lit le mot de passe dans un fichier (première ligne)')
    .option('--password <mot-de-passe>', 'mot de passe en clair (déconseillé : visible)')
    .option('--role <empreinte=rôle>', 'impose le rôle d\'un certificat (début d\'empreinte SHA-256), répétable', collect)
    .option('--json', 'sortie JSON sur la sortie standard')
    .helpOption('-h, --help', 'affiche l\'aide');
}

/** The `--warn-days` default, as commander wants it. */
export const WARN_DAYS_DEFAULT = String(DEFAULT_WARN_DAYS);

/** `--warn-days` as a whole number of days. */
export function parseWarnDays(text: string): number {
  const warnDays = Number(text);
  if (!Number.isInteger(warnDays) || warnDays < 0) throw new UsageError('--warn-days attend un nombre entier de jours.');
  return warnDays;
}

/** The password given one way (variable, file, or in clear with a warning), or undefined. */
export async function givenPassword(io: CliIO, opts: { env?: string | undefined; file?: string | undefined; plain?: string | undefined }, what: string): Promise<string | undefined> {
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
    const prefix = m[1]!.replace(/:/g, '').toUpperCase();
    // The same prefix twice with two roles: a user error, never « the last wins ».
    if (roles[prefix] !== undefined && roles[prefix] !== role) throw new UsageError(`--role ${m[1]} est donné deux fois, avec deux rôles différents (${roles[prefix]} et ${role}) : n'en gardez qu'un.`);
    roles[prefix] = role;
  }
  return roles;
}

/** Reads the files and opens them as one bundle; at a terminal, asks for the password (three tries). */
export async function load(io: CliIO, files: string[], opts: PasswordOptions): Promise<{ bundle: CertificateBundle; password: string | undefined }> {
  const roles = parseRoles(opts.role);
  let password = await givenPassword(io, { env: opts.passwordEnv, file: opts.passwordFile, plain: opts.password }, 'du fichier');
  const inputs = await readInputs(files, io.cwd);
  const open = (pw: string | undefined) => openBundle(inputs, { password: pw, roles, ...(io.now ? { now: io.now } : {}), ...(io.signal ? { signal: io.signal } : {}) });
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
