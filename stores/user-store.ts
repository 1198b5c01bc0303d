import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DbOrTx } from '../platform/db';

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
    .insert({ id: user.id ?? randomUUID(), name: user.name, email: user.email.toLowerCase(), locale: user.locale, role: user.role, institution_id: user.institutionId ?? null, evaluator_organization_id: user.evaluatorOrganizationId ?? null })
    .returning('*');
  if (user.regionCodes.length > 0) {
    await db(USER_REGIONS_TABLE).insert(user.regionCodes.map((code) => ({ user_id: row.id, region_code: code })));
  }
  return mapRow(row, user.regionCodes);
}

export async function issueToken(db: DbOrTx, userId: string, label: string, token = generateToken()): Promise<string> {
  await db(API_TOKENS_TABLE).insert({ id: randomUUID(), user_id: userId, token_sha256: hashToken(token), label });
  return token;
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
    .first(`${USERS_TABLE}.*`);
  if (!row) return undefined;
  return mapRow(row, (await regionsOf(db, [row.id])).get(row.id) ?? []);
}

/** Users who regulate a region: they receive its notices. */
export async function regulatorsOf(db: DbOrTx, regionCode: string): Promise<User[]> {
  const ids = await db(USER_REGIONS_TABLE)
    .join(USERS_TABLE, `${USERS_TABLE}.id`, `${USER_REGIONS_TABLE}.user_id`)
    .where({ region_code: regionCode, role: 'regulator' })
    .pluck('id');
  return findUsers(db, ids);
}

/**
 * A fresh install has no user; the bootstrap token becomes the first admin's. Safe on every
 * start: a token already known is left alone.
 */
export async function ensureBootstrapAdmin(db: DbOrTx, token: string): Promise<{ created: boolean }> {
  const known = await db(API_TOKENS_TABLE).where({ token_sha256: hashToken(token) }).first();
  if (known) return { created: false };
  const admin = await insertUser(db, { name: 'Bootstrap administrator', email: `admin+${randomUUID().slice(0, 8)}@carepact.local`, locale: 'en', role: 'admin', regionCodes: [] });
  await issueToken(db, admin.id, 'bootstrap', token);
  return { created: true };
}

export async function findUserByEmail(db: DbOrTx, email: string): Promise<User | undefined> {
  const row = await db(USERS_TABLE).where({ email: email.toLowerCase() }).first();
  return row ? findUser(db, row.id) : undefined;
}

/** The institutions' own accounts (role party): a contracting party hears of what is required of it. */
export async function partyUsersOf(db: DbOrTx, institutionIds: string[]): Promise<User[]> {
  const ids = await db(USERS_TABLE).whereIn('institution_id', institutionIds).where({ role: 'party' }).orderBy('created_at').pluck('id');
  return findUsers(db, ids);
}
