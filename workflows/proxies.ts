import * as wf from '@temporalio/workflow';
import type { Activities } from '../activities';

export const acts = wf.proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export const SYSTEM = 'system:contract-workflow';
