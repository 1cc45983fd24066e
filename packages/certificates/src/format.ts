/** A date as dd/mm/yyyy, from an ISO string, in UTC (certificate validity is in UTC). */
export function frDate(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

/** A number of days in French: « 1 jour », « 2 954 jours » (thousands grouped by U+202F). */
export function frDays(n: number): string {
  const grouped = String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, '\u202f');
  return `${n < 0 ? '-' : ''}${grouped} jour${Math.abs(n) > 1 ? 's' : ''}`;
}

/** Roles as French words for people (the `role` values themselves stay plain identifiers). */
export const ROLE_WORDS: Record<string, string> = {
  chiffrement: 'chiffrement',
  signature: 'signature',
  authentification: 'authentification',
  autorite: 'autorité',
  inconnu: 'inconnu',
};

/** French typography: a narrow no-break space (U+202F) before `; : ! ?` and inside guillemets. */
export function frenchTypography(text: string): string {
  return text.replace(/ ([;:!?])(?=\s|$)/g, '\u202f$1').replace(/« /g, '«\u202f').replace(/ »/g, '\u202f»');
}
