import type { ApiPaths } from '../../api/client';
import type { RectificationView } from '../rectification/rectification-view';

export type RectificationListItem =
  ApiPaths['/rectifications']['get']['responses'][200]['content']['application/json']['items'][number];

export type FindingState = 'awaiting-plan' | 'awaiting-evidence' | 'evidence-under-review' | 'accepted';

/** One finding of an order, as GET /rectifications/{id} gives it (itemized orders carry state and reviews). */
export interface DeskFinding {
  id: string;
  indicator: string;
  problem: string;
  requiredCorrection: string;
  responsibleSide: 'medical' | 'care' | 'both';
  state?: FindingState;
  pendingSubmissionId?: string;
  reviews?: { decision: 'accepted' | 'rejected'; reasons: string }[];
}

/** What the desk reads of an order: the endpoint documents it as an open record, so this names the fields used. */
export interface DeskOrder {
  id: string;
  contractId: string;
  regionCode: string;
  step: string;
  deadline: string;
  extensions?: number;
  deadlines?: { kind: string; computedFrom: { extensionsAllowed?: number } }[];
  itemized: boolean;
  findings: DeskFinding[];
  outcome?: string;
  revocationDecision: { decision: 'confirm' | 'withdraw'; reasons: string; institutionIds?: string[] } | null;
}

export const deskOrderOf = (view: RectificationView) => view as unknown as DeskOrder;

/** Extensions the order's policy still allows (the API refuses one past its `maxExtensions`). */
export function extensionsLeft(order: DeskOrder): number {
  const allowed = order.deadlines?.find((d) => d.kind === 'evidence')?.computedFrom.extensionsAllowed;
  return allowed === undefined ? 1 : Math.max(0, allowed - (order.extensions ?? 0));
}
