import { evaluationDeadline } from '../../domain/evaluation';
import { defaultPolicy, resolvePolicy } from '../../domain/policy';
import {
  deadlinePassed,
  extendedDeadline,
  rectificationDeadline,
  rectificationReminders,
  rectificationRejection,
  representationsDeadline,
  revocationNoticeDate,
} from '../../domain/rectification';

describe('rectification deadlines', () => {
  const region = resolvePolicy({
    rectification: { deadlineDays: 45, extensionDays: 20, representationsDays: 10, reminderDaysBefore: [30, 3] },
    evaluation: { deadlineDays: 21 },
  });

  it('the order is due the policy days after issue (default 60), across month and year ends', () => {
    expect(rectificationDeadline('2027-01-10', defaultPolicy)).toBe('2027-03-11');
    expect(rectificationDeadline('2027-12-01', defaultPolicy)).toBe('2028-01-30');
    expect(rectificationDeadline('2027-01-10', region)).toBe('2027-02-24');
  });

  it('an extension moves the current deadline on by the extension days (default 30)', () => {
    expect(extendedDeadline('2027-03-11', defaultPolicy)).toBe('2027-04-10');
    expect(extendedDeadline('2028-02-20', region)).toBe('2028-03-11');
  });

  it('a deadline is inclusive: passed only from the next day, when the notice of intended revocation follows', () => {
    expect(deadlinePassed('2027-03-11', '2027-03-11')).toBe(false);
    expect(deadlinePassed('2027-03-12', '2027-03-11')).toBe(true);
    expect(revocationNoticeDate('2027-03-11')).toBe('2027-03-12');
    expect(revocationNoticeDate('2027-12-31')).toBe('2028-01-01');
    expect(deadlinePassed(revocationNoticeDate('2027-02-28'), '2027-02-28')).toBe(true);
  });

  it('representations are heard for the policy days after the notice (default 15)', () => {
    expect(representationsDeadline('2027-03-12', defaultPolicy)).toBe('2027-03-27');
    expect(representationsDeadline('2027-03-12', region)).toBe('2027-03-22');
  });

  it('the re-evaluation, like any evaluation, is due the evaluation days after assignment (default 30)', () => {
    expect(evaluationDeadline('2027-04-01', defaultPolicy)).toBe('2027-05-01');
    expect(evaluationDeadline('2027-04-01', region)).toBe('2027-04-22');
  });

  it('reminders go out the policy days before the deadline (default 14, 7, 1), never on or before the day of issue', () => {
    expect(rectificationReminders('2027-03-11', '2027-01-10', defaultPolicy)).toEqual([
      { daysBefore: 14, date: '2027-02-25' },
      { daysBefore: 7, date: '2027-03-04' },
      { daysBefore: 1, date: '2027-03-10' },
    ]);
    expect(rectificationReminders('2027-01-20', '2027-01-10', region)).toEqual([{ daysBefore: 3, date: '2027-01-17' }]);
    expect(rectificationReminders('2027-01-17', '2027-01-10', defaultPolicy).map((r) => r.daysBefore)).toEqual([1]);
    expect(
      rectificationReminders('2027-01-17', '2027-01-10', resolvePolicy({ rectification: { reminderDaysBefore: [7] } })),
    ).toEqual([]);
  });

  it('commands after the deadline are refused on the same rule', () => {
    const view = { step: 'awaiting-evidence', deadline: '2027-03-11', extensions: 0 };
    expect(rectificationRejection({ action: 'submit-evidence' }, view, '2027-03-11', defaultPolicy)).toBeUndefined();
    expect(rectificationRejection({ action: 'submit-evidence' }, view, '2027-03-12', defaultPolicy)?.type).toBe(
      'rectification-deadline-passed',
    );
    expect(
      rectificationRejection({ action: 'extend', reasons: 'flood' }, view, '2027-03-12', defaultPolicy)?.type,
    ).toBe('rectification-deadline-passed');
  });
});
