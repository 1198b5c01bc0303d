import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import * as wf from '@temporalio/workflow';
import { evaluationPolicyOf } from '../domain/policy';
import { processSearchAttributes, statusKey } from '../domain/search-attributes';
import {
  type EvaluationCycleInput,
  evaluationGradedSignal,
  evaluationWorkflowId,
} from '../messages/evaluation-messages';
import { evaluationWorkflow } from './evaluation-workflow';
import { acts } from './proxies';

/** Cycles begun before their status was a search attribute replay without it. */
export const CYCLE_STATUS_PATCH = 'evaluation-cycle-status-v1';

/** Keeps the cycle's own history small while thousands of children report in. */
const COLLECT_HISTORY_LIMIT = 4000;

/**
 * Evaluates every active contract of a region for one half-year (000_… §3.3: twice a year).
 * Fan-out goes a page at a time: each page's children are started (abandoned, so they outlive
 * the run) and the cycle continues as new, so no run ever has more than one page of children.
 */
export async function evaluationCycleWorkflow(input: EvaluationCycleInput): Promise<string> {
  const workflowId = wf.workflowInfo().workflowId;
  let graded = 0;
  wf.setHandler(evaluationGradedSignal, () => void (graded += 1));

  // Children carry only the slice of policy they use: input size is most of a child's start cost.
  const evaluationPolicy = evaluationPolicyOf(input.policy);
  if ((input.phase ?? 'fan-out') === 'fan-out') {
    const page = await acts.prepareEvaluationPage({
      cycleId: input.cycleId,
      afterContractId: input.cursor ?? null,
      limit: Math.min(1000, input.policy.evaluation.fanOutPageSize),
    });
    await Promise.all(
      page.evaluations.map(async (e) => {
        try {
          await wf.startChild(evaluationWorkflow, {
            workflowId: evaluationWorkflowId(input.cycleId, e.contractId),
            args: [
              {
                evaluationId: e.evaluationId,
                cycleId: input.cycleId,
                contractId: e.contractId,
                organizationId: e.organizationId,
                deadline: input.deadline,
                policy: evaluationPolicy,
                clock: input.clock,
                parentWorkflowId: workflowId,
                regionCode: input.regionCode,
              },
            ],
            parentClosePolicy: wf.ParentClosePolicy.ABANDON,
            typedSearchAttributes: processSearchAttributes({
              kind: 'evaluation',
              status: 'assigned',
              regionCode: input.regionCode,
              contractId: e.contractId,
            }),
          });
        } catch (error) {
          // Already running: a relaunch or a retried page. Each evaluation exists exactly once.
          if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
        }
      }),
    );
    if (page.nextCursor)
      await wf.continueAsNew<typeof evaluationCycleWorkflow>({ ...input, cursor: page.nextCursor, phase: 'fan-out' });
    await acts.finishCycleFanOut({ cycleId: input.cycleId });
  }

  // Children signal as they are graded; the count itself is read from Postgres, so a signal lost
  // across continue-as-new costs nothing.
  for (;;) {
    const progress = await acts.cycleProgress({ cycleId: input.cycleId });
    if (progress.graded >= progress.inScope) break;
    const seen = graded;
    // Woken by each grade; the periodic look is a safety net, not the mechanism.
    await wf.condition(() => graded > seen, '10 minutes');
    if (wf.workflowInfo().historyLength > COLLECT_HISTORY_LIMIT || wf.workflowInfo().continueAsNewSuggested) {
      await wf.condition(wf.allHandlersFinished);
      await wf.continueAsNew<typeof evaluationCycleWorkflow>({ ...input, phase: 'collect' });
    }
  }
  await acts.closeCycle({ cycleId: input.cycleId });
  if (wf.patched(CYCLE_STATUS_PATCH)) wf.upsertSearchAttributes([{ key: statusKey, value: 'closed' }]);
  return 'closed';
}
