import { continueAsNew, ParentClosePolicy, sleep, startChild, workflowInfo } from '@temporalio/workflow';

/** The least a single-run design records for the same span: one timer per month, nothing else. */
export async function monthlyTimerBaseline(months: number, monthMs: number): Promise<number> {
  for (let i = 0; i < months; i++) await sleep(monthMs);
  return months;
}

export async function noopChild(): Promise<void> {
  // Nothing: the bare cost of starting and running one child workflow.
}

/**
 * The same paged fan-out as an evaluation cycle (abandoned children, continue-as-new per page), with no-op children.
 */
export async function bareFanOut(total: number, pageSize: number, offset = 0): Promise<number> {
  const end = Math.min(total, offset + pageSize);
  const ids = Array.from({ length: end - offset }, (_, i) => `${workflowInfo().workflowId}-child-${offset + i}`);
  await Promise.all(
    ids.map((workflowId) => startChild(noopChild, { workflowId, parentClosePolicy: ParentClosePolicy.ABANDON })),
  );
  if (end < total) await continueAsNew<typeof bareFanOut>(total, pageSize, end);
  return total;
}
