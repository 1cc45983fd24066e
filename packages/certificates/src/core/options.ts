import { CertificateError } from './errors.js';

/**
 * Options are checked where they enter: a value outside what is allowed is a `USAGE` error naming
 * the option and the allowed values, never a silent default (`profile: 'strong'` used to become
 * `modern` without a word).
 */
function refuse(option: string, value: unknown, allowed: string): never {
  throw new CertificateError('USAGE', `Option ${option} : valeur ${JSON.stringify(value) ?? String(value)} refusée. Valeurs permises : ${allowed}.`, { details: { option, allowed } });
}

/** An option nobody reads is a mistake (a typo, an option of another version): `USAGE`, never ignored. */
function knownKeys(options: Record<string, unknown>, known: readonly string[]): void {
  const unknown = Object.keys(options).find((key) => !known.includes(key));
  if (unknown !== undefined) throw new CertificateError('USAGE', `Option inconnue « ${unknown} ». Options permises : ${known.join(', ')}.`, { details: { option: unknown, allowed: known.join(', ') } });
}

function signal(value: unknown): void {
  if (value !== undefined && !(typeof value === 'object' && value !== null && 'aborted' in value)) refuse('signal', value, 'un AbortSignal');
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
  knownKeys(options, ['password', 'now', 'roles', 'signal']);
  ofType('password', options.password, 'string', 'une chaîne');
  signal(options.signal);
  date('now', options.now);
  if (options.roles !== undefined && (typeof options.roles !== 'object' || options.roles === null)) refuse('roles', options.roles, 'un objet { début d\'empreinte: rôle }');
}

/** Checks the options of `exportBundle`. */
export function checkExportOptions(options: Record<string, unknown>): void {
  knownKeys(options, ['password', 'passwordReused', 'profile', 'pem', 'requireAll', 'fileNames', 'roles', 'readme', 'calendar', 'warnDays', 'now', 'signal']);
  ofType('password', options.password, 'string', 'une chaîne');
  signal(options.signal);
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
  knownKeys(options, ['warnDays']);
  days('warnDays', options.warnDays);
}
