import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { PolicyClock } from '../domain/clock';
import type { FindingProgress, PartySide, PlanOfCorrectionInput } from '../domain/rectification-findings';
import type { HeardParty } from '../domain/representations';

export type RectificationStep =
  | 'awaiting-evidence'
  | 'evidence-under-review'
  | 're-evaluation'
  | 'notice-of-revocation'
  | 'closed'
  | 'revoked'
  | 'withdrawn';

export interface EvidenceFileRef {
  findingId?: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
}

/** A submitted text, stored content-addressed beside the files: texts have no length limit, workflow payloads do. */
export interface EvidenceTextRef {
  findingId: string;
  sha256: string;
  length: number;
}

export interface SubmitEvidenceArgs {
  submissionId: string;
  userId: string;
  /** The submitter's side; itemized orders accept evidence for a finding from its responsible side only. */
  side?: PartySide;
  texts: EvidenceTextRef[];
  files: EvidenceFileRef[];
}

export interface EvidenceReceipt {
  submissionId: string;
  rectificationId: string;
  receivedAt: string;
  files: EvidenceFileRef[];
  texts: number;
}

export interface ReviewArgs {
  submissionId: string;
  decision: 'accepted' | 'rejected';
  reasons: string;
  userId: string;
}

export interface ExtensionArgs {
  reason: string;
  userId: string;
}

export interface RevocationDecisionArgs {
  decision: 'confirm' | 'withdraw';
  reasons: string;
  userId: string;
  /** How each representation filed was considered (absent in decisions made before representations existed). */
  considerations?: { representationId: string; consideration: string }[];
}

export interface RectificationView {
  rectificationId: string;
  step: RectificationStep;
  deadline: string;
  extensions: number;
  pendingSubmissionId?: string;
  reEvaluationId?: string;
  representationsDeadline?: string;
  /** Each party's representations or declaration of none, in the notice step (issue 12). */
  representations?: HeardParty[];
  /** Itemized orders only (issue 12): every finding's state and plan of correction. */
  findings?: FindingProgress[];
  /** Itemized orders: the plans of correction are due by this date (from the order's delivery). */
  planDeadline?: string;
  /** When the order's mails were sent: its itemized deadlines run from then. */
  deliveredAt?: string;
  /** The findings whose plan or accepted evidence was missing at their deadline. */
  failedFindingIds?: string[];
}

export interface PlanOfCorrectionArgs {
  findingId: string;
  userId: string;
  side: PartySide;
  plan: PlanOfCorrectionInput;
}

export interface FindingReviewArgs {
  findingId: string;
  submissionId: string;
  decision: 'accepted' | 'rejected';
  reasons: string;
  userId: string;
}

export interface RectificationWorkflowInput {
  rectificationId: string;
  contractId: string;
  /** The cycle's clock; the order itself runs on its contract's clock, loaded at start. */
  clock?: PolicyClock;
}

/** Started by name by the evaluation that ordered it, typed by this signature. */
export type RectificationWorkflow = (input: RectificationWorkflowInput) => Promise<string>;

export const submitEvidenceUpdate = defineUpdate<EvidenceReceipt, [SubmitEvidenceArgs]>('submitEvidence');
export const reviewUpdate = defineUpdate<RectificationView, [ReviewArgs]>('review');
export const extensionUpdate = defineUpdate<RectificationView, [ExtensionArgs]>('extend');
export const revocationDecisionUpdate = defineUpdate<RectificationView, [RevocationDecisionArgs]>('decideRevocation');
export const planOfCorrectionUpdate = defineUpdate<RectificationView, [PlanOfCorrectionArgs]>('submitPlanOfCorrection');
export const findingReviewUpdate = defineUpdate<RectificationView, [FindingReviewArgs]>('reviewFinding');
export const rectificationStateQuery = defineQuery<RectificationView>('state');
