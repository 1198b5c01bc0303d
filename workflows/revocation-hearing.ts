import * as wf from '@temporalio/workflow';
import { compareLocalDates, type LocalDate, startOfShanghaiDay } from '../domain/calendar';
import { type PolicyClock, realDelayUntil } from '../domain/clock';
import { endOfDayMs } from '../domain/contract-agenda';
import { deadlinePassed } from '../domain/rectification';
import {
  everyPartyWaived,
  type HearingCheck,
  hearingRejection,
  representationsReminders,
} from '../domain/representations';
import { contractWorkflowId, qualificationRevokedSignal } from '../messages/contract-messages';
import { fileRepresentationsUpdate, waiveRepresentationsUpdate } from '../messages/representation-messages';
import type { RectificationView, RevocationDecisionArgs } from '../messages/rectification-messages';
import { acts } from './proxies';

/** Orders whose notice began before representations existed keep the deadline from the notice's date and no hearing. */
export const REPRESENTATIONS_PATCH = 'representations-v1';

export interface HearingContext {
  rectificationId: string;
  contractId: string;
  view: RectificationView;
  clock: PolicyClock;
  today: () => LocalDate;
  stamp: () => string;
  setStep: (step: RectificationView['step']) => void;
  /** Signals a contract workflow; one that has ended needs no telling. */
  tellContract: (send: () => Promise<void>) => Promise<void>;
  closeOnContract: (outcome: 'withdrawn') => Promise<void>;
}

/**
 * The notice of intended revocation with due process (issue 12): the representations window runs
 * from the notice's delivery, the parties file representations or declare none, are reminded
 * before it closes, and the regulator decides only after it, considering each representation.
 */
export function createHearing(ctx: HearingContext) {
  const id = ctx.rectificationId;
  const { view } = ctx;
  /** Whether this run's notice took the hearing path: decided once, when the notice begins, and kept in history. */
  let heard = false;
  const noticeKey = `rectification:${id}:notice`;

  const guard = (check: HearingCheck) => {
    if (!heard)
      throw wf.ApplicationFailure.create({
        type: 'rectification-wrong-step',
        message: 'this order is not taking representations',
        nonRetryable: true,
      });
    const rejection = hearingRejection(check, view, ctx.today());
    if (rejection)
      throw wf.ApplicationFailure.create({ type: rejection.type, message: rejection.detail, nonRetryable: true });
  };

  wf.setHandler(
    fileRepresentationsUpdate,
    async (args) => {
      view.representations!.push({
        representationId: args.representationId,
        institutionId: args.institutionId,
        kind: 'filed',
      });
      const receipt = await acts.recordRepresentation({
        ...args,
        rectificationId: id,
        kind: 'filed',
        receivedAt: ctx.stamp(),
      });
      await acts.notifyRepresentation({
        representationId: args.representationId,
        eventKey: `rectification:${id}:representation:${args.representationId}`,
      });
      return receipt;
    },
    { validator: (args) => guard({ action: 'file', institutionId: args.institutionId }) },
  );

  wf.setHandler(
    waiveRepresentationsUpdate,
    async (args) => {
      view.representations!.push({
        representationId: args.representationId,
        institutionId: args.institutionId,
        kind: 'waived',
      });
      const receipt = await acts.recordRepresentation({
        ...args,
        rectificationId: id,
        kind: 'waived',
        receivedAt: ctx.stamp(),
      });
      await acts.notifyRepresentation({
        representationId: args.representationId,
        eventKey: `rectification:${id}:representation:${args.representationId}`,
      });
      return receipt;
    },
    { validator: (args) => guard({ action: 'waive', institutionId: args.institutionId }) },
  );

  const stillInNotice = () => view.step === 'notice-of-revocation';
  const waitingOnParties = () => stillInNotice() && !everyPartyWaived(view);

  return {
    get active() {
      return heard;
    },

    /** Call synchronously where the notice step begins, under the patch. */
    begin() {
      heard = true;
      view.representations = [];
    },

    validateDecision(args: RevocationDecisionArgs) {
      guard({
        action: 'decide',
        decision: args.decision,
        reasons: args.reasons,
        considerations: args.considerations ?? [],
      });
    },

    /** The notice goes out; its window runs from its delivery; reminders until it closes; then the decision. */
    async noticePhase(failure: string): Promise<void> {
      await acts.issueRevocationNotice({ rectificationId: id, reason: failure });
      await acts.notifyRectification({
        rectificationId: id,
        notice: 'revocation-notice',
        eventKey: noticeKey,
        reasons: failure,
      });
      const { sentAt } = await acts.noticeDelivered({ eventKey: noticeKey });
      const { sentOn, representationsDeadline, reminderDaysBefore } = await acts.recordRepresentationsDeadline({
        rectificationId: id,
        sentAt,
      });
      view.representationsDeadline = representationsDeadline;

      const reminders = representationsReminders(representationsDeadline, sentOn, {
        representationsReminderDaysBefore: reminderDaysBefore,
      });
      const sent = new Set<number>();
      while (waitingOnParties()) {
        const pending = reminders.filter((r) => !sent.has(r.daysBefore));
        const nextAt = Math.min(endOfDayMs(representationsDeadline), ...pending.map((r) => startOfShanghaiDay(r.date)));
        await wf.condition(() => !waitingOnParties(), realDelayUntil(ctx.clock, Date.now(), nextAt));
        if (!waitingOnParties()) break;
        const today = ctx.today();
        // Only the nearest reminder due goes out: after an outage, one mail, not a burst.
        const due = pending.filter((r) => compareLocalDates(r.date, today) <= 0);
        due.forEach((r) => sent.add(r.daysBefore));
        const nearest = due.sort((a, b) => a.daysBefore - b.daysBefore)[0];
        if (nearest && !deadlinePassed(today, representationsDeadline))
          await acts.remindRepresentations({
            rectificationId: id,
            eventKey: `rectification:${id}:representations-reminder:${nearest.daysBefore}`,
            daysLeft: nearest.daysBefore,
            stamp: ctx.stamp(),
          });
        if (deadlinePassed(today, representationsDeadline)) break;
      }
      // Declared none by both parties, the regulator heard so in that mail; otherwise it hears the window closed.
      if (waitingOnParties())
        await acts.notifyRectification({
          rectificationId: id,
          notice: 'revocation-decision-due',
          eventKey: `rectification:${id}:decision-due`,
        });
      await wf.condition(() => !stillInNotice());
    },

    /** Confirm (the qualifications at stake and, by policy, their other contracts in the region) or withdraw. */
    async decide({ decision, reasons, userId, considerations = [] }: RevocationDecisionArgs) {
      ctx.setStep(decision === 'confirm' ? 'revoked' : 'withdrawn');
      await acts.recordRevocationDecision({
        rectificationId: id,
        decision,
        reasons,
        userId,
        at: ctx.stamp(),
        considerations,
      });
      if (decision === 'withdraw') {
        await acts.closeRectification({ rectificationId: id, outcome: 'withdrawn', reasons, userId });
        await ctx.closeOnContract('withdrawn');
        await acts.notifyRectification({
          rectificationId: id,
          notice: 'revocation-withdrawn',
          eventKey: `rectification:${id}:withdrawn`,
          reasons,
        });
        return view;
      }
      const failedFindingIds = (view as { failedFindingIds?: string[] }).failedFindingIds;
      const reach = await acts.revokeQualificationInReach({
        rectificationId: id,
        reasons,
        userId,
        ...(failedFindingIds ? { failedFindingIds } : {}),
      });
      const revoke = (contractId: string, reason: string) =>
        ctx.tellContract(() =>
          wf
            .getExternalWorkflowHandle(contractWorkflowId(contractId))
            .signal(qualificationRevokedSignal, { reason, rectificationId: id }),
        );
      await revoke(ctx.contractId, `cooperation qualification revoked: ${reasons}`);
      await acts.notifyRectification({
        rectificationId: id,
        notice: 'qualification-revoked',
        eventKey: `rectification:${id}:revoked`,
        reasons,
      });
      for (const contractId of reach.endedContractIds) {
        await revoke(contractId, `cooperation qualification revoked by rectification order ${id}: ${reasons}`);
        await acts.notifyRevocationReach({
          rectificationId: id,
          contractId,
          revokedInstitutionIds: reach.institutionIds,
          reasons,
          eventKey: `rectification:${id}:reach:${contractId}`,
        });
      }
      return view;
    },
  };
}
