import { randomUUID } from 'node:crypto';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { allSearchAttributeKeys } from '../domain/search-attributes';
import { ensureSearchAttributes } from './search-attributes';

/** "720h" → seconds, the form deploy/temporal/setup-namespace.sh takes (TEMPORAL_NAMESPACE_RETENTION). */
function hours(retention: string): number {
  const match = /^(\d+)h$/.exec(retention);
  if (!match) throw new Error(`namespace retention must be whole hours such as "720h", got "${retention}"`);
  return Number(match[1]) * 3600;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What deploy/temporal/setup-namespace.sh does for compose, for a cluster this process started: the
 * namespace (a real server has none; the dev server makes `default` itself) and CarePact's search
 * attributes. Then waits until a start that carries them is accepted: a new namespace and new
 * attributes reach the frontend's caches only after their refresh interval.
 */
export async function ensureNamespaceReady(
  connection: Connection,
  namespace: string,
  options: { retention?: string; timeoutMs?: number } = {},
): Promise<void> {
  try {
    await connection.workflowService.describeNamespace({ namespace });
  } catch {
    try {
      await connection.workflowService.registerNamespace({
        namespace,
        workflowExecutionRetentionPeriod: msToTs(hours(options.retention ?? '720h') * 1000),
      });
    } catch (error) {
      if (!/already exists/i.test((error as Error).message)) throw error;
    }
  }
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    try {
      await ensureSearchAttributes(connection, namespace);
      await probeStart(connection, namespace);
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`namespace ${namespace} did not become usable: ${(error as Error).message}`);
      await sleep(1000);
    }
  }
}

/** Starts (and terminates) a workflow carrying every custom attribute; nothing polls its task queue. */
async function probeStart(connection: Connection, namespace: string): Promise<void> {
  const workflowId = `carepact-namespace-probe-${randomUUID()}`;
  const indexedFields = Object.fromEntries(
    allSearchAttributeKeys.map((key) => [
      key.name,
      { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from(JSON.stringify('probe')) },
    ]),
  );
  await connection.workflowService.startWorkflowExecution({
    namespace,
    workflowId,
    workflowType: { name: 'namespaceProbe' },
    taskQueue: { name: 'carepact-namespace-probe' },
    requestId: randomUUID(),
    searchAttributes: { indexedFields },
  });
  await connection.workflowService.terminateWorkflowExecution({
    namespace,
    workflowExecution: { workflowId },
    reason: 'namespace probe',
  });
}
