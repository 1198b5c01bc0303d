import type { DbOrTx } from '../platform/db';
import type { Obligation } from '../domain/obligations';

export const OBLIGATION_PERIODS_TABLE = 'obligation_periods';
export const ESCALATIONS_TABLE = 'escalations';

export interface ObligationPeriodRecord {
  obligation: Obligation;
  periodKey: string;
  startDate: string;
  endDate: string;
  required: number;
  actual: number;
  met: boolean;
  consecutiveMisses: number;
  closedAt: string;
}

export interface EscalationRecord {
  level: string;
  subject: string;
  details: Record<string, unknown>;
  createdAt: string;
}

function mapPeriod(row: Record<string, any>): ObligationPeriodRecord {
  return {
    obligation: row.obligation,
    periodKey: row.period_key,
    startDate: row.start_date,
    endDate: row.end_date,
    required: row.required,
    actual: row.actual,
    met: row.met,
    consecutiveMisses: row.consecutive_misses,
    closedAt: new Date(row.closed_at).toISOString(),
  };
}

/** First close wins: a retried close returns the record it wrote the first time. */
export async function closePeriod(
  db: DbOrTx,
  contractId: string,
  record: Omit<ObligationPeriodRecord, 'closedAt'>,
): Promise<ObligationPeriodRecord> {
  await db(OBLIGATION_PERIODS_TABLE)
    .insert({
      contract_id: contractId,
      obligation: record.obligation,
      period_key: record.periodKey,
      start_date: record.startDate,
      end_date: record.endDate,
      required: record.required,
      actual: record.actual,
      met: record.met,
      consecutive_misses: record.consecutiveMisses,
    })
    .onConflict(['contract_id', 'obligation', 'period_key'])
    .ignore();
  const row = await db(OBLIGATION_PERIODS_TABLE)
    .where({ contract_id: contractId, obligation: record.obligation, period_key: record.periodKey })
    .first();
  return mapPeriod(row);
}

export async function listPeriods(db: DbOrTx, contractId: string): Promise<ObligationPeriodRecord[]> {
  return (
    await db(OBLIGATION_PERIODS_TABLE)
      .where({ contract_id: contractId })
      .orderBy([{ column: 'start_date' }, { column: 'obligation' }])
  ).map(mapPeriod);
}

/** Returns false when this escalation was already recorded (a retry, or a replayed deadline). */
export async function insertEscalation(
  db: DbOrTx,
  contractId: string,
  e: Omit<EscalationRecord, 'createdAt'>,
): Promise<boolean> {
  const inserted = await db(ESCALATIONS_TABLE)
    .insert({ contract_id: contractId, level: e.level, subject: e.subject, details: JSON.stringify(e.details) })
    .onConflict(['contract_id', 'level', 'subject'])
    .ignore()
    .returning('id');
  return inserted.length > 0;
}

export async function listEscalations(db: DbOrTx, contractId: string): Promise<EscalationRecord[]> {
  const rows = await db(ESCALATIONS_TABLE).where({ contract_id: contractId }).orderBy('id');
  return rows.map((r) => ({
    level: r.level,
    subject: r.subject,
    details: r.details,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/**
 * The obligation record of each contract, attached to its evaluation as evidence for the
 * cooperation-effectiveness score: periods met and missed, escalations, referral response times.
 */
export async function evidenceFor(db: DbOrTx, contractIds: string[]): Promise<Map<string, Record<string, unknown>>> {
  const evidence = new Map<string, Record<string, any>>(
    contractIds.map((id) => [
      id,
      {
        periods: {},
        escalations: 0,
        referrals: { count: 0, overTarget: 0 },
        visits: 0,
        meetings: 0,
        answeredRequests: 0,
        openRequests: 0,
      },
    ]),
  );
  if (contractIds.length === 0) return evidence;
  const periods = await db(OBLIGATION_PERIODS_TABLE)
    .whereIn('contract_id', contractIds)
    .groupBy('contract_id', 'obligation', 'met')
    .select('contract_id', 'obligation', 'met')
    .count({ n: '*' });
  for (const p of periods as any[]) {
    const e = evidence.get(p.contract_id)!;
    e.periods[p.obligation] ??= { met: 0, missed: 0 };
    e.periods[p.obligation][p.met ? 'met' : 'missed'] += Number(p.n);
  }
  const counts = async (
    table: string,
    apply: (e: Record<string, any>, row: any) => void,
    select = db.raw('count(*) as n'),
  ) => {
    for (const row of await db(table)
      .whereIn('contract_id', contractIds)
      .groupBy('contract_id')
      .select('contract_id', select))
      apply(evidence.get(row.contract_id)!, row);
  };
  await counts(ESCALATIONS_TABLE, (e, r) => (e.escalations = Number(r.n)));
  await counts('visits', (e, r) => (e.visits = Number(r.n)));
  await counts('meetings', (e, r) => (e.meetings = Number(r.n)));
  await counts(
    'referrals',
    (e, r) => (e.referrals = { count: Number(r.n), overTarget: Number(r.over) }),
    db.raw('count(*) as n, count(*) filter (where not within_target) as over'),
  );
  await counts(
    'requests',
    (e, r) =>
      Object.assign(e, { answeredRequests: Number(r.answered), openRequests: Number(r.n) - Number(r.answered) }),
    db.raw('count(*) as n, count(answered_at) as answered'),
  );
  return evidence;
}
