import type { OpenItem } from '../domain/contract-agenda';
import type { Obligation } from '../domain/obligations';
import type { Policy } from '../domain/policy';
import type { Db } from '../platform/db';
import { appendAudit, userActor } from '../stores/audit-store';
import { updateContractPolicy, updateTermEnd } from '../stores/contract-store';
import { countMeetingsBetween, findActionItem, listOpenActionItems } from '../stores/meeting-store';
import { closePeriod, insertEscalation, ObligationPeriodRecord } from '../stores/obligation-store';
import { findRequest, listOpenRequests } from '../stores/request-store';
import { countSurveysBetween } from '../stores/survey-store';
import { countVisitsBetween } from '../stores/visit-store';
import { insertRenewal } from '../stores/renewal-store';

const counters: Record<Obligation, (db: Db, contractId: string, from: string, to: string) => Promise<number>> = {
  visit: countVisitsBetween,
  meeting: countMeetingsBetween,
  survey: countSurveysBetween,
};

export interface PeriodRef {
  contractId: string;
  obligation: Obligation;
  periodKey: string;
  start: string;
  end: string;
  required: number;
}

export function createObligationActivities(deps: { db: Db }) {
  return {
    /** The facts recorded so far for a period, read from Postgres (never from signals alone). */
    async countObligationFacts(ref: PeriodRef): Promise<number> {
      return counters[ref.obligation](deps.db, ref.contractId, ref.start, ref.end);
    },

    async closeObligationPeriod(ref: PeriodRef & { consecutiveMissesBefore: number }): Promise<ObligationPeriodRecord> {
      const actual = await counters[ref.obligation](deps.db, ref.contractId, ref.start, ref.end);
      const met = actual >= ref.required;
      return closePeriod(deps.db, ref.contractId, {
        obligation: ref.obligation,
        periodKey: ref.periodKey,
        startDate: ref.start,
        endDate: ref.end,
        required: ref.required,
        actual,
        met,
        consecutiveMisses: met ? 0 : ref.consecutiveMissesBefore + 1,
      });
    },

    async recordEscalation(input: {
      contractId: string;
      level: string;
      subject: string;
      details: Record<string, unknown>;
    }): Promise<boolean> {
      return deps.db.transaction(async (tx) => {
        const inserted = await insertEscalation(tx, input.contractId, input);
        await appendAudit(tx, {
          actor: 'system:contract-workflow',
          action: `escalation.${input.level}`,
          entityType: 'contract',
          entityId: input.contractId,
          details: { subject: input.subject, ...input.details },
          idempotencyKey: `contract:${input.contractId}:escalation:${input.level}:${input.subject}`,
        });
        return inserted;
      });
    },

    /** Open requests and action items as Postgres knows them, so a lost signal never loses a deadline. */
    async openItems(contractId: string): Promise<{ requests: OpenItem[]; actionItems: OpenItem[] }> {
      const [requests, actionItems] = await Promise.all([
        listOpenRequests(deps.db, contractId),
        listOpenActionItems(deps.db, contractId),
      ]);
      return {
        requests: requests.map((r) => ({ id: r.id, dueDate: r.answerDueDate })),
        actionItems: actionItems.map((a) => ({ id: a.id, dueDate: a.dueDate })),
      };
    },

    async isItemOpen(input: {
      kind: 'request' | 'action-item';
      id: string;
    }): Promise<{ open: boolean; subject: string; ownerName?: string }> {
      if (input.kind === 'request') {
        const request = await findRequest(deps.db, input.id);
        return { open: !!request && !request.answeredAt, subject: request?.subject ?? '' };
      }
      const item = await findActionItem(deps.db, input.id);
      return { open: !!item && !item.completedAt, subject: item?.description ?? '', ownerName: item?.ownerName };
    },

    async recordRenewal(input: {
      contractId: string;
      previousTermEnd: string;
      newTermEnd: string;
      userId: string;
      at: string;
    }): Promise<void> {
      await deps.db.transaction(async (tx) => {
        await updateTermEnd(tx, input.contractId, input.newTermEnd, input.at);
        await insertRenewal(tx, input.contractId, {
          previousTermEnd: input.previousTermEnd,
          newTermEnd: input.newTermEnd,
          renewedBy: input.userId,
        });
        await appendAudit(tx, {
          actorUserId: input.userId,
          actor: userActor(input.userId),
          action: 'contract.renewed',
          entityType: 'contract',
          entityId: input.contractId,
          details: { previousTermEnd: input.previousTermEnd, newTermEnd: input.newTermEnd },
          idempotencyKey: `contract:${input.contractId}:renewed:${input.newTermEnd}`,
        });
      });
    },

    async applyPolicy(input: { contractId: string; policy: Policy }): Promise<void> {
      await deps.db.transaction(async (tx) => {
        await updateContractPolicy(tx, input.contractId, input.policy);
        await appendAudit(tx, {
          actor: 'system:contract-workflow',
          action: 'contract.policy-applied',
          entityType: 'contract',
          entityId: input.contractId,
          details: { policyVersion: input.policy.version },
          idempotencyKey: `contract:${input.contractId}:policy:${input.policy.version}`,
        });
      });
    },
  };
}
