import type { ContractStatus, Side } from '../domain/contract';
import type { Db } from '../platform/db';
import { appendAudit, userActor } from '../stores/audit-store';
import { findContractWithNames, insertSignature, updateContractStatus } from '../stores/contract-store';
import { findUsers, regulatorsOf } from '../stores/user-store';
import type { Mailer } from './mail-activities';
import { ContractTemplateName, renderContractMail } from './mail-templates';
import { consolePath } from '../domain/console-links';
import { missingRow } from './missing-row';

export interface ContractActivityDeps {
  db: Db;
  mailer: Mailer;
  publicBaseUrl: string;
}

export interface SignatureInput {
  contractId: string;
  side: Side;
  institutionId: string;
  userId: string;
  signedAt: string;
  /** The signing round after a return by the regulator (absent in the first). */
  round?: number;
}

export interface StatusChangeInput {
  contractId: string;
  status: ContractStatus;
  at: string;
  reason?: string;
  /** "user:<id>" for a person's command, "system:contract-workflow" for a deadline. */
  actor: string;
  actorUserId?: string;
  /** What moved the status, for a status a contract can enter more than once (rectifying, active again). */
  cause?: string;
}

export interface ContractNoticeInput {
  contractId: string;
  template: ContractTemplateName;
  /** Distinguishes this notice from every other: the outbox key is `<eventKey>:<recipient>`. */
  eventKey: string;
  reason?: string;
  deadline?: string;
  includeRegulators?: boolean;
}

export function createContractActivities(deps: ContractActivityDeps) {
  async function loadContract(contractId: string) {
    const found = await findContractWithNames(deps.db, contractId);
    if (!found) throw missingRow(`contract ${contractId} not found`, 'ContractNotFound');
    return found;
  }

  return {
    async recordSignature(input: SignatureInput): Promise<void> {
      await deps.db.transaction(async (tx) => {
        await insertSignature(tx, input);
        const round = input.round && input.round > 1 ? `:round:${input.round}` : '';
        await appendAudit(tx, {
          actorUserId: input.userId,
          actor: userActor(input.userId),
          action: 'contract.signed',
          entityType: 'contract',
          entityId: input.contractId,
          details: {
            side: input.side,
            institutionId: input.institutionId,
            signedAt: input.signedAt,
            ...(input.round ? { round: input.round } : {}),
          },
          idempotencyKey: `contract:${input.contractId}:signed:${input.side}${round}`,
        });
      });
    },

    async recordContractStatus(input: StatusChangeInput): Promise<void> {
      await deps.db.transaction(async (tx) => {
        await updateContractStatus(tx, input.contractId, input.status, input.at, input.reason);
        await appendAudit(tx, {
          actorUserId: input.actorUserId ?? null,
          actor: input.actor,
          action: `contract.${input.status}`,
          entityType: 'contract',
          entityId: input.contractId,
          details: {
            status: input.status,
            at: input.at,
            ...(input.reason ? { reason: input.reason } : {}),
            ...(input.cause ? { cause: input.cause } : {}),
          },
          idempotencyKey: `contract:${input.contractId}:status:${input.status}${input.cause ? `:${input.cause}` : ''}`,
        });
      });
    },

    /** Mails both liaison officers (and, when asked, the region's regulators) in their own language. */
    async notifyContractParties(input: ContractNoticeInput): Promise<number> {
      const { contract, medicalName, careName } = await loadContract(input.contractId);
      const recipients = await findUsers(deps.db, [contract.medicalLiaisonUserId, contract.careLiaisonUserId]);
      if (input.includeRegulators) recipients.push(...(await regulatorsOf(deps.db, contract.regionCode)));
      for (const user of recipients) {
        const rendered = renderContractMail(input.template, user.locale, {
          contractId: contract.id,
          medicalName,
          careName,
          recipientName: user.name,
          reason: input.reason,
          deadline: input.deadline,
          meetingPeriod: contract.policy.obligations.meetingPeriod,
          contractUrl: `${deps.publicBaseUrl}${consolePath.contract(contract.id)}`,
        });
        await deps.mailer.deliver({
          idempotencyKey: `${input.eventKey}:${user.id}`,
          to: user.email,
          locale: user.locale,
          template: input.template,
          ...rendered,
        });
      }
      return recipients.length;
    },
  };
}

export type ContractActivities = ReturnType<typeof createContractActivities>;
