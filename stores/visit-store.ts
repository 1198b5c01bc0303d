import type { DbOrTx } from '../platform/db';
import {
  countBetween,
  findRowByKey,
  IDEMPOTENCY_CONFLICT,
  idempotencyColumns,
  IdempotencyRecord,
  isoInstant,
  Keyed,
} from './fact-tables';

export const VISITS_TABLE = 'visits';

export interface VisitStaff {
  name: string;
  /** Professional title, e.g. 主治医师. */
  title: string;
}

export interface Visit {
  id: string;
  contractId: string;
  recordedBy: string;
  createdAt: string;
  visitDate: string;
  staff: VisitStaff[];
  services: string[];
  residentsSeen: number;
  chronicDiseaseReexams: number;
  hours: number;
  notes?: string;
}

export type NewVisit = Omit<Visit, 'createdAt'>;

function mapRow(row: Record<string, any>): Visit {
  return {
    id: row.id,
    contractId: row.contract_id,
    recordedBy: row.recorded_by,
    createdAt: isoInstant(row.created_at),
    visitDate: row.visit_date,
    staff: row.staff,
    services: row.services,
    residentsSeen: row.residents_seen,
    chronicDiseaseReexams: row.chronic_reexams,
    hours: Number(row.hours),
    ...(row.notes != null ? { notes: row.notes } : {}),
  };
}

/** Undefined when a visit with the same idempotency key already exists for the contract. */
export async function insertVisit(
  db: DbOrTx,
  v: NewVisit,
  idempotency?: IdempotencyRecord,
): Promise<Visit | undefined> {
  const [row] = await db(VISITS_TABLE)
    .insert({
      id: v.id,
      contract_id: v.contractId,
      recorded_by: v.recordedBy,
      visit_date: v.visitDate,
      staff: JSON.stringify(v.staff),
      services: v.services,
      residents_seen: v.residentsSeen,
      chronic_reexams: v.chronicDiseaseReexams,
      hours: v.hours,
      notes: v.notes ?? null,
      ...idempotencyColumns(idempotency),
    })
    .onConflict(IDEMPOTENCY_CONFLICT)
    .ignore()
    .returning('*');
  return row ? mapRow(row) : undefined;
}

export async function findVisitByKey(db: DbOrTx, contractId: string, key: string): Promise<Keyed<Visit> | undefined> {
  const row = await findRowByKey(db, VISITS_TABLE, contractId, key);
  return row ? { record: mapRow(row), requestSha256: row.request_sha256 } : undefined;
}

export async function listVisits(db: DbOrTx, contractId: string): Promise<Visit[]> {
  const rows = await db(VISITS_TABLE)
    .where({ contract_id: contractId })
    .orderBy([{ column: 'visit_date' }, { column: 'created_at' }]);
  return rows.map(mapRow);
}

/** Visits on dates from `fromDate` to `toDate`, both inclusive. */
export async function countVisitsBetween(
  db: DbOrTx,
  contractId: string,
  fromDate: string,
  toDate: string,
): Promise<number> {
  return countBetween(db, VISITS_TABLE, 'visit_date', contractId, fromDate, toDate);
}

/** Chronic-disease re-examinations done on visits from `fromDate` to `toDate`, both inclusive. */
export async function sumReexamsBetween(
  db: DbOrTx,
  contractId: string,
  fromDate: string,
  toDate: string,
): Promise<number> {
  const [row] = await db(VISITS_TABLE)
    .where({ contract_id: contractId })
    .whereBetween('visit_date', [fromDate, toDate])
    .sum({ total: 'chronic_reexams' });
  return Number(row?.total ?? 0);
}
