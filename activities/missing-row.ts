import { ApplicationFailure, Context } from '@temporalio/activity';

/**
 * How many attempts a missing row is taken to be not yet committed. The API starts a contract's,
 * a cycle's or a direct order's workflow inside the transaction that inserts its row (so a start
 * Temporal refuses rolls the row back), and the workflow's first activity can run before that
 * commit. Retried at the proxies' backoff (1 s, doubling), five attempts span about 15 s; a row
 * still missing then was rolled back, and the failure stops retrying.
 */
const ATTEMPTS_BEFORE_COMMIT = 5;

function attempt(): number {
  try {
    return Context.current().info.attempt;
  } catch {
    return Number.POSITIVE_INFINITY; // outside an activity nobody retries: report it as final
  }
}

/** The failure for a row an activity needs but cannot find: retried while its insert may still commit. */
export function missingRow(message: string, type: string): ApplicationFailure {
  return attempt() < ATTEMPTS_BEFORE_COMMIT
    ? ApplicationFailure.retryable(`${message} (yet: the insert may not have committed)`, type)
    : ApplicationFailure.nonRetryable(message, type);
}
