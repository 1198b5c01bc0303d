import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

export { z };

export function createRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  registry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: '__Host-carepact_session',
    description:
      'A signed-in session (POST /session). Its POST, PUT, PATCH and DELETE requests must send the ' +
      "session's csrfToken in the X-CSRF-Token header.",
  });
  return registry;
}

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: '/problems/validation-failed' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z
      .array(
        z.object({
          path: z.string(),
          message: z.string(),
          code: z
            .string()
            .optional()
            .describe(
              'the check that failed: required, too_small, too_big, invalid_type, invalid_format, invalid_value…, or a check of api/checks.ts (attendee-from-each-side, after-term-start…)',
            ),
          limit: z
            .union([z.number(), z.string()])
            .optional()
            .describe('its minimum, maximum or format, when it has one'),
        }),
      )
      .optional(),
  })
  .openapi('Problem');

export function generateOpenApiDocument(registry: OpenAPIRegistry) {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'CarePact API',
      version: '0.1.0',
      description: 'Supervision of medical–elderly-care cooperation contracts',
    },
    security: [{ bearer: [] }, { session: [] }],
  });
}
