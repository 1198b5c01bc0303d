import { startOfShanghaiDay } from '../../domain/calendar';
import { defaultPolicy, resolvePolicy } from '../../domain/policy';
import { consequenceOf } from '../../domain/task-consequences';
import {
  compareTasks,
  dateDeadline,
  instantDeadline,
  leadDaysOf,
  obligationMissConsequence,
  obligationsStartOf,
  owedPeriod,
  taskState,
} from '../../domain/work-queue';

const realTime = { anchorMs: Date.parse('2027-01-01T00:00:00+08:00'), timeScale: 1 };
const DAY = 86_400_000;

describe('work queue rules', () => {
  it('a due date is inclusive: the engine acts when that Shanghai day ends', () => {
    const d = dateDeadline(realTime, '2027-03-10');
    expect(new Date(d.dueAtMs).toISOString()).toBe('2027-03-10T16:00:00.000Z');
    expect(d.dueDate).toBe('2027-03-10');
  });

  it('under compressed policy time dueAt is the real instant the workflow acts, not the policy one', () => {
    const fast = { anchorMs: realTime.anchorMs, timeScale: 1440 }; // one policy day per real minute
    const d = dateDeadline(fast, '2027-01-10');
    expect(d.policyDueMs).toBe(startOfShanghaiDay('2027-01-11'));
    expect(d.dueAtMs - fast.anchorMs).toBe(10 * 60_000);
  });

  it('a signing deadline instant keeps its real time and names the last policy day it can be met', () => {
    const at = Date.parse('2027-01-31T10:00:00+08:00');
    expect(instantDeadline(realTime, at)).toMatchObject({ dueDate: '2027-01-31', dueAtMs: at });
    expect(instantDeadline(realTime, startOfShanghaiDay('2027-02-01')).dueDate).toBe('2027-01-31');
  });

  it("due soon from the policy's reminder lead time, overdue once the engine's instant has passed", () => {
    const d = dateDeadline(realTime, '2027-03-31');
    const lead = leadDaysOf('visit', defaultPolicy);
    expect(lead).toBe(defaultPolicy.obligations.reminderLeadDays.visit);
    expect(taskState(d, lead, realTime, d.policyDueMs - lead * DAY - 1)).toBe('upcoming');
    expect(taskState(d, lead, realTime, d.policyDueMs - lead * DAY)).toBe('due-soon');
    expect(taskState(d, lead, realTime, d.policyDueMs)).toBe('overdue');
  });

  it('takes every lead time from policy', () => {
    const policy = resolvePolicy({
      signing: { reminderLeadDays: 4 },
      obligations: { reminderLeadDays: { request: 5, actionItem: 6 } },
      evaluation: { reminderDaysBefore: [9, 2] },
      rectification: { reminderDaysBefore: [21, 3] },
    });
    expect(leadDaysOf('signature', policy)).toBe(4);
    expect(leadDaysOf('request-answer', policy)).toBe(5);
    expect(leadDaysOf('action-item', policy)).toBe(6);
    expect(leadDaysOf('evaluation-score', policy)).toBe(9);
    expect(leadDaysOf('evidence', policy)).toBe(21);
    expect(leadDaysOf('revocation-decision', policy)).toBe(21);
    const older = { ...policy, signing: { windowDays: 30 } };
    expect(leadDaysOf('signature', older)).toBe(defaultPolicy.signing.reminderLeadDays);
  });

  it('owes the period containing today, or the first whole period after a mid-period activation', () => {
    const view = { policy: defaultPolicy, termEnd: '2029-12-31', obligationsStart: '2027-02-14' };
    expect(owedPeriod('visit', view, '2027-02-20')?.key).toBe('2027-03');
    expect(owedPeriod('visit', view, '2027-05-02')?.key).toBe('2027-05');
    expect(owedPeriod('meeting', view, '2027-05-02')?.key).toBe('2027-Q2');
    expect(owedPeriod('survey', view, '2027-05-02')?.key).toBe('2028');
    expect(owedPeriod('visit', { ...view, termEnd: '2027-05-20' }, '2027-05-02')).toBeUndefined();
    expect(
      owedPeriod('visit', { ...view, policy: resolvePolicy({ obligations: { visitsPerMonth: 0 } }) }, '2027-05-02'),
    ).toBeUndefined();
    expect(obligationsStartOf('2027-01-01', '2027-02-14')).toBe('2027-02-14');
    expect(obligationsStartOf('2027-03-01', '2027-02-14')).toBe('2027-03-01');
  });

  it('a missed period climbs the escalation ladder of the policy', () => {
    expect(obligationMissConsequence(0, defaultPolicy)).toBe('warning');
    expect(obligationMissConsequence(1, defaultPolicy)).toBe('regulator-notice');
    const lenient = resolvePolicy({ obligations: { escalation: { warnAfterMisses: 2 } } });
    expect(obligationMissConsequence(0, lenient)).toBe('recorded-miss');
  });

  it('describes consequences in both languages with their date', () => {
    const c = consequenceOf('regulator-notice', '2027-03-01', 'visit');
    expect(c.description['zh-CN']).toContain('2027-03-01');
    expect(c.description['zh-CN']).toContain('监管部门');
    expect(c.description.en).toContain('regulator is notified on 2027-03-01');
  });

  it('sorts overdue first, then by least time left, then by id', () => {
    const tasks = [
      { id: 'b', state: 'upcoming' as const, dueAtMs: 30 },
      { id: 'c', state: 'overdue' as const, dueAtMs: 20 },
      { id: 'a', state: 'due-soon' as const, dueAtMs: 10 },
      { id: 'd', state: 'overdue' as const, dueAtMs: 5 },
      { id: 'a2', state: 'upcoming' as const, dueAtMs: 30 },
    ];
    expect([...tasks].sort(compareTasks).map((t) => t.id)).toEqual(['d', 'c', 'a', 'a2', 'b']);
  });
});
