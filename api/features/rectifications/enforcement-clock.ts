import { addDays } from '../../../domain/calendar';
import type { Policy } from '../../../domain/policy';
import { planOfCorrectionDays } from '../../../domain/rectification-findings';
import { decisionWindowOpensOn, everyPartyWaived } from '../../../domain/representations';
import type { RectificationOrder } from '../../../stores/rectification-store';
import type { RectificationView } from '../../../messages/rectification-messages';

/**
 * What the party and the regulator both see: the current step, every deadline with how it was
 * computed (start, policy, extension) and what happens at it.
 */
export function enforcementClock(order: RectificationOrder, live: RectificationView | undefined) {
  const policy = order.policy as Policy;
  const step = live?.step ?? order.status;
  const deadline = live?.deadline ?? order.deadline;
  // The workflow knows a step a moment before its record does; the live view wins.
  const representationsDeadline = live?.representationsDeadline ?? order.representationsDeadline;
  // Itemized orders count from delivery (issue 12 item 2): the day the order's mails were sent.
  const sentAt = live?.deliveredAt ?? order.deliveredAt;
  const planDeadline = live?.planDeadline ?? order.planDeadline;
  const fromDelivery = order.itemized ? { sentAt: sentAt ?? null } : { start: order.issuedOn };
  // `kind` and `otherwiseOn` let a reader word each deadline in its own language; `what` and
  // `otherwise` are the English sentences older callers read.
  const deadlines: {
    kind: 'plan' | 'evidence' | 'representations';
    what: string;
    date: string;
    computedFrom: Record<string, unknown>;
    otherwise: string;
    otherwiseOn: string;
  }[] = [];
  if (order.itemized && planDeadline)
    deadlines.push({
      kind: 'plan',
      what: 'a plan of correction for each finding, by its responsible side',
      date: planDeadline,
      computedFrom: { sentAt: sentAt ?? null, policyDays: planOfCorrectionDays(policy) },
      otherwise: `notice of intended revocation on ${addDays(planDeadline, 1)} for the findings without a plan`,
      otherwiseOn: addDays(planDeadline, 1),
    });
  deadlines.push({
    kind: 'evidence',
    what: 'accepted rectification evidence',
    date: deadline,
    computedFrom: {
      ...fromDelivery,
      policyDays: policy.rectification.deadlineDays,
      originalDeadline: order.originalDeadline,
      extensions: order.extensions ? [{ days: policy.rectification.extensionDays, reason: order.extensionReason }] : [],
      extensionsAllowed: policy.rectification.maxExtensions,
    },
    otherwise: `notice of intended revocation on ${addDays(deadline, 1)}`,
    otherwiseOn: addDays(deadline, 1),
  });
  if (representationsDeadline) {
    deadlines.push({
      kind: 'representations',
      what: 'representations against the intended revocation',
      date: representationsDeadline,
      // Orders under representations-v1 count from the notice's sending (issue 12); older ones from its date.
      computedFrom: {
        ...(order.revocationNoticeSentAt ? { sentAt: order.revocationNoticeSentAt } : {}),
        policyDays: policy.rectification.representationsDays,
      },
      otherwise: `the regulator may confirm the revocation from ${decisionWindowOpensOn(representationsDeadline)}`,
      otherwiseOn: decisionWindowOpensOn(representationsDeadline),
    });
  }
  const waived = live ? everyPartyWaived(live) : false;
  const notice = !representationsDeadline
    ? 'the notice of intended revocation is being delivered; representations may be made for ' +
      `${policy.rectification.representationsDays} days from its sending`
    : waived
      ? 'both parties declared they make no representations: the regulator confirms or withdraws the revocation'
      : `representations by ${representationsDeadline}; the regulator may confirm the revocation from ` +
        `${decisionWindowOpensOn(representationsDeadline)}, or withdraw it at any time`;
  const next: Record<string, string> = {
    'awaiting-evidence': `accepted evidence by ${deadline} or notice of revocation on ${addDays(deadline, 1)}`,
    issued: `accepted evidence by ${deadline} or notice of revocation on ${addDays(deadline, 1)}`,
    'evidence-under-review': `the regulator reviews the evidence; if rejected, submit again by ${deadline}`,
    're-evaluation':
      'an on-site re-evaluation: Qualified or better closes the order, Unqualified brings a notice of revocation',
    'notice-of-revocation': notice,
    closed: 'nothing: the order is closed',
    withdrawn: 'nothing: the intended revocation was withdrawn',
    revoked: 'the cooperation qualification is revoked until a regulator reinstates it',
  };
  const itemizedAwaiting = order.itemized && step === 'awaiting-evidence';
  const noticeCase = !representationsDeadline ? 'notice-delivering' : waived ? 'notice-waived' : 'notice-open';
  return {
    step,
    deadline,
    deadlines,
    // Which of the sentences below applies, with its dates, for readers who word it themselves.
    next: {
      case: itemizedAwaiting ? 'itemized-awaiting' : step === 'notice-of-revocation' ? noticeCase : step,
      deadline,
      noticeOn: addDays(deadline, 1),
      ...(planDeadline ? { planDeadline } : {}),
      representationsDays: policy.rectification.representationsDays,
      ...(representationsDeadline
        ? { representationsDeadline, decisionFrom: decisionWindowOpensOn(representationsDeadline) }
        : {}),
    },
    whatHappensNext: itemizedAwaiting
      ? `per finding, a plan of correction by ${planDeadline} and accepted evidence by ${deadline}; ` +
        'a finding without either brings a notice of intended revocation'
      : (next[step] ?? step),
    reEvaluationId: live?.reEvaluationId ?? order.reEvaluationId,
    ...(order.itemized ? { planDeadline, deliveredAt: sentAt } : {}),
    ...((live?.failedFindingIds ?? order.failedFindingIds)
      ? { failedFindingIds: live?.failedFindingIds ?? order.failedFindingIds }
      : {}),
  };
}
