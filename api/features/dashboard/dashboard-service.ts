import { periodsBetween, shanghaiDateOf } from '../../../domain/calendar';
import { lightOf, lightRule, type Light } from '../../../domain/contract-lights';
import { dashboardWindow, type DashboardWindow } from '../../../domain/dashboard-window';
import { defaultDashboardPolicy, type DashboardPolicy } from '../../../domain/policy';
import { dashboardPolicyViolations } from '../../../domain/policy-rules';
import { annualSubsidy } from '../../../domain/subsidy';
import { contractSignals, type SignalFilter } from '../../../stores/contract-signals-store';
import { gradesByCycle, regionCounts, subsidyGroups } from '../../../stores/dashboard-store';
import { effectivePolicy } from '../../../stores/region-store';
import type { User } from '../../../stores/user-store';
import type { ApiDeps } from '../../api-deps';
import { ProblemError } from '../../problem';
import { createVisibility } from '../../visibility';
import { definitions, references, type FigureKey } from './dashboard-definitions';

type Unit = 'ratio' | 'days' | 'minutes' | 'count';
const RATE_DIGITS = 10_000;

/** A rate keeps its counts beside it, so the page can say "12 of 13" and not only "92.3%". */
function ratio(numerator: number, denominator: number, key?: FigureKey) {
  const value = denominator === 0 ? null : Math.round((numerator / denominator) * RATE_DIGITS) / RATE_DIGITS;
  return { value, numerator, denominator, unit: 'ratio' as Unit, ...referenceOf(key) };
}
function measure(value: number | null, unit: Unit, key?: FigureKey) {
  return { value, numerator: value ?? 0, denominator: 1, unit, ...referenceOf(key) };
}
const referenceOf = (key?: FigureKey) => (key && references[key] ? { reference: references[key] } : {});

export function createDashboardService(deps: ApiDeps, policy: DashboardPolicy = defaultDashboardPolicy) {
  const violations = dashboardPolicyViolations(policy);
  if (violations.length > 0)
    throw new Error(`unsound dashboard policy: ${violations.map((v) => `${v.path} ${v.message}`).join('; ')}`);
  const visibility = createVisibility(deps.db);
  const now = () => deps.clock?.() ?? Date.now();

  function windowOf(asked: { from?: string; to?: string }): DashboardWindow {
    const window = dashboardWindow(asked, now(), policy);
    if ('refused' in window)
      throw new ProblemError('validation-failed', `query.to: ${window.refused}`, {
        errors: [{ path: 'query.to', message: window.refused }],
      });
    return window;
  }

  async function dashboard(user: User, code: string, asked: { from?: string; to?: string }) {
    const region = await visibility.supervisedRegion(user, code);
    const window = windowOf(asked);
    const today = shanghaiDateOf(now());
    const scope = { regionCode: code, startDate: window.startDate, endDate: window.endDate, today };
    const halves = periodsBetween('half-year', window.startDate, window.endDate).map((p) => p.key);
    const [{ totals: counts, months }, cycles, groups] = await Promise.all([
      regionCounts(deps.db, scope, policy.sparseVisitsPerMonth * window.months.length),
      gradesByCycle(deps.db, code, halves),
      subsidyGroups(deps.db, code),
    ]);
    const regionSubsidy = effectivePolicy(region).subsidy;
    const subsidyFen = groups.reduce(
      (sum, g) =>
        sum +
        g.contracts *
          annualSubsidy({
            residents: g.residents,
            baseRateFen: (g.subsidy ?? regionSubsidy).baseRateFenPerResident,
            ownership: g.ownership,
            remote: g.remote,
            grade: g.grade,
            policy: { subsidy: g.subsidy ?? regionSubsidy },
          }).totalFen,
      0,
    );
    const c = counts;
    return {
      regionCode: code,
      window: { from: window.from, to: window.to, months: window.months },
      asOf: today,
      figures: {
        coverage: ratio(c.coveredHomes, c.homes, 'coverage'),
        regularService: ratio(c.contractsAllVisitsMet, c.contractsWithVisitPeriods, 'regularService'),
        sparseVisitHomes: ratio(c.homesSparse, c.coveredHomes, 'sparseVisitHomes'),
        meetingsOnTime: ratio(c.meetingPeriodsMet, c.meetingPeriods),
        requestsAnsweredInTime: ratio(c.requestsInTime, c.requestsDecided),
        longestRequestWaitDays: measure(c.longestWaitDays, 'days', 'longestRequestWaitDays'),
        referralsWithinTarget: ratio(c.referralsWithinTarget, c.referrals),
        referralMedianMinutes: measure(
          c.referralMedianSeconds === null ? null : Math.round((c.referralMedianSeconds / 60) * 100) / 100,
          'minutes',
        ),
        rectificationsOpen: measure(c.rectificationsOpen, 'count'),
        rectificationsOverdue: measure(c.rectificationsOverdue, 'count'),
        revocations: measure(c.revocations, 'count'),
      },
      subsidy: {
        year: Number(window.to.slice(0, 4)),
        contracts: groups.reduce((sum, g) => sum + g.contracts, 0),
        totalFen: subsidyFen,
        totalYuan: `${Math.floor(subsidyFen / 100)}.${String(subsidyFen % 100).padStart(2, '0')}`,
      },
      gradesByCycle: cycles,
      trend: months.map((m) => ({
        month: m.month,
        regularService: ratio(m.visitPeriodsMet, m.visitPeriods),
        meetingsOnTime: ratio(m.meetingPeriodsMet, m.meetingPeriods),
        requestsAnsweredInTime: ratio(m.requestsInTime, m.requestsDecided),
        referralsWithinTarget: ratio(m.referralsWithinTarget, m.referrals),
      })),
      lightRule: lightRule(policy),
      definitions: definitions(),
    };
  }

  /** Every contract the filter selects with its light, over a window (default: the policy's). */
  async function litContracts(filter: SignalFilter, asked: { from?: string; to?: string }, light?: Light) {
    const window = windowOf(asked);
    const rows = await contractSignals(deps.db, filter, {
      startDate: window.startDate,
      endDate: window.endDate,
      today: shanghaiDateOf(now()),
    });
    const lit = rows.map((row) => ({ ...row, ...lightOf(row, policy) }));
    return { window, rows: light ? lit.filter((r) => r.light === light) : lit };
  }

  async function contractRows(
    user: User,
    code: string,
    query: { from?: string; to?: string; light?: Light; q?: string; page: number; pageSize: number },
  ) {
    await visibility.supervisedRegion(user, code);
    const { window, rows } = await litContracts({ regionCodes: [code], q: query.q }, query, query.light);
    const start = (query.page - 1) * query.pageSize;
    return {
      items: rows.slice(start, start + query.pageSize).map(({ regionCode: _region, ...row }) => row),
      total: rows.length,
      page: query.page,
      pageSize: query.pageSize,
      window: { from: window.from, to: window.to },
      lightRule: lightRule(policy),
    };
  }

  async function exportRows(
    user: User,
    code: string,
    query: { from?: string; to?: string; light?: Light; q?: string },
  ) {
    await visibility.supervisedRegion(user, code);
    return litContracts({ regionCodes: [code], q: query.q }, query, query.light);
  }

  return { dashboard, contractRows, exportRows, litContracts, lightRule: () => lightRule(policy) };
}
