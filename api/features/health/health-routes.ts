import type { ApiDeps } from '../../api-deps';
import { z } from '../../openapi';
import type { defineRoutes } from '../../route';

const CheckSchema = z.object({ status: z.enum(['up', 'down', 'not-configured']), detail: z.string().optional(), latencyMs: z.number().optional() });

async function check(probe: () => Promise<unknown>, timeoutMs = 3000): Promise<z.infer<typeof CheckSchema>> {
  const started = Date.now();
  try {
    await Promise.race([probe(), new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref())]);
    return { status: 'up', latencyMs: Date.now() - started };
  } catch (error) {
    return { status: 'down', detail: (error as Error).message };
  }
}

export function registerHealthRoutes(route: ReturnType<typeof defineRoutes>, deps: ApiDeps) {
  route({
    method: 'get',
    path: '/health',
    summary: 'Database, Temporal and SMTP reachability',
    tag: 'operations',
    roles: 'public',
    response: { status: 200, schema: z.object({ status: z.enum(['up', 'down']), checks: z.object({ database: CheckSchema, temporal: CheckSchema, smtp: CheckSchema }) }), description: 'Every dependency is up' },
    alsoResponds: [{ status: 503, description: 'A dependency is down: the same report, naming it' }],
    handler: async ({ res }) => {
      const [database, temporal, smtp] = await Promise.all([
        check(() => deps.db.raw('select 1')),
        check(() => deps.temporal.connection.workflowService.getSystemInfo({})),
        deps.mailTransport ? check(() => deps.mailTransport!.verify()) : Promise.resolve({ status: 'not-configured' as const }),
      ]);
      const up = [database, temporal, smtp].every((c) => c.status === 'up');
      res.status(up ? 200 : 503);
      return { status: up ? ('up' as const) : ('down' as const), checks: { database, temporal, smtp } };
    },
  });
}
