import { periodFromKey, startOfShanghaiDay } from '../../domain/calendar';
import { agenda, AgendaState, endOfDayMs } from '../../domain/contract-agenda';
import { escalationFor, firstTrackedPeriod, requestAnswerDueDate } from '../../domain/obligations';
import { defaultPolicy, resolvePolicy } from '../../domain/policy';

const base = (): AgendaState => ({
  termEnd: '2028-11-30',
  policy: defaultPolicy,
  next: { visit: '2027-03', meeting: '2027-Q1', survey: '2027' },
  reminded: [],
  openRequests: [],
  openActionItems: [],
});

describe('contract agenda', () => {
  it('reminds of the meeting 14 days and the visit 7 days before the end, then closes March and Q1 together at Shanghai midnight', () => {
    const events = agenda(base());
    expect(events[0]).toMatchObject({
      kind: 'obligation-reminder',
      obligation: 'meeting',
      atMs: startOfShanghaiDay('2027-03-17'),
    });
    expect(events[1]).toMatchObject({
      kind: 'obligation-reminder',
      obligation: 'visit',
      atMs: startOfShanghaiDay('2027-03-24'),
    });
    const closes = events.filter((e) => e.kind === 'obligation-close' && e.atMs === periodFromKey('2027-03').endMs);
    expect(closes.map((e) => (e as { obligation: string }).obligation)).toEqual(['visit', 'meeting']);
    expect(new Date(closes[0]!.atMs).toISOString()).toBe('2027-03-31T16:00:00.000Z');
  });

  it('orders events by instant, with closes before reminders at the same instant and expiry last', () => {
    const events = agenda({ ...base(), termEnd: '2027-03-31' });
    const atEnd = events.filter((e) => e.atMs === periodFromKey('2027-03').endMs).map((e) => e.kind);
    expect(atEnd).toEqual(['obligation-close', 'obligation-close', 'expiry']);
  });

  it('drops a reminder once sent and owes no period cut off by the term end', () => {
    const events = agenda({
      ...base(),
      termEnd: '2027-12-15',
      reminded: ['visit:2027-03'],
      next: { visit: '2027-03', meeting: '2027-Q4', survey: '2027' },
    });
    expect(events.some((e) => e.kind === 'obligation-reminder' && e.obligation === 'visit')).toBe(false);
    expect(events.some((e) => e.kind === 'obligation-close' && e.obligation === 'meeting')).toBe(false);
    expect(events.some((e) => e.kind === 'obligation-close' && e.obligation === 'survey')).toBe(false);
  });

  it('schedules request reminders and deadlines at the end of the due day', () => {
    const events = agenda({ ...base(), openRequests: [{ id: 'r1', dueDate: '2027-03-12' }] });
    expect(events.find((e) => e.kind === 'request-deadline')!.atMs).toBe(endOfDayMs('2027-03-12'));
    expect(events.find((e) => e.kind === 'request-reminder')!.atMs).toBe(startOfShanghaiDay('2027-03-10'));
  });

  it('reminds of renewal 60 days before the term ends, once per term end', () => {
    const state = base();
    expect(agenda(state).find((e) => e.kind === 'renewal-reminder')!.atMs).toBe(startOfShanghaiDay('2028-10-01'));
    expect(agenda({ ...state, reminded: ['renewal:2028-11-30'] }).some((e) => e.kind === 'renewal-reminder')).toBe(
      false,
    );
  });

  it('owes nothing for an obligation a region sets to zero', () => {
    const events = agenda({ ...base(), policy: resolvePolicy({ obligations: { visitsPerMonth: 0 } }) });
    expect(
      events.some((e) => e.kind.startsWith('obligation') && (e as { obligation: string }).obligation === 'visit'),
    ).toBe(false);
  });
});

describe('obligation rules', () => {
  it('starts tracking at the first whole period', () => {
    expect(firstTrackedPeriod('month', '2026-11-22').key).toBe('2026-12');
    expect(firstTrackedPeriod('month', '2026-12-01').key).toBe('2026-12');
    expect(firstTrackedPeriod('quarter', '2026-11-22').key).toBe('2027-Q1');
    expect(firstTrackedPeriod('year', '2026-11-22').key).toBe('2027');
  });

  it('walks the escalation ladder: warn, then notify the regulator', () => {
    expect(escalationFor(0, defaultPolicy)).toBeUndefined();
    expect(escalationFor(1, defaultPolicy)).toEqual({ level: 'warning' });
    expect(escalationFor(2, defaultPolicy)).toEqual({ level: 'regulator-notice' });
    expect(escalationFor(5, defaultPolicy)).toEqual({ level: 'regulator-notice' });
  });

  it('gives requests 10 working days, skipping weekends and holidays', () => {
    expect(requestAnswerDueDate('2027-03-01', defaultPolicy)).toBe('2027-03-15');
    const withHoliday = resolvePolicy({ workingDays: { holidays: ['2027-03-03'], makeupWorkdays: [] } });
    expect(requestAnswerDueDate('2027-03-01', withHoliday)).toBe('2027-03-16');
  });
});
