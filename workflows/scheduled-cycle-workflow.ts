import * as wf from '@temporalio/workflow';
import { periodContaining } from '../domain/calendar';
import { processSearchAttributes, statusKey } from '../domain/search-attributes';
import { evaluationCycleWorkflow } from './evaluation-cycle-workflow';
import { evaluationCycleWorkflowId } from '../messages/evaluation-messages';
import { acts } from './proxies';

/** Launches begun before their outcome was a search attribute replay without it. */
export const SCHEDULED_CYCLE_STATUS_PATCH = 'scheduled-cycle-status-v1';

/**
 * What a region's schedule starts (1 January and 1 July, Asia/Shanghai): the cycle for the
 * half-year that has just begun. Launching a half that exists already starts nothing new.
 */
export async function scheduledEvaluationCycleWorkflow(args: { regionCode: string }): Promise<string> {
  const half = periodContaining('half-year', Date.now()).key;
  const cycle = await acts.createEvaluationCycle({ regionCode: args.regionCode, half, launchedBy: null });
  const launched = (outcome: 'launched' | 'existed') => {
    if (wf.patched(SCHEDULED_CYCLE_STATUS_PATCH)) wf.upsertSearchAttributes([{ key: statusKey, value: outcome }]);
  };
  if (!cycle.created) {
    launched('existed');
    return `exists:${cycle.input.cycleId}`;
  }
  await wf.startChild(evaluationCycleWorkflow, {
    workflowId: evaluationCycleWorkflowId(cycle.input.cycleId),
    args: [cycle.input],
    parentClosePolicy: wf.ParentClosePolicy.ABANDON,
    typedSearchAttributes: processSearchAttributes({
      kind: 'evaluation-cycle',
      status: 'running',
      regionCode: args.regionCode,
    }),
  });
  launched('launched');
  return `started:${cycle.input.cycleId}`;
}
