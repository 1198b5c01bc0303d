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
export async function closePeriod(db: DbOrTx, contractId: string, record: Omit<ObligationPeriodRecord, 'closedAt'>): Promise<ObligationPeriodRecord> {
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
  const row = await db(OBLIGATION_PERIODS_TABLE).where({ contract_id: contractId, obligation: record.obligation, period_key: record.periodKey }).first();
  return mapPeriod(row);
}

export async function listPeriods(db: DbOrTx, contractId: string): Promise<ObligationPeriodRecord[]> {
  return (await db(OBLIGATION_PERIODS_TABLE).where({ contract_id: contractId }).orderBy([{ column: 'start_date' }, { column: 'obligation' }])).map(mapPeriod);
}

/** Returns false when this escalation was already recorded (a retry, or a replayed deadline). */
export async function insertEscalation(db: DbOrTx, contractId: string, e: Omit<EscalationRecord, 'createdAt'>): Promise<boolean> {
  const inserted = await db(ESCALATIONS_TABLE)
    .insert({ contract_id: contractId, level: e.level, subject: e.subject, details: JSON.stringify(e.details) })
    .onConflict(['contract_id', 'level', 'subject'])
    .ignore()
    .returning('id');
  return inserted.length > 0;
}

export async function listEscalations(db: DbOrTx, contractId: string): Promise<EscalationRecord[]> {
  const rows = await db(ESCALATIONS_TABLE).where({ contract_id: contractId }).orderBy('id');
  return rows.map((r) => ({ level: r.level, subject: r.subject, details: r.details, createdAt: new Date(r.created_at).toISOString() }));
}
