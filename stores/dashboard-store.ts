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

/**
 * Every count of a region's dashboard in one round trip, each fact table read once: grouping
 * sets give the window's totals and its months from the same scan. A month is where a period
 * ends, a request is raised, a referral is requested (Asia/Shanghai).
 */
export async function regionCounts(
  db: DbOrTx,
  w: RegionWindow,
  sparseVisits: number,
): Promise<{ totals: RegionCounts; months: MonthCounts[] }> {
  const rows = await queryNamed<Record<string, string | number | null>>(
    db,
    `WITH region_contracts AS MATERIALIZED (
        SELECT id, care_institution_id, status IN (${IN_FORCE}) AS in_force FROM contracts WHERE region_code = :r),
      months AS (SELECT to_char(m, 'YYYY-MM') AS month FROM generate_series(:f::date, :t::date, interval '1 month') m),
      periods AS (
        SELECT op.obligation, op.contract_id, op.end_date,
               count(*) AS n, count(*) FILTER (WHERE op.met) AS met, sum(op.actual) AS actual
        FROM obligation_periods op JOIN region_contracts c ON c.id = op.contract_id
        WHERE op.end_date BETWEEN :f AND :t AND op.obligation IN ('visit', 'meeting')
          AND (op.obligation = 'meeting' OR c.in_force)
        GROUP BY GROUPING SETS ((op.obligation, op.contract_id), (op.obligation, op.end_date))),
      period_months AS (
        SELECT obligation, to_char(end_date, 'YYYY-MM') AS month, sum(n) AS n, sum(met) AS met
        FROM periods WHERE contract_id IS NULL GROUP BY 1, 2),
      asked AS (
        SELECT to_char(q.raised_date, 'YYYY-MM') AS month,
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
        JOIN region_contracts c ON c.id = q.contract_id),
      referred AS (
        SELECT to_char(date_trunc('month', f.requested_at AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM') AS month,
               count(*) AS n, count(*) FILTER (WHERE f.within_target) AS within,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY f.response_seconds) AS median
        FROM referrals f JOIN region_contracts c ON c.id = f.contract_id
        WHERE f.requested_at >= :fts AND f.requested_at < :tts
        GROUP BY GROUPING SETS ((1), ())),
      -- Visits as the workflow counted them against each visit period closing in the window.
      home_visits AS (
        SELECT c.care_institution_id AS home, coalesce(sum(p.actual), 0) AS visits
        FROM region_contracts c
        LEFT JOIN periods p ON p.contract_id = c.id AND p.obligation = 'visit'
        WHERE c.in_force GROUP BY 1)
    SELECT 'total' AS month,
      (SELECT count(*) FROM institutions WHERE region_code = :r AND kind = 'elderly_care') AS homes,
      (SELECT count(*) FROM home_visits) AS covered_homes,
      (SELECT count(*) FROM home_visits WHERE visits::numeric < :sparseVisits::numeric) AS homes_sparse,
      (SELECT count(*) FROM periods WHERE obligation = 'visit' AND contract_id IS NOT NULL) AS visit_contracts,
      (SELECT count(*) FROM periods WHERE obligation = 'visit' AND contract_id IS NOT NULL AND met = n)
        AS visit_contracts_all_met,
      (SELECT sum(n) FROM period_months WHERE obligation = 'meeting') AS meeting_periods,
      (SELECT sum(met) FROM period_months WHERE obligation = 'meeting') AS meeting_periods_met,
      (SELECT sum(decided) FROM asked) AS decided,
      (SELECT sum(in_time) FROM asked) AS in_time,
      greatest((SELECT max(longest_wait) FROM asked), (SELECT longest_wait FROM waited)) AS longest_wait,
      (SELECT n FROM referred WHERE month IS NULL) AS referrals,
      (SELECT within FROM referred WHERE month IS NULL) AS referrals_within,
      (SELECT median FROM referred WHERE month IS NULL) AS referral_median,
      (SELECT count(*) FROM rectification_orders WHERE region_code = :r AND closed_at IS NULL) AS rect_open,
      (SELECT count(*) FROM rectification_orders WHERE region_code = :r AND closed_at IS NULL AND deadline < :today)
        AS rect_overdue,
      (SELECT count(*) FROM qualification_revocations
        WHERE region_code = :r AND revoked_at >= :fts AND revoked_at < :tts) AS revocations,
      NULL AS visit_periods, NULL AS visit_periods_met
    UNION ALL
    SELECT m.month, NULL, NULL, NULL, NULL, NULL, mt.n, mt.met, a.decided, a.in_time, NULL, rf.n, rf.within, NULL,
           NULL, NULL, NULL, v.n, v.met
    FROM months m
    LEFT JOIN period_months v ON v.month = m.month AND v.obligation = 'visit'
    LEFT JOIN period_months mt ON mt.month = m.month AND mt.obligation = 'meeting'
    LEFT JOIN asked a ON a.month = m.month
    LEFT JOIN referred rf ON rf.month = m.month`,
    { ...bounds(w), sparseVisits },
  );
  const num = (row: Record<string, unknown>, key: string) => Number(row[key] ?? 0);
  const total = rows.find((r) => r.month === 'total')!;
  const n = (key: string) => num(total, key);
  return {
    totals: {
      homes: n('homes'),
      coveredHomes: n('covered_homes'),
      contractsWithVisitPeriods: n('visit_contracts'),
      contractsAllVisitsMet: n('visit_contracts_all_met'),
      homesSparse: n('homes_sparse'),
      meetingPeriods: n('meeting_periods'),
      meetingPeriodsMet: n('meeting_periods_met'),
      requestsDecided: n('decided'),
      requestsInTime: n('in_time'),
      longestWaitDays: n('longest_wait'),
      referrals: n('referrals'),
      referralsWithinTarget: n('referrals_within'),
      referralMedianSeconds: total.referral_median === null ? null : n('referral_median'),
      rectificationsOpen: n('rect_open'),
      rectificationsOverdue: n('rect_overdue'),
      revocations: n('revocations'),
    },
    months: rows
      .filter((r) => r.month !== 'total')
      .sort((a, b) => String(a.month).localeCompare(String(b.month)))
      .map((r) => ({
        month: String(r.month),
        visitPeriods: num(r, 'visit_periods'),
        visitPeriodsMet: num(r, 'visit_periods_met'),
        meetingPeriods: num(r, 'meeting_periods'),
        meetingPeriodsMet: num(r, 'meeting_periods_met'),
        requestsDecided: num(r, 'decided'),
        requestsInTime: num(r, 'in_time'),
        referrals: num(r, 'referrals'),
        referralsWithinTarget: num(r, 'referrals_within'),
      })),
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
