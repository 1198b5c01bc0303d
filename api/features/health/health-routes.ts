import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import type { ApiDeps } from '../../api-deps';
import { z } from '../../openapi';

const CHECK_TIMEOUT_MS = 3000;

const CheckSchema = z.object({
  status: z.enum(['up', 'down', 'not-configured']),
  /** Why it is down, by error code: the report is public, so no addresses or messages. */
  detail: z.string().optional(),
  latencyMs: z.number().optional(),
});
type Check = z.infer<typeof CheckSchema>;

const HealthSchema = z
  .object({
    status: z.enum(['up', 'down']),
    checks: z.object({ database: CheckSchema, temporal: CheckSchema, smtp: CheckSchema }),
  })
  .openapi('Health');

/** The first error code along the error's causes (e.g. "Error ECONNREFUSED", "Error 14" for gRPC UNAVAILABLE). */
function reasonOf(error: unknown): string {
  let e = error as { name?: unknown; code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; typeof e === 'object' && e !== null && depth < 5; depth++, e = e.cause as typeof e) {
    if (e.code !== undefined) return `${String(e.name)} ${String(e.code)}`;
  }
  return String((error as { name?: unknown } | undefined)?.name ?? 'unknown error');
}

async function check(probe: () => Promise<unknown>): Promise<Check> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), CHECK_TIMEOUT_MS);
  });
  try {
    const outcome = await Promise.race([probe(), timedOut]);
    if (outcome === 'timeout')
      return { status: 'down', detail: `no answer within ${CHECK_TIMEOUT_MS} ms`, latencyMs: Date.now() - started };
    return { status: 'up', latencyMs: Date.now() - started };
  } catch (error) {
    return { status: 'down', detail: reasonOf(error), latencyMs: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * /health on its own router, mounted before authentication: it must answer when the database
 * that holds the tokens is the thing that is down, and it ignores any Authorization header.
 */
export function createHealthRouter(deps: ApiDeps, registry: OpenAPIRegistry): Router {
  const report = {
    description: 'Each dependency with its state and latency',
    content: { 'application/json': { schema: HealthSchema } },
  };
  registry.registerPath({
    method: 'get',
    path: '/health',
    summary: 'Database, Temporal and SMTP reachability',
    tags: ['operations'],
    'x-roles': ['public'],
    security: [],
    responses: {
      200: { ...report, description: 'Every dependency is up' },
      503: { ...report, description: 'At least one dependency is down; the same report says which' },
    },
  });

  const router = Router();
  router.get('/health', async (_req, res) => {
    const [database, temporal, smtp] = await Promise.all([
      check(() => deps.db.raw('select 1')),
      // A deadline, so the client's retries stop with the check instead of running on behind it.
      check(() =>
        deps.temporal.connection.withDeadline(Date.now() + CHECK_TIMEOUT_MS, () =>
          deps.temporal.connection.workflowService.getSystemInfo({}),
        ),
      ),
      deps.mailTransport
        ? check(() => deps.mailTransport!.verify())
        : Promise.resolve<Check>({ status: 'not-configured' }),
    ]);
    const up = [database, temporal, smtp].every((c) => c.status !== 'down');
    res.status(up ? 200 : 503).json({ status: up ? 'up' : 'down', checks: { database, temporal, smtp } });
  });
  return router;
}
