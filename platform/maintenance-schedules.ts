import { Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { processSearchAttributes } from '../domain/search-attributes';

export const EVIDENCE_SWEEP_SCHEDULE_ID = 'carepact-evidence-sweep';

/**
 * The daily evidence storage sweep, 03:00 Asia/Shanghai. Created by the worker at start; a later
 * start with another grace period updates the schedule rather than adding a second one.
 */
export async function ensureEvidenceSweepSchedule(client: Client, taskQueue: string, graceDays: number): Promise<void> {
  // The sweep serves every region, so it carries no CarePactRegion.
  const typedSearchAttributes = processSearchAttributes({ kind: 'evidence-sweep', status: 'sweeping' });
  const action = {
    type: 'startWorkflow' as const,
    workflowType: 'evidenceSweepWorkflow',
    workflowId: 'evidence-sweep',
    args: [{ graceDays }],
    taskQueue,
    typedSearchAttributes,
  };
  try {
    await client.schedule.create({
      scheduleId: EVIDENCE_SWEEP_SCHEDULE_ID,
      spec: { calendars: [{ hour: 3, minute: 0 }], timezone: 'Asia/Shanghai' },
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(EVIDENCE_SWEEP_SCHEDULE_ID).update((previous) => ({ ...previous, action }));
  }
}
