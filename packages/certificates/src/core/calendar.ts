import { printable } from '@sne-toolbox/text';
import { DEFAULT_WARN_DAYS } from './check.js';
import { frDate, ofRole, ROLE_WORDS } from './messages.js';
import { parisDayNumber } from './paris-date.js';
import type { CertificateSummary } from './summary.js';

// The renewal reminder as an iCalendar file (RFC 5545) that Outlook, Thunderbird and Google Calendar
// import: one all-day event per certificate with a key, `warnDays` before it ends, with an alarm.
// CRLF line ends, lines folded at 75 octets on character boundaries, UID and DTSTAMP in each event.

/** Options of {@link renewalCalendar}. */
export interface CalendarOptions {
  /** Days before the end of validity on which the event falls (default {@link DEFAULT_WARN_DAYS}). */
  warnDays?: number | undefined;
  /** The time the file is made (DTSTAMP), and the earliest day of an event. */
  now?: Date | undefined;
}

const DAY = 86_400_000;

/** The PRODID line of our calendars: a file that carries it is ours, which the CLI may replace on its next run. */
export const CALENDAR_PRODID = 'PRODID:-//sne-toolbox//certificats RGS//FR';

/** TEXT value escapes (RFC 5545 3.3.11); untrusted text first goes through the printable rule. */
function text(value: string): string {
  return printable(value).replace(/[\\;,]/g, (c) => `\\${c}`);
}

/** One content line folded at 75 octets of UTF-8, never inside a character (RFC 5545 3.1). */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const out: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const bytes = encoder.encode(ch).byteLength;
    // Continuation lines start with a space, which counts in their 75 octets.
    if (size + bytes > 75) {
      out.push(current);
      current = ' ';
      size = 1;
    }
    current += ch;
    size += bytes;
  }
  out.push(current);
  return out.join('\r\n');
}

/** YYYYMMDD of a day number (days since 1970-01-01). */
function dateValue(dayNumber: number): string {
  return new Date(dayNumber * DAY).toISOString().slice(0, 10).replace(/-/g, '');
}

/** UTC date-time form of DTSTAMP: 20261206T191500Z. */
function stampValue(instant: Date): string {
  return instant.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
}

function event(c: CertificateSummary, warnDays: number, now: Date): string[] {
  const holder = c.subject.commonName ?? c.subject.text;
  const end = frDate(c.notAfter);
  const role = ROLE_WORDS[c.role] ?? c.role;
  // The day of the reminder, never before tomorrow: its alarm, the day before at 9:00, must not be past.
  const day = Math.max(parisDayNumber(new Date(c.notAfter)) - warnDays, parisDayNumber(now) + 1);
  const summary = `Renouveler le certificat RGS ${ofRole(role)} de ${holder} (expire le ${end})`;
  const description = `Le certificat ${ofRole(role)} de ${holder}, émis par ${c.issuer.commonName ?? c.issuer.text}, expire le ${end}. Demandez son renouvellement maintenant ; à réception, refaites l'extraction et envoyez la nouvelle clé publique de chiffrement au gestionnaire territorial du SNE. Empreinte SHA-256 : ${c.fingerprintSha256}.`;
  return [
    'BEGIN:VEVENT',
    `UID:${c.fingerprintSha256.replace(/:/g, '').toLowerCase()}-renouvellement@sne-toolbox`,
    `DTSTAMP:${stampValue(now)}`,
    `DTSTART;VALUE=DATE:${dateValue(day)}`,
    `DTEND;VALUE=DATE:${dateValue(day + 1)}`,
    `SUMMARY:${text(summary)}`,
    `DESCRIPTION:${text(description)}`,
    'TRANSP:TRANSPARENT',
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    // 9:00 the day before the all-day event (which starts at midnight).
    'TRIGGER:-PT15H',
    `DESCRIPTION:${text(summary)}`,
    'END:VALARM',
    'END:VEVENT',
  ];
}

/**
 * The renewal reminders of `certificates` as an iCalendar file (RFC 5545): one all-day event per
 * certificate with a private key, on its last day minus `warnDays` (tomorrow at the earliest), with an
 * alarm the day before and a French summary naming the role, the holder and the end date. Null when
 * none has a key.
 */
export function renewalCalendar(certificates: readonly CertificateSummary[], options: CalendarOptions = {}): string | null {
  const now = options.now ?? new Date();
  const warnDays = options.warnDays ?? DEFAULT_WARN_DAYS;
  const keyed = certificates.filter((c) => c.hasPrivateKey && c.validity !== 'expire');
  if (keyed.length === 0) return null;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    CALENDAR_PRODID,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...keyed.flatMap((c) => event(c, warnDays, now)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
