import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { DbOrTx } from '../platform/db';
import { likePattern } from './sql-params';

export const USERS_TABLE = 'users';
export const USER_REGIONS_TABLE = 'user_regions';
export const API_TOKENS_TABLE = 'api_tokens';

export const roles = ['admin', 'regulator', 'liaison', 'party', 'evaluator'] as const;
export type Role = (typeof roles)[number];
export type Locale = 'zh-CN' | 'en';

export interface User {
  id: string;
  name: string;
  email: string;
  locale: Locale;
  role: Role;
  institutionId?: string;
  /** Evaluator users only: the third-party organization they evaluate for. */
  evaluatorOrganizationId?: string;
  regionCodes: string[];
  createdAt: string;
  /** Set once the user is deactivated: its tokens no longer authenticate. */
  deactivatedAt?: string;
  deactivationReason?: string;
}

/** A token's record; the secret itself is shown once, when it is issued, and stored only as a hash. */
export interface ApiToken {
  id: string;
  userId: string;
  label: string;
  createdAt: string;
  revokedAt?: string;
}

function mapRow(row: Record<string, any>, regionCodes: string[]): User {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    locale: row.locale,
    role: row.role,
    ...(row.institution_id ? { institutionId: row.institution_id } : {}),
    ...(row.evaluator_organization_id ? { evaluatorOrganizationId: row.evaluator_organization_id } : {}),
    regionCodes,
    createdAt: new Date(row.created_at).toISOString(),
    ...(row.deactivated_at
      ? { deactivatedAt: new Date(row.deactivated_at).toISOString(), deactivationReason: row.deactivation_reason }
      : {}),
  };
}

function mapTokenRow(row: Record<string, any>): ApiToken {
  return {
    id: row.id,
    userId: row.user_id,
    label: row.label,
    createdAt: new Date(row.created_at).toISOString(),
    ...(row.revoked_at ? { revokedAt: new Date(row.revoked_at).toISOString() } : {}),
  };
}

/** Tokens are 256-bit random, so a plain SHA-256 is a sufficient one-way store (no salt needed). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function generateToken(): string {
  return `cp_${randomBytes(32).toString('base64url')}`;
}

export async function insertUser(db: DbOrTx, user: Omit<User, 'id' | 'createdAt'> & { id?: string }): Promise<User> {
  const [row] = await db(USERS_TABLE)
    .insert({
      id: user.id ?? randomUUID(),
      name: user.name,
      email: user.email.toLowerCase(),
      locale: user.locale,
      role: user.role,
      institution_id: user.institutionId ?? null,
      evaluator_organization_id: user.evaluatorOrganizationId ?? null,
    })
    .returning('*');
  if (user.regionCodes.length > 0) {
    await db(USER_REGIONS_TABLE).insert(user.regionCodes.map((code) => ({ user_id: row.id, region_code: code })));
  }
  return mapRow(row, user.regionCodes);
}

export async function issueToken(db: DbOrTx, userId: string, label: string, token = generateToken()): Promise<string> {
  return (await createToken(db, { userId, label, secret: token })).secret;
}

export async function createToken(
  db: DbOrTx,
  t: { userId: string; label: string; issuedBy?: string; secret?: string },
): Promise<{ token: ApiToken; secret: string }> {
  const secret = t.secret ?? generateToken();
  const [row] = await db(API_TOKENS_TABLE)
    .insert({
      id: randomUUID(),
      user_id: t.userId,
      token_sha256: hashToken(secret),
      label: t.label,
      issued_by: t.issuedBy ?? null,
    })
    .returning('*');
  return { token: mapTokenRow(row), secret };
}

export async function findToken(db: DbOrTx, id: string): Promise<ApiToken | undefined> {
  const row = await db(API_TOKENS_TABLE).where({ id }).first();
  return row ? mapTokenRow(row) : undefined;
}

export async function listTokens(db: DbOrTx, userId: string): Promise<ApiToken[]> {
  return (
    await db(API_TOKENS_TABLE)
      .where({ user_id: userId })
      .orderBy([{ column: 'created_at' }, { column: 'id' }])
  ).map(mapTokenRow);
}

/** Undefined when the token was already revoked: the first revocation stands. */
export async function revokeToken(db: DbOrTx, id: string, revokedBy: string): Promise<ApiToken | undefined> {
  const [row] = await db(API_TOKENS_TABLE)
    .where({ id })
    .whereNull('revoked_at')
    .update({ revoked_at: db.fn.now(), revoked_by: revokedBy })
    .returning('*');
  return row ? mapTokenRow(row) : undefined;
}

/** Undefined when the user was already deactivated. Its tokens stay on record; findUserByToken refuses them. */
export async function deactivateUser(db: DbOrTx, id: string, by: string, reason: string): Promise<User | undefined> {
  const [row] = await db(USERS_TABLE)
    .where({ id })
    .whereNull('deactivated_at')
    .update({ deactivated_at: db.fn.now(), deactivated_by: by, deactivation_reason: reason })
    .returning('id');
  return row ? findUser(db, row.id) : undefined;
}

async function regionsOf(db: DbOrTx, userIds: string[]): Promise<Map<string, string[]>> {
  const rows = await db(USER_REGIONS_TABLE).whereIn('user_id', userIds).orderBy('region_code');
  const byUser = new Map<string, string[]>();
  for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row.region_code]);
  return byUser;
}

export async function findUsers(db: DbOrTx, ids: string[]): Promise<User[]> {
  if (ids.length === 0) return [];
  const rows = await db(USERS_TABLE).whereIn('id', ids);
  const regions = await regionsOf(db, ids);
  return rows.map((row) => mapRow(row, regions.get(row.id) ?? []));
}

export async function findUser(db: DbOrTx, id: string): Promise<User | undefined> {
  return (await findUsers(db, [id]))[0];
}

export async function findUserByToken(db: DbOrTx, token: string): Promise<User | undefined> {
  const row = await db(USERS_TABLE)
    .join(API_TOKENS_TABLE, `${API_TOKENS_TABLE}.user_id`, `${USERS_TABLE}.id`)
    .where(`${API_TOKENS_TABLE}.token_sha256`, hashToken(token))
    .whereNull(`${API_TOKENS_TABLE}.revoked_at`)
    .whereNull(`${USERS_TABLE}.deactivated_at`)
    .first(`${USERS_TABLE}.*`);
  if (!row) return undefined;
  return mapRow(row, (await regionsOf(db, [row.id])).get(row.id) ?? []);
}

/** Users who regulate a region: they receive its notices. */
export async function regulatorsOf(db: DbOrTx, regionCode: string): Promise<User[]> {
  const ids = await db(USER_REGIONS_TABLE)
    .join(USERS_TABLE, `${USERS_TABLE}.id`, `${USER_REGIONS_TABLE}.user_id`)
    .where({ region_code: regionCode, role: 'regulator' })
    .whereNull('deactivated_at')
    .pluck('id');
  return findUsers(db, ids);
}

/**
 * A fresh install has no user; the bootstrap token becomes the first admin's. Safe on every
 * start: a token already known is left alone.
 */
export async function ensureBootstrapAdmin(db: DbOrTx, token: string): Promise<{ created: boolean }> {
  const known = await db(API_TOKENS_TABLE)
    .where({ token_sha256: hashToken(token) })
    .first();
  if (known) return { created: false };
  const admin = await insertUser(db, {
    name: 'Bootstrap administrator',
    email: `admin+${randomUUID().slice(0, 8)}@carepact.local`,
    locale: 'en',
    role: 'admin',
    regionCodes: [],
  });
  await issueToken(db, admin.id, 'bootstrap', token);
  return { created: true };
}

export async function findUserByEmail(db: DbOrTx, email: string): Promise<User | undefined> {
  const row = await db(USERS_TABLE).where({ email: email.toLowerCase() }).first();
  return row ? findUser(db, row.id) : undefined;
}

/** The institutions' own accounts (role party): a contracting party hears of what is required of it. */
export async function partyUsersOf(db: DbOrTx, institutionIds: string[]): Promise<User[]> {
  const ids = await db(USERS_TABLE)
    .whereIn('institution_id', institutionIds)
    .where({ role: 'party' })
    .whereNull('deactivated_at')
    .orderBy('created_at')
    .pluck('id');
  return findUsers(db, ids);
}

/** Which users a list may hold: each field set narrows it (a caller's scope, then the asker's filters). */
export interface UserListFilter {
  /**
   * Users whose home region (a regulator's regions, an institution's
   * or an evaluator organization's region) is one of these.
   */
  homeRegionCodes?: string[];
  institutionId?: string;
  organizationId?: string;
  role?: Role;
  /** text searched in the name and e-mail */
  q?: string;
  includeDeactivated?: boolean;
}

function whereHomeRegionIn(db: DbOrTx, query: Knex.QueryBuilder, codes: string[]) {
  query.where((q) =>
    q
      .whereIn('institution_id', db('institutions').whereIn('region_code', codes).select('id'))
      .orWhereIn('evaluator_organization_id', db('evaluator_organizations').whereIn('region_code', codes).select('id'))
      .orWhereIn('id', db(USER_REGIONS_TABLE).whereIn('region_code', codes).select('user_id')),
  );
}

/** One page of users by name, after the (name, id) of the previous page's last row; total counts every page. */
export async function listUsersPage(
  db: DbOrTx,
  filters: UserListFilter[],
  page: { limit: number; after?: { name: string; id: string } },
): Promise<{ items: User[]; total: number }> {
  const query = db(USERS_TABLE);
  for (const f of filters) {
    if (f.homeRegionCodes) whereHomeRegionIn(db, query, f.homeRegionCodes);
    if (f.institutionId) query.where('institution_id', f.institutionId);
    if (f.organizationId) query.where('evaluator_organization_id', f.organizationId);
    if (f.role) query.where('role', f.role);
    const q = f.q;
    if (q) query.where((w) => w.whereILike('name', likePattern(q)).orWhereILike('email', likePattern(q)));
  }
  if (!filters.some((f) => f.includeDeactivated)) query.whereNull('deactivated_at');
  const [{ n }] = (await query.clone().count({ n: '*' })) as [{ n: string | number }];
  if (page.after) query.whereRaw('(name, id) > (?, ?::uuid)', [page.after.name, page.after.id]);
  const ids: string[] = await query
    .orderBy([{ column: 'name' }, { column: 'id' }])
    .limit(page.limit)
    .pluck('id');
  const byId = new Map((await findUsers(db, ids)).map((u) => [u.id, u]));
  return { items: ids.map((id) => byId.get(id)!), total: Number(n) };
}

/** The stored password hash (platform/password-hash.ts) of an active user by e-mail; undefined hash: none set yet. */
export async function findSignInCandidate(
  db: DbOrTx,
  email: string,
): Promise<{ user: User; passwordHash?: string } | undefined> {
  const row = await db(USERS_TABLE).where({ email: email.toLowerCase() }).whereNull('deactivated_at').first();
  if (!row) return undefined;
  const user = mapRow(row, (await regionsOf(db, [row.id])).get(row.id) ?? []);
  return { user, ...(row.password_hash ? { passwordHash: row.password_hash } : {}) };
}

export async function setPasswordHash(db: DbOrTx, userId: string, passwordHash: string, now: Date): Promise<void> {
  await db(USERS_TABLE).where({ id: userId }).update({ password_hash: passwordHash, password_changed_at: now });
}
