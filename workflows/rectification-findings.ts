import * as wf from '@temporalio/workflow';
import { compareLocalDates, startOfShanghaiDay } from '../domain/calendar';
import { type PolicyClock, realDelayUntil } from '../domain/clock';
import { policyToday } from '../domain/obligations';
import type { Policy } from '../domain/policy';
import { extendedDeadline, rectificationReminders, revocationNoticeDate } from '../domain/rectification';
import {
  failedFindings,
  type FindingCheck,
  findingDeadlines,
  findingRejection,
  type FindingProgress,
  initialProgress,
  itemizedStep,
  type ResponsibleSide,
} from '../domain/rectification-findings';
import {
  findingReviewUpdate,
  planOfCorrectionUpdate,
  type RectificationStep,
  type RectificationView,
  type SubmitEvidenceArgs,
} from '../messages/rectification-messages';
import { acts } from './proxies';

/** Orders whose findings are itemized run the per-finding plan, evidence and review (issue 12); others replay as before. */
export const ITEMIZED_FINDINGS_PATCH = 'itemized-findings-v1';

export interface FindingsContext {
  id: string;
  view: RectificationView & { findings: FindingProgress[]; planDeadline: string };
  policy: Pick<Policy, 'rectification'>;
  clock: PolicyClock;
  issuedOn: string;
  evaluatorUserId?: string;
  setStep: (step: RectificationStep) => void;
}

type ItemizedView = FindingsContext['view'];

/** Before delivery the dates run from the day of issue; delivery (never earlier) replaces them. */
export function itemizedView(
  view: RectificationView,
  findings: { id: string; responsibleSide: ResponsibleSide }[],
  issuedOn: string,
  policy: Pick<Policy, 'rectification'>,
): ItemizedView {
  return Object.assign(view, {
    findings: initialProgress(findings),
    planDeadline: findingDeadlines(issuedOn, policy).planDeadline,
  });
}

const stamp = () => new Date(Date.now()).toISOString();
const findingIdsOf = (args: SubmitEvidenceArgs) =>
  [...new Set([...args.texts.map((t) => t.findingId), ...args.files.map((f) => f.findingId ?? '')])].filter(Boolean);

export function createFindingsPhase(ctx: FindingsContext) {
  const { id, view, clock, policy } = ctx;
  const today = () => policyToday(clock, Date.now());
  const finding = (findingId: string) => view.findings.find((f) => f.id === findingId)!;
  const guard = (check: FindingCheck) => {
    const rejection = findingRejection(check, { ...view, evaluatorUserId: ctx.evaluatorUserId }, today());
    if (rejection)
      throw wf.ApplicationFailure.create({ type: rejection.type, message: rejection.detail, nonRetryable: true });
  };
  const save = (audit: { action: string; key: string; userId?: string; details: Record<string, unknown> }) =>
    acts.recordFindingProgress({ rectificationId: id, findings: view.findings, step: view.step, audit });

  wf.setHandler(
    planOfCorrectionUpdate,
    async ({ findingId, userId, side, plan }) => {
      const f = finding(findingId);
      f.plan = { ...plan, submittedBy: userId, side, submittedAt: stamp() };
      f.state = 'awaiting-evidence';
      ctx.setStep(itemizedStep(view.findings));
      await save({
        action: 'rectification.plan-of-correction',
        key: `plan:${findingId}`,
        userId,
        details: { findingId, side, completionDate: plan.completionDate },
      });
      await acts.notifyFindings({
        rectificationId: id,
        notice: 'plan-of-correction-received',
        eventKey: `rectification:${id}:plan:${findingId}`,
        findingId,
      });
      return view;
    },
    {
      validator: ({ findingId, side, plan }) =>
        guard({ action: 'plan', findingId, side, completionDate: plan.completionDate }),
    },
  );

  wf.setHandler(
    findingReviewUpdate,
    async ({ findingId, submissionId, decision, reasons, userId }) => {
      const f = finding(findingId);
      f.state = decision === 'accepted' ? 'accepted' : 'awaiting-evidence';
      if (decision === 'rejected') f.rejections += 1;
      delete f.pendingSubmissionId;
      ctx.setStep(itemizedStep(view.findings));
      await acts.recordFindingReview({
        rectificationId: id,
        findingId,
        submissionId,
        decision,
        reasons,
        userId,
        at: stamp(),
        findings: view.findings,
        step: view.step,
      });
      await acts.notifyFindings({
        rectificationId: id,
        notice: 'finding-reviewed',
        eventKey: `rectification:${id}:review:${submissionId}:${findingId}`,
        findingId,
        decision,
        reasons,
      });
      return view;
    },
    {
      validator: ({ findingId, submissionId, reasons, userId }) =>
        guard({ action: 'review', findingId, submissionId, reviewerId: userId, reasons }),
    },
  );

  return {
    /** The evidence Update's validator for an itemized order: every named finding from its side, in its step. */
    guardEvidence(args: SubmitEvidenceArgs) {
      if (!args.side)
        throw wf.ApplicationFailure.create({
          type: 'not-responsible-side',
          message: 'only a party user of the contract may submit evidence',
          nonRetryable: true,
        });
      guard({ action: 'evidence', findingIds: findingIdsOf(args), side: args.side });
    },

    /** Marks the findings the submission names as under review; the caller records and acknowledges it. */
    evidenceSubmitted(args: SubmitEvidenceArgs) {
      for (const findingId of findingIdsOf(args)) {
        const f = finding(findingId);
        f.state = 'evidence-under-review';
        f.pendingSubmissionId = args.submissionId;
      }
      ctx.setStep(itemizedStep(view.findings));
    },

    async evidenceRecorded(args: SubmitEvidenceArgs) {
      await save({
        action: 'rectification.findings-under-review',
        key: `evidence-findings:${args.submissionId}`,
        userId: args.userId,
        details: { submissionId: args.submissionId, findingIds: findingIdsOf(args) },
      });
    },

    /**
     * Deadlines run from delivery (issue 12 item 2): once every mail of the order left the outbox,
     * the plans are due the plan days after that day, the evidence the order's days after it.
     */
    async startClock(orderedEventKey: string) {
      await save({ action: 'rectification.findings-opened', key: 'findings-opened', details: {} });
      const { sentAt } = await acts.noticeDelivered({ eventKey: orderedEventKey });
      const dates = findingDeadlines(policyToday(clock, Date.parse(sentAt)), policy);
      view.planDeadline = dates.planDeadline;
      let deadline = dates.deadline;
      for (let i = 0; i < view.extensions; i += 1) deadline = extendedDeadline(deadline, policy);
      view.deadline = deadline;
      view.deliveredAt = sentAt;
      await acts.recordFindingDeadlines({
        rectificationId: id,
        deliveredAt: sentAt,
        planDeadline: view.planDeadline,
        deadline: view.deadline,
        originalDeadline: dates.deadline,
      });
      await acts.notifyFindings({
        rectificationId: id,
        notice: 'finding-deadlines',
        eventKey: `rectification:${id}:deadlines`,
      });
    },

    /**
     * Each finding's clock: a plan by the plan deadline, accepted evidence by the order's deadline
     * (a pending review holds it). Resolves with the failure's reason, or none once all are accepted.
     */
    async awaitAccepted(): Promise<string | undefined> {
      const sentReminders = new Set<string>();
      const progress = () => JSON.stringify([view.findings.map((f) => f.state), view.deadline, view.planDeadline]);
      while (itemizedStep(view.findings) !== 're-evaluation') {
        const reminders = rectificationReminders(view.deadline, ctx.issuedOn, policy)
          .map((r) => ({ ...r, key: `${view.deadline}:${r.daysBefore}`, atMs: startOfShanghaiDay(r.date) }))
          .filter((r) => !sentReminders.has(r.key));
        const planOpen = view.findings.some((f) => f.state === 'awaiting-plan');
        const nextAt = Math.min(
          startOfShanghaiDay(revocationNoticeDate(view.deadline)),
          ...(planOpen ? [startOfShanghaiDay(revocationNoticeDate(view.planDeadline))] : []),
          ...reminders.map((r) => r.atMs),
        );
        const before = progress();
        await wf.condition(() => progress() !== before, realDelayUntil(clock, Date.now(), nextAt));
        const nowToday = today();
        for (const r of reminders.filter((x) => compareLocalDates(x.date, nowToday) <= 0)) {
          sentReminders.add(r.key);
          if (view.step === 'awaiting-evidence')
            await acts.notifyRectification({
              rectificationId: id,
              notice: 'rectification-reminder',
              eventKey: `rectification:${id}:reminder:${r.key}`,
              daysLeft: r.daysBefore,
            });
        }
        const failed = failedFindings(view.findings, nowToday, view);
        if (failed.ids.length > 0) {
          view.failedFindingIds = failed.ids;
          await acts.recordFindingProgress({
            rectificationId: id,
            findings: view.findings,
            step: view.step,
            failedFindingIds: failed.ids,
            audit: { action: 'rectification.findings-failed', key: 'findings-failed', details: { ...failed } },
          });
          return failed.reason;
        }
      }
      return undefined;
    },
  };
}
