import * as wf from '@temporalio/workflow';
import type { PolicyClock } from '../domain/clock';
import { acts } from './proxies';

export interface RectificationWorkflowInput {
  rectificationId: string;
  contractId: string;
  clock: PolicyClock;
}

/** An Unqualified grade's rectification order (000_… §3.3: rectify within a time limit). */
export async function rectificationWorkflow(input: RectificationWorkflowInput): Promise<string> {
  await acts.notifyRectification({ rectificationId: input.rectificationId, notice: 'rectification-ordered', eventKey: `rectification:${input.rectificationId}:ordered` });
  await wf.condition(wf.allHandlersFinished);
  return 'issued';
}
