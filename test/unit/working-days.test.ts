import {
  addWorkingDays,
  emptyWorkingDayCalendar,
  isWorkingDay,
  workingDaysBetween,
  type WorkingDayCalendar,
} from '../../domain/working-days';

// Test data shaped like a National Day block, not an authoritative holiday schedule.
const nationalDayStyle: WorkingDayCalendar = {
  holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
  makeupWorkdays: ['2026-09-27', '2026-10-10'],
};

describe('isWorkingDay', () => {
  it('treats Monday–Friday as working days and weekends as not', () => {
    expect(isWorkingDay('2026-03-06', emptyWorkingDayCalendar)).toBe(true); // Friday
    expect(isWorkingDay('2026-03-07', emptyWorkingDayCalendar)).toBe(false); // Saturday
    expect(isWorkingDay('2026-03-08', emptyWorkingDayCalendar)).toBe(false); // Sunday
    expect(isWorkingDay('2026-03-09', emptyWorkingDayCalendar)).toBe(true); // Monday
  });

  it('honours holidays and makeup workdays', () => {
    expect(isWorkingDay('2026-10-01', nationalDayStyle)).toBe(false); // Thursday holiday
    expect(isWorkingDay('2026-10-07', nationalDayStyle)).toBe(false); // Wednesday holiday
    expect(isWorkingDay('2026-10-08', nationalDayStyle)).toBe(true);
    expect(isWorkingDay('2026-09-27', nationalDayStyle)).toBe(true); // makeup Sunday
    expect(isWorkingDay('2026-10-10', nationalDayStyle)).toBe(true); // makeup Saturday
    expect(isWorkingDay('2026-10-11', nationalDayStyle)).toBe(false); // ordinary Sunday
  });

  it('rejects invalid dates and inconsistent calendars', () => {
    expect(() => isWorkingDay('2026-02-30', emptyWorkingDayCalendar)).toThrow(RangeError);
    expect(() => isWorkingDay('2026-10-01', { holidays: ['2026-10-1'], makeupWorkdays: [] })).toThrow(
      /Invalid date in working-day calendar: "2026-10-1"/,
    );
    expect(() => isWorkingDay('2026-10-01', { holidays: ['2026-10-10'], makeupWorkdays: ['2026-10-10'] })).toThrow(
      /2026-10-10 is listed as both a holiday and a makeup workday/,
    );
  });

  it('keeps the shared empty calendar immutable', () => {
    expect(Object.isFrozen(emptyWorkingDayCalendar)).toBe(true);
    expect(Object.isFrozen(emptyWorkingDayCalendar.holidays)).toBe(true);
    expect(Object.isFrozen(emptyWorkingDayCalendar.makeupWorkdays)).toBe(true);
  });
});

describe('addWorkingDays', () => {
  it('skips the weekend', () => {
    expect(addWorkingDays('2026-03-06', 1, emptyWorkingDayCalendar)).toBe('2026-03-09'); // Fri → Mon
    expect(addWorkingDays('2026-03-07', 1, emptyWorkingDayCalendar)).toBe('2026-03-09'); // Sat → Mon
    expect(addWorkingDays('2026-03-06', 5, emptyWorkingDayCalendar)).toBe('2026-03-13');
    expect(addWorkingDays('2026-03-02', 10, emptyWorkingDayCalendar)).toBe('2026-03-16');
  });

  it('counts strictly after the start date, returning it unchanged for n = 0', () => {
    expect(addWorkingDays('2026-03-09', 1, emptyWorkingDayCalendar)).toBe('2026-03-10');
    expect(addWorkingDays('2026-03-07', 0, emptyWorkingDayCalendar)).toBe('2026-03-07');
  });

  it('crosses a holiday block with makeup workdays', () => {
    // Fri 09-25 → Sun 09-27 (makeup), 09-28..30, 10-08, 10-09, Sat 10-10 (makeup), 10-12..14.
    expect(addWorkingDays('2026-09-25', 10, nationalDayStyle)).toBe('2026-10-14');
    expect(addWorkingDays('2026-09-25', 10, emptyWorkingDayCalendar)).toBe('2026-10-09');
    expect(addWorkingDays('2026-09-25', 1, nationalDayStyle)).toBe('2026-09-27');
    expect(addWorkingDays('2026-09-30', 1, nationalDayStyle)).toBe('2026-10-08');
    expect(addWorkingDays('2026-10-03', 1, nationalDayStyle)).toBe('2026-10-08'); // request made on a holiday
    expect(addWorkingDays('2026-10-09', 1, nationalDayStyle)).toBe('2026-10-10');
  });

  it('crosses a year boundary', () => {
    expect(addWorkingDays('2026-12-31', 1, emptyWorkingDayCalendar)).toBe('2027-01-01');
    expect(addWorkingDays('2026-12-31', 1, { holidays: ['2027-01-01'], makeupWorkdays: [] })).toBe('2027-01-04');
  });

  it('rejects invalid input', () => {
    expect(() => addWorkingDays('2026-03-06', -1, emptyWorkingDayCalendar)).toThrow(/non-negative integer/);
    expect(() => addWorkingDays('2026-03-06', 1.5, emptyWorkingDayCalendar)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-02-30', 1, emptyWorkingDayCalendar)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts working days in (from, to]', () => {
    expect(workingDaysBetween('2026-03-06', '2026-03-09', emptyWorkingDayCalendar)).toBe(1);
    expect(workingDaysBetween('2026-03-06', '2026-03-08', emptyWorkingDayCalendar)).toBe(0);
    expect(workingDaysBetween('2026-03-02', '2026-03-16', emptyWorkingDayCalendar)).toBe(10);
    expect(workingDaysBetween('2026-03-06', '2026-03-06', emptyWorkingDayCalendar)).toBe(0);
  });

  it('counts across a holiday block with makeup workdays', () => {
    expect(workingDaysBetween('2026-09-25', '2026-10-14', nationalDayStyle)).toBe(10);
    expect(workingDaysBetween('2026-09-30', '2026-10-08', nationalDayStyle)).toBe(1);
    expect(workingDaysBetween('2026-09-30', '2026-10-07', nationalDayStyle)).toBe(0);
    expect(workingDaysBetween('2026-10-09', '2026-10-11', nationalDayStyle)).toBe(1);
  });

  it('is the inverse of addWorkingDays', () => {
    for (const n of [0, 1, 3, 7, 10, 20]) {
      const due = addWorkingDays('2026-09-25', n, nationalDayStyle);
      expect(workingDaysBetween('2026-09-25', due, nationalDayStyle)).toBe(n);
    }
  });

  it('is negative when to is before from', () => {
    expect(workingDaysBetween('2026-10-14', '2026-09-25', nationalDayStyle)).toBe(-10);
  });

  it('rejects invalid dates', () => {
    expect(() => workingDaysBetween('2026-02-30', '2026-03-10', emptyWorkingDayCalendar)).toThrow(RangeError);
    expect(() => workingDaysBetween('2026-03-01', '2026-13-01', emptyWorkingDayCalendar)).toThrow(RangeError);
  });
});
