// Calendar days as an agent in France counts them: a certificate that ended five days ago « a expiré
// il y a 5 jours », whatever the hour; and the date shown is the day in Paris (a notAfter of
// 31/12 at 23:30 UTC is already 01/01 in Paris). Intl knows the daylight-saving rules, in Node
// and in every browser.

const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris', year: 'numeric', month: 'numeric', day: 'numeric' });

/** The calendar date in Paris of an instant. */
export function parisDate(instant: Date): { year: number; month: number; day: number } {
  const out = { year: 0, month: 0, day: 0 };
  for (const p of parts.formatToParts(instant)) if (p.type === 'year' || p.type === 'month' || p.type === 'day') out[p.type] = Number(p.value);
  return out;
}

/** The Paris calendar date of an instant, as a day number (days since 1970-01-01). */
export function parisDayNumber(instant: Date): number {
  const { year, month, day } = parisDate(instant);
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

/** Calendar days in Paris from `now` to `then` (negative when `then` is past). */
export function calendarDaysBetween(now: Date, then: Date): number {
  return parisDayNumber(then) - parisDayNumber(now);
}
