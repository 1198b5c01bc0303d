import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import { createActivities, ActivityDeps } from '../activities';
import { workflowsPath } from './workflows-path';

export interface WorkerSetup {
  address: string;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** A prebuilt bundle (tests build it once); otherwise the workflows are bundled at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Most processes wait weeks between events; caching thousands of them only costs memory. */
  maxCachedWorkflows?: number;
  /** See Config.temporal.isolateExecutionTimeoutMs. */
  isolateExecutionTimeoutMs?: number;
}

export async function createWorker(setup: WorkerSetup): Promise<{ worker: Worker; connection: NativeConnection }> {
  const connection = await NativeConnection.connect({ address: setup.address });
  const worker = await Worker.create({
    connection,
    namespace: setup.namespace,
    taskQueue: setup.taskQueue,
    activities: createActivities(setup.deps),
    ...(setup.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: setup.maxCachedWorkflows } : {}),
    // Accepted by Worker.create (it overrides the default) though the public type leaves it out.
    ...((setup.isolateExecutionTimeoutMs !== undefined
      ? { isolateExecutionTimeout: setup.isolateExecutionTimeoutMs }
      : {}) as Partial<WorkerOptions>),
    ...(setup.workflowBundle ? { workflowBundle: setup.workflowBundle } : { workflowsPath: workflowsPath() }),
  });
  return { worker, connection };
}
