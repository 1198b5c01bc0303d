import { randomUUID } from 'node:crypto';
import type { DbOrTx } from '../platform/db';
import { hashToken } from './user-store';

export const PASSWORD_LINKS_TABLE = 'password_links';

export type PasswordLinkPurpose = 'invitation' | 'reset';

/** A single-use, expiring link to set a password; its secret is shown once, in the link, and stored as SHA-256. */
export interface PasswordLink {
  id: string;
  userId: string;
  purpose: PasswordLinkPurpose;
  issuedBy?: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt?: Date;
  revokedAt?: Date;
}

function mapRow(row: Record<string, any>): PasswordLink {
  return {
    id: row.id,
    userId: row.user_id,
    purpose: row.purpose,
    ...(row.issued_by ? { issuedBy: row.issued_by } : {}),
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
    ...(row.used_at ? { usedAt: new Date(row.used_at) } : {}),
    ...(row.revoked_at ? { revokedAt: new Date(row.revoked_at) } : {}),
  };
}

export async function insertPasswordLink(
  db: DbOrTx,
  l: { userId: string; secret: string; purpose: PasswordLinkPurpose; issuedBy?: string; now: Date; expiresAt: Date },
): Promise<PasswordLink> {
  const [row] = await db(PASSWORD_LINKS_TABLE)
    .insert({
      id: randomUUID(),
      user_id: l.userId,
      secret_sha256: hashToken(l.secret),
      purpose: l.purpose,
      issued_by: l.issuedBy ?? null,
      created_at: l.now,
      expires_at: l.expiresAt,
    })
    .returning('*');
  return mapRow(row);
}

export async function findPasswordLink(db: DbOrTx, secret: string, lock = false): Promise<PasswordLink | undefined> {
  const query = db(PASSWORD_LINKS_TABLE).where({ secret_sha256: hashToken(secret) });
  const row = await (lock ? query.forUpdate() : query).first();
  return row ? mapRow(row) : undefined;
}

export async function markLinkUsed(db: DbOrTx, id: string, now: Date): Promise<boolean> {
  return (await db(PASSWORD_LINKS_TABLE).where({ id }).whereNull('used_at').update({ used_at: now })) > 0;
}

/** Earlier unused links of the user stop working (a newer link, or a password set by another one). */
export async function revokeUnusedLinks(
  db: DbOrTx,
  userId: string,
  now: Date,
  purposes: PasswordLinkPurpose[] = ['invitation', 'reset'],
): Promise<number> {
  return db(PASSWORD_LINKS_TABLE)
    .where({ user_id: userId })
    .whereIn('purpose', purposes)
    .whereNull('used_at')
    .whereNull('revoked_at')
    .update({ revoked_at: now });
}
