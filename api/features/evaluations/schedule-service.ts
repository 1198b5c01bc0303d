import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy } from '@temporalio/client';
import { processSearchAttributes } from '../../../domain/search-attributes';
import { effectivePolicy } from '../../../stores/region-store';
import type { User } from '../../../stores/user-store';
import type { ApiDeps } from '../../api-deps';
import { assertRegulates } from '../../auth';
import { ProblemError } from '../../problem';
import { createVisibility } from '../../visibility';
import { audit } from '../audit/audit-service';

const MONTHS = [
  'JANUARY',
  'FEBRUARY',
  'MARCH',
  'APRIL',
  'MAY',
  'JUNE',
  'JULY',
  'AUGUST',
  'SEPTEMBER',
  'OCTOBER',
  'NOVEMBER',
  'DECEMBER',
] as const;

export const scheduleIdOf = (regionCode: string) => `evaluation-schedule-${regionCode}`;

/** A region's Temporal Schedule of evaluation cycles: only its regulator (or an admin) reads or changes it. */
export function createScheduleService(deps: ApiDeps) {
  const visibility = createVisibility(deps.db);
  const regulated = async (user: User, code: string) => {
    const region = await visibility.region(user, code);
    assertRegulates(user, code);
    return region;
  };
  const describe = async (regionCode: string) => {
    const d = await deps.temporal.schedule.getHandle(scheduleIdOf(regionCode)).describe();
    return {
      scheduleId: d.scheduleId,
      paused: d.state.paused,
      note: d.state.note ?? undefined,
      nextLaunches: d.info.nextActionTimes.slice(0, 4).map((t) => t.toISOString()),
    };
  };
  const orNotFound = async <T>(fn: () => Promise<T>, code: string) => {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof ScheduleNotFoundError)
        throw new ProblemError('not-found', `region ${code} has no evaluation schedule; PUT one first`);
      throw error;
    }
  };

  /** Creating it again leaves the running schedule as it is. */
  async function put(user: User, code: string) {
    const region = await regulated(user, code);
    const months = effectivePolicy(region).evaluation.scheduleMonths.map((m) => MONTHS[m - 1]!);
    try {
      await deps.temporal.schedule.create({
        scheduleId: scheduleIdOf(code),
        spec: { calendars: [{ month: months, dayOfMonth: 1, hour: 0, minute: 0 }], timezone: 'Asia/Shanghai' },
        action: {
          type: 'startWorkflow',
          workflowType: 'scheduledEvaluationCycleWorkflow',
          args: [{ regionCode: code }],
          taskQueue: deps.taskQueue,
          typedSearchAttributes: processSearchAttributes({
            kind: 'scheduled-evaluation-cycle',
            status: 'launching',
            regionCode: code,
          }),
        },
        policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '7 days' },
      });
      await audit(deps.db, user, { type: 'region', id: code }, 'evaluation-schedule.created');
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    }
    return describe(code);
  }

  async function get(user: User, code: string) {
    await regulated(user, code);
    return orNotFound(() => describe(code), code);
  }

  async function pauseOrResume(user: User, code: string, action: 'pause' | 'resume', note?: string) {
    await regulated(user, code);
    const handle = deps.temporal.schedule.getHandle(scheduleIdOf(code));
    await orNotFound(() => (action === 'pause' ? handle.pause(note) : handle.unpause(note)), code);
    await audit(deps.db, user, { type: 'region', id: code }, `evaluation-schedule.${action}d`, { note });
    return describe(code);
  }

  return { put, get, pauseOrResume };
}
