import type { ErrorRequestHandler, Request, Response } from 'express';
import type { Db } from '../platform/db';
import type { Logger } from '../platform/logger';
import { isWorkflowEngineUnavailable, watchDatabaseErrors } from './dependency-errors';
import { problemFromHttpError } from './http-errors';
import { ProblemError } from './problem';

export function sendProblem(req: Request, res: Response, problem: ProblemError) {
  res.status(problem.status).type('application/problem+json').json(problem.toJSON(req.originalUrl));
}

/**
 * The one place an error becomes a problem: ProblemErrors carry their own status, Express's
 * errors for unreadable requests their status and type (http-errors.ts), outages their
 * protocol's code. Only server faults are logged, and only the unexpected ones as errors.
 * A dependency outage reached before any commit changed nothing.
 */
export function createErrorHandler(deps: { db: Db; logger: Logger }): ErrorRequestHandler {
  const isDatabaseUnavailable = watchDatabaseErrors(deps.db);
  const problemFor = (error: unknown): ProblemError => {
    if (error instanceof ProblemError) return error;
    const unreadable = problemFromHttpError(error);
    if (unreadable) return unreadable;
    if (isWorkflowEngineUnavailable(error))
      return new ProblemError('workflow-unavailable', 'the workflow engine did not answer; retry later');
    if (isDatabaseUnavailable(error))
      return new ProblemError('database-unavailable', 'the database did not answer; retry later');
    return new ProblemError('internal', 'an unexpected error occurred; it has been logged');
  };

  return (error, req, res, next) => {
    // Part of an answer is already on the wire: Express can only end the connection.
    if (res.headersSent) return next(error);
    const problem = problemFor(error);
    if (problem.type === 'internal') deps.logger.error({ err: error, path: req.path }, 'unhandled error');
    else if (problem.status >= 500) deps.logger.warn({ err: error, path: req.path }, problem.detail);
    sendProblem(req, res, problem);
  };
}
