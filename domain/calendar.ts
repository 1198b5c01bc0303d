/** A calendar date in Asia/Shanghai, formatted `YYYY-MM-DD`. */
export type LocalDate = string;

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

export type PeriodKind = 'month' | 'quarter' | 'half-year' | 'year';

export type Period = {
  kind: PeriodKind;
  key: string;
  start: LocalDate;
  /** Inclusive last day. */
  end: LocalDate;
  startMs: number;
  /** Exclusive: start of the next period, Shanghai midnight. */
  endMs: number;
};

// China Standard Time is a fixed UTC+8 with no DST since 1991, so no timezone database is needed.
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const MS_PER_DAY = 24 * 60 * 60 * 1000;
const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

const MONTHS_PER_PERIOD: Record<PeriodKind, number> = {
  month: 1,
  quarter: 3,
  'half-year': 6,
  year: 12,
};

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  const lengths = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  const length = lengths[month - 1];
  if (length === undefined) throw new RangeError(`Invalid month: ${month}`);
  return length;
}

function partsAreValid({ year, month, day }: DateParts): boolean {
  return (
    Number.isInteger(year) &&
    year >= 0 &&
    year <= 9999 &&
    Number.isInteger(month) &&
    month >= 1 &&
    month <= 12 &&
    Number.isInteger(day) &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

function matchParts(value: string): DateParts | undefined {
  const match = LOCAL_DATE_PATTERN.exec(value);
  if (!match) return undefined;
  const parts = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return partsAreValid(parts) ? parts : undefined;
}

export function isValidLocalDate(value: unknown): value is LocalDate {
  return typeof value === 'string' && matchParts(value) !== undefined;
}

export function parseLocalDate(value: LocalDate): DateParts {
  const parts = typeof value === 'string' ? matchParts(value) : undefined;
  if (!parts)
    throw new RangeError(`Invalid LocalDate ${JSON.stringify(value)}: expected an existing date as YYYY-MM-DD`);
  return parts;
}

export function formatLocalDate(parts: DateParts): LocalDate {
  if (!partsAreValid(parts)) throw new RangeError(`Invalid date parts: ${JSON.stringify(parts)}`);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(parts.year, 4)}-${pad(parts.month, 2)}-${pad(parts.day, 2)}`;
}

function toEpochDay(date: LocalDate): number {
  const { year, month, day } = parseLocalDate(date);
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  return new Date(0).setUTCFullYear(year, month - 1, day) / MS_PER_DAY;
}

function fromEpochDay(epochDay: number): LocalDate {
  const utc = new Date(epochDay * MS_PER_DAY);
  return formatLocalDate({ year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() });
}

function requireInteger(n: number, name: string): void {
  if (!Number.isInteger(n)) throw new RangeError(`${name} must be an integer, got ${n}`);
}

export function addDays(date: LocalDate, n: number): LocalDate {
  requireInteger(n, 'Day count');
  return fromEpochDay(toEpochDay(date) + n);
}

/** Signed number of days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

export function compareLocalDates(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  return Math.sign(daysBetween(b, a)) as -1 | 0 | 1;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  // 1970-01-01 (epoch day 0) was a Thursday.
  const mondayBased = (((toEpochDay(date) + 3) % 7) + 7) % 7;
  return mondayBased + 1;
}

export function shanghaiDateOf(instantMs: number): LocalDate {
  if (!Number.isFinite(instantMs)) throw new RangeError(`Invalid instant: ${instantMs}`);
  return fromEpochDay(Math.floor((instantMs + SHANGHAI_OFFSET_MS) / MS_PER_DAY));
}

/** Epoch ms of 00:00 in Shanghai on `date`. */
export function startOfShanghaiDay(date: LocalDate): number {
  return toEpochDay(date) * MS_PER_DAY - SHANGHAI_OFFSET_MS;
}

/** Months counted from year 0, so month arithmetic never has to carry years by hand. */
function monthIndexOf({ year, month }: DateParts): number {
  return year * 12 + (month - 1);
}

function partsOfMonthIndex(monthIndex: number): { year: number; month: number } {
  return { year: Math.floor(monthIndex / 12), month: (((monthIndex % 12) + 12) % 12) + 1 };
}

export function addMonthsClamped(date: LocalDate, n: number): LocalDate {
  requireInteger(n, 'Month count');
  const parts = parseLocalDate(date);
  const { year, month } = partsOfMonthIndex(monthIndexOf(parts) + n);
  return formatLocalDate({ year, month, day: Math.min(parts.day, daysInMonth(year, month)) });
}

function periodKey(kind: PeriodKind, monthIndex: number): string {
  const { year, month } = partsOfMonthIndex(monthIndex);
  const yyyy = String(year).padStart(4, '0');
  switch (kind) {
    case 'month':
      return `${yyyy}-${String(month).padStart(2, '0')}`;
    case 'quarter':
      return `${yyyy}-Q${(month - 1) / 3 + 1}`;
    case 'half-year':
      return `${yyyy}-H${(month - 1) / 6 + 1}`;
    case 'year':
      return yyyy;
  }
}

function periodStartingAt(kind: PeriodKind, monthIndex: number): Period {
  const firstOf = (index: number) => formatLocalDate({ ...partsOfMonthIndex(index), day: 1 });
  const start = firstOf(monthIndex);
  const nextStart = firstOf(monthIndex + MONTHS_PER_PERIOD[kind]);
  return {
    kind,
    key: periodKey(kind, monthIndex),
    start,
    end: addDays(nextStart, -1),
    startMs: startOfShanghaiDay(start),
    endMs: startOfShanghaiDay(nextStart),
  };
}

function requirePeriodKind(kind: PeriodKind): void {
  if (!Object.hasOwn(MONTHS_PER_PERIOD, kind)) throw new RangeError(`Invalid period kind: ${JSON.stringify(kind)}`);
}

function periodStartIndex(kind: PeriodKind, date: LocalDate): number {
  requirePeriodKind(kind);
  const monthIndex = monthIndexOf(parseLocalDate(date));
  return monthIndex - (monthIndex % MONTHS_PER_PERIOD[kind]);
}

/** The period of `kind` containing an instant (epoch ms) or a Shanghai calendar date. */
export function periodContaining(kind: PeriodKind, at: number | LocalDate): Period {
  const date = typeof at === 'number' ? shanghaiDateOf(at) : at;
  return periodStartingAt(kind, periodStartIndex(kind, date));
}

function shiftPeriod({ kind, start }: Period, count: number): Period {
  return periodStartingAt(kind, periodStartIndex(kind, start) + count * MONTHS_PER_PERIOD[kind]);
}

export function nextPeriod(period: Period): Period {
  return shiftPeriod(period, 1);
}

export function previousPeriod(period: Period): Period {
  return shiftPeriod(period, -1);
}

const PERIOD_KEY_PATTERNS: ReadonlyArray<{ kind: PeriodKind; pattern: RegExp; firstMonth: (n: number) => number }> = [
  { kind: 'year', pattern: /^(\d{4})$/, firstMonth: () => 1 },
  { kind: 'month', pattern: /^(\d{4})-(0[1-9]|1[0-2])$/, firstMonth: (n) => n },
  { kind: 'quarter', pattern: /^(\d{4})-Q([1-4])$/, firstMonth: (n) => (n - 1) * 3 + 1 },
  { kind: 'half-year', pattern: /^(\d{4})-H([12])$/, firstMonth: (n) => (n - 1) * 6 + 1 },
];

/** Parses `2026`, `2026-03`, `2026-Q1` or `2026-H2`. */
export function periodFromKey(key: string): Period {
  for (const { kind, pattern, firstMonth } of PERIOD_KEY_PATTERNS) {
    const match = typeof key === 'string' ? pattern.exec(key) : null;
    if (match) {
      const year = Number(match[1]);
      return periodStartingAt(kind, monthIndexOf({ year, month: firstMonth(Number(match[2])), day: 1 }));
    }
  }
  throw new RangeError(
    `Invalid period key ${JSON.stringify(key)}: expected YYYY, YYYY-MM (01–12), YYYY-Qn (1–4) or YYYY-Hn (1–2)`,
  );
}

/** Every period of `kind` overlapping the inclusive range [from, toInclusive], in order. */
export function periodsBetween(kind: PeriodKind, from: LocalDate, toInclusive: LocalDate): Period[] {
  if (compareLocalDates(from, toInclusive) > 0) {
    throw new RangeError(`Invalid range: ${from} is after ${toInclusive}`);
  }
  const periods: Period[] = [];
  for (
    let period = periodContaining(kind, from);
    compareLocalDates(period.start, toInclusive) <= 0;
    period = nextPeriod(period)
  ) {
    periods.push(period);
  }
  return periods;
}
