import type { ContractWorkflow } from '../messages/contract-messages';
import type { EvaluationWorkflow } from '../messages/evaluation-messages';
import type { RectificationWorkflow } from '../messages/rectification-messages';
import type { contractWorkflow } from './contract-workflow';
import type { evaluationWorkflow } from './evaluation-workflow';
import type { rectificationWorkflow } from './rectification-workflow';

export { contractWorkflow } from './contract-workflow';
export { evaluationCycleWorkflow } from './evaluation-cycle-workflow';
export { evaluationWorkflow } from './evaluation-workflow';
export { rectificationWorkflow } from './rectification-workflow';
export { scheduledEvaluationCycleWorkflow } from './scheduled-cycle-workflow';
export { evidenceSweepWorkflow } from './evidence-sweep-workflow';

/**
 * Others start these by name, typed by their signatures in messages/: a
 * definition that drifts from its signature fails the typecheck here.
 */
type Implements<Definition extends Signature, Signature> = Definition;
export type StartedByName = [
  Implements<typeof contractWorkflow, ContractWorkflow>,
  Implements<typeof evaluationWorkflow, EvaluationWorkflow>,
  Implements<typeof rectificationWorkflow, RectificationWorkflow>,
];
