import type { FindingProgress } from '../domain/rectification-findings';
import type { Db, DbOrTx } from '../platform/db';
import { appendAudit, userActor } from '../stores/audit-store';
import { insertFindingReview, saveFindingProgress } from '../stores/finding-store';
import { updateRectification } from '../stores/rectification-store';
import { type FindingNoticeInput, sendFindingNotice } from './finding-notify';
import type { Mailer } from './mail-activities';

interface AuditEntry {
  action: string;
  key: string;
  userId?: string;
  details: Record<string, unknown>;
}

/** An itemized order's record (issue 12): each finding's state and plan, its reviews, its dates from delivery. */
export function createFindingActivities(deps: { db: Db; mailer: Mailer; publicBaseUrl: string }) {
  const { db } = deps;
  const audit = (tx: DbOrTx, id: string, entry: AuditEntry) =>
    appendAudit(tx, {
      actorUserId: entry.userId ?? null,
      actor: entry.userId ? userActor(entry.userId) : 'system:rectification',
      action: entry.action,
      entityType: 'rectification',
      entityId: id,
      details: entry.details,
      idempotencyKey: `rectification:${id}:${entry.key}`,
    });

  return {
    /** The workflow's whole view of the findings after a change; written whole, so a retry writes the same. */
    async recordFindingProgress(input: {
      rectificationId: string;
      findings: FindingProgress[];
      step: string;
      failedFindingIds?: string[];
      audit: AuditEntry;
    }): Promise<void> {
      await db.transaction(async (tx) => {
        await saveFindingProgress(tx, input.rectificationId, input.findings);
        await updateRectification(tx, input.rectificationId, {
          status: input.step,
          ...(input.failedFindingIds ? { failed_finding_ids: JSON.stringify(input.failedFindingIds) } : {}),
        });
        await audit(tx, input.rectificationId, input.audit);
      });
    },

    async recordFindingReview(input: {
      rectificationId: string;
      findingId: string;
      submissionId: string;
      decision: 'accepted' | 'rejected';
      reasons: string;
      userId: string;
      at: string;
      findings: FindingProgress[];
      step: string;
    }): Promise<void> {
      await db.transaction(async (tx) => {
        await insertFindingReview(tx, { ...input, reviewedBy: input.userId });
        await saveFindingProgress(tx, input.rectificationId, input.findings);
        await updateRectification(tx, input.rectificationId, { status: input.step });
        await audit(tx, input.rectificationId, {
          action: `rectification.finding-${input.decision}`,
          key: `review:${input.submissionId}:${input.findingId}`,
          userId: input.userId,
          details: { findingId: input.findingId, submissionId: input.submissionId, reasons: input.reasons },
        });
      });
    },

    /** Deadlines run from delivery: the order's dates once its mails were sent. */
    async recordFindingDeadlines(input: {
      rectificationId: string;
      deliveredAt: string;
      planDeadline: string;
      deadline: string;
      originalDeadline: string;
    }): Promise<void> {
      await db.transaction(async (tx) => {
        await updateRectification(tx, input.rectificationId, {
          delivered_at: input.deliveredAt,
          plan_deadline: input.planDeadline,
          deadline: input.deadline,
          original_deadline: input.originalDeadline,
        });
        await audit(tx, input.rectificationId, {
          action: 'rectification.deadlines-from-delivery',
          key: 'deadlines',
          details: { deliveredAt: input.deliveredAt, planDeadline: input.planDeadline, deadline: input.deadline },
        });
      });
    },

    async notifyFindings(input: FindingNoticeInput): Promise<void> {
      await sendFindingNotice(deps, input);
    },
  };
}
