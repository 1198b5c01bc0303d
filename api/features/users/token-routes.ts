import type { ApiDeps } from '../../api-deps';
import { z } from '../../openapi';
import { PageQuery, pageFrom, pageOf } from '../../pagination';
import { IdParams, type defineRoutes } from '../../route';
import { roles } from '../../../stores/user-store';
import { UserSchema } from './user-routes';
import { createUserService } from './user-service';

const anyone = ['admin', 'regulator', 'liaison', 'party', 'evaluator'] as const;

const TokenSchema = z
  .object({
    id: z.uuid(),
    userId: z.uuid(),
    label: z.string(),
    createdAt: z.string(),
    revokedAt: z.string().optional(),
  })
  .openapi('ApiToken');

const UserListQuery = z
  .object({
    role: z.enum(roles).optional(),
    regionCode: z
      .string()
      .min(1)
      .max(32)
      .optional()
      .describe("users of this region: its regulators, its institutions' and its evaluator organizations' users"),
    institutionId: z.uuid().optional(),
    q: z.string().trim().min(1).max(200).optional().describe('text searched in the name and e-mail'),
    includeDeactivated: z.enum(['true', 'false']).optional().describe('deactivated users are left out unless true'),
    ...PageQuery,
  })
  .strict();

/** Listing users, and their access: issuing and revoking tokens, deactivating a departed user. */
export function registerUserAccessRoutes(route: ReturnType<typeof defineRoutes>, deps: ApiDeps) {
  const users = createUserService(deps);

  route({
    method: 'get',
    path: '/users',
    summary:
      "Users this token may see (a regulator's regions; an institution's or evaluator organization's own users), " +
      'by name, a page at a time',
    tag: 'users',
    roles: anyone,
    query: UserListQuery,
    response: { status: 200, schema: pageOf(UserSchema), description: 'One page of users' },
    handler: async ({ user, query }) =>
      pageFrom(
        await users.listPage(user, { ...query, includeDeactivated: query.includeDeactivated === 'true' }),
        query.limit,
      ),
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
    handler: async ({ user, params }) => users.visible(user, params.id),
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
    handler: async ({ user, params }) => ({ items: await users.tokens(user, params.id) }),
  });

  route({
    method: 'post',
    path: '/users/:id/tokens',
    summary: 'Issue a new token for a user (itself, an admin, or a regulator of its region); the secret is shown once',
    tag: 'users',
    roles: anyone,
    params: IdParams,
    body: z.object({ label: z.string().trim().min(1).max(200).default('issued by API') }).strict(),
    response: {
      status: 201,
      schema: z.object({
        token: TokenSchema,
        secret: z.string().describe('bearer token; stored only as a hash, never shown again'),
      }),
      description: 'The new token',
    },
    problems: [404, 409],
    handler: async ({ user: actor, params, body }) => users.issueToken(actor, params.id, body.label),
  });

  route({
    method: 'delete',
    path: '/tokens/:id',
    summary:
      "Revoke a token (its owner, an admin, or a regulator of the owner's region); " +
      'it fails from the next request on. Revoking again changes nothing',
    tag: 'users',
    roles: anyone,
    params: IdParams,
    response: { status: 200, schema: TokenSchema, description: 'The revoked token' },
    problems: [404],
    handler: async ({ user: actor, params }) => users.revoke(actor, params.id),
  });

  route({
    method: 'post',
    path: '/users/:id/deactivation',
    summary:
      "Deactivate a departed user, with a reason (an admin, or a regulator of the user's region): " +
      'its tokens fail from the next request on',
    tag: 'users',
    roles: ['admin', 'regulator'],
    params: IdParams,
    body: z.object({ reason: z.string().trim().min(1, 'a reason is required').max(4000) }).strict(),
    response: { status: 200, schema: UserSchema, description: 'The deactivated user' },
    problems: [404, 409],
    handler: async ({ user: actor, params, body }) => users.deactivate(actor, params.id, body.reason),
  });
}
