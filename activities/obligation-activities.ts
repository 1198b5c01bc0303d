import { type AgreedQuantities, agreedQuantitiesOf } from '../domain/agreement';
import { addDays, startOfShanghaiDay } from '../domain/calendar';
import type { OpenItem } from '../domain/contract-agenda';
import type { Obligation } from '../domain/obligations';
import type { Policy } from '../domain/policy';
import type { Db } from '../platform/db';
import { appendAudit, userActor } from '../stores/audit-store';
import { findContract, updateContractPolicy, updateTermEnd } from '../stores/contract-store';
import { countHealthTalksBetween } from '../stores/health-talk-store';
import {
  countMeetingsBetween,
  countQuarterlyMeetingsBetween,
  findActionItem,
  listOpenActionItems,
} from '../stores/meeting-store';
import { closePeriod, insertEscalation, ObligationPeriodRecord } from '../stores/obligation-store';
import { referralResponsesBetween } from '../stores/referral-store';
import { findRequest, listOpenRequests } from '../stores/request-store';
import { countSurveysBetween } from '../stores/survey-store';
import { countVisitsBetween, sumReexamsBetween } from '../stores/visit-store';
import { insertRenewal } from '../stores/renewal-store';

type Counter = (db: Db, contractId: string, from: string, to: string) => Promise<number>;

/** The facts that count towards each obligation; referrals are judged one by one instead (periodFacts). */
const counters: Record<Exclude<Obligation, 'referral'>, Counter> = {
  visit: countVisitsBetween,
  meeting: countQuarterlyMeetingsBetween,
  'monthly-meeting': countMeetingsBetween,
  survey: countSurveysBetween,
  reexam: sumReexamsBetween,
  'health-talk': countHealthTalksBetween,
};

export interface PeriodRef {
  contractId: string;
  obligation: Obligation;
  periodKey: string;
  start: string;
  end: string;
  required: number;
  /** Referrals only: the agreed response time in minutes. */
  targetMinutes?: number;
}

/**
 * What a period requires and how much of it was done. A referral period requires every referral
 * requested in it to be answered within the agreed minutes.
 */
async function periodFacts(db: Db, ref: PeriodRef): Promise<{ required: number; actual: number }> {
  if (ref.obligation !== 'referral')
    return { required: ref.required, actual: await counters[ref.obligation](db, ref.contractId, ref.start, ref.end) };
  const { total, withinTarget } = await referralResponsesBetween(
    db,
    ref.contractId,
    startOfShanghaiDay(ref.start),
    startOfShanghaiDay(addDays(ref.end, 1)),
    ref.targetMinutes!,
  );
  return { required: total, actual: withinTarget };
}

export function createObligationActivities(deps: { db: Db }) {
  return {
    /** The facts recorded so far for a period, read from Postgres (never from signals alone). */
    async countObligationFacts(ref: PeriodRef): Promise<number> {
      return (await periodFacts(deps.db, ref)).actual;
    },

    async closeObligationPeriod(ref: PeriodRef & { consecutiveMissesBefore: number }): Promise<ObligationPeriodRecord> {
      const { required, actual } = await periodFacts(deps.db, ref);
      const met = actual >= required;
      return closePeriod(deps.db, ref.contractId, {
        obligation: ref.obligation,
        periodKey: ref.periodKey,
        startDate: ref.start,
        endDate: ref.end,
        required,
        actual,
        met,
        consecutiveMisses: met ? 0 : ref.consecutiveMissesBefore + 1,
      });
    },

    /** The quantities of the agreement as stored: what a contract started before issue 12 is held to from its next run. */
    async agreedQuantities(contractId: string): Promise<AgreedQuantities> {
      const contract = await findContract(deps.db, contractId);
      if (!contract) throw new Error(`no contract ${contractId}`);
      return agreedQuantitiesOf(contract.terms);
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
