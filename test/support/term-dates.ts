import {
  addDays,
  addMonthsClamped,
  isValidLocalDate,
  type LocalDate,
  nextPeriod,
  periodContaining,
  periodFromKey,
  type PeriodKind,
  shanghaiDateOf,
} from '../../domain/calendar';

/**
 * Contract terms placed from today. A contract's policy calendar starts at its creation, on
 * today's real date in Shanghai (domain/clock.ts), so a date a test needs in the contract's
 * future (a term still to begin, a year not over) is computed from today: a literal holds only
 * until the wall clock passes it.
 */
export const shanghaiToday = (): LocalDate => shanghaiDateOf(Date.now());

export interface Term {
  termStart: LocalDate;
  /** The term's last day. */
  termEnd: LocalDate;
  /** Day `day` of the term's month `i` (0 = the first), as YYYY-MM-DD. */
  dayIn(i: number, day: number): LocalDate;
  /** The term's month `i` as its period key YYYY-MM. */
  monthOf(i: number): string;
  /** The last day of the term's month `i`. */
  monthEndOf(i: number): LocalDate;
  /** The term's quarter `q` (0 = the first) as its period key YYYY-Qn; the term starts on a quarter. */
  quarterOf(q: number): string;
}

/** A term of `months` whole months from `termStart`, the first day of a month. */
export function termOf(termStart: LocalDate, months: number): Term {
  if (!termStart.endsWith('-01')) throw new RangeError(`a term starts on a month's first day, not ${termStart}`);
  const monthStart = (i: number) => addMonthsClamped(termStart, i);
  const monthOf = (i: number) => monthStart(i).slice(0, 7);
  return {
    termStart,
    termEnd: addDays(monthStart(months), -1),
    dayIn: (i, day) => {
      const date = `${monthOf(i)}-${String(day).padStart(2, '0')}`;
      if (!isValidLocalDate(date)) throw new RangeError(`month ${i} of the term has no day ${day}`);
      return date;
    },
    monthOf,
    monthEndOf: (i) => periodFromKey(monthOf(i)).end,
    quarterOf: (q) => periodContaining('quarter', monthStart(3 * q)).key,
  };
}

/**
 * A term of `months` months starting on the first day of the first month, quarter or year that
 * begins at least `headStartDays` days after today: drafting and signing must be done before the
 * term begins, on any date (a 31 December, a quarter's last days). At a compressed timeScale the
 * head start is `headStartDays - 1` policy days at the least, the wait up to one period more.
 */
export function termFromToday(options: { startsOn: PeriodKind; headStartDays: number; months: number }): Term {
  const earliest = addDays(shanghaiToday(), options.headStartDays);
  const containing = periodContaining(options.startsOn, earliest);
  const start = containing.start === earliest ? containing : nextPeriod(containing);
  return termOf(start.start, options.months);
}
