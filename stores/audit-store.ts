import type { DbOrTx } from '../platform/db';

export const AUDIT_TABLE = 'audit_log';

/** Every kind of entity the log speaks of; each has a GET …/audit route readable by whoever may read the entity. */
export const auditEntityTypes = [
  'contract',
  'rectification',
  'evaluation',
  'evaluation-cycle',
  'region',
  'institution',
  'user',
  'evaluator-organization',
] as const;
export type AuditEntityType = (typeof auditEntityTypes)[number];

export interface AuditEntry {
  actorUserId?: string | null;
  /** "user:<id>" or "system:<process>" — who did it, even when no user did. */
  actor: string;
  action: string;
  entityType: AuditEntityType;
  entityId: string;
  details?: Record<string, unknown>;
  /** A retried activity passes the same key, so the entry is written once. */
  idempotencyKey?: string;
}

export interface AuditRow {
  id: string;
  at: Date;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  details: Record<string, unknown>;
  /** SHA-256 over the row's content and prevHash (stores/audit-chain.ts): what a reader cites. */
  hash: string;
  /** The hash of the row before it in the whole log; null for the first row. */
  prevHash: string | null;
}

export { userActor } from '../domain/actor';

function mapRow(row: Record<string, any>): AuditRow {
  return {
    id: String(row.id),
    at: row.at,
    actor: row.actor,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    details: row.details,
    hash: row.hash,
    prevHash: row.prev_hash,
  };
}

/**
 * Appends one link of the hash chain (the trigger of migrations/20261123100000_audit_hash_chain.ts).
 * From the append until its transaction ends every other append waits, so append last, after any
 * call to another service.
 */
export async function appendAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db(AUDIT_TABLE)
    .insert({
      actor_user_id: entry.actorUserId ?? null,
      actor: entry.actor,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      details: JSON.stringify(entry.details ?? {}),
      idempotency_key: entry.idempotencyKey ?? null,
    })
    .onConflict('idempotency_key')
    .ignore();
}

/** One page of an entity's entries, oldest first, after the entry with id afterId (keyset, so pages never shift). */
export async function listAudit(
  db: DbOrTx,
  filter: { entityType: AuditEntityType; entityId: string; afterId?: string; limit: number },
): Promise<AuditRow[]> {
  const query = db(AUDIT_TABLE)
    .where({ entity_type: filter.entityType, entity_id: filter.entityId })
    .orderBy('id')
    .limit(filter.limit);
  if (filter.afterId !== undefined) query.where('id', '>', filter.afterId);
  return (await query).map(mapRow);
}
