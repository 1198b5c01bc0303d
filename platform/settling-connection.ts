import { setTimeout as sleep } from 'node:timers/promises';
import { Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';

/** Time for a retry that has just come due to start its call, before the channel may close under it. */
const RETRY_START_MARGIN_MS = 50;

/**
 * A Temporal client connection that knows when its last scheduled gRPC retry comes due.
 *
 * The SDK's retry interceptor keeps a timer per failed call (up to 5 s with jitter) and ignores the
 * connection's closing: a retry firing after close() throws "Channel has been shut down" from the timer,
 * an uncaught exception during an API process's graceful stop (seen once in CI, in a test stack's stop).
 * close() here waits for those timers first, and no longer than they need.
 */
export async function connectSettling(address: string): Promise<Connection> {
  const retry = defaultGrpcRetryOptions();
  let lastRetryDueAt = 0;
  const connection = await Connection.connect({
    address,
    interceptors: [
      makeGrpcRetryInterceptor({
        ...retry,
        delayFunction(attempt, status) {
          const delayMs = retry.delayFunction(attempt, status);
          lastRetryDueAt = Math.max(lastRetryDueAt, Date.now() + delayMs);
          return delayMs;
        },
      }),
    ],
  });
  const close = connection.close.bind(connection);
  connection.close = async () => {
    // A retry that fails again schedules the next one, moving lastRetryDueAt on.
    while (Date.now() < lastRetryDueAt + RETRY_START_MARGIN_MS) {
      await sleep(lastRetryDueAt + RETRY_START_MARGIN_MS - Date.now());
    }
    await close();
  };
  return connection;
}
