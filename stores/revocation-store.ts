import type { DbOrTx } from '../platform/db';

export const REVOCATIONS_TABLE = 'qualification_revocations';
export const REVIEWS_TABLE = 'rectification_reviews';

/** An institution whose cooperation qualification in a region stands revoked (until reinstated). */
export async function activeRevocation(db: DbOrTx, institutionId: string, regionCode: string) {
  return db(REVOCATIONS_TABLE)
    .where({ institution_id: institutionId, region_code: regionCode })
    .whereNull('reinstated_at')
    .first();
}

export async function insertRevocation(
  db: DbOrTx,
  r: { institutionId: string; regionCode: string; rectificationId: string; revokedBy: string },
): Promise<void> {
  await db(REVOCATIONS_TABLE)
    .insert({
      institution_id: r.institutionId,
      region_code: r.regionCode,
      rectification_id: r.rectificationId,
      revoked_by: r.revokedBy,
    })
    .onConflict(['rectification_id', 'institution_id'])
    .ignore();
}

export async function reinstate(db: DbOrTx, institutionId: string, regionCode: string, by: string): Promise<number> {
  return db(REVOCATIONS_TABLE)
    .where({ institution_id: institutionId, region_code: regionCode })
    .whereNull('reinstated_at')
    .update({ reinstated_at: db.fn.now(), reinstated_by: by });
}

export async function insertReview(
  db: DbOrTx,
  r: {
    rectificationId: string;
    submissionId: string;
    decision: string;
    reasons: string;
    reviewedBy: string;
    at: string;
  },
): Promise<void> {
  await db(REVIEWS_TABLE)
    .insert({
      rectification_id: r.rectificationId,
      submission_id: r.submissionId,
      decision: r.decision,
      reasons: r.reasons,
      reviewed_by: r.reviewedBy,
      reviewed_at: r.at,
    })
    .onConflict('submission_id')
    .ignore();
}

export async function listReviews(db: DbOrTx, rectificationId: string) {
  const rows = await db(REVIEWS_TABLE).where({ rectification_id: rectificationId }).orderBy('id');
  return rows.map((r) => ({
    submissionId: r.submission_id as string,
    decision: r.decision as string,
    reasons: r.reasons as string,
    reviewedBy: r.reviewed_by as string,
    reviewedAt: new Date(r.reviewed_at).toISOString(),
  }));
}

/**
 * The contracts a revoked qualification reaches (issue 12): every other contract of these
 * institutions in the region that has not ended (drafts included: they could no longer be signed).
 */
export async function contractsReachedBy(
  db: DbOrTx,
  r: { institutionIds: string[]; regionCode: string; exceptContractId: string; endedStatuses: readonly string[] },
): Promise<string[]> {
  return db('contracts')
    .where({ region_code: r.regionCode })
    .whereNot({ id: r.exceptContractId })
    .whereNotIn('status', [...r.endedStatuses])
    .where((q) =>
      q.whereIn('medical_institution_id', r.institutionIds).orWhereIn('care_institution_id', r.institutionIds),
    )
    .orderBy('id')
    .pluck('id');
}
