import * as wf from '@temporalio/workflow';
import type { Activities } from '../activities';
import { statusKey } from '../domain/search-attributes';

/** Sweeps begun before their outcome was a search attribute replay without it. */
export const SWEEP_STATUS_PATCH = 'evidence-sweep-status-v1';

// A large store takes longer than the one minute other activities get; the heartbeat tells a
// stalled sweep from a slow one, and a sweep that keeps failing waits for the next day.
const { sweepEvidenceStorage } = wf.proxyActivities<Pick<Activities, 'sweepEvidenceStorage'>>({
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '5 minutes',
  retry: { initialInterval: '1 minute', maximumAttempts: 3 },
});

/** Started daily by the `carepact-evidence-sweep` Schedule (platform/maintenance-schedules.ts). */
export async function evidenceSweepWorkflow(input: {
  graceDays: number;
}): Promise<{ removed: number; kept: number; removedPartials: number }> {
  const outcome = await sweepEvidenceStorage(input);
  if (wf.patched(SWEEP_STATUS_PATCH)) wf.upsertSearchAttributes([{ key: statusKey, value: 'swept' }]);
  return outcome;
}
