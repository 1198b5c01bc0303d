import fs from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';

export const historiesDir = path.join(__dirname, '..', 'replay', 'histories');

/**
 * With RECORD_HISTORIES set, saves a workflow's history as test/replay/histories/<name>.json for
 * the replay tests; without it, does nothing. An existing file is kept unless
 * RECORD_HISTORIES=overwrite: a history recorded from older code is the only proof that runs
 * started by that code still replay, so a new shape gets a new name rather than replacing it.
 *
 * The latest run is saved, or with `tookSignal` the latest run of a workflow that continues as new
 * that took that signal, or with `runId` that run.
 */
export async function recordHistory(
  stack: { temporal: Client },
  workflowId: string,
  name: string,
  opts: { tookSignal?: string; runId?: string } = {},
): Promise<void> {
  const mode = process.env.RECORD_HISTORIES;
  if (!mode) return;
  const file = path.join(historiesDir, `${name}.json`);
  if (fs.existsSync(file) && mode !== 'overwrite') return;
  const history = opts.tookSignal
    ? await runThatTook(stack.temporal, workflowId, opts.tookSignal)
    : await stack.temporal.workflow.getHandle(workflowId, opts.runId).fetchHistory();
  fs.writeFileSync(file, historyToJSON(history));
}

/** Walks back from the current run through the runs it continued from. */
async function runThatTook(client: Client, workflowId: string, signalName: string) {
  let runId: string | undefined = (await client.workflow.getHandle(workflowId).describe()).runId;
  while (runId) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const events = (history.events ?? []) as temporal.api.history.v1.IHistoryEvent[];
    if (events.some((e) => e.workflowExecutionSignaledEventAttributes?.signalName === signalName)) return history;
    runId = events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId ?? undefined;
  }
  throw new Error(`no run of ${workflowId} took ${signalName}`);
}
