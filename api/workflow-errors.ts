import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { isProblemType, ProblemError } from './problem';

/**
 * The failure type the Temporal server gives an accepted Update whose workflow completed before
 * the Update did (server: update/errors_failures.go). A workflow that had already completed
 * answers NOT_FOUND instead, which the client raises as WorkflowNotFoundError.
 */
const UPDATE_OUTLIVED_BY_WORKFLOW = 'AcceptedUpdateCompletedWorkflow';

/**
 * Turns a workflow's refusal of an Update into the problem the caller should see: validators
 * reject with an ApplicationFailure whose type is a problem slug. Classified by error class and
 * failure type only, never by message text.
 */
export function problemFromWorkflowError(error: unknown, closedDetail: string): ProblemError | undefined {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const type = error.cause.type ?? '';
    if (isProblemType(type)) return new ProblemError(type, error.cause.message);
    if (type === UPDATE_OUTLIVED_BY_WORKFLOW) return new ProblemError('contract-closed', closedDetail);
  }
  if (error instanceof WorkflowNotFoundError) return new ProblemError('contract-closed', closedDetail);
  return undefined;
}

export async function runWorkflowCommand<T>(command: () => Promise<T>, closedDetail: string): Promise<T> {
  try {
    return await command();
  } catch (error) {
    const problem = problemFromWorkflowError(error, closedDetail);
    if (problem) throw problem;
    throw error;
  }
}
