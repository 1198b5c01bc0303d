import { addDays, compareLocalDates, type LocalDate } from './calendar';
import { defaultPolicy, type Policy } from './policy';
import { deadlinePassed } from './rectification';

/**
 * Itemized findings of a rectification order (issue 12 item 3, after US CMS's plan of correction per
 * deficiency and ISO 13485 CAPA): each finding names the side that must correct it, gets its own
 * plan of correction, its own evidence and its own review.
 */
export const responsibleSides = ['medical', 'care', 'both'] as const;
export type ResponsibleSide = (typeof responsibleSides)[number];
/** The side a party user acts for: the institution it belongs to. */
export type PartySide = 'medical' | 'care';

/** What an evaluator or a regulator writes down for one finding. */
export interface FindingInput {
  indicator: string;
  problem: string;
  requiredCorrection: string;
  responsibleSide: ResponsibleSide;
}

/** A finding as the order holds it, with its id F1..Fn (the shape every reader of an order uses). */
export interface Finding extends FindingInput {
  id: string;
}

/** CMS ePOC's five elements: who was affected, what changes, who is responsible, how it is monitored, by when. */
export interface PlanOfCorrectionInput {
  affected: string;
  changes: string;
  responsible: string;
  monitoring: string;
  completionDate: LocalDate;
}

export interface PlanOfCorrection extends PlanOfCorrectionInput {
  submittedBy: string;
  side: PartySide;
  submittedAt: string;
}

export type FindingState = 'awaiting-plan' | 'awaiting-evidence' | 'evidence-under-review' | 'accepted';

/** One finding's progress as the order's workflow holds it. */
export interface FindingProgress {
  id: string;
  responsibleSide: ResponsibleSide;
  state: FindingState;
  plan?: PlanOfCorrection;
  pendingSubmissionId?: string;
  rejections: number;
}

export function numberFindings(inputs: readonly FindingInput[]): Finding[] {
  return inputs.map((f, i) => ({ id: `F${i + 1}`, ...f }));
}

/** An evaluation's findings as one text (its record's findings column): a list reads F1 [indicator] problem → correction. */
export function findingsText(findings: string | readonly FindingInput[]): string {
  if (typeof findings === 'string') return findings;
  return numberFindings(findings)
    .map((f) => `${f.id} [${f.indicator}] ${f.problem} → ${f.requiredCorrection} (${f.responsibleSide})`)
    .join('\n');
}

/** 'both' = either side may act for the finding; one plan and one accepted evidence suffice. */
export function sideMayAct(responsible: ResponsibleSide, side: PartySide): boolean {
  return responsible === 'both' || responsible === side;
}

type FindingTerms = {
  rectification: Pick<Policy['rectification'], 'deadlineDays'> & { planOfCorrectionDays?: number };
};

/** Policies stored before the plan of correction existed read the project default. */
export function planOfCorrectionDays(policy: FindingTerms): number {
  return policy.rectification.planOfCorrectionDays ?? defaultPolicy.rectification.planOfCorrectionDays;
}

/**
 * Deadlines run from delivery (issue 12 item 2): the plans are due the policy's plan days after
 * the day the order's mail was sent, the accepted evidence the order's deadline days after it.
 */
export function findingDeadlines(
  sentOn: LocalDate,
  policy: FindingTerms,
): { planDeadline: LocalDate; deadline: LocalDate } {
  return {
    planDeadline: addDays(sentOn, planOfCorrectionDays(policy)),
    deadline: addDays(sentOn, policy.rectification.deadlineDays),
  };
}

export function initialProgress(findings: readonly Pick<Finding, 'id' | 'responsibleSide'>[]): FindingProgress[] {
  return findings.map((f) => ({ id: f.id, responsibleSide: f.responsibleSide, state: 'awaiting-plan', rejections: 0 }));
}

/** The order's step from its findings: under review only when nothing is left for the parties to do. */
export function itemizedStep(
  findings: readonly FindingProgress[],
): 'awaiting-evidence' | 'evidence-under-review' | 're-evaluation' {
  if (findings.every((f) => f.state === 'accepted')) return 're-evaluation';
  if (findings.some((f) => f.state === 'awaiting-plan' || f.state === 'awaiting-evidence')) return 'awaiting-evidence';
  return 'evidence-under-review';
}

/**
 * The findings that fail their clock on `today`: a plan missing after the plan deadline, or
 * evidence not accepted after the order's deadline (a pending review holds it, as for whole orders).
 */
export function failedFindings(
  findings: readonly FindingProgress[],
  today: LocalDate,
  dates: { planDeadline: LocalDate; deadline: LocalDate },
): { ids: string[]; reason?: string } {
  const noPlan = findings.filter((f) => f.state === 'awaiting-plan' && deadlinePassed(today, dates.planDeadline));
  const noEvidence = findings.filter(
    (f) => (f.state === 'awaiting-plan' || f.state === 'awaiting-evidence') && deadlinePassed(today, dates.deadline),
  );
  const ids = [...new Set([...noPlan, ...noEvidence].map((f) => f.id))].sort(byFindingId);
  if (ids.length === 0) return { ids };
  const parts = [
    noPlan.length ? `no plan of correction for ${noPlan.map((f) => f.id).join(', ')} by ${dates.planDeadline}` : '',
    noEvidence.length ? `no accepted evidence for ${noEvidence.map((f) => f.id).join(', ')} by ${dates.deadline}` : '',
  ].filter(Boolean);
  return { ids, reason: parts.join('; ') };
}

const byFindingId = (a: string, b: string) => Number(a.slice(1)) - Number(b.slice(1));

export interface FindingRejection {
  type:
    | 'unknown-finding'
    | 'not-responsible-side'
    | 'finding-wrong-state'
    | 'plan-required'
    | 'plan-deadline-passed'
    | 'completion-after-deadline'
    | 'finding-required'
    | 'rectification-deadline-passed'
    | 'unknown-submission'
    | 'reviewer-is-evaluator'
    | 'reason-required'
    | 'rectification-wrong-step';
  detail: string;
}

export type FindingCheck =
  | { action: 'plan'; findingId: string; side: PartySide; completionDate: LocalDate }
  | { action: 'evidence'; findingIds: string[]; side: PartySide }
  | { action: 'review'; findingId: string; submissionId: string; reviewerId: string; reasons: string };

export interface FindingsView {
  step: string;
  findings: readonly FindingProgress[];
  planDeadline: LocalDate;
  deadline: LocalDate;
  /** Who scored the evaluation that found the defects (none for a regulator's direct order). */
  evaluatorUserId?: string;
}

/** Whether a party's plan or evidence, or a regulator's review, fits the finding's side, state and clock. */
export function findingRejection(
  check: FindingCheck,
  view: FindingsView,
  today: LocalDate,
): FindingRejection | undefined {
  if (view.step !== 'awaiting-evidence' && view.step !== 'evidence-under-review')
    return {
      type: 'rectification-wrong-step',
      detail: `this needs the order's findings to be open; the order is ${view.step}`,
    };
  const ids = check.action === 'evidence' ? check.findingIds : [check.findingId];
  if (ids.length === 0)
    return {
      type: 'finding-required',
      detail: 'name the finding(s) this evidence is for: parts file:<id> or text:<id>',
    };
  for (const id of ids) {
    const finding = view.findings.find((f) => f.id === id);
    if (!finding)
      return {
        type: 'unknown-finding',
        detail: `this order has no finding ${id}; its findings: ${view.findings.map((f) => f.id).join(', ')}`,
      };
    const rejection = rejectionFor(check, finding, view, today);
    if (rejection) return rejection;
  }
  return undefined;
}

function rejectionFor(
  check: FindingCheck,
  f: FindingProgress,
  view: FindingsView,
  today: LocalDate,
): FindingRejection | undefined {
  const wrongState = (expected: string): FindingRejection => ({
    type: 'finding-wrong-state',
    detail: `finding ${f.id} must be ${expected}; it is ${f.state}`,
  });
  if (check.action !== 'review' && !sideMayAct(f.responsibleSide, check.side))
    return {
      type: 'not-responsible-side',
      detail: `finding ${f.id} is for the ${f.responsibleSide} side to correct; you act for the ${check.side} side`,
    };
  switch (check.action) {
    case 'plan':
      if (f.state !== 'awaiting-plan') return wrongState('awaiting its plan of correction');
      if (deadlinePassed(today, view.planDeadline))
        return { type: 'plan-deadline-passed', detail: `plans of correction were due by ${view.planDeadline}` };
      if (compareLocalDates(check.completionDate, view.deadline) > 0)
        return {
          type: 'completion-after-deadline',
          detail: `the completion date ${check.completionDate} is after the order's deadline ${view.deadline}`,
        };
      return undefined;
    case 'evidence':
      if (f.state === 'awaiting-plan')
        return { type: 'plan-required', detail: `finding ${f.id} needs its plan of correction before evidence` };
      if (f.state !== 'awaiting-evidence') return wrongState('awaiting evidence');
      if (deadlinePassed(today, view.deadline))
        return { type: 'rectification-deadline-passed', detail: `evidence was due by ${view.deadline}` };
      return undefined;
    case 'review':
      if (view.evaluatorUserId !== undefined && check.reviewerId === view.evaluatorUserId)
        return {
          type: 'reviewer-is-evaluator',
          detail: 'the evaluator who scored the evaluation may not review the evidence against its own findings',
        };
      if (f.state !== 'evidence-under-review') return wrongState('under review');
      if (check.submissionId !== f.pendingSubmissionId)
        return {
          type: 'unknown-submission',
          detail: `submission ${check.submissionId} is not the one under review for ${f.id} (${f.pendingSubmissionId})`,
        };
      if (!check.reasons.trim())
        return { type: 'reason-required', detail: 'reasons are required and are sent to the parties' };
      return undefined;
  }
}
