import type { ApiDeps } from '../../api-deps';
import { z } from '../../openapi';
import { IdParams, type defineRoutes } from '../../route';
import { createUserService } from '../users/user-service';
import { LinkTokenSchema, NewPasswordSchema, PasswordLinkSchema } from './session-schemas';
import { createPasswordLinkService } from './password-link-service';

/** Invitations and password resets: single-use links to set a password (issue 11). */
export function registerPasswordLinkRoutes(route: ReturnType<typeof defineRoutes>, deps: ApiDeps) {
  const links = createPasswordLinkService(deps);
  const users = createUserService(deps);

  route({
    method: 'post',
    path: '/users/:id/invitation',
    summary:
      "Mail a user a new single-use sign-in link that sets its password (an admin, or a regulator of the user's " +
      'region); earlier unused links stop working',
    tag: 'users',
    roles: ['admin', 'regulator'],
    params: IdParams,
    response: { status: 201, schema: PasswordLinkSchema, description: 'The link (also mailed to the user)' },
    problems: [409],
    handler: async ({ user: actor, params }) => links.invite(actor, await users.managed(actor, params.id)),
  });

  route({
    method: 'post',
    path: '/password-resets',
    summary:
      'Ask for a password reset link by mail. The answer is the same whether or not the address belongs to anyone',
    tag: 'session',
    roles: 'public',
    body: z.object({ email: z.string().trim().min(1).max(320) }).strict(),
    response: {
      status: 202,
      schema: z.object({ message: z.string() }),
      description: 'If the address belongs to an active user, a link is on its way',
    },
    handler: async ({ body }) => {
      await links.requestReset(body.email);
      return { message: 'if this address belongs to an account, a link to reset its password is on its way' };
    },
  });

  route({
    method: 'post',
    path: '/password-links/inspection',
    summary: 'What a password link is for, before the password is chosen (the link is not used up)',
    tag: 'session',
    roles: 'public',
    body: z.object({ token: LinkTokenSchema }).strict(),
    response: {
      status: 200,
      schema: z.object({ email: z.string(), purpose: z.enum(['invitation', 'reset']), expiresAt: z.string() }),
      description: 'The link works',
    },
    problems: [404, 410],
    handler: async ({ body }) => links.inspect(body.token),
  });

  route({
    method: 'post',
    path: '/password-links/redemption',
    summary:
      'Set a password with a link (12 to 128 characters, any characters). The link is used up and every session ' +
      'of the user ends; then sign in with POST /session',
    tag: 'session',
    roles: 'public',
    body: z.object({ token: LinkTokenSchema, password: NewPasswordSchema }).strict(),
    response: { status: 200, schema: z.object({ email: z.string() }), description: 'The password is set' },
    problems: [404, 410],
    handler: async ({ body, req }) => links.redeem(body.token, body.password, req.ip ?? 'unknown'),
  });
}
