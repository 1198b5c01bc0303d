import type { ApiDeps } from '../../api-deps';
import { z } from '../../openapi';
import { decodeCursor, PageQuery, pageFrom, pageOf } from '../../pagination';
import { ProblemError } from '../../problem';
import { IdParams, type defineRoutes } from '../../route';
import { createVisibility, listScope } from '../../visibility';
import { appendAudit } from '../../../stores/audit-store';
import { createToken, deactivateUser, findToken, listTokens, listUsersPage, revokeToken, roles, User } from '../../../stores/user-store';
import { UserSchema } from './user-routes';

const anyone = ['admin', 'regulator', 'liaison', 'party', 'evaluator'] as const;

const TokenSchema = z.object({ id: z.uuid(), userId: z.uuid(), label: z.string(), createdAt: z.string(), revokedAt: z.string().optional() }).openapi('ApiToken');

const UserListQuery = z
  .object({
    role: z.enum(roles).optional(),
    regionCode: z.string().min(1).max(32).optional().describe("users of this region: its regulators, its institutions' and its evaluator organizations' users"),
    institutionId: z.uuid().optional(),
    includeDeactivated: z.enum(['true', 'false']).optional().describe('deactivated users are left out unless true'),
    ...PageQuery,
  })
  .strict();

/**
 * Who may act on a user's access: an admin, or a regulator supervising the region of the user's
 * institution or evaluator organization (the same who may create such users). Regulators and admins are managed by admins.
 */
function mayManage(actor: User, target: User, homeRegions: string[]): boolean {
  if (actor.role === 'admin') return true;
  return actor.role === 'regulator' && ['liaison', 'party', 'evaluator'].includes(target.role) && homeRegions.some((code) => actor.regionCodes.includes(code));
}

const audit = (actor: User, action: string, userId: string, details: Record<string, unknown>) => ({ actorUserId: actor.id, actor: `user:${actor.id}`, action, entityType: 'user' as const, entityId: userId, details });

/** Listing users, and their access: issuing and revoking tokens, deactivating a departed user. */
export function registerUserAccessRoutes(route: ReturnType<typeof defineRoutes>, deps: ApiDeps) {
  const visibility = createVisibility(deps.db);
  const managed = async (actor: User, id: string) => {
    const { user, homeRegions } = await visibility.user(actor, id);
    if (!mayManage(actor, user, homeRegions)) throw new ProblemError('forbidden', `only an admin${user.role === 'regulator' || user.role === 'admin' ? '' : ' or a regulator of the user\'s region'} may change this user's access`);
    return user;
  };

  route({
    method: 'get',
    path: '/users',
    summary: "Users this token may see (a regulator's regions; an institution's or evaluator organization's own users), by name, a page at a time",
    tag: 'users',
    roles: anyone,
    query: UserListQuery,
    response: { status: 200, schema: pageOf(UserSchema), description: 'One page of users' },
    handler: async ({ user, query }) => {
      const scope = listScope.users(await visibility.scopeOf(user));
      const filter = { role: query.role, institutionId: query.institutionId, includeDeactivated: query.includeDeactivated === 'true', ...(query.regionCode ? { homeRegionCodes: [query.regionCode] } : {}) };
      return pageFrom(await listUsersPage(deps.db, [scope, filter], { limit: query.limit, after: decodeCursor(query.cursor) }), query.limit);
    },
  });

  route({
    method: 'get',
    path: '/users/:id',
    summary: 'One user',
    tag: 'users',
    roles: anyone,
    params: IdParams,
    response: { status: 200, schema: UserSchema, description: 'The user' },
    problems: [404],
    handler: async ({ user, params }) => (await visibility.user(user, params.id)).user,
  });

  route({
    method: 'get',
    path: '/users/:id/tokens',
    summary: "A user's tokens, without their secrets (the user itself, or whoever manages its access)",
    tag: 'users',
    roles: anyone,
    params: IdParams,
    response: { status: 200, schema: z.object({ items: z.array(TokenSchema) }), description: 'Tokens, oldest first' },
    problems: [404],
    handler: async ({ user, params }) => {
      if (params.id !== user.id) await managed(user, params.id);
      return { items: await listTokens(deps.db, params.id) };
    },
  });

  route({
    method: 'post',
    path: '/users/:id/tokens',
    summary: 'Issue a new token for a user (itself, an admin, or a regulator of its region); the secret is shown once',
    tag: 'users',
    roles: anyone,
    params: IdParams,
    body: z.object({ label: z.string().trim().min(1).max(200).default('issued by API') }).strict(),
    response: { status: 201, schema: z.object({ token: TokenSchema, secret: z.string().describe('bearer token; stored only as a hash, never shown again') }), description: 'The new token' },
    problems: [404, 409],
    handler: async ({ user: actor, params, body }) => {
      const target = params.id === actor.id ? actor : await managed(actor, params.id);
      if (target.deactivatedAt) throw new ProblemError('user-deactivated', `user ${target.id} was deactivated on ${target.deactivatedAt}`);
      return deps.db.transaction(async (tx) => {
        const issued = await createToken(tx, { userId: target.id, label: body.label, issuedBy: actor.id });
        await appendAudit(tx, audit(actor, 'user.token-issued', target.id, { tokenId: issued.token.id, label: body.label }));
        return issued;
      });
    },
  });

  route({
    method: 'delete',
    path: '/tokens/:id',
    summary: "Revoke a token (its owner, an admin, or a regulator of the owner's region); it fails from the next request on. Revoking again changes nothing",
    tag: 'users',
    roles: anyone,
    params: IdParams,
    response: { status: 200, schema: TokenSchema, description: 'The revoked token' },
    problems: [404],
    handler: async ({ user: actor, params }) => {
      const token = await findToken(deps.db, params.id);
      if (!token) throw new ProblemError('not-found', `no token ${params.id}`);
      if (token.userId !== actor.id) {
        try {
          await managed(actor, token.userId);
        } catch (error) {
          // A token of a user the caller cannot see is as absent as the user.
          if (error instanceof ProblemError && error.type === 'not-found') throw new ProblemError('not-found', `no token ${params.id}`);
          throw error;
        }
      }
      return deps.db.transaction(async (tx) => {
        const revoked = await revokeToken(tx, token.id, actor.id);
        if (!revoked) return token;
        await appendAudit(tx, audit(actor, 'user.token-revoked', token.userId, { tokenId: token.id, label: token.label }));
        return revoked;
      });
    },
  });

  route({
    method: 'post',
    path: '/users/:id/deactivation',
    summary: "Deactivate a departed user, with a reason (an admin, or a regulator of the user's region): its tokens fail from the next request on",
    tag: 'users',
    roles: ['admin', 'regulator'],
    params: IdParams,
    body: z.object({ reason: z.string().trim().min(1, 'a reason is required').max(4000) }).strict(),
    response: { status: 200, schema: UserSchema, description: 'The deactivated user' },
    problems: [404, 409],
    handler: async ({ user: actor, params, body }) => {
      const target = await managed(actor, params.id);
      if (target.id === actor.id) throw new ProblemError('forbidden', 'you may not deactivate yourself; ask an admin');
      return deps.db.transaction(async (tx) => {
        const deactivated = await deactivateUser(tx, target.id, actor.id, body.reason);
        if (!deactivated) throw new ProblemError('user-deactivated', `user ${target.id} was already deactivated on ${target.deactivatedAt}`);
        await appendAudit(tx, audit(actor, 'user.deactivated', target.id, { reason: body.reason, role: target.role }));
        return deactivated;
      });
    },
  });
}
