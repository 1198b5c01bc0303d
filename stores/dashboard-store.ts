import type { DbOrTx } from '../platform/db';
import { inForceStatuses } from '../domain/contract';
import type { CareOwnership } from '../domain/subsidy';
import type { Grade } from '../domain/grading';
import type { Policy } from '../domain/policy';
import { queryNamed, sqlList } from './sql-params';

/** One region over one window of whole months: dates are Asia/Shanghai calendar dates. */
export interface RegionWindow {
  regionCode: string;
  startDate: string;
  endDate: string;
  /** Today in Asia/Shanghai: what is overdue and how long an open request has waited. */
  today: string;
}

const IN_FORCE = sqlList(inForceStatuses);
const SHANGHAI_DATE = (column: string) => `(${column} AT TIME ZONE 'Asia/Shanghai')::date`;
const bounds = (w: RegionWindow) => ({
  r: w.regionCode,
  f: w.startDate,
  t: w.endDate,
  today: w.today,
  fts: `${w.startDate}T00:00:00+08:00`,
  tts: `${w.endDate}T24:00:00+08:00`,
});

/** Counts behind every headline figure. */
export interface RegionCounts {
  homes: number;
  coveredHomes: number;
  contractsWithVisitPeriods: number;
  contractsAllVisitsMet: number;
  homesSparse: number;
  meetingPeriods: number;
  meetingPeriodsMet: number;
  requestsDecided: number;
  requestsInTime: number;
  longestWaitDays: number;
  referrals: number;
  referralsWithinTarget: number;
  referralMedianSeconds: number | null;
  rectificationsOpen: number;
  rectificationsOverdue: number;
  revocations: number;
}

export interface MonthCounts {
  month: string;
  visitPeriods: number;
  visitPeriodsMet: number;
  meetingPeriods: number;
  meetingPeriodsMet: number;
  requestsDecided: number;
  requestsInTime: number;
  referrals: number;
  referralsWithinTarget: number;
}

type Json = Record<string, any>;
const REGION_CONTRACTS = `region_contracts AS MATERIALIZED (
  SELECT id, care_institution_id, status IN (${IN_FORCE}) AS in_force FROM contracts WHERE region_code = :r)`;

/**
 * The window's visit and meeting periods of the region's contracts (visit periods only of those in
 * force); monthly and quarterly docking meetings both count as meeting periods.
 */
const PERIODS_IN_WINDOW = `${REGION_CONTRACTS},
  in_window AS (
    SELECT CASE WHEN op.obligation = 'visit' THEN 'visit' ELSE 'meeting' END AS obligation,
           op.contract_id, op.end_date, op.met, op.actual, c.care_institution_id AS home
    FROM obligation_periods op JOIN region_contracts c ON c.id = op.contract_id
    WHERE op.end_date BETWEEN :f AND :t AND op.obligation IN ('visit', 'meeting', 'monthly-meeting')
      AND (op.obligation <> 'visit' OR c.in_force))`;

/**
 * Every count of a region's dashboard, in four statements run side by side so PostgreSQL can use more than
 * one core: the periods per contract, the periods per month, the requests, the referrals and the rest. A month
 * is where a period ends, a request is raised, a referral is requested (Asia/Shanghai). Only visit periods
 * are grouped per contract (whether all were met; each home's visits are summed from those groups).
 */
export async function regionCounts(
  db: DbOrTx,
  w: RegionWindow,
  sparseVisits: number,
): Promise<{ totals: RegionCounts; months: MonthCounts[] }> {
  const params = { ...bounds(w), sparseVisits };
  const one = async (sql: string) => (await queryNamed<{ counts: Json }>(db, sql, params))[0]!.counts;
  const [perContract, periodMonths, asked, rest] = await Promise.all([
    one(`WITH ${PERIODS_IN_WINDOW},
      visited AS (
        SELECT contract_id, home, count(*) AS n, count(*) FILTER (WHERE met) AS met, sum(actual) AS actual
        FROM in_window WHERE obligation = 'visit' GROUP BY contract_id, home),
      -- Visits as the workflow counted them against each visit period closing in the window.
      home_visits AS (
        SELECT c.care_institution_id AS home, coalesce(v.visits, 0) AS visits
        FROM (SELECT DISTINCT care_institution_id FROM region_contracts WHERE in_force) c
        LEFT JOIN (SELECT home, sum(actual) AS visits FROM visited GROUP BY home) v ON v.home = c.care_institution_id)
    SELECT json_build_object(
      'coveredHomes', (SELECT count(*) FROM home_visits),
      'homesSparse', (SELECT count(*) FROM home_visits WHERE visits::numeric < :sparseVisits::numeric),
      'contractsWithVisitPeriods', (SELECT count(*) FROM visited),
      'contractsAllVisitsMet', (SELECT count(*) FROM visited WHERE met = n)) AS counts`),
    one(`WITH ${PERIODS_IN_WINDOW},
      by_month AS (
        SELECT obligation, end_date, count(*) AS n, count(*) FILTER (WHERE met) AS met
        FROM in_window GROUP BY obligation, end_date)
    SELECT json_build_object(
      'months', (SELECT json_agg(json_build_object('obligation', obligation, 'month', month, 'n', n, 'met', met))
                 FROM (SELECT obligation, to_char(end_date, 'YYYY-MM') AS month, sum(n) AS n, sum(met) AS met
                       FROM by_month GROUP BY 1, 2) m)) AS counts`),
    one(`WITH ${REGION_CONTRACTS},
      asked AS (
        SELECT date_trunc('month', q.raised_date) AS month,
               count(*) FILTER (WHERE q.answered_at IS NOT NULL OR q.answer_due_date < :today) AS decided,
               count(*) FILTER (WHERE ${SHANGHAI_DATE('q.answered_at')} <= q.answer_due_date) AS in_time,
               max(coalesce(${SHANGHAI_DATE('q.answered_at')}, :today) - q.raised_date) AS longest_wait
        FROM requests q JOIN region_contracts c ON c.id = q.contract_id
        WHERE q.raised_date BETWEEN :f AND :t
        GROUP BY 1),
      -- Raised before the window and still waiting when it began: they count in the longest wait only.
      waited AS (
        SELECT max(coalesce(${SHANGHAI_DATE('q.answered_at')}, :today) - q.raised_date) AS longest_wait
        FROM (SELECT contract_id, raised_date, answered_at FROM requests WHERE answered_at IS NULL AND raised_date < :f
              UNION ALL
              SELECT contract_id, raised_date, answered_at FROM requests WHERE answered_at >= :fts AND raised_date < :f) q
        JOIN region_contracts c ON c.id = q.contract_id)
    SELECT json_build_object(
      'longestWaitDays', greatest((SELECT max(longest_wait) FROM asked), (SELECT longest_wait FROM waited)),
      'months', (SELECT json_agg(json_build_object('month', to_char(month, 'YYYY-MM'), 'decided', decided,
                                                   'inTime', in_time)) FROM asked)) AS counts`),
    one(`WITH ${REGION_CONTRACTS},
      referred AS (
        SELECT date_trunc('month', f.requested_at, 'Asia/Shanghai') AS month,
               count(*) AS n, count(*) FILTER (WHERE f.within_target) AS within,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY f.response_seconds) AS median
        FROM referrals f JOIN region_contracts c ON c.id = f.contract_id
        WHERE f.requested_at >= :fts AND f.requested_at < :tts
        GROUP BY GROUPING SETS ((1), ()))
    SELECT json_build_object(
      'window', (SELECT json_agg(to_char(m, 'YYYY-MM')) FROM generate_series(:f::date, :t::date, interval '1 month') m),
      'homes', (SELECT count(*) FROM institutions WHERE region_code = :r AND kind = 'elderly_care'),
      'referrals', (SELECT n FROM referred WHERE month IS NULL),
      'referralsWithinTarget', (SELECT within FROM referred WHERE month IS NULL),
      'referralMedianSeconds', (SELECT median FROM referred WHERE month IS NULL),
      'rectificationsOpen', (SELECT count(*) FROM rectification_orders WHERE region_code = :r AND closed_at IS NULL),
      'rectificationsOverdue', (SELECT count(*) FROM rectification_orders
                                WHERE region_code = :r AND closed_at IS NULL AND deadline < :today),
      'revocations', (SELECT count(*) FROM qualification_revocations
                      WHERE region_code = :r AND revoked_at >= :fts AND revoked_at < :tts),
      'months', (SELECT json_agg(json_build_object(
                   'month', to_char(month AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), 'n', n, 'within', within))
                 FROM referred WHERE month IS NOT NULL)) AS counts`),
  ]);
  const periods: Json = { ...perContract, months: periodMonths.months };
  const num = (value: unknown) => Number(value ?? 0);
  const find = (list: Json[] | null, month: string, extra: (m: Json) => boolean = () => true) =>
    (list ?? []).find((m) => m.month === month && extra(m)) ?? {};
  return {
    totals: {
      homes: num(rest.homes),
      coveredHomes: num(periods.coveredHomes),
      contractsWithVisitPeriods: num(periods.contractsWithVisitPeriods),
      contractsAllVisitsMet: num(periods.contractsAllVisitsMet),
      homesSparse: num(periods.homesSparse),
      meetingPeriods: (periods.months ?? []).reduce(
        (sum: number, m: Json) => sum + (m.obligation === 'meeting' ? num(m.n) : 0),
        0,
      ),
      meetingPeriodsMet: (periods.months ?? []).reduce(
        (sum: number, m: Json) => sum + (m.obligation === 'meeting' ? num(m.met) : 0),
        0,
      ),
      requestsDecided: (asked.months ?? []).reduce((sum: number, m: Json) => sum + num(m.decided), 0),
      requestsInTime: (asked.months ?? []).reduce((sum: number, m: Json) => sum + num(m.inTime), 0),
      longestWaitDays: num(asked.longestWaitDays),
      referrals: num(rest.referrals),
      referralsWithinTarget: num(rest.referralsWithinTarget),
      referralMedianSeconds: rest.referralMedianSeconds === null ? null : num(rest.referralMedianSeconds),
      rectificationsOpen: num(rest.rectificationsOpen),
      rectificationsOverdue: num(rest.rectificationsOverdue),
      revocations: num(rest.revocations),
    },
    months: (rest.window as string[]).map((month) => {
      const visit = find(periods.months, month, (m) => m.obligation === 'visit');
      const meeting = find(periods.months, month, (m) => m.obligation === 'meeting');
      const a = find(asked.months, month);
      const r = find(rest.months, month);
      return {
        month,
        visitPeriods: num(visit.n),
        visitPeriodsMet: num(visit.met),
        meetingPeriods: num(meeting.n),
        meetingPeriodsMet: num(meeting.met),
        requestsDecided: num(a.decided),
        requestsInTime: num(a.inTime),
        referrals: num(r.n),
        referralsWithinTarget: num(r.within),
      };
    }),
  };
}

export interface CycleGrades {
  cycleId: string;
  half: string;
  status: string;
  excellent: number;
  qualified: number;
  unqualified: number;
  pending: number;
}

/** Grades given in each of the region's evaluation cycles of the halves named. */
export async function gradesByCycle(db: DbOrTx, regionCode: string, halves: string[]): Promise<CycleGrades[]> {
  const rows = await db('evaluation_cycles as c')
    .leftJoin('evaluations as e', 'e.cycle_id', 'c.id')
    .where('c.region_code', regionCode)
    .whereIn('c.half', halves)
    .groupBy('c.id', 'c.half', 'c.status')
    .orderBy('c.half')
    .select(
      'c.id',
      'c.half',
      'c.status',
      db.raw(`count(e.id) FILTER (WHERE e.grade = 'excellent') AS excellent`),
      db.raw(`count(e.id) FILTER (WHERE e.grade = 'qualified') AS qualified`),
      db.raw(`count(e.id) FILTER (WHERE e.grade = 'unqualified') AS unqualified`),
      db.raw('count(e.id) FILTER (WHERE e.grade IS NULL) AS pending'),
    );
  return rows.map((r: Record<string, string>) => ({
    cycleId: r.id!,
    half: r.half!,
    status: r.status!,
    excellent: Number(r.excellent),
    qualified: Number(r.qualified),
    unqualified: Number(r.unqualified),
    pending: Number(r.pending),
  }));
}

/** Contracts in force grouped by everything their subsidy depends on, so the arithmetic runs once per group. */
export interface SubsidyGroup {
  contracts: number;
  residents: number;
  ownership: CareOwnership;
  remote: boolean;
  grade: Grade | null;
  subsidy: Policy['subsidy'];
}

export async function subsidyGroups(db: DbOrTx, regionCode: string): Promise<SubsidyGroup[]> {
  // A contract's subsidy rates are its policy snapshot's; one contract per policy version is read for them.
  const rows = await queryNamed<Record<string, any>>(
    db,
    `WITH groups AS (
       SELECT count(*) AS contracts, i.residents, i.care_ownership, r.remote, c.last_grade, c.policy_version
       FROM contracts c JOIN institutions i ON i.id = c.care_institution_id JOIN regions r ON r.code = c.region_code
       WHERE c.region_code = :r AND c.status IN (${IN_FORCE})
       GROUP BY i.residents, i.care_ownership, r.remote, c.last_grade, c.policy_version),
     versions AS (
       SELECT v.policy_version, (SELECT policy -> 'subsidy' FROM contracts WHERE id = v.sample) AS subsidy
       FROM (SELECT policy_version, (array_agg(id))[1] AS sample FROM contracts
             WHERE region_code = :r AND status IN (${IN_FORCE}) GROUP BY policy_version) v)
     SELECT g.*, v.subsidy FROM groups g JOIN versions v ON v.policy_version = g.policy_version`,
    { r: regionCode },
  );
  return rows.map((r) => ({
    contracts: Number(r.contracts),
    residents: r.residents,
    ownership: r.care_ownership,
    remote: r.remote,
    grade: r.last_grade ?? null,
    subsidy: r.subsidy,
  }));
}
