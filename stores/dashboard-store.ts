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

/** Counts behind every headline figure, one round trip. */
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
  requestsConsidered: number;
  longestWaitDays: number;
  referrals: number;
  referralsWithinTarget: number;
  referralMedianSeconds: number | null;
  rectificationsOpen: number;
  rectificationsOverdue: number;
  revocations: number;
}

export async function regionCounts(db: DbOrTx, w: RegionWindow, sparseVisitsPerMonth: number, months: number) {
  const [row] = await queryNamed<Record<string, string | number | null>>(
    db,
    `WITH region_contracts AS (SELECT id, care_institution_id, status FROM contracts WHERE region_code = :r),
      in_force AS (SELECT * FROM region_contracts WHERE status IN (${IN_FORCE})),
      visit_periods AS (
        SELECT op.contract_id, bool_and(op.met) AS all_met FROM obligation_periods op JOIN in_force c ON c.id = op.contract_id
        WHERE op.obligation = 'visit' AND op.start_date >= :f AND op.end_date <= :t GROUP BY op.contract_id),
      home_visits AS (
        SELECT c.care_institution_id AS home, count(v.id) AS visits FROM in_force c
        LEFT JOIN visits v ON v.contract_id = c.id AND v.visit_date BETWEEN :f AND :t GROUP BY c.care_institution_id),
      waiting AS (
        SELECT q.* FROM requests q JOIN region_contracts c ON c.id = q.contract_id
        WHERE q.raised_date <= :t AND (q.answered_at IS NULL OR ${SHANGHAI_DATE('q.answered_at')} >= :f))
    SELECT
      (SELECT count(*) FROM institutions WHERE region_code = :r AND kind = 'elderly_care') AS homes,
      (SELECT count(DISTINCT care_institution_id) FROM in_force) AS covered_homes,
      (SELECT count(*) FROM visit_periods) AS contracts_with_visit_periods,
      (SELECT count(*) FROM visit_periods WHERE all_met) AS contracts_all_visits_met,
      (SELECT count(*) FROM home_visits WHERE visits::numeric < :sparseVisits::numeric) AS homes_sparse,
      m.periods AS meeting_periods, m.met AS meeting_periods_met,
      q.decided AS requests_decided, q.in_time AS requests_in_time,
      (SELECT count(*) FROM waiting) AS requests_considered,
      (SELECT coalesce(max(coalesce(${SHANGHAI_DATE('answered_at')}, :today) - raised_date), 0) FROM waiting)
        AS longest_wait_days,
      f.n AS referrals, f.within AS referrals_within_target, f.median AS referral_median_seconds,
      x.open AS rectifications_open, x.overdue AS rectifications_overdue,
      (SELECT count(*) FROM qualification_revocations
        WHERE region_code = :r AND revoked_at >= :fts AND revoked_at < :tts) AS revocations
    FROM
      (SELECT count(*) AS periods, count(*) FILTER (WHERE op.met) AS met FROM obligation_periods op
        JOIN region_contracts c ON c.id = op.contract_id
        WHERE op.obligation = 'meeting' AND op.end_date BETWEEN :f AND :t) m,
      (SELECT count(*) FILTER (WHERE answered_at IS NOT NULL OR answer_due_date < :today) AS decided,
              count(*) FILTER (WHERE ${SHANGHAI_DATE('answered_at')} <= answer_due_date) AS in_time
        FROM requests q JOIN region_contracts c ON c.id = q.contract_id WHERE q.raised_date BETWEEN :f AND :t) q,
      (SELECT count(*) AS n, count(*) FILTER (WHERE within_target) AS within,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY response_seconds) AS median
        FROM referrals r JOIN region_contracts c ON c.id = r.contract_id
        WHERE r.requested_at >= :fts AND r.requested_at < :tts) f,
      (SELECT count(*) FILTER (WHERE closed_at IS NULL) AS open,
              count(*) FILTER (WHERE closed_at IS NULL AND deadline < :today) AS overdue
        FROM rectification_orders WHERE region_code = :r) x`,
    { ...bounds(w), sparseVisits: sparseVisitsPerMonth * months },
  );
  const n = (key: string) => Number(row![key] ?? 0);
  return {
    homes: n('homes'),
    coveredHomes: n('covered_homes'),
    contractsWithVisitPeriods: n('contracts_with_visit_periods'),
    contractsAllVisitsMet: n('contracts_all_visits_met'),
    homesSparse: n('homes_sparse'),
    meetingPeriods: n('meeting_periods'),
    meetingPeriodsMet: n('meeting_periods_met'),
    requestsDecided: n('requests_decided'),
    requestsInTime: n('requests_in_time'),
    requestsConsidered: n('requests_considered'),
    longestWaitDays: n('longest_wait_days'),
    referrals: n('referrals'),
    referralsWithinTarget: n('referrals_within_target'),
    referralMedianSeconds: row!.referral_median_seconds === null ? null : n('referral_median_seconds'),
    rectificationsOpen: n('rectifications_open'),
    rectificationsOverdue: n('rectifications_overdue'),
    revocations: n('revocations'),
  } satisfies RegionCounts;
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

/** The same counts month by month: visit periods of the month, meeting periods ending in it, facts dated in it. */
export async function monthlyCounts(db: DbOrTx, w: RegionWindow): Promise<MonthCounts[]> {
  const rows = await queryNamed<Record<string, string>>(
    db,
    `WITH region_contracts AS (SELECT id, status FROM contracts WHERE region_code = :r),
      months AS (SELECT to_char(m, 'YYYY-MM') AS month FROM generate_series(:f::date, :t::date, interval '1 month') m),
      periods AS (
        SELECT to_char(op.end_date, 'YYYY-MM') AS month, op.obligation,
               count(*) AS n, count(*) FILTER (WHERE op.met) AS met
        FROM obligation_periods op JOIN region_contracts c ON c.id = op.contract_id
        WHERE op.obligation IN ('visit', 'meeting') AND op.end_date BETWEEN :f AND :t
          AND (op.obligation = 'meeting' OR c.status IN (${IN_FORCE}))
        GROUP BY 1, 2),
      asked AS (
        SELECT to_char(q.raised_date, 'YYYY-MM') AS month,
               count(*) FILTER (WHERE answered_at IS NOT NULL OR answer_due_date < :today) AS decided,
               count(*) FILTER (WHERE ${SHANGHAI_DATE('answered_at')} <= answer_due_date) AS in_time
        FROM requests q JOIN region_contracts c ON c.id = q.contract_id WHERE q.raised_date BETWEEN :f AND :t GROUP BY 1),
      referred AS (
        SELECT to_char(${SHANGHAI_DATE('requested_at')}, 'YYYY-MM') AS month,
               count(*) AS n, count(*) FILTER (WHERE within_target) AS within
        FROM referrals r JOIN region_contracts c ON c.id = r.contract_id
        WHERE r.requested_at >= :fts AND r.requested_at < :tts GROUP BY 1)
    SELECT m.month, v.n AS visit_periods, v.met AS visit_periods_met, mt.n AS meeting_periods,
           mt.met AS meeting_periods_met, a.decided, a.in_time, rf.n AS referrals, rf.within
    FROM months m
    LEFT JOIN periods v ON v.month = m.month AND v.obligation = 'visit'
    LEFT JOIN periods mt ON mt.month = m.month AND mt.obligation = 'meeting'
    LEFT JOIN asked a ON a.month = m.month
    LEFT JOIN referred rf ON rf.month = m.month
    ORDER BY m.month`,
    bounds(w),
  );
  return rows.map((r) => ({
    month: r.month!,
    visitPeriods: Number(r.visit_periods ?? 0),
    visitPeriodsMet: Number(r.visit_periods_met ?? 0),
    meetingPeriods: Number(r.meeting_periods ?? 0),
    meetingPeriodsMet: Number(r.meeting_periods_met ?? 0),
    requestsDecided: Number(r.decided ?? 0),
    requestsInTime: Number(r.in_time ?? 0),
    referrals: Number(r.referrals ?? 0),
    referralsWithinTarget: Number(r.within ?? 0),
  }));
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
  const rows = await queryNamed<Record<string, any>>(
    db,
    `SELECT count(*) AS contracts, i.residents, i.care_ownership, r.remote, c.last_grade, c.policy -> 'subsidy' AS subsidy
     FROM contracts c JOIN institutions i ON i.id = c.care_institution_id JOIN regions r ON r.code = c.region_code
     WHERE c.region_code = :r AND c.status IN (${IN_FORCE})
     GROUP BY i.residents, i.care_ownership, r.remote, c.last_grade, c.policy -> 'subsidy'`,
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
