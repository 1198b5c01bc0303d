import type { DbOrTx } from '../../../platform/db';
import { appendAudit, AuditEntityType, AuditRow, listAudit, userActor } from '../../../stores/audit-store';
import type { User } from '../../../stores/user-store';

/** Who an entry names when a user did it. */
export const auditActor = (user: Pick<User, 'id'>) => ({ actorUserId: user.id, actor: userActor(user.id) });

/**
 * Appends the entry of what a user did to an entity. It holds the chain's lock until the
 * transaction ends (stores/audit-store.ts), so call it last, after any other service.
 */
export function audit(
  db: DbOrTx,
  user: Pick<User, 'id'>,
  entity: { type: AuditEntityType; id: string },
  action: string,
  details?: Record<string, unknown>,
): Promise<void> {
  return appendAudit(db, { ...auditActor(user), action, entityType: entity.type, entityId: entity.id, details });
}

/** One page of an entity's entries, oldest first, and whether more follow. */
export async function auditTrail(
  db: DbOrTx,
  entityType: AuditEntityType,
  entityId: string,
  page: { after?: string; limit: number },
): Promise<{ rows: AuditRow[]; more: boolean }> {
  const rows = await listAudit(db, { entityType, entityId, afterId: page.after, limit: page.limit + 1 });
  return { rows: rows.slice(0, page.limit), more: rows.length > page.limit };
}
