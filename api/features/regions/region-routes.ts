import type { ApiDeps } from '../../api-deps';
import { assertRegulates } from '../../auth';
import { cite } from '../../../domain/sources';
import { z } from '../../openapi';
import { ProblemError } from '../../problem';
import type { defineRoutes } from '../../route';
import { PolicyOverridesSchema } from '../../schemas/policy-schema';
import { createVisibility, listScope } from '../../visibility';
import { appendAudit } from '../../../stores/audit-store';
import { listActiveContractIds } from '../../../stores/contract-store';
import { effectivePolicy, findRegion, insertRegion, listRegions, Region, updateRegionPolicy } from '../../../stores/region-store';
import { contractWorkflowId, policyChangedSignal } from '../../../workflows/contract-messages';
import { registerAuditRoute } from '../audit/audit-routes';

const RegionCodeParams = z.object({ code: z.string().regex(/^[A-Za-z0-9-]{2,32}$/) });

export const CreateRegionSchema = z
  .object({
    code: z.string().regex(/^[A-Za-z0-9-]{2,32}$/, 'letters, digits and dashes, 2–32 long').openapi({ example: '500103' }),
    name: z.string().min(1).max(200).openapi({ example: '渝中区 Yuzhong' }),
    remote: z.boolean().default(false).describe(`remote district: +20% subsidy (${cite('chongqingContracting', '3.3')})`),
    policy: PolicyOverridesSchema.default({}),
  })
  .strict()
  .openapi('CreateRegion');

const RegionSchema = z
  .object({ code: z.string(), name: z.string(), remote: z.boolean(), policyVersion: z.number().int(), policyOverrides: z.record(z.string(), z.unknown()), effectivePolicy: z.record(z.string(), z.unknown()), createdAt: z.string() })
  .openapi('Region');

const present = (region: Region) => ({ ...region, policyOverrides: region.policyOverrides as Record<string, unknown>, effectivePolicy: effectivePolicy(region) as unknown as Record<string, unknown> });

export function registerRegionRoutes(route: ReturnType<typeof defineRoutes>, deps: ApiDeps) {
  const visibility = createVisibility(deps.db);
  route({
    method: 'post',
    path: '/regions',
    summary: 'Register a region (district or county) with its policy overrides',
    tag: 'regions',
    roles: ['admin'],
    body: CreateRegionSchema,
    response: { status: 201, schema: RegionSchema, description: 'The region' },
    problems: [409],
    handler: async ({ body, user }) =>
      deps.db.transaction(async (tx) => {
        if (await findRegion(tx, body.code)) throw new ProblemError('conflict', `region ${body.code} already exists`);
        const region = await insertRegion(tx, { code: body.code, name: body.name, remote: body.remote, policyOverrides: body.policy });
        await appendAudit(tx, { actorUserId: user.id, actor: `user:${user.id}`, action: 'region.created', entityType: 'region', entityId: region.code, details: { name: region.name, remote: region.remote } });
        return present(region);
      }),
  });

  route({
    method: 'get',
    path: '/regions',
    summary: 'Regions this token may see: all (admin), those supervised (regulator), its own and its contracts\' (parties), its organization\'s (evaluator)',
    tag: 'regions',
    roles: ['admin', 'regulator', 'liaison', 'party', 'evaluator'],
    response: { status: 200, schema: z.object({ items: z.array(RegionSchema) }), description: 'Regions' },
    handler: async ({ user }) => ({ items: (await listRegions(deps.db, listScope.regions(await visibility.scopeOf(user)))).map(present) }),
  });

  route({
    method: 'get',
    path: '/regions/:code',
    summary: 'One region with its effective policy',
    tag: 'regions',
    roles: ['admin', 'regulator', 'liaison', 'party', 'evaluator'],
    params: RegionCodeParams,
    response: { status: 200, schema: RegionSchema, description: 'The region' },
    problems: [404],
    handler: async ({ params, user }) => present(await visibility.region(user, params.code)),
  });

  registerAuditRoute(route, deps, { path: '/regions/:code/audit', tag: 'regions', entity: 'region', entityType: 'region', roles: ['admin', 'regulator', 'liaison', 'party', 'evaluator'], params: RegionCodeParams, visibleId: async (user, { code }) => (await visibility.region(user, code)).code });

  route({
    method: 'post',
    path: '/regions/:code/policy/rollout',
    summary: "Apply the region's current policy to its running contracts (from each one's next period boundary)",
    tag: 'regions',
    roles: ['admin', 'regulator'],
    params: RegionCodeParams,
    response: { status: 202, schema: z.object({ policyVersion: z.number().int(), contractsSignalled: z.number().int(), failed: z.array(z.uuid()) }), description: 'The contracts told of the new policy' },
    problems: [404],
    handler: async ({ params, user }) => {
      const region = await visibility.region(user, params.code);
      assertRegulates(user, params.code);
      const policy = effectivePolicy(region);
      const active = await listActiveContractIds(deps.db, params.code);
      const failed: string[] = [];
      for (const contractId of active) {
        try {
          await deps.temporal.workflow.getHandle(contractWorkflowId(contractId)).signal(policyChangedSignal, { policy });
        } catch (error) {
          deps.logger.warn({ err: error, contractId }, 'policy rollout signal failed');
          failed.push(contractId);
        }
      }
      await appendAudit(deps.db, { actorUserId: user.id, actor: `user:${user.id}`, action: 'region.policy-rolled-out', entityType: 'region', entityId: region.code, details: { version: policy.version, contracts: active.length, failed } });
      return { policyVersion: policy.version, contractsSignalled: active.length - failed.length, failed };
    },
  });

  route({
    method: 'put',
    path: '/regions/:code/policy',
    summary: "Replace a region's policy overrides (new contracts get the new version)",
    tag: 'regions',
    roles: ['admin', 'regulator'],
    params: RegionCodeParams,
    body: PolicyOverridesSchema,
    response: { status: 200, schema: RegionSchema, description: 'The region with its new policy version' },
    problems: [404],
    handler: async ({ params, body, user }) =>
      deps.db.transaction(async (tx) => {
        await visibility.region(user, params.code);
        assertRegulates(user, params.code);
        const region = await updateRegionPolicy(tx, params.code, body);
        await appendAudit(tx, { actorUserId: user.id, actor: `user:${user.id}`, action: 'region.policy-changed', entityType: 'region', entityId: region.code, details: { version: region.policyVersion, overrides: body } });
        return present(region);
      }),
  });
}
