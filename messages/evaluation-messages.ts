import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { PolicyClock } from '../domain/clock';
import type { EvaluationPolicy, Policy } from '../domain/policy';
import type { FindingInput } from '../domain/rectification-findings';

export interface DimensionInput {
  score: number;
  indicators: { name: string; score: number }[];
  comments: string;
}

export interface ScoresInput {
  serviceQuality: DimensionInput;
  satisfaction: DimensionInput;
  cooperation: DimensionInput;
  onsiteDate: string;
  /** Itemized findings (issue 12); a free text, as before, gives an order with one overall finding F1. */
  findings: string | FindingInput[];
}

export interface SubmitScoresArgs {
  scores: ScoresInput;
  userId: string;
  organizationId: string;
}

export interface EvaluationView {
  evaluationId: string;
  contractId: string;
  status: 'assigned' | 'graded';
  overdue: boolean;
  deadline: string;
  grade?: string;
  weightedScore?: number;
  rectificationId?: string;
}

export interface EvaluationCycleInput {
  cycleId: string;
  regionCode: string;
  half: string;
  deadline: string;
  policy: Policy;
  clock: PolicyClock;
  /** Carried by continue-as-new: where the fan-out stands. */
  cursor?: string | null;
  phase?: 'fan-out' | 'collect';
}

export interface EvaluationWorkflowInput {
  evaluationId: string;
  cycleId: string | null;
  contractId: string;
  organizationId: string;
  deadline: string;
  policy: EvaluationPolicy;
  clock: PolicyClock;
  /** The cycle to report to, by workflow id (its current run receives the signal). */
  parentWorkflowId?: string;
  /** The contract's region, for the search attributes of this evaluation and of any rectification it orders. */
  regionCode?: string;
}

/** Started by name by a rectification for its re-evaluation, typed by this signature. */
export type EvaluationWorkflow = (input: EvaluationWorkflowInput) => Promise<EvaluationView>;

export const submitScoresUpdate = defineUpdate<EvaluationView, [SubmitScoresArgs]>('submitScores');
export const evaluationStateQuery = defineQuery<EvaluationView>('state');
/** A child tells its cycle (by workflow id, whichever run is current) that it has a grade. */
export const evaluationGradedSignal = defineSignal<[{ evaluationId: string; grade: string }]>('evaluationGraded');

export const evaluationCycleWorkflowId = (cycleId: string) => `evaluation-cycle-${cycleId}`;
export const evaluationWorkflowId = (cycleId: string, contractId: string) => `evaluation-${cycleId}-${contractId}`;
export const rectificationWorkflowId = (rectificationId: string) => `rectification-${rectificationId}`;

/** A re-evaluation after rectification belongs to no cycle. */
export const reEvaluationWorkflowId = (evaluationId: string) => `re-evaluation-${evaluationId}`;
export const workflowIdOfEvaluation = (e: { id: string; cycleId?: string | null; contractId: string }) =>
  e.cycleId ? evaluationWorkflowId(e.cycleId, e.contractId) : reEvaluationWorkflowId(e.id);

/** The cycle's policy clock starts when it was launched (policy time may run compressed). */
export function cycleInput(cycle: {
  id: string;
  regionCode: string;
  half: string;
  deadline: string;
  policy: unknown;
  createdAt: string;
}): EvaluationCycleInput {
  const policy = cycle.policy as Policy;
  return {
    cycleId: cycle.id,
    regionCode: cycle.regionCode,
    half: cycle.half,
    deadline: cycle.deadline,
    policy,
    clock: { anchorMs: Date.parse(cycle.createdAt), timeScale: policy.timeScale },
  };
}
