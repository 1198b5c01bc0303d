import type { ApiDeps } from '../../api-deps';
import { z } from '../../openapi';
import type { defineRoutes } from '../../route';
import { roles } from '../../../stores/user-store';
import { createPasswordLinkService } from '../session/password-link-service';
import { createUserService } from './user-service';

export const CreateUserSchema = z
  .object({
    name: z.string().min(1).max(200),
    email: z.email(),
    locale: z.enum(['zh-CN', 'en']).default('zh-CN').describe('language of the mails this user receives'),
    role: z.enum(roles),
    institutionId: z.uuid().optional().describe('required for liaison and party users'),
    evaluatorOrganizationId: z
      .uuid()
      .optional()
      .describe('required for evaluator users: the third-party organization they evaluate for'),
    regionCodes: z.array(z.string()).default([]).describe('regions a regulator supervises'),
  })
  .strict()
  .openapi('CreateUser');

export const UserSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    locale: z.string(),
    role: z.enum(roles),
    institutionId: z.uuid().optional(),
    evaluatorOrganizationId: z.uuid().optional(),
    regionCodes: z.array(z.string()),
    createdAt: z.string(),
    deactivatedAt: z.string().optional(),
    deactivationReason: z.string().optional(),
  })
  .openapi('User');

export function registerUserRoutes(route: ReturnType<typeof defineRoutes>, deps: ApiDeps) {
  const users = createUserService(deps);
  const links = createPasswordLinkService(deps);
  route({
    method: 'post',
    path: '/users',
    summary:
      'Create a user, mail it an invitation to set its password (POST /users/{id}/invitation sends a new one), ' +
      'and issue its API token for machine clients (shown once)',
    tag: 'users',
    roles: ['admin', 'regulator'],
    body: CreateUserSchema,
    response: {
      status: 201,
      schema: z.object({
        user: UserSchema,
        token: z.string().describe('bearer token; stored only as a hash, never shown again'),
      }),
      description: 'The user and its token',
    },
    problems: [409, 422],
    handler: async ({ body, user: actor }) => {
      const created = await users.create(actor, body);
      // The user exists either way; the mail goes out after the answer, and a new invitation replaces a lost one.
      await links
        .invite(actor, created.user, { awaitMail: false })
        .catch((error: Error) => deps.logger.warn({ err: error, userId: created.user.id }, 'invitation not sent'));
      return created;
    },
  });

  route({
    method: 'get',
    path: '/me',
    summary: 'The signed-in user, or the user behind the bearer token',
    tag: 'users',
    roles: ['admin', 'regulator', 'liaison', 'party', 'evaluator'],
    response: { status: 200, schema: UserSchema, description: 'The user' },
    handler: async ({ user }) => user,
  });
}
