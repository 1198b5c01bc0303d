import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy } from '@temporalio/client';
import type { ApiDeps } from '../../api-deps';
import { assertRegulates } from '../../auth';
import { cite } from '../../../domain/sources';
import { z } from '../../openapi';
import { ProblemError } from '../../problem';
import type { defineRoutes } from '../../route';
import { effectivePolicy, findRegion } from '../../../stores/region-store';
import { appendAudit } from '../../../stores/audit-store';
import { createVisibility } from '../../visibility';
import { processSearchAttributes } from '../../../domain/search-attributes';

const Params = z.object({ code: z.string().min(1) });
const ScheduleSchema = z.object({ scheduleId: z.string(), paused: z.boolean(), note: z.string().optional(), nextLaunches: z.array(z.string()) }).openapi('EvaluationSchedule');

const MONTHS = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'] as const;

export const scheduleIdOf = (regionCode: string) => `evaluation-schedule-${regionCode}`;

export function registerScheduleRoutes(route: ReturnType<typeof defineRoutes>, deps: ApiDeps) {
  const describe = async (regionCode: string) => {
    const d = await deps.temporal.schedule.getHandle(scheduleIdOf(regionCode)).describe();
    return { scheduleId: d.scheduleId, paused: d.state.paused, note: d.state.note ?? undefined, nextLaunches: d.info.nextActionTimes.slice(0, 4).map((t) => t.toISOString()) };
  };
  const visibility = createVisibility(deps.db);
  const guard = async (user: Parameters<typeof assertRegulates>[0], code: string) => {
    await visibility.region(user, code);
    assertRegulates(user, code);
  };
  const orNotFound = async <T>(fn: () => Promise<T>, code: string) => {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof ScheduleNotFoundError) throw new ProblemError('not-found', `region ${code} has no evaluation schedule; PUT one first`);
      throw error;
    }
  };

  route({
    method: 'put',
    path: '/regions/:code/evaluation-schedule',
    summary: `Put the region on automatic evaluation cycles on the 1st of its policy's months (default January and July), 00:00 Asia/Shanghai (${cite('chongqingContracting', '3.3')}: twice a year)`,
    tag: 'evaluations',
    roles: ['admin', 'regulator'],
    params: Params,
    response: { status: 200, schema: ScheduleSchema, description: 'The schedule' },
    problems: [404],
    handler: async ({ user, params }) => {
      await guard(user, params.code);
      const months = effectivePolicy((await findRegion(deps.db, params.code))!).evaluation.scheduleMonths.map((m) => MONTHS[m - 1]!);
      try {
        await deps.temporal.schedule.create({
          scheduleId: scheduleIdOf(params.code),
          spec: { calendars: [{ month: months, dayOfMonth: 1, hour: 0, minute: 0 }], timezone: 'Asia/Shanghai' },
          action: {
            type: 'startWorkflow',
            workflowType: 'scheduledEvaluationCycleWorkflow',
            args: [{ regionCode: params.code }],
            taskQueue: deps.taskQueue,
            typedSearchAttributes: processSearchAttributes({ kind: 'scheduled-evaluation-cycle', status: 'launching', regionCode: params.code }),
          },
          policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '7 days' },
        });
        await appendAudit(deps.db, { actorUserId: user.id, actor: `user:${user.id}`, action: 'evaluation-schedule.created', entityType: 'region', entityId: params.code });
      } catch (error) {
        if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      }
      return describe(params.code);
    },
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
    handler: async ({ user, params }) => {
      await guard(user, params.code);
      return orNotFound(() => describe(params.code), params.code);
    },
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
      handler: async ({ user, params, body }) => {
        await guard(user, params.code);
        const handle = deps.temporal.schedule.getHandle(scheduleIdOf(params.code));
        await orNotFound(() => (action === 'pause' ? handle.pause(body.note) : handle.unpause(body.note)), params.code);
        await appendAudit(deps.db, { actorUserId: user.id, actor: `user:${user.id}`, action: `evaluation-schedule.${action}d`, entityType: 'region', entityId: params.code, details: { note: body.note } });
        return describe(params.code);
      },
    });
  }
}
