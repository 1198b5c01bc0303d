import type { DbOrTx } from '../platform/db';
import type { ContractStatus } from '../domain/contract';
import type { Grade } from '../domain/grading';
import type { Light, LightSignals } from '../domain/contract-lights';
import type { DashboardPolicy } from '../domain/policy';
import { lightSql } from './contract-light-sql';
import { likePattern } from './sql-params';

/** Which contracts: a caller's scope and the list's filters. */
export interface SignalFilter {
  regionCodes?: string[];
  ids?: string[];
  institutionId?: string;
  status?: ContractStatus;
  /** Text searched in both institutions' names. */
  q?: string;
}

/** One contract's parties and what its light and row go by, over a window of dates (Asia/Shanghai). */
export interface ContractSignals extends LightSignals {
  contractId: string;
  regionCode: string;
  status: ContractStatus;
  medical: { id: string; name: string };
  care: { id: string; name: string };
  grade: Grade | null;
  visits: { actual: number; required: number; periodsMet: number; periods: number };
  meetings: { periodsMet: number; periods: number };
  openRequests: number;
}

/** Which rows of the table: one light (all when absent) and, for a page, how many after how many. */
export interface SignalSelection {
  policy: Pick<DashboardPolicy, 'lights'>;
  light?: Light;
  page?: { limit: number; offset: number };
}

/**
 * Contracts with their signals and light, ordered by the home's name, then the hospital's, then the id, so
 * pages are stable. The light's signals (missed periods, overdue requests and rectifications) are counted for
 * every contract selected, from the few rows that are missed or overdue; the light is filtered and the page
 * cut in PostgreSQL; only the page's contracts have their periods summed for the row.
 */
export async function contractSignals(
  db: DbOrTx,
  filter: SignalFilter,
  window: { startDate: string; endDate: string; today: string },
  selection: SignalSelection,
): Promise<{ rows: (ContractSignals & { light: Light })[]; total: number }> {
  const selected = db('contracts as c')
    .join('institutions as mi', 'mi.id', 'c.medical_institution_id')
    .join('institutions as ci', 'ci.id', 'c.care_institution_id')
    .select(
      'c.id',
      'c.region_code',
      'c.status',
      'c.last_grade',
      'mi.id as medical_id',
      'mi.name as medical_name',
      'ci.id as care_id',
      'ci.name as care_name',
    );
  if (filter.regionCodes) selected.whereIn('c.region_code', filter.regionCodes);
  if (filter.ids) selected.whereIn('c.id', filter.ids);
  if (filter.status) selected.where('c.status', filter.status);
  if (filter.institutionId) {
    const id = filter.institutionId;
    selected.where((q) => q.where('c.medical_institution_id', id).orWhere('c.care_institution_id', id));
  }
  if (filter.q) {
    const pattern = likePattern(filter.q);
    selected.where((q) => q.whereILike('mi.name', pattern).orWhereILike('ci.name', pattern));
  }
  const light = lightSql(selection.policy, {
    missedPeriods: 'l.missed',
    overdueRequests: 'l.overdue_requests',
    overdueRectifications: 'l.overdue_rectifications',
  });
  const order = [{ column: 'care_name' }, { column: 'medical_name' }, { column: 'id' }];
  const chosen = db
    .from(
      db
        .from('signalled as l')
        .select('l.*', db.raw(`${light.sql} AS light`, light.bindings))
        .as('l'),
    )
    .select('l.*', db.raw('count(*) OVER () AS total'))
    .orderBy(order);
  if (selection.light) chosen.where('l.light', selection.light);
  if (selection.page) chosen.limit(selection.page.limit).offset(selection.page.offset);
  const rows = await db
    .with('selected', selected)
    .with(
      'missed',
      db('obligation_periods as op')
        .join('selected as s', 's.id', 'op.contract_id')
        .whereBetween('op.end_date', [window.startDate, window.endDate])
        .where('op.met', false)
        .groupBy('op.contract_id')
        .select('op.contract_id', db.raw('count(*) AS missed')),
    )
    .with(
      'asked',
      db('requests as q')
        .join('selected as s', 's.id', 'q.contract_id')
        .whereNull('q.answered_at')
        .groupBy('q.contract_id')
        .select(
          'q.contract_id',
          db.raw('count(*) AS open'),
          db.raw('count(*) FILTER (WHERE q.answer_due_date < ?) AS overdue', [window.today]),
        ),
    )
    .with(
      'rectifying',
      db('rectification_orders as o')
        .join('selected as s', 's.id', 'o.contract_id')
        .whereNull('o.closed_at')
        .where('o.deadline', '<', window.today)
        .groupBy('o.contract_id')
        .select('o.contract_id', db.raw('count(*) AS overdue')),
    )
    .with(
      'signalled',
      db('selected as s')
        .leftJoin('missed as m', 'm.contract_id', 's.id')
        .leftJoin('asked as a', 'a.contract_id', 's.id')
        .leftJoin('rectifying as r', 'r.contract_id', 's.id')
        .select(
          's.*',
          db.raw('coalesce(m.missed, 0) AS missed'),
          db.raw('coalesce(a.open, 0) AS open_requests'),
          db.raw('coalesce(a.overdue, 0) AS overdue_requests'),
          db.raw('coalesce(r.overdue, 0) AS overdue_rectifications'),
        ),
    )
    .with('chosen', chosen)
    .with(
      'periods',
      db('obligation_periods as op')
        .join('chosen as s', 's.id', 'op.contract_id')
        .whereBetween('op.end_date', [window.startDate, window.endDate])
        .whereIn('op.obligation', ['visit', 'meeting', 'monthly-meeting'])
        .groupBy('op.contract_id')
        .select(
          'op.contract_id',
          db.raw(`coalesce(sum(op.actual) FILTER (WHERE op.obligation = 'visit'), 0) AS visit_actual`),
          db.raw(`coalesce(sum(op.required) FILTER (WHERE op.obligation = 'visit'), 0) AS visit_required`),
          db.raw(`count(*) FILTER (WHERE op.obligation = 'visit' AND op.met) AS visit_met`),
          db.raw(`count(*) FILTER (WHERE op.obligation = 'visit') AS visit_periods`),
          db.raw(`count(*) FILTER (WHERE op.obligation <> 'visit' AND op.met) AS meeting_met`),
          db.raw(`count(*) FILTER (WHERE op.obligation <> 'visit') AS meeting_periods`),
        ),
    )
    .from('chosen as s')
    .leftJoin('periods as p', 'p.contract_id', 's.id')
    .orderBy(order.map((o) => ({ column: `s.${o.column}` })))
    .select(
      's.*',
      'p.visit_actual',
      'p.visit_required',
      'p.visit_met',
      'p.visit_periods',
      'p.meeting_met',
      'p.meeting_periods',
    );
  // A page past the last has no row to carry the total: count without the page.
  if (rows.length === 0 && selection.page && selection.page.offset > 0) {
    const { total } = await contractSignals(db, filter, window, { ...selection, page: { limit: 1, offset: 0 } });
    return { rows: [], total };
  }
  const n = (value: unknown) => Number(value ?? 0);
  return {
    total: n(rows[0]?.total),
    rows: rows.map((r: Record<string, any>) => ({
      contractId: r.id,
      regionCode: r.region_code,
      status: r.status,
      medical: { id: r.medical_id, name: r.medical_name },
      care: { id: r.care_id, name: r.care_name },
      grade: r.last_grade ?? null,
      visits: {
        actual: n(r.visit_actual),
        required: n(r.visit_required),
        periodsMet: n(r.visit_met),
        periods: n(r.visit_periods),
      },
      meetings: { periodsMet: n(r.meeting_met), periods: n(r.meeting_periods) },
      openRequests: n(r.open_requests),
      missedPeriods: n(r.missed),
      overdueRequests: n(r.overdue_requests),
      overdueRectifications: n(r.overdue_rectifications),
      light: r.light,
    })),
  };
}
