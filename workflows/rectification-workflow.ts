import * as wf from '@temporalio/workflow';
import { compareLocalDates, startOfShanghaiDay } from '../domain/calendar';
import { realDelayUntil } from '../domain/clock';
import { endOfDayMs } from '../domain/contract-agenda';
import { policyToday } from '../domain/obligations';
import { evaluationPolicyOf } from '../domain/policy';
import {
  deadlinePassed,
  extendedDeadline,
  rectificationRejection,
  rectificationReminders,
  representationsDeadline,
  revocationNoticeDate,
} from '../domain/rectification';
import { processSearchAttributes, statusKey } from '../domain/search-attributes';
import {
  contractWorkflowId,
  qualificationRevokedSignal,
  rectificationClosedSignal,
  rectificationOpenedSignal,
} from '../messages/contract-messages';
import { type EvaluationWorkflow, reEvaluationWorkflowId } from '../messages/evaluation-messages';
import { acts } from './proxies';
import { createFindingsPhase, ITEMIZED_FINDINGS_PATCH, itemizedView } from './rectification-findings';
import { createHearing, REPRESENTATIONS_PATCH } from './revocation-hearing';
import {
  extensionUpdate,
  rectificationStateQuery,
  RectificationStep,
  RectificationView,
  type RectificationWorkflowInput,
  reviewUpdate,
  revocationDecisionUpdate,
  SubmitEvidenceArgs,
  submitEvidenceUpdate,
} from '../messages/rectification-messages';

/** Orders begun before the re-evaluation's organization was mailed replay without that mail. */
export const RE_EVALUATION_MAIL_PATCH = 're-evaluation-assignment-mail-v1';
/** Orders begun before the contract was told keep it active throughout; later ones make it rectifying while open. */
export const CONTRACT_RECTIFYING_PATCH = 'rectification-contract-status-v1';
/** Orders begun before their step was a search attribute replay without the upserts. */
export const STEP_SEARCH_ATTRIBUTE_PATCH = 'rectification-step-search-attribute-v1';
/** Orders begun before the review was recorded ahead of the re-evaluation replay without waiting for it. */
export const REVIEW_RECORDED_FIRST_PATCH = 'rectification-review-recorded-first-v1';

/**
 * An Unqualified grade's rectification order (000_… §3.3): rectify within the time limit, evidence
 * reviewed by the regulator, re-evaluated on site; failing that, notice of intended revocation,
 * representations, and the regulator's decision.
 */
export async function rectificationWorkflow(input: RectificationWorkflowInput): Promise<string> {
  const order = await acts.loadRectification({ rectificationId: input.rectificationId });
  const { policy, clock } = order;
  const id = input.rectificationId;
  const view: RectificationView = {
    rectificationId: id,
    step: 'awaiting-evidence',
    deadline: order.deadline,
    extensions: order.extensions,
  };
  const setStep = (step: RectificationStep) => {
    view.step = step;
    if (wf.patched(STEP_SEARCH_ATTRIBUTE_PATCH)) wf.upsertSearchAttributes([{ key: statusKey, value: step }]);
  };
  // The contract may have ended meanwhile (expired, terminated): its status is then final and nobody needs telling.
  const tellContract = async (send: () => Promise<void>) => {
    try {
      await send();
    } catch (error) {
      wf.log.info('contract not signalled', { contractId: input.contractId, error: (error as Error).message });
    }
  };
  const contract = () => wf.getExternalWorkflowHandle(contractWorkflowId(input.contractId));
  const closeOnContract = async (outcome: 'closed' | 'withdrawn') => {
    if (wf.patched(CONTRACT_RECTIFYING_PATCH))
      await tellContract(() => contract().signal(rectificationClosedSignal, { rectificationId: id, outcome }));
  };
  if (wf.patched(STEP_SEARCH_ATTRIBUTE_PATCH)) {
    // Whoever started the order may not have known its region: the order's own record does.
    wf.upsertSearchAttributes(
      processSearchAttributes({
        kind: 'rectification',
        status: view.step,
        regionCode: order.regionCode,
        contractId: input.contractId,
      }),
    );
  }
  let wake = false;
  const today = () => policyToday(clock, Date.now());
  const stamp = () => new Date(Date.now()).toISOString();
  const guard = (check: Parameters<typeof rectificationRejection>[0]) => {
    const rejection = rectificationRejection(check, view, today(), policy);
    if (rejection)
      throw wf.ApplicationFailure.create({ type: rejection.type, message: rejection.detail, nonRetryable: true });
  };

  wf.setHandler(rectificationStateQuery, () => view);
  const hearing = createHearing({
    rectificationId: id,
    contractId: input.contractId,
    view,
    clock,
    today,
    stamp,
    setStep,
    tellContract,
    closeOnContract,
  });

  // Orders with itemized findings (issue 12): a plan, evidence and review per finding, deadlines from delivery.
  const findingsPhase =
    order.itemized && order.findings && wf.patched(ITEMIZED_FINDINGS_PATCH)
      ? createFindingsPhase({
          id,
          view: itemizedView(view, order.findings, order.issuedOn, policy),
          policy,
          clock,
          issuedOn: order.issuedOn,
          evaluatorUserId: order.evaluatorUserId,
          setStep,
        })
      : undefined;

  wf.setHandler(
    submitEvidenceUpdate,
    async (args) => {
      if (findingsPhase) findingsPhase.evidenceSubmitted(args);
      else setStep('evidence-under-review');
      view.pendingSubmissionId = args.submissionId;
      const receipt = await acts.recordEvidence({ ...args, rectificationId: id, receivedAt: stamp() });
      if (findingsPhase) await findingsPhase.evidenceRecorded(args);
      await acts.notifyRectification({
        rectificationId: id,
        notice: 'evidence-received',
        eventKey: `rectification:${id}:evidence:${args.submissionId}`,
        submissionId: args.submissionId,
      });
      return receipt;
    },
    {
      validator: (args: SubmitEvidenceArgs) => {
        guard({ action: 'submit-evidence' });
        findingsPhase?.guardEvidence(args);
      },
    },
  );

  wf.setHandler(
    reviewUpdate,
    async ({ submissionId, decision, reasons, userId }) => {
      setStep(decision === 'accepted' ? 're-evaluation' : 'awaiting-evidence');
      delete view.pendingSubmissionId;
      wake = true;
      await acts.recordReview({ rectificationId: id, submissionId, decision, reasons, userId, at: stamp() });
      await acts.notifyRectification({
        rectificationId: id,
        notice: 'evidence-reviewed',
        eventKey: `rectification:${id}:review:${submissionId}`,
        submissionId,
        reasons,
        decision,
      });
      return view;
    },
    {
      validator: (args) => {
        if (findingsPhase)
          throw wf.ApplicationFailure.create({
            type: 'review-per-finding',
            message: `this order's findings are reviewed one by one: POST /rectifications/${id}/findings/{findingId}/review`,
            nonRetryable: true,
          });
        guard({ action: 'review', submissionId: args.submissionId, reasons: args.reasons });
      },
    },
  );

  wf.setHandler(
    extensionUpdate,
    async ({ reason, userId }) => {
      view.deadline = extendedDeadline(view.deadline, policy);
      view.extensions += 1;
      wake = true;
      await acts.recordExtension({
        rectificationId: id,
        deadline: view.deadline,
        extensions: view.extensions,
        reason,
        userId,
      });
      await acts.notifyRectification({
        rectificationId: id,
        notice: 'rectification-extended',
        eventKey: `rectification:${id}:extension:${view.extensions}`,
        reasons: reason,
      });
      return view;
    },
    { validator: ({ reason }) => guard({ action: 'extend', reasons: reason }) },
  );

  wf.setHandler(
    revocationDecisionUpdate,
    async (args) => {
      if (hearing.active) return hearing.decide(args);
      const { decision, reasons, userId } = args;
      setStep(decision === 'confirm' ? 'revoked' : 'withdrawn');
      if (decision === 'confirm') {
        await acts.revokeQualification({ rectificationId: id, reasons, userId });
        await wf.getExternalWorkflowHandle(contractWorkflowId(input.contractId)).signal(qualificationRevokedSignal, {
          reason: `cooperation qualification revoked: ${reasons}`,
          rectificationId: id,
        });
        await acts.notifyRectification({
          rectificationId: id,
          notice: 'qualification-revoked',
          eventKey: `rectification:${id}:revoked`,
          reasons,
        });
      } else {
        await acts.closeRectification({ rectificationId: id, outcome: 'withdrawn', reasons, userId });
        await closeOnContract('withdrawn');
        await acts.notifyRectification({
          rectificationId: id,
          notice: 'revocation-withdrawn',
          eventKey: `rectification:${id}:withdrawn`,
          reasons,
        });
      }
      return view;
    },
    {
      validator: (args) =>
        hearing.active ? hearing.validateDecision(args) : guard({ action: 'decide', reasons: args.reasons }),
    },
  );

  if (wf.patched(CONTRACT_RECTIFYING_PATCH))
    await tellContract(() => contract().signal(rectificationOpenedSignal, { rectificationId: id }));
  await acts.notifyRectification({
    rectificationId: id,
    notice: 'rectification-ordered',
    eventKey: `rectification:${id}:ordered`,
  });
  if (findingsPhase) await findingsPhase.startClock(`rectification:${id}:ordered`);

  // Evidence by the deadline (reminders before it), reviewed; a pending review holds the deadline.
  const sentReminders = new Set<string>();
  let failure: string | undefined;
  if (findingsPhase) {
    failure = await findingsPhase.awaitAccepted();
    if (!failure) setStep('re-evaluation');
  }
  while (!findingsPhase && (view.step === 'awaiting-evidence' || view.step === 'evidence-under-review')) {
    const reminders = rectificationReminders(view.deadline, order.issuedOn, policy)
      .map((r) => ({ ...r, key: `${view.deadline}:${r.daysBefore}`, atMs: startOfShanghaiDay(r.date) }))
      .filter((r) => !sentReminders.has(r.key));
    const nextAt = Math.min(startOfShanghaiDay(revocationNoticeDate(view.deadline)), ...reminders.map((r) => r.atMs));
    wake = false;
    const step = view.step;
    await wf.condition(() => wake || view.step !== step, realDelayUntil(clock, Date.now(), nextAt));
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
    if (view.step === 'awaiting-evidence' && deadlinePassed(nowToday, view.deadline))
      failure = `no accepted evidence by the deadline ${view.deadline}`;
    if (failure) break;
  }

  if (view.step === 're-evaluation') {
    // The review that accepted the evidence is still recording (row, audit, mail) in its update
    // handler: without waiting, the re-evaluation it causes could be recorded first.
    if (wf.patched(REVIEW_RECORDED_FIRST_PATCH)) await wf.condition(wf.allHandlersFinished);
    const re = await acts.createReEvaluation({ rectificationId: id });
    const reEvaluation = {
      workflowId: reEvaluationWorkflowId(re.evaluationId),
      args: [
        {
          evaluationId: re.evaluationId,
          cycleId: null,
          contractId: input.contractId,
          organizationId: re.organizationId,
          deadline: re.deadline,
          policy: evaluationPolicyOf(policy),
          clock,
          regionCode: order.regionCode,
        },
      ] as const,
      typedSearchAttributes: processSearchAttributes({
        kind: 're-evaluation',
        status: 'assigned',
        regionCode: order.regionCode,
        contractId: input.contractId,
      }),
    };
    let result;
    if (wf.patched(RE_EVALUATION_MAIL_PATCH)) {
      // Started before anyone is told, so the evaluators can score as soon as the mail arrives.
      const child = await wf.startChild<EvaluationWorkflow>('evaluationWorkflow', {
        ...reEvaluation,
        args: [...reEvaluation.args],
      });
      view.reEvaluationId = re.evaluationId;
      await acts.notifyEvaluators({
        evaluationId: re.evaluationId,
        notice: 'evaluation-assigned',
        eventKey: `evaluation:${re.evaluationId}:assigned`,
      });
      result = await child.result();
    } else {
      view.reEvaluationId = re.evaluationId;
      result = await wf.executeChild<EvaluationWorkflow>('evaluationWorkflow', {
        ...reEvaluation,
        args: [...reEvaluation.args],
      });
    }
    if (result.grade === 'unqualified')
      failure = `the re-evaluation graded the contract Unqualified (${result.weightedScore})`;
    else {
      await acts.closeRectification({
        rectificationId: id,
        outcome: 'closed',
        reasons: `re-evaluated ${result.grade} (${result.weightedScore})`,
      });
      setStep('closed');
      await closeOnContract('closed');
      await acts.notifyRectification({
        rectificationId: id,
        notice: 'rectification-closed',
        eventKey: `rectification:${id}:closed`,
      });
    }
  }

  if (failure && wf.patched(REPRESENTATIONS_PATCH)) {
    hearing.begin();
    setStep('notice-of-revocation');
    await hearing.noticePhase(failure);
  } else if (failure) {
    setStep('notice-of-revocation');
    view.representationsDeadline = representationsDeadline(today(), policy);
    await acts.issueRevocationNotice({
      rectificationId: id,
      reason: failure,
      representationsDeadline: view.representationsDeadline,
    });
    await acts.notifyRectification({
      rectificationId: id,
      notice: 'revocation-notice',
      eventKey: `rectification:${id}:notice`,
      reasons: failure,
    });
    // Representations are heard until the window closes; then the regulator is reminded to decide.
    if (
      !(await wf.condition(
        () => view.step !== 'notice-of-revocation',
        realDelayUntil(clock, Date.now(), endOfDayMs(view.representationsDeadline)),
      ))
    ) {
      await acts.notifyRectification({
        rectificationId: id,
        notice: 'revocation-decision-due',
        eventKey: `rectification:${id}:decision-due`,
      });
      await wf.condition(() => view.step !== 'notice-of-revocation');
    }
  }

  await wf.condition(wf.allHandlersFinished);
  return view.step;
}
