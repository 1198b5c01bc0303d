import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import { contractClock, type PolicyClock } from '../domain/clock';
import { evaluationDeadline } from '../domain/evaluation';
import { policyToday } from '../domain/obligations';
import type { Policy } from '../domain/policy';
import type { Db } from '../platform/db';
import { readEvidenceText } from '../platform/evidence-storage';
import { appendAudit, userActor } from '../stores/audit-store';
import { findContract } from '../stores/contract-store';
import { findEvaluation, insertEvaluations, loadByOrganizationIds } from '../stores/evaluation-store';
import { insertSubmission } from '../stores/evidence-store';
import { conflictedOrganizationIds, listOrganizations } from '../stores/evaluator-store';
import { evidenceFor } from '../stores/obligation-store';
import { findRectification, type OrderFinding, updateRectification } from '../stores/rectification-store';
import { insertReview, insertRevocation } from '../stores/revocation-store';
import type { EvidenceReceipt, SubmitEvidenceArgs } from '../messages/rectification-messages';
import type { EvaluationNotifier } from './evaluation-notify';
import { missingRow } from './missing-row';

type RectificationPolicy = Pick<Policy, 'version' | 'timeScale' | 'evaluation' | 'rectification'>;

export function createRectificationActivities(deps: { db: Db; notifier: EvaluationNotifier; evidenceDir: string }) {
  const { db } = deps;
  const audit = (
    rectificationId: string,
    action: string,
    details: Record<string, unknown>,
    key: string,
    userId?: string,
  ) =>
    appendAudit(db, {
      actorUserId: userId ?? null,
      actor: userId ? userActor(userId) : 'system:rectification',
      action,
      entityType: 'rectification',
      entityId: rectificationId,
      details,
      idempotencyKey: `rectification:${rectificationId}:${key}`,
    });
  const order = async (id: string) => {
    const found = await findRectification(db, id);
    if (!found) throw missingRow(`no rectification ${id}`, 'UnknownRectification');
    return found;
  };

  return {
    /** The order as issued, on its contract's policy clock (deadlines are that contract's calendar dates). */
    async loadRectification(input: { rectificationId: string }): Promise<{
      deadline: string;
      issuedOn: string;
      extensions: number;
      policy: RectificationPolicy;
      clock: PolicyClock;
      regionCode?: string;
      /** Orders with itemized findings (issue 12); absent in histories recorded before. */
      itemized?: boolean;
      findings?: Pick<OrderFinding, 'id' | 'responsibleSide'>[];
      /** Who scored the evaluation: never the reviewer of the evidence against its findings. */
      evaluatorUserId?: string;
    }> {
      // A regulator's direct order starts its workflow inside the transaction that inserts it: retried until committed.
      const o = await findRectification(db, input.rectificationId);
      if (!o)
        throw ApplicationFailure.retryable(`no rectification ${input.rectificationId} (yet)`, 'UnknownRectification');
      const contract = (await findContract(db, o.contractId))!;
      const policy = o.policy as Policy;
      return {
        deadline: o.deadline,
        issuedOn: o.issuedOn,
        extensions: o.extensions,
        policy: {
          version: policy.version,
          timeScale: policy.timeScale,
          evaluation: policy.evaluation,
          rectification: policy.rectification,
        },
        clock: contractClock(contract),
        // Optional because histories recorded before it was returned replay without it.
        regionCode: contract.regionCode,
        itemized: o.itemized,
        findings: o.findings.map((f) => ({ id: f.id, responsibleSide: f.responsibleSide })),
        evaluatorUserId: o.evaluationId ? (await findEvaluation(db, o.evaluationId))?.submittedBy : undefined,
      };
    },

    async recordEvidence(
      input: SubmitEvidenceArgs & { rectificationId: string; receivedAt: string },
    ): Promise<EvidenceReceipt> {
      // Texts come by reference (no length limit); the record keeps them whole.
      const texts = await Promise.all(
        input.texts.map(async (t) => ({
          findingId: t.findingId,
          text: await readEvidenceText(deps.evidenceDir, t.sha256),
        })),
      );
      await db.transaction(async (tx) => {
        await insertSubmission(tx, {
          id: input.submissionId,
          rectificationId: input.rectificationId,
          submittedBy: input.userId,
          receivedAt: input.receivedAt,
          texts,
          files: input.files,
        });
        await updateRectification(tx, input.rectificationId, { status: 'evidence-under-review' });
      });
      await audit(
        input.rectificationId,
        'rectification.evidence-submitted',
        {
          submissionId: input.submissionId,
          files: input.files.map((f) => ({ filename: f.filename, sha256: f.sha256, size: f.size })),
          texts: input.texts.length,
        },
        `evidence:${input.submissionId}`,
        input.userId,
      );
      return {
        submissionId: input.submissionId,
        rectificationId: input.rectificationId,
        receivedAt: input.receivedAt,
        files: input.files,
        texts: input.texts.length,
      };
    },

    async recordReview(input: {
      rectificationId: string;
      submissionId: string;
      decision: 'accepted' | 'rejected';
      reasons: string;
      userId: string;
      at: string;
    }): Promise<void> {
      await db.transaction(async (tx) => {
        await insertReview(tx, {
          rectificationId: input.rectificationId,
          submissionId: input.submissionId,
          decision: input.decision,
          reasons: input.reasons,
          reviewedBy: input.userId,
          at: input.at,
        });
        await updateRectification(tx, input.rectificationId, {
          status: input.decision === 'accepted' ? 're-evaluation' : 'awaiting-evidence',
        });
      });
      await audit(
        input.rectificationId,
        `rectification.evidence-${input.decision}`,
        { submissionId: input.submissionId, reasons: input.reasons },
        `review:${input.submissionId}`,
        input.userId,
      );
    },

    async recordExtension(input: {
      rectificationId: string;
      deadline: string;
      extensions: number;
      reason: string;
      userId: string;
    }): Promise<void> {
      await updateRectification(db, input.rectificationId, {
        deadline: input.deadline,
        extensions: input.extensions,
        extension_reason: input.reason,
      });
      await audit(
        input.rectificationId,
        'rectification.extended',
        { deadline: input.deadline, reason: input.reason },
        `extension:${input.extensions}`,
        input.userId,
      );
    },

    /** An on-site re-evaluation by an organization without a conflict, once per order. */
    async createReEvaluation(input: {
      rectificationId: string;
    }): Promise<{ evaluationId: string; organizationId: string; deadline: string }> {
      const o = await order(input.rectificationId);
      const contract = (await findContract(db, o.contractId))!;
      const policy = o.policy as Policy;
      const deadline = evaluationDeadline(policyToday(contractClock(contract), Date.now()), policy);
      return db.transaction(async (tx) => {
        const current = await findRectification(tx, o.id);
        if (current?.reEvaluationId) {
          const existing = (await findEvaluation(tx, current.reEvaluationId))!;
          return { evaluationId: existing.id, organizationId: existing.organizationId, deadline: existing.deadline };
        }
        const conflicts = await conflictedOrganizationIds(tx, [
          contract.medicalInstitutionId,
          contract.careInstitutionId,
        ]);
        const excluded = new Set([
          ...(conflicts.get(contract.medicalInstitutionId) ?? []),
          ...(conflicts.get(contract.careInstitutionId) ?? []),
        ]);
        const candidates = (await listOrganizations(tx, contract.regionCode))
          .map((org) => org.id)
          .filter((orgId) => !excluded.has(orgId))
          .sort();
        if (candidates.length === 0)
          throw ApplicationFailure.retryable(
            `no evaluator organization in ${contract.regionCode} is free of conflicts for this contract`,
            'NoEvaluator',
          );
        const load = await loadByOrganizationIds(tx, candidates);
        const organizationId = candidates.reduce((best, orgId) =>
          (load.get(orgId) ?? 0) < (load.get(best) ?? 0) ? orgId : best,
        );
        const evaluationId = randomUUID();
        await insertEvaluations(tx, [
          {
            id: evaluationId,
            cycleId: null,
            contractId: contract.id,
            kind: 're-evaluation',
            organizationId,
            deadline,
            evidence: (await evidenceFor(tx, [contract.id])).get(contract.id) ?? {},
          },
        ]);
        await updateRectification(tx, o.id, { re_evaluation_id: evaluationId, status: 're-evaluation' });
        await appendAudit(tx, {
          actor: 'system:rectification',
          action: 'rectification.re-evaluation-assigned',
          entityType: 'rectification',
          entityId: o.id,
          details: { evaluationId, organizationId, deadline },
          idempotencyKey: `rectification:${o.id}:re-evaluation`,
        });
        return { evaluationId, organizationId, deadline };
      });
    },

    /** Without a deadline (orders under representations-v1) it is recorded once the notice is delivered. */
    async issueRevocationNotice(input: {
      rectificationId: string;
      reason: string;
      representationsDeadline?: string;
    }): Promise<void> {
      await updateRectification(db, input.rectificationId, {
        status: 'notice-of-revocation',
        ...(input.representationsDeadline ? { representations_deadline: input.representationsDeadline } : {}),
      });
      await audit(
        input.rectificationId,
        'rectification.revocation-notice',
        { reason: input.reason, representationsDeadline: input.representationsDeadline },
        'notice',
      );
    },

    async closeRectification(input: {
      rectificationId: string;
      outcome: 'closed' | 'withdrawn';
      reasons: string;
      userId?: string;
    }): Promise<void> {
      await updateRectification(db, input.rectificationId, {
        status: input.outcome,
        outcome: input.outcome,
        closed_at: db.fn.now(),
      });
      await audit(
        input.rectificationId,
        `rectification.${input.outcome}`,
        { reasons: input.reasons },
        input.outcome,
        input.userId,
      );
    },

    /**
     * Revokes the medical institution's cooperation qualification in the region and ends the
     * contract; the institution cannot sign new contracts there until a regulator reinstates it.
     */
    async revokeQualification(input: {
      rectificationId: string;
      reasons: string;
      userId: string;
    }): Promise<{ contractId: string }> {
      const o = await order(input.rectificationId);
      const contract = (await findContract(db, o.contractId))!;
      await db.transaction(async (tx) => {
        await insertRevocation(tx, {
          institutionId: contract.medicalInstitutionId,
          regionCode: contract.regionCode,
          rectificationId: o.id,
          revokedBy: input.userId,
        });
        await updateRectification(tx, o.id, { status: 'revoked', outcome: 'revoked', closed_at: tx.fn.now() });
      });
      await audit(
        o.id,
        'rectification.qualification-revoked',
        { institutionId: contract.medicalInstitutionId, regionCode: contract.regionCode, reasons: input.reasons },
        'revoked',
        input.userId,
      );
      return { contractId: contract.id };
    },

    async notifyRectification(input: {
      rectificationId: string;
      notice: string;
      eventKey: string;
      submissionId?: string;
      reasons?: string;
      decision?: string;
      daysLeft?: number;
    }): Promise<void> {
      await deps.notifier.aboutRectification(input as never);
    },
  };
}
