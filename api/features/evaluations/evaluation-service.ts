import { Evaluation, listCycleEvaluations, listEvaluationsForOrganization } from '../../../stores/evaluation-store';
import type { User } from '../../../stores/user-store';
import { ScoresInput, submitScoresUpdate, workflowIdOfEvaluation } from '../../../messages/evaluation-messages';
import type { ApiDeps } from '../../api-deps';
import { ProblemError } from '../../problem';
import { createVisibility } from '../../visibility';
import { runWorkflowCommand } from '../../workflow-errors';

type Status = Evaluation['status'];

export function createEvaluationService(deps: ApiDeps) {
  const visibility = createVisibility(deps.db);
  const visible = async (user: User, id: string): Promise<Evaluation> =>
    (await visibility.evaluation(user, id)).evaluation;

  /** An evaluator's own organization's assignments; anyone else names a cycle it may see. */
  async function list(user: User, query: { cycleId?: string; status?: Status }): Promise<Evaluation[]> {
    if (user.role === 'evaluator') {
      const mine = await listEvaluationsForOrganization(deps.db, user.evaluatorOrganizationId!, query.status);
      return mine.filter((e) => !query.cycleId || e.cycleId === query.cycleId);
    }
    if (!query.cycleId) throw new ProblemError('validation-failed', 'query.cycleId: required for regulators');
    const cycle = await visibility.cycle(user, query.cycleId);
    const items = await listCycleEvaluations(deps.db, cycle.id);
    return items.filter((e) => !query.status || e.status === query.status);
  }

  /** The evaluation's workflow grades the scores (its Update validator checks who may submit them). */
  async function submitScores(user: User, id: string, scores: ScoresInput) {
    const evaluation = await visible(user, id);
    // Once graded the evaluation's workflow may have finished; the record answers for it.
    if (evaluation.status === 'graded')
      throw new ProblemError('already-graded', 'scores for this evaluation have already been submitted');
    return runWorkflowCommand(
      () =>
        deps.temporal.workflow.getHandle(workflowIdOfEvaluation(evaluation)).executeUpdate(submitScoresUpdate, {
          args: [{ scores, userId: user.id, organizationId: user.evaluatorOrganizationId! }],
        }),
      'the evaluation is closed',
    ).catch((error) => {
      // An assigned evaluation whose process has not started yet (its cycle is still fanning out).
      if (error instanceof ProblemError && error.type === 'contract-closed')
        throw new ProblemError('evaluation-not-ready', 'the evaluation is still being set up; retry in a few seconds');
      throw error;
    });
  }

  return { list, visible, submitScores };
}
