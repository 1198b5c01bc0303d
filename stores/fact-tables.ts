/* What the fact tables (visits, meetings, surveys, requests, referrals) have in common. */
import type { DbOrTx } from '../platform/db';

/** A client's Idempotency-Key and the digest of the request it first came with. */
export interface IdempotencyRecord {
  key: string;
  requestSha256: string;
}

/** A fact found by its idempotency key, with the digest of the request that created it. */
export interface Keyed<T> {
  record: T;
  requestSha256: string | null;
}

export function idempotencyColumns(idempotency?: IdempotencyRecord) {
  return { idempotency_key: idempotency?.key ?? null, request_sha256: idempotency?.requestSha256 ?? null };
}

/** Fact tables share a unique (contract_id, idempotency_key): a second insert with the key is skipped. */
export const IDEMPOTENCY_CONFLICT = ['contract_id', 'idempotency_key'];

export async function findRowByKey(
  db: DbOrTx,
  table: string,
  contractId: string,
  key: string,
): Promise<Record<string, any> | undefined> {
  return db(table).where({ contract_id: contractId, idempotency_key: key }).first();
}

export async function countBetween(
  db: DbOrTx,
  table: string,
  dateColumn: string,
  contractId: string,
  fromDate: string,
  toDate: string,
): Promise<number> {
  const [row] = await db(table)
    .where({ contract_id: contractId })
    .whereBetween(dateColumn, [fromDate, toDate])
    .count({ count: '*' });
  return Number(row?.count ?? 0);
}

export const isoInstant = (value: unknown) => new Date(value as string).toISOString();
