import { addDays, compareLocalDates, isoWeekday, isValidLocalDate, parseLocalDate, type LocalDate } from './calendar';

/**
 * China moves weekend days to workdays around public holidays (调休): a weekend date in
 * `makeupWorkdays` is a working day, and a weekday in `holidays` is not.
 */
export interface WorkingDayCalendar {
  holidays: readonly LocalDate[];
  makeupWorkdays: readonly LocalDate[];
}

export const emptyWorkingDayCalendar: WorkingDayCalendar = Object.freeze({
  holidays: Object.freeze([]),
  makeupWorkdays: Object.freeze([]),
});

type WorkingDayTest = (date: LocalDate) => boolean;

/** Validates the calendar once so that a misspelt entry cannot silently fail to match. */
function workingDayTest(cal: WorkingDayCalendar): WorkingDayTest {
  const holidays = new Set(cal.holidays);
  const makeupWorkdays = new Set(cal.makeupWorkdays);
  for (const date of [...holidays, ...makeupWorkdays]) {
    if (!isValidLocalDate(date)) throw new RangeError(`Invalid date in working-day calendar: ${JSON.stringify(date)}`);
  }
  for (const date of holidays) {
    if (makeupWorkdays.has(date)) throw new RangeError(`${date} is listed as both a holiday and a makeup workday`);
  }
  return (date) => {
    parseLocalDate(date);
    if (holidays.has(date)) return false;
    return makeupWorkdays.has(date) || isoWeekday(date) <= 5;
  };
}

export function isWorkingDay(date: LocalDate, cal: WorkingDayCalendar): boolean {
  return workingDayTest(cal)(date);
}

/** The n-th working day strictly after `date`; `date` itself when n is 0. */
export function addWorkingDays(date: LocalDate, n: number, cal: WorkingDayCalendar): LocalDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Working-day count must be a non-negative integer, got ${n}`);
  parseLocalDate(date);
  const isWorking = workingDayTest(cal);
  let current = date;
  for (let remaining = n; remaining > 0;) {
    current = addDays(current, 1);
    if (isWorking(current)) remaining -= 1;
  }
  return current;
}

/** Working days in (from, to]; negative, mirroring `daysBetween`, when `to` is before `from`. */
export function workingDaysBetween(from: LocalDate, to: LocalDate, cal: WorkingDayCalendar): number {
  if (compareLocalDates(from, to) > 0) return -workingDaysBetween(to, from, cal);
  const isWorking = workingDayTest(cal);
  let count = 0;
  for (let current = addDays(from, 1); compareLocalDates(current, to) <= 0; current = addDays(current, 1)) {
    if (isWorking(current)) count += 1;
  }
  return count;
}
