import { ApplicationFailure } from '@temporalio/activity';
import type { AgreementTerms } from '../domain/agreement';
import type { Side } from '../domain/contract';
import type { ApprovalOutcome } from '../domain/contract-approval';
import type { Db } from '../platform/db';
import { approvalOutcomeOf, upsertApprovalOutcome, upsertApprovalRequest } from '../stores/approval-store';
import { appendAudit, userActor } from '../stores/audit-store';
import {
  findContractWithNames,
  updateContractTerms,
  updateSigningDeadline,
  updateTermEnd,
  voidSignatures,
} from '../stores/contract-store';
import {
  closeRenewalProposalRow,
  findRenewalProposal,
  insertRenewal,
  insertRenewalProposal,
} from '../stores/renewal-store';
import { findUsers, partyUsersOf, regulatorsOf, type User } from '../stores/user-store';
import { type ProcessNoticeName, type ProcessNoticeParams, renderProcessNotice } from './contract-process-templates';
import { icsAttachment } from './ics';
import type { Mailer } from './mail-activities';
import { consolePath } from '../domain/console-links';
import { missingRow } from './missing-row';

const SYSTEM = 'system:contract-workflow';

export interface ProcessNoticeInput {
  contractId: string;
  notice: ProcessNoticeName;
  /** The outbox key is `<eventKey>:<recipient id>`. */
  eventKey: string;
  /** Each side: its liaison officer and its institution's party users. Regulators: the region's. */
  to: { sides?: readonly Side[]; regulators?: boolean };
  params: ProcessNoticeParams;
  /** Deterministic DTSTAMP of the calendar entry. */
  stamp: string;
}

/**
 * Signing, approval (备案) and renewal-by-both-parties: their records and their notices. Each write
 * is idempotent by its business key (contract and round, proposal id), each mail by its event key.
 */
export function createContractProcessActivities(deps: { db: Db; mailer: Mailer; publicBaseUrl: string }) {
  async function recipientsOf(input: ProcessNoticeInput) {
    const found = await findContractWithNames(deps.db, input.contractId);
    if (!found) throw missingRow(`contract ${input.contractId} not found`, 'ContractNotFound');
    const { contract } = found;
    const users: User[] = [];
    for (const side of input.to.sides ?? []) {
      const [institutionId, liaisonId] =
        side === 'medical'
          ? [contract.medicalInstitutionId, contract.medicalLiaisonUserId]
          : [contract.careInstitutionId, contract.careLiaisonUserId];
      users.push(...(await findUsers(deps.db, [liaisonId])), ...(await partyUsersOf(deps.db, [institutionId])));
    }
    if (input.to.regulators) users.push(...(await regulatorsOf(deps.db, contract.regionCode)));
    const unique = [...new Map(users.map((u) => [u.id, u])).values()];
    return { ...found, users: unique };
  }

  return {
    async notifyContractProcess(input: ProcessNoticeInput): Promise<number> {
      const { contract, medicalName, careName, users } = await recipientsOf(input);
      for (const user of users) {
        const rendered = renderProcessNotice(input.notice, user.locale, input.params, {
          recipient: user.name,
          medical: medicalName,
          care: careName,
          url: `${deps.publicBaseUrl}${consolePath.contract(contract.id)}`,
        });
        const attachments = rendered.ics
          ? [icsAttachment('carepact-deadline.ics', { uid: input.eventKey, stamp: input.stamp, ...rendered.ics })]
          : [];
        await deps.mailer.deliver({
          idempotencyKey: `${input.eventKey}:${user.id}`,
          to: user.email,
          locale: user.locale,
          template: input.notice,
          subject: rendered.subject,
          text: rendered.text,
          attachments,
        });
      }
      return users.length;
    },

    async recordApprovalRound(input: {
      contractId: string;
      round: number;
      requestedAt: string;
      decisionDeadline: string;
    }): Promise<void> {
      await upsertApprovalRequest(deps.db, input);
    },

    /** A return voids both signatures (kept on the round's row) and opens a new signing window. */
    async recordApprovalDecision(input: {
      contractId: string;
      round: number;
      outcome: ApprovalOutcome;
      at: string;
      userId?: string;
      reasons?: string;
      newSigningDeadline?: string;
    }): Promise<void> {
      await deps.db.transaction(async (tx) => {
        // A retry after the commit changes nothing (the first attempt voided and kept the signatures).
        if ((await approvalOutcomeOf(tx, input.contractId, input.round)) === input.outcome) return;
        const voided = input.outcome === 'returned' ? await voidSignatures(tx, input.contractId) : undefined;
        await upsertApprovalOutcome(tx, {
          contractId: input.contractId,
          round: input.round,
          outcome: input.outcome,
          reasons: input.reasons,
          decidedBy: input.userId,
          decidedAt: input.at,
          voidedSignatures: voided,
          newSigningDeadline: input.newSigningDeadline,
        });
        if (input.newSigningDeadline)
          await updateSigningDeadline(tx, input.contractId, input.newSigningDeadline, input.at);
        await appendAudit(tx, {
          actorUserId: input.userId ?? null,
          actor: input.userId ? userActor(input.userId) : SYSTEM,
          action: `contract.approval-${input.outcome}`,
          entityType: 'contract',
          entityId: input.contractId,
          details: {
            round: input.round,
            ...(input.reasons ? { reasons: input.reasons } : {}),
            ...(voided ? { voidedSignatures: voided } : {}),
            ...(input.newSigningDeadline ? { newSigningDeadline: input.newSigningDeadline } : {}),
          },
          idempotencyKey: `contract:${input.contractId}:approval:${input.round}:${input.outcome}`,
        });
      });
    },

    async recordRenewalProposal(input: {
      contractId: string;
      proposalId: string;
      side: Side;
      institutionId: string;
      userId: string;
      previousTermEnd: string;
      termEnd: string;
      countersignDeadline: string;
      terms?: AgreementTerms;
      at: string;
    }): Promise<void> {
      await deps.db.transaction(async (tx) => {
        await insertRenewalProposal(tx, {
          id: input.proposalId,
          contractId: input.contractId,
          side: input.side,
          institutionId: input.institutionId,
          proposedBy: input.userId,
          previousTermEnd: input.previousTermEnd,
          termEnd: input.termEnd,
          terms: input.terms,
          countersignDeadline: input.countersignDeadline,
        });
        await appendAudit(tx, {
          actorUserId: input.userId,
          actor: userActor(input.userId),
          action: 'contract.renewal-proposed',
          entityType: 'contract',
          entityId: input.contractId,
          details: {
            proposalId: input.proposalId,
            side: input.side,
            termEnd: input.termEnd,
            countersignDeadline: input.countersignDeadline,
            termsChanged: input.terms !== undefined,
          },
          idempotencyKey: `contract:${input.contractId}:renewal:${input.proposalId}:proposed`,
        });
      });
    },

    /** Countersigned: the term moves (and the terms change, if proposed) in the same transaction. */
    async closeRenewalProposal(input: {
      contractId: string;
      proposalId: string;
      status: 'countersigned' | 'declined' | 'lapsed';
      userId?: string;
      reason?: string;
      at: string;
    }): Promise<void> {
      await deps.db.transaction(async (tx) => {
        const proposal = await findRenewalProposal(tx, input.proposalId);
        if (!proposal)
          throw ApplicationFailure.nonRetryable(`renewal proposal ${input.proposalId} not found`, 'ProposalNotFound');
        await closeRenewalProposalRow(tx, input.proposalId, {
          status: input.status,
          answeredBy: input.userId,
          answeredAt: input.at,
          reason: input.reason,
        });
        if (input.status === 'countersigned') {
          await updateTermEnd(tx, input.contractId, proposal.termEnd, input.at);
          if (proposal.terms) await updateContractTerms(tx, input.contractId, proposal.terms, input.at);
          await insertRenewal(tx, input.contractId, {
            previousTermEnd: proposal.previousTermEnd,
            newTermEnd: proposal.termEnd,
            renewedBy: input.userId ?? proposal.proposedBy,
          });
        }
        await appendAudit(tx, {
          actorUserId: input.userId ?? null,
          actor: input.userId ? userActor(input.userId) : SYSTEM,
          action: `contract.renewal-${input.status}`,
          entityType: 'contract',
          entityId: input.contractId,
          details: {
            proposalId: input.proposalId,
            previousTermEnd: proposal.previousTermEnd,
            termEnd: proposal.termEnd,
            ...(input.reason ? { reason: input.reason } : {}),
          },
          idempotencyKey: `contract:${input.contractId}:renewal:${input.proposalId}:${input.status}`,
        });
      });
    },
  };
}

export type ContractProcessActivities = ReturnType<typeof createContractProcessActivities>;
