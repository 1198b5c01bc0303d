import type { RectificationView } from '../rectification/rectification-view';

/** GET /rectifications/{id} declares its body loosely (a record); these are the parts the party screens read. */
export interface OrderFinding {
  id: string;
  indicator?: string;
  problem?: string;
  requiredCorrection?: string;
  responsibleSide?: 'medical' | 'care' | 'both';
  state?: string;
  plan?: { completionDate: string; responsible: string; submittedAt: string };
  reviews?: { decision: string; reasons: string; reviewedAt: string }[];
  failed?: boolean;
}

export interface OrderDeadline {
  kind: 'plan' | 'evidence' | 'representations';
  what: string;
  date: string;
  computedFrom: {
    start?: string;
    sentAt?: string | null;
    policyDays?: number;
    originalDeadline?: string;
    extensions?: { days: number; reason?: string }[];
    extensionsAllowed?: number;
  };
  otherwise: string;
  otherwiseOn: string;
}

/** Which "what happens next" applies, with its dates (the API's `whatHappensNext` is its English wording). */
export interface OrderNext {
  case: string;
  deadline: string;
  noticeOn: string;
  planDeadline?: string;
  representationsDays: number;
  representationsDeadline?: string;
  decisionFrom?: string;
}

export interface PartyOrder {
  id: string;
  contractId: string;
  itemized: boolean;
  step: string;
  deadline: string;
  issuedOn: string;
  planDeadline?: string;
  deadlines: OrderDeadline[];
  whatHappensNext: string;
  next?: OrderNext;
  findings: OrderFinding[];
  reviews: { submissionId: string; decision: string; reasons: string; reviewedAt: string }[];
}

export const partyOrder = (order: RectificationView) => order as unknown as PartyOrder;

/** The day after a local date (YYYY-MM-DD): the notice of revocation follows the missed deadline. */
export function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
