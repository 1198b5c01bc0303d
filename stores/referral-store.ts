import type { DbOrTx } from '../platform/db';
import {
  findRowByKey,
  IDEMPOTENCY_CONFLICT,
  idempotencyColumns,
  IdempotencyRecord,
  isoInstant,
  Keyed,
} from './fact-tables';

export const REFERRALS_TABLE = 'referrals';

/** An emergency referral and how fast the medical side responded (000_… §3.2: within 15 minutes). */
export interface Referral {
  id: string;
  contractId: string;
  recordedBy: string;
  createdAt: string;
  residentRef: string;
  reason: string;
  requestedAt: string;
  respondedAt: string;
  destination?: string;
  responseSeconds: number;
  /** The contract's agreed response time (the policy's, for referrals recorded before issue 12). */
  targetMinutes: number;
  withinTarget: boolean;
}

export type NewReferral = Omit<Referral, 'createdAt'>;

function mapRow(row: Record<string, any>): Referral {
  return {
    id: row.id,
    contractId: row.contract_id,
    recordedBy: row.recorded_by,
    createdAt: isoInstant(row.created_at),
    residentRef: row.resident_ref,
    reason: row.reason,
    requestedAt: isoInstant(row.requested_at),
    respondedAt: isoInstant(row.responded_at),
    ...(row.destination != null ? { destination: row.destination } : {}),
    responseSeconds: row.response_seconds,
    targetMinutes: row.target_minutes,
    withinTarget: row.within_target,
  };
}

/** Undefined when a referral with the same idempotency key already exists for the contract. */
export async function insertReferral(
  db: DbOrTx,
  r: NewReferral,
  idempotency?: IdempotencyRecord,
): Promise<Referral | undefined> {
  const [row] = await db(REFERRALS_TABLE)
    .insert({
      id: r.id,
      contract_id: r.contractId,
      recorded_by: r.recordedBy,
      resident_ref: r.residentRef,
      reason: r.reason,
      requested_at: r.requestedAt,
      responded_at: r.respondedAt,
      destination: r.destination ?? null,
      response_seconds: r.responseSeconds,
      target_minutes: r.targetMinutes,
      within_target: r.withinTarget,
      ...idempotencyColumns(idempotency),
    })
    .onConflict(IDEMPOTENCY_CONFLICT)
    .ignore()
    .returning('*');
  return row ? mapRow(row) : undefined;
}

export async function findReferralByKey(
  db: DbOrTx,
  contractId: string,
  key: string,
): Promise<Keyed<Referral> | undefined> {
  const row = await findRowByKey(db, REFERRALS_TABLE, contractId, key);
  return row ? { record: mapRow(row), requestSha256: row.request_sha256 } : undefined;
}

export async function listReferrals(db: DbOrTx, contractId: string): Promise<Referral[]> {
  const rows = await db(REFERRALS_TABLE)
    .where({ contract_id: contractId })
    .orderBy([{ column: 'requested_at' }, { column: 'created_at' }]);
  return rows.map(mapRow);
}

/**
 * The referrals requested in [fromMs, toMs) and how many were answered within `targetMinutes`:
 * each is judged against the contract's agreed response time.
 */
export async function referralResponsesBetween(
  db: DbOrTx,
  contractId: string,
  fromMs: number,
  toMs: number,
  targetMinutes: number,
): Promise<{ total: number; withinTarget: number }> {
  const [row] = await db(REFERRALS_TABLE)
    .where({ contract_id: contractId })
    .where('requested_at', '>=', new Date(fromMs).toISOString())
    .where('requested_at', '<', new Date(toMs).toISOString())
    .select(
      db.raw('count(*) AS total'),
      db.raw('count(*) FILTER (WHERE response_seconds <= ?) AS within', [targetMinutes * 60]),
    );
  return { total: Number(row?.total ?? 0), withinTarget: Number(row?.within ?? 0) };
}
