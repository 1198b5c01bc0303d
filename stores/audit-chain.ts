import { createHash } from 'node:crypto';
import type { Db } from '../platform/db';
import { AUDIT_TABLE } from './audit-store';

/**
 * One audit row as it is hashed. PostgreSQL gives the text of the two values whose text is not
 * obvious: `at` in UTC with microseconds, and `details` as jsonb prints it (keys in jsonb's
 * stored order, numbers as stored). Everything else is the column's text.
 */
export interface ChainedRow {
  id: string;
  /** YYYY-MM-DDTHH:MI:SS.uuuuuuZ */
  at: string;
  actorUserId: string | null;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  /** details::text */
  details: string;
  idempotencyKey: string | null;
  prevHash: string | null;
  hash: string;
}

/**
 * The text whose SHA-256 is a row's hash, the same as audit_log_canonical() in
 * migrations/20261123100000_audit_hash_chain.ts builds: a version line, then one line per field
 * in a fixed order, each "<UTF-8 byte length>:<value>", or "-" for NULL. Length-prefixed, so no
 * value (newlines included) can shift one field into the next.
 */
export function canonicalAuditText(row: Omit<ChainedRow, 'hash'>): string {
  const fields = [
    row.id,
    row.at,
    row.actorUserId,
    row.actor,
    row.action,
    row.entityType,
    row.entityId,
    row.details,
    row.idempotencyKey,
    row.prevHash,
  ];
  return [
    'carepact-audit-v1',
    ...fields.map((value) => (value === null ? '-' : `${Buffer.byteLength(value, 'utf8')}:${value}`)),
  ].join('\n');
}

export function auditRowHash(row: Omit<ChainedRow, 'hash'>): string {
  return createHash('sha256').update(canonicalAuditText(row), 'utf8').digest('hex');
}

export interface BrokenLink {
  id: string;
  entityType: string;
  entityId: string;
  /** What did not match, in words an auditor can act on. */
  problem: string;
}

export type ChainVerdict =
  { ok: true; rows: number; headHash: string | null } | { ok: false; rowsBeforeBreak: number; broken: BrokenLink };

/** A row of the chain as read with `at_text` and `details_text`, the forms the hash is taken over. */
export function mapChainedRow(row: Record<string, any>): ChainedRow {
  return {
    id: String(row.id),
    at: row.at_text,
    actorUserId: row.actor_user_id,
    actor: row.actor,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    details: row.details_text,
    idempotencyKey: row.idempotency_key,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * The first way this row breaks the chain after `previous` (undefined: it is the first row), or undefined if it holds.
 */
export function checkLink(row: ChainedRow, previous: Pick<ChainedRow, 'id' | 'hash'> | undefined): string | undefined {
  const expectedPrev = previous?.hash ?? null;
  if (row.prevHash !== expectedPrev) {
    return previous
      ? `prev_hash ${row.prevHash ?? 'NULL'} is not the hash ${previous.hash} of the row before it ` +
          `(id ${previous.id}): a row between them was removed, or row ${previous.id} was altered and re-hashed`
      : `it is the first row but its prev_hash is ${row.prevHash ?? 'NULL'}: earlier rows were removed`;
  }
  const recomputed = auditRowHash(row);
  if (recomputed !== row.hash)
    return `its content does not match its hash (stored ${row.hash}, recomputed ${recomputed}): the row was altered`;
  return undefined;
}

/**
 * Walks the whole log in id order, a batch at a time under one snapshot, recomputing every hash
 * and link. Stops at the first broken row: everything after it is unproven anyway.
 */
export async function verifyAuditChain(db: Db, options: { batchSize?: number } = {}): Promise<ChainVerdict> {
  const batchSize = options.batchSize ?? 1000;
  return db.transaction(
    async (tx) => {
      let previous: ChainedRow | undefined;
      let rows = 0;
      for (;;) {
        const query = tx(AUDIT_TABLE)
          .select(
            'id',
            'actor_user_id',
            'actor',
            'action',
            'entity_type',
            'entity_id',
            'idempotency_key',
            'prev_hash',
            'hash',
          )
          .select(
            tx.raw(`to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_text`),
            tx.raw('details::text AS details_text'),
          )
          .orderBy('id')
          .limit(batchSize);
        if (previous) query.where('id', '>', previous.id);
        const batch = (await query).map(mapChainedRow);
        for (const row of batch) {
          const problem = checkLink(row, previous);
          if (problem)
            return {
              ok: false,
              rowsBeforeBreak: rows,
              broken: { id: row.id, entityType: row.entityType, entityId: row.entityId, problem },
            };
          previous = row;
          rows += 1;
        }
        if (batch.length < batchSize) return { ok: true, rows, headHash: previous?.hash ?? null };
      }
    },
    { isolationLevel: 'repeatable read', readOnly: true },
  );
}
