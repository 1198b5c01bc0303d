import { lightOf, lightRule } from '../../domain/contract-lights';
import { dashboardWindow } from '../../domain/dashboard-window';
import { defaultDashboardPolicy, type DashboardPolicy } from '../../domain/policy';
import { dashboardPolicyViolations } from '../../domain/policy-rules';

const policy = defaultDashboardPolicy;
const none = { missedPeriods: 0, overdueRectifications: 0, overdueRequests: 0 };

describe('the light of a contract', () => {
  it('is green with nothing missed or overdue', () => {
    expect(lightOf(none, policy)).toEqual({ light: 'green', reasons: [] });
  });

  it('is yellow for one missed period or one overdue request, naming each reason', () => {
    const lit = lightOf({ ...none, missedPeriods: 1, overdueRequests: 2 }, policy);
    expect(lit.light).toBe('yellow');
    expect(lit.reasons.map((r) => [r.code, r.count])).toEqual([
      ['periods-missed', 1],
      ['request-overdue', 2],
    ]);
    expect(lit.reasons[1]!.text).toEqual({
      'zh-CN': '2 项诉求逾期未答复',
      en: '2 request(s) unanswered past their deadline',
    });
  });

  it('is red for an overdue rectification or two missed periods, and gives only the red reasons', () => {
    expect(lightOf({ ...none, overdueRectifications: 1, overdueRequests: 1 }, policy)).toMatchObject({
      light: 'red',
      reasons: [{ code: 'rectification-overdue', count: 1 }],
    });
    expect(lightOf({ ...none, missedPeriods: 2 }, policy)).toMatchObject({
      light: 'red',
      reasons: [{ code: 'periods-missed', count: 2 }],
    });
  });

  it('follows the policy thresholds, and states the rule with them in both languages', () => {
    const lenient = { lights: { ...policy.lights, redMissedPeriods: 4, yellowMissedPeriods: 3 } };
    expect(lightOf({ ...none, missedPeriods: 2 }, lenient).light).toBe('green');
    expect(lightOf({ ...none, missedPeriods: 3 }, lenient).light).toBe('yellow');
    const rule = lightRule(lenient);
    expect(rule['zh-CN']).toContain('≥ 4 个');
    expect(rule.en).toContain('at least 4 obligation periods');
  });
});

describe('the dashboard window', () => {
  const now = Date.parse('2026-12-01T16:30:00Z'); // 2026-12-02 00:30 in Shanghai, still 1 December in UTC

  it('defaults to the 12 months ending with the current month in Asia/Shanghai', () => {
    expect(dashboardWindow({}, now, policy)).toMatchObject({
      from: '2026-01',
      to: '2026-12',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
    });
  });

  it('completes a window from either end and covers whole months', () => {
    expect(dashboardWindow({ from: '2024-02' }, now, policy)).toMatchObject({ to: '2025-01', endDate: '2025-01-31' });
    const w = dashboardWindow({ from: '2024-02', to: '2024-02' }, now, policy);
    expect(w).toEqual({
      from: '2024-02',
      to: '2024-02',
      startDate: '2024-02-01',
      endDate: '2024-02-29',
      months: ['2024-02'],
    });
    expect(dashboardWindow({ to: '2025-03' }, now, policy)).toMatchObject({ from: '2024-04' });
  });

  it('refuses a window ending before it starts or longer than the policy allows', () => {
    expect(dashboardWindow({ from: '2026-05', to: '2026-04' }, now, policy)).toEqual({
      refused: 'the window ends (2026-04) before it starts (2026-05)',
    });
    expect(dashboardWindow({ from: '2020-01', to: '2025-01' }, now, policy)).toEqual({
      refused: 'the window spans more than 60 months',
    });
  });
});

describe('the dashboard policy', () => {
  it('is sound by default', () => expect(dashboardPolicyViolations(policy)).toEqual([]));

  it('refuses yellow above red, a default window above the longest, and nonsense numbers', () => {
    const broken: DashboardPolicy = {
      ...policy,
      defaultWindowMonths: 70,
      sparseVisitsPerMonth: -1,
      page: { defaultSize: 0, maxSize: 10 },
      lights: { ...policy.lights, yellowMissedPeriods: 3, redMissedPeriods: 2 },
    };
    expect(dashboardPolicyViolations(broken).map((v) => v.path)).toEqual([
      'defaultWindowMonths',
      'sparseVisitsPerMonth',
      'page.defaultSize',
      'lights.yellowMissedPeriods',
    ]);
  });
});
