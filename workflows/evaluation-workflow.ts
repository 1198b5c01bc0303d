import * as wf from '@temporalio/workflow';
import { addDays, startOfShanghaiDay } from '../domain/calendar';
import { realDelayUntil } from '../domain/clock';
import { endOfDayMs } from '../domain/contract-agenda';
import { gradeOf } from '../domain/grading';
import { scoresRejection } from '../domain/evaluation';
import { gradeKey, processSearchAttributes, statusKey } from '../domain/search-attributes';
import { contractGradedSignal, contractWorkflowId } from '../messages/contract-messages';
import {
  evaluationGradedSignal,
  EvaluationView,
  evaluationStateQuery,
  type EvaluationWorkflowInput,
  rectificationWorkflowId,
  submitScoresUpdate,
} from '../messages/evaluation-messages';
import type { RectificationWorkflow } from '../messages/rectification-messages';
import { acts } from './proxies';

/**
 * Evaluations begun before their status and grade were search attributes (and told their contract) replay without that.
 */
export const EVALUATION_SEARCH_ATTRIBUTES_PATCH = 'evaluation-search-attributes-v1';

/** One contract's on-site evaluation: assigned, reminded, scored by the assigned organization, graded, consequences. */
export async function evaluationWorkflow(input: EvaluationWorkflowInput): Promise<EvaluationView> {
  const view: EvaluationView = {
    evaluationId: input.evaluationId,
    contractId: input.contractId,
    status: 'assigned',
    overdue: false,
    deadline: input.deadline,
  };
  let submitting = false;
  const sinceDeadline = () => realDelayUntil(input.clock, Date.now(), endOfDayMs(input.deadline));

  wf.setHandler(evaluationStateQuery, () => view);
  wf.setHandler(
    submitScoresUpdate,
    async ({ scores, userId }) => {
      submitting = true;
      const result = gradeOf(
        {
          serviceQuality: scores.serviceQuality.score,
          satisfaction: scores.satisfaction.score,
          cooperation: scores.cooperation.score,
        },
        input.policy,
      );
      const outcome = await acts.recordEvaluationGrade({
        evaluationId: input.evaluationId,
        contractId: input.contractId,
        scores,
        userId,
        weightedScore: result.weighted,
        grade: result.grade,
        policyVersion: input.policy.version,
        at: new Date(Date.now()).toISOString(),
      });
      Object.assign(view, {
        status: 'graded',
        grade: result.grade,
        weightedScore: result.weighted,
        rectificationId: outcome.rectificationId,
      });
      return view;
    },
    {
      validator: ({ scores, organizationId }) => {
        const rejection = scoresRejection(
          { graded: view.status === 'graded' || submitting, assignedOrganizationId: input.organizationId },
          organizationId,
          scores,
        );
        if (rejection)
          throw wf.ApplicationFailure.create({ type: rejection.type, message: rejection.detail, nonRetryable: true });
      },
    },
  );

  const graded = () => view.status === 'graded' || submitting;
  const reminderDays = [...input.policy.evaluation.reminderDaysBefore].sort((a, b) => b - a);
  for (const days of reminderDays) {
    const at = startOfShanghaiDay(addDays(input.deadline, -days));
    if (await wf.condition(graded, realDelayUntil(input.clock, Date.now(), at))) break;
    await acts.notifyEvaluators({
      evaluationId: input.evaluationId,
      notice: 'evaluation-reminder',
      eventKey: `evaluation:${input.evaluationId}:reminder:${days}`,
    });
  }
  if (!(await wf.condition(graded, sinceDeadline()))) {
    view.overdue = true;
    if (wf.patched(EVALUATION_SEARCH_ATTRIBUTES_PATCH))
      wf.upsertSearchAttributes([{ key: statusKey, value: 'overdue' }]);
    await acts.markEvaluationOverdue({ evaluationId: input.evaluationId });
  }
  await wf.condition(() => view.status === 'graded');
  await wf.condition(wf.allHandlersFinished);
  const kind = input.cycleId ? 'evaluation' : 're-evaluation';
  if (wf.patched(EVALUATION_SEARCH_ATTRIBUTES_PATCH)) {
    // Kind, contract and region again: an evaluation started before they were set at start gets them now.
    wf.upsertSearchAttributes([
      ...processSearchAttributes({
        kind,
        status: 'graded',
        regionCode: input.regionCode,
        contractId: input.contractId,
      }),
      { key: gradeKey, value: view.grade! },
    ]);
    try {
      await wf
        .getExternalWorkflowHandle(contractWorkflowId(input.contractId))
        .signal(contractGradedSignal, { evaluationId: input.evaluationId, grade: view.grade! });
    } catch (error) {
      // An ended contract keeps the grade it had; Postgres holds this one.
      wf.log.info('contract not told its grade', { contractId: input.contractId, error: (error as Error).message });
    }
  }

  await acts.notifyEvaluationParties({
    evaluationId: input.evaluationId,
    eventKey: `evaluation:${input.evaluationId}:graded`,
  });
  if (view.rectificationId) {
    // Outlives this evaluation: the order runs for months, through its own re-evaluation.
    await wf.startChild<RectificationWorkflow>('rectificationWorkflow', {
      workflowId: rectificationWorkflowId(view.rectificationId),
      args: [{ rectificationId: view.rectificationId, contractId: input.contractId, clock: input.clock }],
      parentClosePolicy: wf.ParentClosePolicy.ABANDON,
      typedSearchAttributes: processSearchAttributes({
        kind: 'rectification',
        status: 'awaiting-evidence',
        regionCode: input.regionCode,
        contractId: input.contractId,
      }),
    });
  }
  if (input.parentWorkflowId) {
    try {
      await wf
        .getExternalWorkflowHandle(input.parentWorkflowId)
        .signal(evaluationGradedSignal, { evaluationId: input.evaluationId, grade: view.grade! });
    } catch (error) {
      // The cycle may already have closed: it counts grades in Postgres, the signal only wakes it.
      wf.log.info('cycle not signalled', { parent: input.parentWorkflowId, error: (error as Error).message });
    }
  }
  return view;
}
