import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { isProblemType, ProblemError } from './problem';

/**
 * Turns a workflow's refusal of an Update into the problem the caller should see: validators
 * reject with an ApplicationFailure whose type is a problem slug.
 */
export function problemFromWorkflowError(error: unknown, closedDetail: string): ProblemError | undefined {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const type = error.cause.type ?? '';
    if (isProblemType(type)) return new ProblemError(type, error.cause.message);
  }
  if (error instanceof WorkflowNotFoundError) return new ProblemError('contract-closed', closedDetail);
  const message = (error as Error)?.message ?? '';
  if (/workflow execution already completed|workflow.*(completed|closed)/i.test(message)) return new ProblemError('contract-closed', closedDetail);
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
