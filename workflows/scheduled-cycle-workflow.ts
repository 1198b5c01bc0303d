import * as wf from '@temporalio/workflow';
import { periodContaining } from '../domain/calendar';
import { evaluationCycleWorkflow } from './evaluation-cycle-workflow';
import { evaluationCycleWorkflowId } from './evaluation-messages';
import { acts } from './proxies';

/**
 * What a region's schedule starts (1 January and 1 July, Asia/Shanghai): the cycle for the
 * half-year that has just begun. Launching a half that exists already starts nothing new.
 */
export async function scheduledEvaluationCycleWorkflow(args: { regionCode: string }): Promise<string> {
  const half = periodContaining('half-year', Date.now()).key;
  const cycle = await acts.createEvaluationCycle({ regionCode: args.regionCode, half, launchedBy: null });
  if (!cycle.created) return `exists:${cycle.input.cycleId}`;
  await wf.startChild(evaluationCycleWorkflow, {
    workflowId: evaluationCycleWorkflowId(cycle.input.cycleId),
    args: [cycle.input],
    parentClosePolicy: wf.ParentClosePolicy.ABANDON,
  });
  return `started:${cycle.input.cycleId}`;
}
