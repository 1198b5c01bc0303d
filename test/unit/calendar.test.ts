import {
  addDays,
  addMonthsClamped,
  compareLocalDates,
  daysBetween,
  daysInMonth,
  formatLocalDate,
  isLeapYear,
  isoWeekday,
  isValidLocalDate,
  nextPeriod,
  parseLocalDate,
  periodContaining,
  periodFromKey,
  periodsBetween,
  previousPeriod,
  shanghaiDateOf,
  startOfShanghaiDay,
  type PeriodKind,
} from '../../domain/calendar';

const utc = (iso: string): number => Date.parse(iso);

describe('LocalDate helpers', () => {
  it('validates real calendar dates only', () => {
    expect(isValidLocalDate('2026-02-28')).toBe(true);
    expect(isValidLocalDate('2028-02-29')).toBe(true);
    expect(isValidLocalDate('2000-02-29')).toBe(true);
    expect(isValidLocalDate('2026-02-29')).toBe(false);
    expect(isValidLocalDate('2026-02-30')).toBe(false);
    expect(isValidLocalDate('2100-02-29')).toBe(false);
    expect(isValidLocalDate('2026-04-31')).toBe(false);
    expect(isValidLocalDate('2026-13-01')).toBe(false);
    expect(isValidLocalDate('2026-00-10')).toBe(false);
    expect(isValidLocalDate('2026-1-5')).toBe(false);
    expect(isValidLocalDate('2026-01-05T00:00:00Z')).toBe(false);
    expect(isValidLocalDate(' 2026-01-05')).toBe(false);
    expect(isValidLocalDate('')).toBe(false);
    expect(isValidLocalDate(20260105)).toBe(false);
  });

  it('parses and formats round-trip', () => {
    expect(parseLocalDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(formatLocalDate({ year: 2026, month: 3, day: 5 })).toBe('2026-03-05');
    expect(formatLocalDate({ year: 50, month: 1, day: 1 })).toBe('0050-01-01');
    expect(formatLocalDate(parseLocalDate('2026-12-31'))).toBe('2026-12-31');
  });

  it('throws on invalid input', () => {
    expect(() => parseLocalDate('2026-02-30')).toThrow(/Invalid LocalDate "2026-02-30"/);
    expect(() => parseLocalDate('not a date')).toThrow(RangeError);
    expect(() => formatLocalDate({ year: 2026, month: 2, day: 29 })).toThrow(/Invalid date parts/);
    expect(() => formatLocalDate({ year: 2026, month: 1, day: 1.5 })).toThrow(RangeError);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-01-01', 0.5)).toThrow(/integer/);
    expect(() => daysBetween('2026-01-01', '2026-1-2')).toThrow(RangeError);
  });

  it('identifies leap years', () => {
    expect(isLeapYear(2026)).toBe(false);
    expect(isLeapYear(2028)).toBe(true);
    expect(isLeapYear(2100)).toBe(false);
    expect(isLeapYear(2000)).toBe(true);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(() => daysInMonth(2026, 13)).toThrow(/Invalid month/);
  });

  it('adds days across month, leap-day and year boundaries', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2028-02-29', 1)).toBe('2028-03-01');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
    expect(addDays('2028-01-01', 365)).toBe('2028-12-31');
    expect(addDays('2026-05-10', 0)).toBe('2026-05-10');
  });

  it('compares and measures distances', () => {
    expect(compareLocalDates('2026-01-01', '2026-01-02')).toBe(-1);
    expect(compareLocalDates('2026-01-02', '2026-01-01')).toBe(1);
    expect(compareLocalDates('2026-01-01', '2026-01-01')).toBe(0);
    expect(['2027-01-01', '2026-12-31', '2026-02-01'].sort(compareLocalDates)).toEqual([
      '2026-02-01',
      '2026-12-31',
      '2027-01-01',
    ]);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
    expect(daysBetween('2026-03-01', '2026-02-01')).toBe(-28);
    expect(daysBetween('2026-03-01', '2026-03-01')).toBe(0);
  });

  it('computes ISO weekdays', () => {
    expect(isoWeekday('1970-01-01')).toBe(4);
    expect(isoWeekday('2026-01-01')).toBe(4);
    expect(isoWeekday('2026-09-27')).toBe(7);
    expect(isoWeekday('2026-10-10')).toBe(6);
    expect(isoWeekday('2026-03-09')).toBe(1);
    expect(isoWeekday('1969-12-31')).toBe(3);
  });
});

describe('Shanghai instants', () => {
  it('maps the UTC 16:00 boundary to the next Shanghai day', () => {
    expect(shanghaiDateOf(utc('2026-03-05T15:59:59.999Z'))).toBe('2026-03-05');
    expect(shanghaiDateOf(utc('2026-03-05T16:00:00.000Z'))).toBe('2026-03-06');
    expect(shanghaiDateOf(utc('2026-03-06T00:00:00.000Z'))).toBe('2026-03-06');
    expect(shanghaiDateOf(utc('2026-03-06T15:59:59.999Z'))).toBe('2026-03-06');
  });

  it('handles the year end', () => {
    expect(shanghaiDateOf(utc('2026-12-31T15:59:59.999Z'))).toBe('2026-12-31');
    expect(shanghaiDateOf(utc('2026-12-31T16:00:00.000Z'))).toBe('2027-01-01');
  });

  it('handles instants before the epoch', () => {
    expect(shanghaiDateOf(utc('1969-12-31T16:00:00.000Z'))).toBe('1970-01-01');
    expect(shanghaiDateOf(utc('1969-12-31T15:59:59.999Z'))).toBe('1969-12-31');
  });

  it('gives the start of a Shanghai day as 16:00Z the previous UTC day', () => {
    expect(startOfShanghaiDay('2027-01-01')).toBe(utc('2026-12-31T16:00:00.000Z'));
    expect(startOfShanghaiDay('2028-02-29')).toBe(utc('2028-02-28T16:00:00.000Z'));
    expect(startOfShanghaiDay('1970-01-01')).toBe(-8 * 60 * 60 * 1000);
    expect(shanghaiDateOf(startOfShanghaiDay('2026-07-01'))).toBe('2026-07-01');
    expect(shanghaiDateOf(startOfShanghaiDay('2026-07-01') - 1)).toBe('2026-06-30');
  });

  it('rejects invalid instants', () => {
    expect(() => shanghaiDateOf(Number.NaN)).toThrow(/Invalid instant/);
    expect(() => shanghaiDateOf(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => startOfShanghaiDay('2026-02-30')).toThrow(RangeError);
  });
});

describe('addMonthsClamped', () => {
  it('clamps to the last day of shorter months', () => {
    expect(addMonthsClamped('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsClamped('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonthsClamped('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonthsClamped('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonthsClamped('2028-02-29', 48)).toBe('2032-02-29');
  });

  it('carries across years in both directions', () => {
    expect(addMonthsClamped('2026-11-15', 2)).toBe('2027-01-15');
    expect(addMonthsClamped('2027-01-15', -2)).toBe('2026-11-15');
    expect(addMonthsClamped('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonthsClamped('2026-05-20', 0)).toBe('2026-05-20');
    expect(addMonthsClamped('2026-05-20', 24)).toBe('2028-05-20');
  });

  it('rejects invalid input', () => {
    expect(() => addMonthsClamped('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addMonthsClamped('2026-01-31', 1.5)).toThrow(/integer/);
  });
});

describe('periods', () => {
  it('builds a month period with Shanghai-midnight bounds', () => {
    expect(periodContaining('month', '2026-03-15')).toEqual({
      kind: 'month',
      key: '2026-03',
      start: '2026-03-01',
      end: '2026-03-31',
      startMs: utc('2026-02-28T16:00:00.000Z'),
      endMs: utc('2026-03-31T16:00:00.000Z'),
    });
  });

  it('uses the Shanghai date of an instant', () => {
    expect(periodContaining('month', utc('2026-03-31T15:59:59.999Z')).key).toBe('2026-03');
    expect(periodContaining('month', utc('2026-03-31T16:00:00.000Z')).key).toBe('2026-04');
    expect(periodContaining('year', utc('2026-12-31T15:59:59.999Z')).key).toBe('2026');
    expect(periodContaining('year', utc('2026-12-31T16:00:00.000Z')).key).toBe('2027');
  });

  it('handles quarter ends', () => {
    expect(periodContaining('quarter', '2026-03-31').key).toBe('2026-Q1');
    expect(periodContaining('quarter', '2026-04-01').key).toBe('2026-Q2');
    expect(periodContaining('quarter', utc('2026-06-30T15:59:59.999Z')).key).toBe('2026-Q2');
    expect(periodContaining('quarter', utc('2026-06-30T16:00:00.000Z')).key).toBe('2026-Q3');
    expect(periodContaining('quarter', '2026-12-31')).toEqual({
      kind: 'quarter',
      key: '2026-Q4',
      start: '2026-10-01',
      end: '2026-12-31',
      startMs: utc('2026-09-30T16:00:00.000Z'),
      endMs: utc('2026-12-31T16:00:00.000Z'),
    });
  });

  it('handles half-year ends', () => {
    expect(periodContaining('half-year', '2026-06-30').key).toBe('2026-H1');
    expect(periodContaining('half-year', '2026-07-01').key).toBe('2026-H2');
    const h1 = periodContaining('half-year', utc('2026-06-30T15:59:59.999Z'));
    expect(h1).toMatchObject({ key: '2026-H1', start: '2026-01-01', end: '2026-06-30' });
    expect(h1.endMs).toBe(utc('2026-06-30T16:00:00.000Z'));
    expect(periodContaining('half-year', utc('2026-06-30T16:00:00.000Z')).key).toBe('2026-H2');
  });

  it('ends February on the 28th or 29th', () => {
    expect(periodContaining('month', '2026-02-10').end).toBe('2026-02-28');
    expect(periodContaining('month', '2028-02-10').end).toBe('2028-02-29');
    expect(periodContaining('month', '2100-02-10').end).toBe('2100-02-28');
    expect(periodContaining('month', '2000-02-10').end).toBe('2000-02-29');
    expect(periodContaining('quarter', '2028-02-29')).toMatchObject({ key: '2028-Q1', end: '2028-03-31' });
  });

  it('builds a year period', () => {
    expect(periodContaining('year', '2028-07-04')).toEqual({
      kind: 'year',
      key: '2028',
      start: '2028-01-01',
      end: '2028-12-31',
      startMs: utc('2027-12-31T16:00:00.000Z'),
      endMs: utc('2028-12-31T16:00:00.000Z'),
    });
  });

  it('makes endMs equal to the next period startMs', () => {
    const kinds: PeriodKind[] = ['month', 'quarter', 'half-year', 'year'];
    for (const kind of kinds) {
      const period = periodContaining(kind, '2026-11-30');
      expect(nextPeriod(period).startMs).toBe(period.endMs);
      expect(addDays(period.end, 1)).toBe(nextPeriod(period).start);
    }
  });

  it('steps forward and backward across year boundaries', () => {
    expect(nextPeriod(periodFromKey('2026-12')).key).toBe('2027-01');
    expect(previousPeriod(periodFromKey('2027-01')).key).toBe('2026-12');
    expect(nextPeriod(periodFromKey('2026-Q4')).key).toBe('2027-Q1');
    expect(previousPeriod(periodFromKey('2027-Q1')).key).toBe('2026-Q4');
    expect(nextPeriod(periodFromKey('2026-H1')).key).toBe('2026-H2');
    expect(nextPeriod(periodFromKey('2026-H2')).key).toBe('2027-H1');
    expect(previousPeriod(periodFromKey('2027-H1')).key).toBe('2026-H2');
    expect(nextPeriod(periodFromKey('2026')).key).toBe('2027');
    expect(previousPeriod(periodFromKey('2026')).key).toBe('2025');
  });

  it('round-trips every key format', () => {
    const keys = ['2026-03', '2026-12', '2026-Q1', '2026-Q4', '2026-H1', '2026-H2', '2026', '2028-02'];
    for (const key of keys) {
      const period = periodFromKey(key);
      expect(period.key).toBe(key);
      expect(periodContaining(period.kind, period.start)).toEqual(period);
      expect(periodContaining(period.kind, period.end)).toEqual(period);
    }
  });

  it('parses keys into concrete periods', () => {
    expect(periodFromKey('2026-Q3')).toMatchObject({ kind: 'quarter', start: '2026-07-01', end: '2026-09-30' });
    expect(periodFromKey('2026-H2')).toMatchObject({ kind: 'half-year', start: '2026-07-01', end: '2026-12-31' });
    expect(periodFromKey('2028-02')).toMatchObject({ kind: 'month', start: '2028-02-01', end: '2028-02-29' });
    expect(periodFromKey('2026')).toMatchObject({ kind: 'year', start: '2026-01-01', end: '2026-12-31' });
  });

  it('rejects bad keys with a clear message', () => {
    for (const key of [
      '2026-Q5',
      '2026-Q0',
      '2026-H3',
      '2026-H0',
      '2026-13',
      '2026-00',
      '2026-3',
      '26',
      '2026-q1',
      '',
      ' 2026',
    ]) {
      expect(() => periodFromKey(key)).toThrow(`Invalid period key ${JSON.stringify(key)}`);
    }
  });

  it('rejects an unknown period kind', () => {
    expect(() => periodContaining('week' as PeriodKind, '2026-01-01')).toThrow(/Invalid period kind: "week"/);
  });

  it('lists every period overlapping a range across a year boundary', () => {
    expect(periodsBetween('month', '2026-11-15', '2027-02-01').map((p) => p.key)).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
    ]);
    expect(periodsBetween('quarter', '2026-09-30', '2027-01-01').map((p) => p.key)).toEqual([
      '2026-Q3',
      '2026-Q4',
      '2027-Q1',
    ]);
    expect(periodsBetween('half-year', '2026-06-30', '2027-07-01').map((p) => p.key)).toEqual([
      '2026-H1',
      '2026-H2',
      '2027-H1',
      '2027-H2',
    ]);
    expect(periodsBetween('year', '2026-12-31', '2027-01-01').map((p) => p.key)).toEqual(['2026', '2027']);
  });

  it('lists a single period for a range inside it', () => {
    expect(periodsBetween('month', '2026-03-01', '2026-03-31').map((p) => p.key)).toEqual(['2026-03']);
    expect(periodsBetween('quarter', '2026-05-05', '2026-05-05').map((p) => p.key)).toEqual(['2026-Q2']);
  });

  it('rejects a reversed or invalid range', () => {
    expect(() => periodsBetween('month', '2027-01-01', '2026-12-31')).toThrow(/2027-01-01 is after 2026-12-31/);
    expect(() => periodsBetween('month', '2026-02-30', '2026-12-31')).toThrow(RangeError);
  });
});
