import { addDays, isValidLocalDate } from '../domain/calendar';

/** One all-day deadline event. Same input → byte-identical output (it is built inside retried activities). */
export interface IcsEvent {
  /** Stable business id; the calendar UID becomes `<uid>@carepact`, so a resent invitation updates, not duplicates. */
  uid: string;
  /**
   * YYYY-MM-DD, an Asia/Shanghai business date; written as a floating all-day date, so every calendar shows that day.
   */
  date: string;
  summary: string;
  description?: string;
  /** ISO instant with `Z` or an offset (a bare local time would depend on the host's time zone). */
  stamp: string;
  alarmDaysBefore?: number;
}

const CRLF = '\r\n';
// RFC 5545 §3.1: lines SHOULD NOT exceed 75 octets, excluding the line break.
const MAX_LINE_OCTETS = 75;
const INSTANT =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d+)?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/i;

/**
 * RFC 5545 §3.3.11 TEXT: backslash, semicolon and comma escaped, line
 * breaks as `\n`; other control characters are not allowed, so dropped.
 */
export function escapeIcsText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/**
 * RFC 5545 §3.1 folding by UTF-8 octets: a CRLF and one space before each continuation (the space
 * counts toward the 75). Never splits a code point, nor an escape such as `\n` (legal, but some
 * clients mis-read a split escape).
 */
export function foldIcsLine(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= MAX_LINE_OCTETS) return line;
  const pieces: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_LINE_OCTETS;
  for (const unit of line.match(/\\[\s\S]|[\s\S]/gu) ?? []) {
    const size = Buffer.byteLength(unit, 'utf8');
    if (octets + size > limit) {
      pieces.push(current);
      current = '';
      octets = 0;
      limit = MAX_LINE_OCTETS - 1;
    }
    current += unit;
    octets += size;
  }
  pieces.push(current);
  return pieces.join(`${CRLF} `);
}

function utcBasic(stamp: string): string {
  const match = typeof stamp === 'string' ? INSTANT.exec(stamp) : null;
  const ms = match && isValidLocalDate(match[1]) ? Date.parse(stamp) : NaN;
  if (Number.isNaN(ms))
    throw new RangeError(`ICS stamp must be an ISO instant with Z or an offset, got ${JSON.stringify(stamp)}`);
  return new Date(ms)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

function basicDate(date: string): string {
  return date.replace(/-/g, '');
}

export function buildIcs(event: IcsEvent): string {
  if (typeof event.uid !== 'string' || event.uid.trim() === '') throw new RangeError('ICS event needs a non-empty uid');
  if (!isValidLocalDate(event.date))
    throw new RangeError(`ICS event date must be a real YYYY-MM-DD date, got ${JSON.stringify(event.date)}`);
  if (typeof event.summary !== 'string' || event.summary.trim() === '')
    throw new RangeError('ICS event needs a non-empty summary');
  const alarm = event.alarmDaysBefore;
  if (alarm !== undefined && !(Number.isInteger(alarm) && alarm >= 0)) {
    throw new RangeError(`ICS alarmDaysBefore must be a whole number of days ≥ 0, got ${JSON.stringify(alarm)}`);
  }

  const summary = escapeIcsText(event.summary);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//CarePact//Supervision//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${escapeIcsText(event.uid)}@carepact`,
    `DTSTAMP:${utcBasic(event.stamp)}`,
    `DTSTART;VALUE=DATE:${basicDate(event.date)}`,
    // All-day DTEND is exclusive (RFC 5545 §3.6.1): the next calendar day.
    `DTEND;VALUE=DATE:${basicDate(addDays(event.date, 1))}`,
    `SUMMARY:${summary}`,
    ...(event.description ? [`DESCRIPTION:${escapeIcsText(event.description)}`] : []),
    // A deadline marker, not a meeting: it must not show the whole day as busy.
    'TRANSP:TRANSPARENT',
    ...(alarm === undefined
      ? []
      : // DISPLAY alarms require a DESCRIPTION (RFC 5545 §3.6.6).
        ['BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${summary}`, `TRIGGER:-P${alarm}D`, 'END:VALARM']),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldIcsLine).join(CRLF) + CRLF;
}

/** A mail attachment carrying one deadline's calendar entry: every notice attaches its deadlines this way. */
export function icsAttachment(
  filename: string,
  event: IcsEvent,
): { filename: string; contentType: string; content: string } {
  return { filename, contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: buildIcs(event) };
}
