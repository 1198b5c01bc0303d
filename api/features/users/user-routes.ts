import type { ApiDeps } from '../../api-deps';
import { regulates } from '../../auth';
import { z } from '../../openapi';
import { ProblemError } from '../../problem';
import type { defineRoutes } from '../../route';
import { appendAudit } from '../../../stores/audit-store';
import { findInstitution } from '../../../stores/institution-store';
import { findOrganization } from '../../../stores/evaluator-store';
import { findRegion } from '../../../stores/region-store';
import { findUserByEmail, insertUser, issueToken, roles, User } from '../../../stores/user-store';

export const CreateUserSchema = z
  .object({
    name: z.string().min(1).max(200),
    email: z.email(),
    locale: z.enum(['zh-CN', 'en']).default('zh-CN').describe('language of the mails this user receives'),
    role: z.enum(roles),
    institutionId: z.uuid().optional().describe('required for liaison and party users'),
    evaluatorOrganizationId: z.uuid().optional().describe('required for evaluator users: the third-party organization they evaluate for'),
    regionCodes: z.array(z.string()).default([]).describe('regions a regulator supervises'),
  })
  .strict()
  .openapi('CreateUser');

export const UserSchema = z
  .object({ id: z.uuid(), name: z.string(), email: z.string(), locale: z.string(), role: z.enum(roles), institutionId: z.uuid().optional(), evaluatorOrganizationId: z.uuid().optional(), regionCodes: z.array(z.string()), createdAt: z.string(), deactivatedAt: z.string().optional(), deactivationReason: z.string().optional() })
  .openapi('User');

async function assertMayCreate(deps: ApiDeps, actor: User, body: z.infer<typeof CreateUserSchema>) {
  const scoped = body.role === 'liaison' || body.role === 'party';
  if (scoped && !body.institutionId) throw new ProblemError('validation-failed', `body.institutionId: required for role ${body.role}`);
  if (!scoped && body.institutionId) throw new ProblemError('validation-failed', `body.institutionId: only liaison and party users belong to an institution`);
  const evaluator = body.role === 'evaluator';
  if (evaluator && !body.evaluatorOrganizationId) throw new ProblemError('validation-failed', 'body.evaluatorOrganizationId: required for role evaluator');
  if (!evaluator && body.evaluatorOrganizationId) throw new ProblemError('validation-failed', 'body.evaluatorOrganizationId: only evaluator users belong to an evaluator organization');
  if (body.role === 'regulator' && body.regionCodes.length === 0) throw new ProblemError('validation-failed', 'body.regionCodes: a regulator supervises at least one region');
  for (const code of body.regionCodes) {
    if (!(await findRegion(deps.db, code))) throw new ProblemError('unknown-reference', `regionCodes: no region ${code}`);
  }
  if (body.institutionId) {
    const institution = await findInstitution(deps.db, body.institutionId);
    if (!institution) throw new ProblemError('unknown-reference', `institutionId: no institution ${body.institutionId}`);
    if (actor.role !== 'admin' && !regulates(actor, institution.regionCode)) throw new ProblemError('forbidden', 'you may only add users to institutions in regions you supervise');
  } else if (body.evaluatorOrganizationId) {
    const organization = await findOrganization(deps.db, body.evaluatorOrganizationId);
    if (!organization) throw new ProblemError('unknown-reference', `evaluatorOrganizationId: no evaluator organization ${body.evaluatorOrganizationId}`);
    if (!regulates(actor, organization.regionCode)) throw new ProblemError('forbidden', 'you may only add evaluators to organizations in regions you supervise');
  } else if (actor.role !== 'admin') {
    throw new ProblemError('forbidden', `only an admin may create ${body.role} users`);
  }
}

export function registerUserRoutes(route: ReturnType<typeof defineRoutes>, deps: ApiDeps) {
  route({
    method: 'post',
    path: '/users',
    summary: 'Create a user and issue its API token (shown once)',
    tag: 'users',
    roles: ['admin', 'regulator'],
    body: CreateUserSchema,
    response: { status: 201, schema: z.object({ user: UserSchema, token: z.string().describe('bearer token; stored only as a hash, never shown again') }), description: 'The user and its token' },
    problems: [409, 422],
    handler: async ({ body, user: actor }) => {
      await assertMayCreate(deps, actor, body);
      return deps.db.transaction(async (tx) => {
        if (await findUserByEmail(tx, body.email)) throw new ProblemError('conflict', `a user with e-mail ${body.email} already exists`);
        const user = await insertUser(tx, body);
        const token = await issueToken(tx, user.id, 'created by API');
        await appendAudit(tx, { actorUserId: actor.id, actor: `user:${actor.id}`, action: 'user.created', entityType: 'user', entityId: user.id, details: { role: user.role, institutionId: user.institutionId, evaluatorOrganizationId: user.evaluatorOrganizationId, regionCodes: user.regionCodes } });
        return { user, token };
      });
    },
  });

  route({
    method: 'get',
    path: '/me',
    summary: 'The user behind the bearer token',
    tag: 'users',
    roles: ['admin', 'regulator', 'liaison', 'party', 'evaluator'],
    response: { status: 200, schema: UserSchema, description: 'The user' },
    handler: async ({ user }) => user,
  });
}
