import { randomUUID } from 'node:crypto';
import type { Attempt, AttemptOutcome } from '../domain/sign-in-throttle';
import type { DbOrTx } from '../platform/db';
import { hashToken, USERS_TABLE } from './user-store';

export const SESSIONS_TABLE = 'user_sessions';
export const ATTEMPTS_TABLE = 'sign_in_attempts';

/** A signed-in person's server-side session; the cookie value is stored only as its SHA-256. */
export interface UserSession {
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  absoluteExpiresAt: Date;
  userAgent?: string;
  revokedAt?: Date;
}

function mapRow(row: Record<string, any>): UserSession {
  return {
    id: row.id,
    userId: row.user_id,
    csrfToken: row.csrf_token,
    createdAt: new Date(row.created_at),
    lastSeenAt: new Date(row.last_seen_at),
    absoluteExpiresAt: new Date(row.absolute_expires_at),
    ...(row.user_agent ? { userAgent: row.user_agent } : {}),
    ...(row.revoked_at ? { revokedAt: new Date(row.revoked_at) } : {}),
  };
}

export async function insertSession(
  db: DbOrTx,
  s: { userId: string; secret: string; csrfToken: string; now: Date; absoluteExpiresAt: Date; userAgent?: string },
): Promise<UserSession> {
  const [row] = await db(SESSIONS_TABLE)
    .insert({
      id: randomUUID(),
      user_id: s.userId,
      session_sha256: hashToken(s.secret),
      csrf_token: s.csrfToken,
      created_at: s.now,
      last_seen_at: s.now,
      absolute_expires_at: s.absoluteExpiresAt,
      user_agent: s.userAgent?.slice(0, 500) ?? null,
    })
    .returning('*');
  return mapRow(row);
}

/** A session that is neither revoked, nor idle since `idleSince`, nor past its absolute expiry, of an active user. */
export async function findLiveSession(
  db: DbOrTx,
  secret: string,
  at: { now: Date; idleSince: Date },
): Promise<UserSession | undefined> {
  const row = await db(SESSIONS_TABLE)
    .join(USERS_TABLE, `${USERS_TABLE}.id`, `${SESSIONS_TABLE}.user_id`)
    .where(`${SESSIONS_TABLE}.session_sha256`, hashToken(secret))
    .whereNull(`${SESSIONS_TABLE}.revoked_at`)
    .whereNull(`${USERS_TABLE}.deactivated_at`)
    .where(`${SESSIONS_TABLE}.absolute_expires_at`, '>', at.now)
    .where(`${SESSIONS_TABLE}.last_seen_at`, '>', at.idleSince)
    .first(`${SESSIONS_TABLE}.*`);
  return row ? mapRow(row) : undefined;
}

export async function touchSession(db: DbOrTx, id: string, now: Date): Promise<void> {
  await db(SESSIONS_TABLE).where({ id }).whereNull('revoked_at').update({ last_seen_at: now });
}

/** The user's sessions still open at `now` (not revoked, not idle, not expired), newest first. */
export async function listLiveSessions(
  db: DbOrTx,
  userId: string,
  at: { now: Date; idleSince: Date },
): Promise<UserSession[]> {
  return (
    await db(SESSIONS_TABLE)
      .where({ user_id: userId })
      .whereNull('revoked_at')
      .where('absolute_expires_at', '>', at.now)
      .where('last_seen_at', '>', at.idleSince)
      .orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id' }])
  ).map(mapRow);
}

/** Revokes one session of the user; false when it is not the user's or was already revoked. */
export async function revokeSession(db: DbOrTx, userId: string, id: string, now: Date): Promise<boolean> {
  const n = await db(SESSIONS_TABLE).where({ id, user_id: userId }).whereNull('revoked_at').update({ revoked_at: now });
  return n > 0;
}

/** Revokes every open session of the user, but `except` (the caller's own, when it stays signed in). */
export async function revokeSessionsOf(db: DbOrTx, userId: string, now: Date, except?: string): Promise<number> {
  const query = db(SESSIONS_TABLE).where({ user_id: userId }).whereNull('revoked_at');
  if (except) query.whereNot({ id: except });
  return query.update({ revoked_at: now });
}

export async function recordAttempt(
  db: DbOrTx,
  a: { email: string; ip: string; outcome: AttemptOutcome; at: Date },
): Promise<void> {
  await db(ATTEMPTS_TABLE).insert({ email: a.email.toLowerCase(), ip: a.ip, outcome: a.outcome, attempted_at: a.at });
}

/** The attempts for one account and from one address since `since`, for the throttle rule (domain/sign-in-throttle.ts). */
export async function recentAttempts(
  db: DbOrTx,
  key: { email: string } | { ip: string },
  since: Date,
): Promise<Attempt[]> {
  const where = 'email' in key ? { email: key.email.toLowerCase() } : { ip: key.ip };
  const rows = await db(ATTEMPTS_TABLE)
    .where(where)
    .where('attempted_at', '>', since)
    .orderBy('attempted_at')
    .select('outcome', 'attempted_at');
  return rows.map((r) => ({ outcome: r.outcome, atMs: new Date(r.attempted_at).getTime() }));
}
