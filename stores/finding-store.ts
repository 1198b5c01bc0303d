import type { FindingProgress, FindingState, PlanOfCorrection } from '../domain/rectification-findings';
import type { DbOrTx } from '../platform/db';

export const FINDINGS_TABLE = 'rectification_findings';
export const FINDING_REVIEWS_TABLE = 'finding_reviews';

export interface FindingReview {
  findingId: string;
  submissionId: string;
  decision: 'accepted' | 'rejected';
  reasons: string;
  reviewedBy: string;
  reviewedAt: string;
}

export interface FindingRecord {
  findingId: string;
  responsibleSide: FindingProgress['responsibleSide'];
  state: FindingState;
  plan?: PlanOfCorrection;
  pendingSubmissionId?: string;
  rejections: number;
}

function mapFinding(r: Record<string, any>): FindingRecord {
  return {
    findingId: r.finding_id,
    responsibleSide: r.responsible_side,
    state: r.state,
    plan: r.plan ?? undefined,
    pendingSubmissionId: r.pending_submission_id ?? undefined,
    rejections: r.rejections,
  };
}

const mapReview = (r: Record<string, any>): FindingReview => ({
  findingId: r.finding_id,
  submissionId: r.submission_id,
  decision: r.decision,
  reasons: r.reasons,
  reviewedBy: r.reviewed_by,
  reviewedAt: new Date(r.reviewed_at).toISOString(),
});

/** The workflow's view of every finding, written whole after each change: a retry writes the same rows. */
export async function saveFindingProgress(db: DbOrTx, rectificationId: string, findings: FindingProgress[]) {
  if (findings.length === 0) return;
  await db(FINDINGS_TABLE)
    .insert(
      findings.map((f) => ({
        rectification_id: rectificationId,
        finding_id: f.id,
        responsible_side: f.responsibleSide,
        state: f.state,
        plan: f.plan ? JSON.stringify(f.plan) : null,
        plan_submitted_by: f.plan?.submittedBy ?? null,
        plan_submitted_at: f.plan?.submittedAt ?? null,
        pending_submission_id: f.pendingSubmissionId ?? null,
        rejections: f.rejections,
        updated_at: db.fn.now(),
      })),
    )
    .onConflict(['rectification_id', 'finding_id'])
    .merge();
}

export async function listFindingRecords(db: DbOrTx, rectificationId: string): Promise<FindingRecord[]> {
  return (await db(FINDINGS_TABLE).where({ rectification_id: rectificationId }).orderBy('finding_id')).map(mapFinding);
}

export async function insertFindingReview(
  db: DbOrTx,
  r: { rectificationId: string; findingId: string } & Omit<FindingReview, 'findingId' | 'reviewedAt'> & { at: string },
): Promise<void> {
  await db(FINDING_REVIEWS_TABLE)
    .insert({
      rectification_id: r.rectificationId,
      finding_id: r.findingId,
      submission_id: r.submissionId,
      decision: r.decision,
      reasons: r.reasons,
      reviewed_by: r.reviewedBy,
      reviewed_at: r.at,
    })
    .onConflict(['submission_id', 'finding_id'])
    .ignore();
}

export async function listFindingReviews(db: DbOrTx, rectificationId: string): Promise<FindingReview[]> {
  return (await db(FINDING_REVIEWS_TABLE).where({ rectification_id: rectificationId }).orderBy('id')).map(mapReview);
}
