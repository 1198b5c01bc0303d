import { Evaluation, listEvaluationsPage } from '../../../stores/evaluation-store';
import type { User } from '../../../stores/user-store';
import { ScoresInput, submitScoresUpdate, workflowIdOfEvaluation } from '../../../messages/evaluation-messages';
import type { ApiDeps } from '../../api-deps';
import { decodeCursor } from '../../pagination';
import { ProblemError } from '../../problem';
import { createVisibility } from '../../visibility';
import { runWorkflowCommand } from '../../workflow-errors';

type Status = Evaluation['status'];

const badQuery = (field: string, message: string) =>
  new ProblemError('validation-failed', `query.${field}: ${message}`, {
    errors: [{ path: `query.${field}`, message }],
  });

const isCalendarDate = (day: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(day) &&
  !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) &&
  new Date(`${day}T00:00:00Z`).toISOString().startsWith(day);

export function createEvaluationService(deps: ApiDeps) {
  const visibility = createVisibility(deps.db);
  const visible = async (user: User, id: string): Promise<Evaluation> =>
    (await visibility.evaluation(user, id)).evaluation;

  /**
   * An evaluator's own organization's assignments, in every cycle unless it names one; a regulator
   * or admin names a cycle it may see (a region's evaluations are read cycle by cycle).
   */
  async function listPage(
    user: User,
    query: { cycleId?: string; status?: Status; limit: number; cursor?: string },
  ): Promise<{ items: (Evaluation & { name: string })[]; total: number }> {
    const after = decodeCursor(query.cursor);
    if (after && !isCalendarDate(after.name)) throw badQuery('cursor', 'not a cursor this API gave out');
    const page = { limit: query.limit, after };
    if (user.role === 'evaluator')
      return listEvaluationsPage(
        deps.db,
        { organizationId: user.evaluatorOrganizationId!, cycleId: query.cycleId, status: query.status },
        page,
      );
    if (!query.cycleId) throw badQuery('cycleId', 'required for regulators and admins');
    const cycle = await visibility.cycle(user, query.cycleId);
    return listEvaluationsPage(deps.db, { cycleId: cycle.id, status: query.status }, page);
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

  return { listPage, visible, submitScores };
}
