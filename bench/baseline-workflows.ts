import { sleep } from '@temporalio/workflow';

/** The least a single-run design records for the same span: one timer per month, nothing else. */
export async function monthlyTimerBaseline(months: number, monthMs: number): Promise<number> {
  for (let i = 0; i < months; i++) await sleep(monthMs);
  return months;
}
