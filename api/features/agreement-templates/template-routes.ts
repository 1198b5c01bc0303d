import type { ApiDeps } from '../../api-deps';
import { z } from '../../openapi';
import type { defineRoutes } from '../../route';
import { RegionCodeParams } from '../regions/region-routes';
import { AgreementTemplateSchema, PublishTemplateSchema, TemplateVersionParams } from './template-schemas';
import { createTemplateService } from './template-service';

export function registerTemplateRoutes(route: ReturnType<typeof defineRoutes>, deps: ApiDeps) {
  const templates = createTemplateService(deps);
  const anyone = ['admin', 'regulator', 'liaison', 'party', 'evaluator'] as const;

  route({
    method: 'post',
    path: '/regions/:code/agreement-templates',
    summary:
      "Publish the region's next standard agreement template version (n + 1; a regulator of the region or an " +
      'admin); a published version never changes',
    tag: 'regions',
    roles: ['admin', 'regulator'],
    params: RegionCodeParams,
    body: PublishTemplateSchema,
    response: { status: 201, schema: AgreementTemplateSchema, description: 'The published version' },
    problems: [404, 422],
    handler: async ({ user, params, body }) => templates.publish(user, params.code, body),
  });

  route({
    method: 'get',
    path: '/regions/:code/agreement-templates',
    summary: "The region's published agreement templates, latest version first",
    tag: 'regions',
    roles: anyone,
    params: RegionCodeParams,
    response: {
      status: 200,
      schema: z.object({ items: z.array(AgreementTemplateSchema) }),
      description: 'Every published version',
    },
    problems: [404],
    handler: async ({ user, params }) => ({ items: await templates.list(user, params.code) }),
  });

  route({
    method: 'get',
    path: '/regions/:code/agreement-templates/:version',
    summary: 'One published agreement template version',
    tag: 'regions',
    roles: anyone,
    params: TemplateVersionParams,
    response: { status: 200, schema: AgreementTemplateSchema, description: 'The version' },
    problems: [404],
    handler: async ({ user, params }) => templates.one(user, params.code, params.version),
  });
}
