import type { ApiDeps } from '../../api-deps';
import { cite } from '../../../domain/sources';
import { z } from '../../openapi';
import type { defineRoutes } from '../../route';
import { PolicyOverridesSchema } from '../../schemas/policy-schema';
import { effectivePolicy, Region } from '../../../stores/region-store';
import { registerAuditRoute } from '../audit/audit-routes';
import { createRegionService } from './region-service';

export const RegionCodeParams = z.object({ code: z.string().regex(/^[A-Za-z0-9-]{2,32}$/) });

export const CreateRegionSchema = z
  .object({
    code: z
      .string()
      .regex(/^[A-Za-z0-9-]{2,32}$/, 'letters, digits and dashes, 2–32 long')
      .openapi({ example: '500103' }),
    name: z.string().min(1).max(200).openapi({ example: '渝中区 Yuzhong' }),
    remote: z
      .boolean()
      .default(false)
      .describe(`remote district: +20% subsidy (${cite('chongqingContracting', '3.3')})`),
    policy: PolicyOverridesSchema.default({}),
  })
  .strict()
  .openapi('CreateRegion');

const RegionSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    remote: z.boolean(),
    policyVersion: z.number().int(),
    policyOverrides: z.record(z.string(), z.unknown()),
    effectivePolicy: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
  })
  .openapi('Region');

const present = (region: Region) => ({
  ...region,
  policyOverrides: region.policyOverrides as Record<string, unknown>,
  effectivePolicy: effectivePolicy(region) as unknown as Record<string, unknown>,
});

export function registerRegionRoutes(route: ReturnType<typeof defineRoutes>, deps: ApiDeps) {
  const regions = createRegionService(deps);
  route({
    method: 'post',
    path: '/regions',
    summary: 'Register a region (district or county) with its policy overrides',
    tag: 'regions',
    roles: ['admin'],
    body: CreateRegionSchema,
    response: { status: 201, schema: RegionSchema, description: 'The region' },
    problems: [409, 422],
    handler: async ({ body, user }) => present(await regions.create(user, body)),
  });

  route({
    method: 'get',
    path: '/regions',
    summary:
      'Regions this token may see: all (admin), those supervised (regulator), ' +
      "its own and its contracts' (parties), its organization's (evaluator)",
    tag: 'regions',
    roles: ['admin', 'regulator', 'liaison', 'party', 'evaluator'],
    response: { status: 200, schema: z.object({ items: z.array(RegionSchema) }), description: 'Regions' },
    handler: async ({ user }) => ({ items: (await regions.list(user)).map(present) }),
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
    handler: async ({ params, user }) => present(await regions.visible(user, params.code)),
  });

  registerAuditRoute(route, deps, {
    path: '/regions/:code/audit',
    tag: 'regions',
    entity: 'region',
    entityType: 'region',
    roles: ['admin', 'regulator', 'liaison', 'party', 'evaluator'],
    params: RegionCodeParams,
    visibleId: async (user, { code }) => (await regions.visible(user, code)).code,
  });

  route({
    method: 'post',
    path: '/regions/:code/policy/rollout',
    summary: "Apply the region's current policy to its running contracts (from each one's next period boundary)",
    tag: 'regions',
    roles: ['admin', 'regulator'],
    params: RegionCodeParams,
    response: {
      status: 202,
      schema: z.object({
        policyVersion: z.number().int(),
        contractsSignalled: z.number().int(),
        failed: z.array(z.uuid()),
      }),
      description: 'The contracts told of the new policy',
    },
    problems: [404, 422],
    handler: async ({ params, user }) => regions.rollOutPolicy(user, params.code),
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
    problems: [404, 422],
    handler: async ({ params, body, user }) => present(await regions.replacePolicy(user, params.code, body)),
  });
}
