import { acts } from './proxies';

/** Started daily by the `carepact-evidence-sweep` Schedule (platform/maintenance-schedules.ts). */
export async function evidenceSweepWorkflow(input: { graceDays: number }): Promise<{ removed: number; kept: number; removedPartials: number }> {
  return acts.sweepEvidenceStorage(input);
}
