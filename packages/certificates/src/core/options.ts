import { CertificateError } from './errors.js';

/**
 * Options are checked where they enter: a value outside what is allowed is a `USAGE` error naming
 * the option and the allowed values, never a silent default (`profile: 'strong'` used to become
 * `modern` without a word).
 */
function refuse(option: string, value: unknown, allowed: string): never {
  throw new CertificateError('USAGE', `Option ${option} : valeur ${JSON.stringify(value) ?? String(value)} refusée. Valeurs permises : ${allowed}.`);
}

function oneOf(option: string, value: unknown, allowed: readonly string[]): void {
  if (value !== undefined && !allowed.includes(value as string)) refuse(option, value, allowed.map((a) => JSON.stringify(a)).join(', '));
}

function ofType(option: string, value: unknown, type: 'string' | 'boolean', allowed: string): void {
  if (value !== undefined && typeof value !== type) refuse(option, value, allowed);
}

function date(option: string, value: unknown): void {
  if (value !== undefined && !(value instanceof Date && !Number.isNaN(value.getTime()))) refuse(option, value, 'une Date valide');
}

function days(option: string, value: unknown): void {
  if (value !== undefined && !(Number.isInteger(value) && (value as number) >= 0)) refuse(option, value, 'un nombre entier de jours, 0 ou plus');
}

/** Checks the options of `openBundle`. */
export function checkOpenOptions(options: Record<string, unknown>): void {
  ofType('password', options.password, 'string', 'une chaîne');
  date('now', options.now);
  if (options.roles !== undefined && (typeof options.roles !== 'object' || options.roles === null)) refuse('roles', options.roles, 'un objet { début d\'empreinte: rôle }');
}

/** Checks the options of `exportBundle`. */
export function checkExportOptions(options: Record<string, unknown>): void {
  ofType('password', options.password, 'string', 'une chaîne');
  oneOf('profile', options.profile, ['compatible', 'modern']);
  oneOf('fileNames', options.fileNames, ['holder', 'plain']);
  if (options.roles !== undefined && !(Array.isArray(options.roles) && options.roles.every((r) => ['chiffrement', 'signature', 'authentification'].includes(r as string)))) {
    refuse('roles', options.roles, 'une liste parmi "chiffrement", "signature", "authentification"');
  }
  for (const flag of ['pem', 'requireAll', 'passwordReused', 'readme', 'calendar']) ofType(flag, options[flag], 'boolean', 'true ou false');
  days('warnDays', options.warnDays);
  date('now', options.now);
}

/** Checks the options of `checkBundle`. */
export function checkCheckOptions(options: Record<string, unknown>): void {
  days('warnDays', options.warnDays);
}
