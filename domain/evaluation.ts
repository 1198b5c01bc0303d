import { addDays, type LocalDate } from './calendar';
import type { Policy } from './policy';

/**
 * An evaluation, a cycle's or a rectification's re-evaluation, is
 * due the policy's days after it is assigned (project default 30).
 */
export function evaluationDeadline(assignedOn: LocalDate, policy: Pick<Policy, 'evaluation'>): LocalDate {
  return addDays(assignedOn, policy.evaluation.deadlineDays);
}

export interface ScoresShape {
  serviceQuality: { score: number };
  satisfaction: { score: number };
  cooperation: { score: number };
}

export interface ScoreRejection {
  type: 'already-graded' | 'not-assigned-evaluator' | 'score-out-of-range';
  detail: string;
}

/** Why a score submission must be refused: wrong organization, a second submission, a score outside 0–100. */
export function scoresRejection(
  state: { graded: boolean; assignedOrganizationId: string },
  organizationId: string,
  scores: ScoresShape,
): ScoreRejection | undefined {
  if (organizationId !== state.assignedOrganizationId)
    return {
      type: 'not-assigned-evaluator',
      detail: 'only an evaluator of the organization assigned to this evaluation may submit its scores',
    };
  if (state.graded) return { type: 'already-graded', detail: 'scores for this evaluation have already been submitted' };
  for (const dimension of ['serviceQuality', 'satisfaction', 'cooperation'] as const) {
    const score = scores[dimension].score;
    if (!(score >= 0 && score <= 100))
      return { type: 'score-out-of-range', detail: `${dimension}.score must be between 0 and 100, got ${score}` };
  }
  return undefined;
}
