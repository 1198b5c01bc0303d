import type { DbOrTx } from '../platform/db';

export const AUDIT_TABLE = 'audit_log';

export interface AuditEntry {
  actorUserId?: string | null;
  /** "user:<id>" or "system:<process>" — who did it, even when no user did. */
  actor: string;
  action: string;
  entityType: string;
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
}

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

export async function auditFor(db: DbOrTx, entityType: string, entityId: string): Promise<AuditRow[]> {
  const rows = await db(AUDIT_TABLE).where({ entity_type: entityType, entity_id: entityId }).orderBy('id');
  return rows.map((r) => ({ id: String(r.id), at: r.at, actor: r.actor, action: r.action, entityType: r.entity_type, entityId: r.entity_id, details: r.details }));
}
