import type { ApiDeps } from '../../api-deps';
import { cite } from '../../../domain/sources';
import { z } from '../../openapi';
import type { defineRoutes } from '../../route';
import { createScheduleService } from './schedule-service';

const Params = z.object({ code: z.string().min(1) });
const ScheduleSchema = z
  .object({
    scheduleId: z.string(),
    paused: z.boolean(),
    note: z.string().optional(),
    nextLaunches: z.array(z.string()),
  })
  .openapi('EvaluationSchedule');

export function registerScheduleRoutes(route: ReturnType<typeof defineRoutes>, deps: ApiDeps) {
  const schedules = createScheduleService(deps);

  route({
    method: 'put',
    path: '/regions/:code/evaluation-schedule',
    summary:
      "Put the region on automatic evaluation cycles on the 1st of its policy's months (default January and July), " +
      `00:00 Asia/Shanghai (${cite('chongqingContracting', '3.3')}: twice a year)`,
    tag: 'evaluations',
    roles: ['admin', 'regulator'],
    params: Params,
    response: { status: 200, schema: ScheduleSchema, description: 'The schedule' },
    problems: [404],
    handler: async ({ user, params }) => schedules.put(user, params.code),
  });

  route({
    method: 'get',
    path: '/regions/:code/evaluation-schedule',
    summary: "The region's evaluation schedule and its next launches",
    tag: 'evaluations',
    roles: ['admin', 'regulator'],
    params: Params,
    response: { status: 200, schema: ScheduleSchema, description: 'The schedule' },
    problems: [404],
    handler: async ({ user, params }) => schedules.get(user, params.code),
  });

  for (const action of ['pause', 'resume'] as const) {
    route({
      method: 'post',
      path: `/regions/:code/evaluation-schedule/${action}`,
      summary: `${action === 'pause' ? 'Pause' : 'Resume'} the region's automatic evaluation cycles`,
      tag: 'evaluations',
      roles: ['admin', 'regulator'],
      params: Params,
      body: z.object({ note: z.string().max(500).optional() }).strict(),
      response: { status: 200, schema: ScheduleSchema, description: 'The schedule' },
      problems: [404],
      handler: async ({ user, params, body }) => schedules.pauseOrResume(user, params.code, action, body.note),
    });
  }
}
