export { contractWorkflow } from './contract-workflow';
export { evaluationCycleWorkflow } from './evaluation-cycle-workflow';
export { evaluationWorkflow } from './evaluation-workflow';
export { rectificationWorkflow } from './rectification-workflow';
export { scheduledEvaluationCycleWorkflow } from './scheduled-cycle-workflow';
export { evidenceSweepWorkflow } from './evidence-sweep-workflow';
