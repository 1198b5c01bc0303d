import { agreedQuantitiesOf } from '../../../domain/agreement';
import { isInForce } from '../../../domain/contract';
import { type Obligation, obligationKinds } from '../../../domain/obligations';
import { Contract } from '../../../stores/contract-store';
import { listHealthTalks } from '../../../stores/health-talk-store';
import { listActionItems, listMeetings } from '../../../stores/meeting-store';
import { listEscalations, listPeriods, ObligationPeriodRecord } from '../../../stores/obligation-store';
import { listReferrals } from '../../../stores/referral-store';
import { listRenewals } from '../../../stores/renewal-store';
import { listRequests } from '../../../stores/request-store';
import { listSurveys } from '../../../stores/survey-store';
import { listVisits } from '../../../stores/visit-store';
import { contractStateQuery, contractWorkflowId, NextDeadline } from '../../../messages/contract-messages';
import type { ApiDeps } from '../../api-deps';

/** Everything a regulator or party needs to see whether the contract is alive: facts, verdicts, what is next. */
export async function complianceOf(deps: ApiDeps, contract: Contract) {
  const db = deps.db;
  const [periods, visits, meetings, surveys, requests, referrals, openActionItems, escalations, renewals, talks] =
    await Promise.all([
      listPeriods(db, contract.id),
      listVisits(db, contract.id),
      listMeetings(db, contract.id),
      listSurveys(db, contract.id),
      listRequests(db, contract.id),
      listReferrals(db, contract.id),
      listActionItems(db, contract.id, 'open'),
      listEscalations(db, contract.id),
      listRenewals(db, contract.id),
      listHealthTalks(db, contract.id),
    ]);

  const visitsPerMonth = new Map<string, number>();
  for (const v of visits)
    visitsPerMonth.set(v.visitDate.slice(0, 7), (visitsPerMonth.get(v.visitDate.slice(0, 7)) ?? 0) + 1);

  const byObligation = Object.fromEntries(
    obligationKinds.map((o) => {
      const records = periods.filter((p) => p.obligation === o);
      return [
        o,
        {
          met: records.filter((p) => p.met).length,
          missed: records.filter((p) => !p.met).length,
          periods: records.map(({ obligation: _o, ...rest }) => rest),
        },
      ];
    }),
  ) as Record<Obligation, { met: number; missed: number; periods: Omit<ObligationPeriodRecord, 'obligation'>[] }>;

  let nextDeadlines: NextDeadline[] = [];
  if (isInForce(contract.status)) {
    try {
      nextDeadlines =
        (await deps.temporal.workflow.getHandle(contractWorkflowId(contract.id)).query(contractStateQuery))
          .nextDeadlines ?? [];
    } catch (error) {
      deps.logger.warn(
        { err: error, contractId: contract.id },
        'could not query the contract workflow for its next deadlines',
      );
    }
  }

  return {
    contractId: contract.id,
    status: contract.status,
    termStart: contract.termStart,
    termEnd: contract.termEnd,
    policyVersion: contract.policy.version,
    obligations: byObligation,
    agreed: agreedQuantitiesOf(contract.terms),
    visitsPerMonth: [...visitsPerMonth.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, count]) => ({ month, count })),
    meetings: meetings.map((m) => ({
      id: m.id,
      meetingDate: m.meetingDate,
      cadence: m.cadence,
      attendees: m.attendees.length,
      actionItems: m.actionItems.length,
    })),
    healthTalks: talks.map((t) => ({ id: t.id, talkDate: t.talkDate, topic: t.topic, attendees: t.attendees })),
    surveys: surveys.map((s) => ({ id: s.id, surveyDate: s.surveyDate, respondents: s.respondents })),
    openRequests: requests
      .filter((r) => !r.answeredAt)
      .map((r) => ({
        id: r.id,
        subject: r.subject,
        fromSide: r.fromSide,
        raisedDate: r.raisedDate,
        answerDueDate: r.answerDueDate,
      })),
    answeredRequests: requests.filter((r) => r.answeredAt).length,
    openActionItems: openActionItems.map((a) => ({
      id: a.id,
      description: a.description,
      ownerName: a.ownerName,
      dueDate: a.dueDate,
    })),
    referrals: {
      count: referrals.length,
      withinTarget: referrals.filter((r) => r.withinTarget).length,
      overTarget: referrals.filter((r) => !r.withinTarget).length,
      responses: referrals.map((r) => ({
        id: r.id,
        requestedAt: r.requestedAt,
        responseMinutes: Math.round(r.responseSeconds / 6) / 10,
        targetMinutes: r.targetMinutes,
        withinTarget: r.withinTarget,
      })),
    },
    escalations,
    renewals,
    nextDeadlines,
  };
}
