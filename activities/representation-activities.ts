import { contractClock } from '../domain/clock';
import { terminalStatuses } from '../domain/contract';
import { policyToday } from '../domain/obligations';
import { type Policy, revocationPolicyOf } from '../domain/policy';
import { representationsDeadline } from '../domain/rectification';
import { sidesAtStake } from '../domain/representations';
import type { Db } from '../platform/db';
import { readEvidenceText } from '../platform/evidence-storage';
import { appendAudit, userActor } from '../stores/audit-store';
import { findContract } from '../stores/contract-store';
import { findRectification, updateRectification } from '../stores/rectification-store';
import {
  findDecision,
  findRepresentation,
  insertDecision,
  insertRepresentation,
  recordReach,
} from '../stores/representation-store';
import { contractsReachedBy, insertRevocation } from '../stores/revocation-store';
import type {
  FileRepresentationsArgs,
  RepresentationReceipt,
  WaiveRepresentationsArgs,
} from '../messages/representation-messages';
import type { Mailer } from './mail-activities';
import { createRepresentationNotifier } from './representation-notify';
import { missingRow } from './missing-row';

export interface RevocationReach {
  contractId: string;
  reach: 'institution-in-region' | 'this-contract';
  institutionIds: string[];
  /** The institutions' other contracts in the region that end with the qualification. */
  endedContractIds: string[];
}

/** The notice step's records (issue 12): representations, the delivered deadline, the decision and its reach. */
export function createRepresentationActivities(deps: {
  db: Db;
  mailer: Mailer;
  publicBaseUrl: string;
  evidenceDir: string;
}) {
  const { db } = deps;
  const notifier = createRepresentationNotifier(deps);
  const audit = (id: string, action: string, details: Record<string, unknown>, key: string, userId?: string) =>
    appendAudit(db, {
      actorUserId: userId ?? null,
      actor: userId ? userActor(userId) : 'system:rectification',
      action,
      entityType: 'rectification',
      entityId: id,
      details,
      idempotencyKey: `rectification:${id}:${key}`,
    });
  const order = async (id: string) => {
    const found = await findRectification(db, id);
    if (!found) throw missingRow(`no rectification ${id}`, 'UnknownRectification');
    return found;
  };

  return {
    /** A representation or a declaration of none, recorded once under its id; the text is kept whole in its row. */
    async recordRepresentation(
      input: (FileRepresentationsArgs | WaiveRepresentationsArgs) & {
        rectificationId: string;
        kind: 'filed' | 'waived';
        receivedAt: string;
      },
    ): Promise<RepresentationReceipt> {
      const text = 'text' in input && input.text ? input.text : undefined;
      const files = 'files' in input ? input.files : [];
      await insertRepresentation(db, {
        id: input.representationId,
        rectificationId: input.rectificationId,
        kind: input.kind,
        institutionId: input.institutionId,
        submittedBy: input.userId,
        receivedAt: input.receivedAt,
        ...(text
          ? {
              text: await readEvidenceText(deps.evidenceDir, text.sha256),
              textSha256: text.sha256,
              textLength: text.length,
            }
          : {}),
        files,
      });
      await audit(
        input.rectificationId,
        input.kind === 'filed' ? 'rectification.representations-filed' : 'rectification.representations-waived',
        {
          representationId: input.representationId,
          institutionId: input.institutionId,
          ...(text ? { text } : {}),
          files: files.map((f) => ({ filename: f.filename, sha256: f.sha256, size: f.size })),
        },
        `representation:${input.representationId}`,
        input.userId,
      );
      const stored = (await findRepresentation(db, input.representationId))!;
      return {
        representationId: stored.id,
        rectificationId: stored.rectificationId,
        kind: stored.kind,
        institutionId: stored.institutionId,
        receivedAt: stored.receivedAt,
        ...(stored.textSha256 ? { text: { sha256: stored.textSha256, length: stored.textLength! } } : {}),
        files: stored.files,
      };
    },

    async notifyRepresentation(input: { representationId: string; eventKey: string }): Promise<void> {
      await notifier.heard({
        representation: (await findRepresentation(db, input.representationId))!,
        eventKey: input.eventKey,
      });
    },

    /**
     * The representations deadline, once the notice has left the outbox: the policy date of its
     * sending plus the policy's days (deadlines run from delivery, issue 12).
     */
    async recordRepresentationsDeadline(input: { rectificationId: string; sentAt: string }): Promise<{
      sentOn: string;
      representationsDeadline: string;
      reminderDaysBefore: number[];
    }> {
      const o = await order(input.rectificationId);
      const contract = (await findContract(db, o.contractId))!;
      const policy = o.policy as Policy;
      const sentOn = policyToday(contractClock(contract), Date.parse(input.sentAt));
      const deadline = representationsDeadline(sentOn, policy);
      await updateRectification(db, o.id, {
        representations_deadline: deadline,
        revocation_notice_sent_at: input.sentAt,
      });
      await audit(
        o.id,
        'rectification.representations-deadline',
        { sentAt: input.sentAt, sentOn, policyDays: policy.rectification.representationsDays, deadline },
        'representations-deadline',
      );
      return {
        sentOn,
        representationsDeadline: deadline,
        reminderDaysBefore: revocationPolicyOf(policy).representationsReminderDaysBefore,
      };
    },

    async remindRepresentations(input: {
      rectificationId: string;
      eventKey: string;
      daysLeft: number;
      stamp: string;
    }): Promise<void> {
      await notifier.reminder(input);
    },

    /** The decision with how each representation was considered; once per order. */
    async recordRevocationDecision(input: {
      rectificationId: string;
      decision: 'confirm' | 'withdraw';
      reasons: string;
      userId: string;
      at: string;
      considerations: { representationId: string; consideration: string }[];
    }): Promise<void> {
      await db.transaction((tx) =>
        insertDecision(
          tx,
          {
            rectificationId: input.rectificationId,
            decision: input.decision,
            reasons: input.reasons,
            decidedBy: input.userId,
            decidedAt: input.at,
          },
          input.considerations,
        ),
      );
      await audit(
        input.rectificationId,
        `rectification.revocation-${input.decision === 'confirm' ? 'confirmed' : 'withdrawn'}`,
        { reasons: input.reasons, considerations: input.considerations },
        'decision',
        input.userId,
      );
    },

    /**
     * Revokes the qualification of each institution at stake (the failed findings' sides) in the
     * region and, when the region's policy reaches that far, lists their other contracts there to
     * end. The first run's list is kept with the decision, so a retry ends the same contracts.
     */
    async revokeQualificationInReach(input: {
      rectificationId: string;
      reasons: string;
      userId: string;
      failedFindingIds?: string[];
    }): Promise<RevocationReach> {
      const o = await order(input.rectificationId);
      const contract = (await findContract(db, o.contractId))!;
      const { reach } = revocationPolicyOf(o.policy as Policy);
      const decided = await findDecision(db, o.id);
      if (decided?.reach)
        return {
          contractId: contract.id,
          reach: decided.reach as RevocationReach['reach'],
          institutionIds: decided.institutionIds!,
          endedContractIds: decided.endedContractIds!,
        };
      const sides = sidesAtStake(o.findings as { id: string; responsibleSide?: unknown }[], input.failedFindingIds);
      const institutionIds = sides.map((s) =>
        s === 'medical' ? contract.medicalInstitutionId : contract.careInstitutionId,
      );
      const result = await db.transaction(async (tx) => {
        for (const institutionId of institutionIds)
          await insertRevocation(tx, {
            institutionId,
            regionCode: contract.regionCode,
            rectificationId: o.id,
            revokedBy: input.userId,
          });
        const endedContractIds =
          reach === 'institution-in-region'
            ? await contractsReachedBy(tx, {
                institutionIds,
                regionCode: contract.regionCode,
                exceptContractId: contract.id,
                endedStatuses: terminalStatuses,
              })
            : [];
        await recordReach(tx, o.id, { reach, institutionIds, endedContractIds });
        await updateRectification(tx, o.id, { status: 'revoked', outcome: 'revoked', closed_at: tx.fn.now() });
        return { contractId: contract.id, reach, institutionIds, endedContractIds };
      });
      await audit(
        o.id,
        'rectification.qualification-revoked',
        { ...result, regionCode: contract.regionCode, reasons: input.reasons },
        'revoked',
        input.userId,
      );
      return result;
    },

    async notifyRevocationReach(input: {
      rectificationId: string;
      contractId: string;
      revokedInstitutionIds: string[];
      reasons: string;
      eventKey: string;
    }): Promise<void> {
      await notifier.reach(input);
    },
  };
}
