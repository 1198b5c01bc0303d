import { defaultPolicy, resolvePolicy } from '../../domain/policy';
import { policyViolations } from '../../domain/policy-rules';
import {
  failedFindings,
  findingDeadlines,
  findingRejection,
  type FindingProgress,
  findingsText,
  initialProgress,
  itemizedStep,
  numberFindings,
  planOfCorrectionDays,
  sideMayAct,
} from '../../domain/rectification-findings';

const findings = numberFindings([
  { indicator: 'visits', problem: 'Few visits', requiredCorrection: 'A rota', responsibleSide: 'medical' },
  { indicator: 'records', problem: 'No records', requiredCorrection: 'Records', responsibleSide: 'care' },
  { indicator: 'referral', problem: 'No drill', requiredCorrection: 'A drill', responsibleSide: 'both' },
]);
const dates = { planDeadline: '2027-01-11', deadline: '2027-03-02' };
const progress = (states: FindingProgress['state'][]): FindingProgress[] =>
  initialProgress(findings).map((f, i) => ({ ...f, state: states[i]! }));
const view = (states: FindingProgress['state'][], extra: Partial<FindingProgress>[] = []) => ({
  step: 'awaiting-evidence',
  ...dates,
  findings: progress(states).map((f, i) => ({ ...f, ...extra[i] })),
  evaluatorUserId: 'evaluator-1',
});

describe('itemized findings', () => {
  it('numbers findings F1..Fn and writes them as one text for the evaluation record', () => {
    expect(findings.map((f) => f.id)).toEqual(['F1', 'F2', 'F3']);
    expect(findingsText(findings)).toBe(
      'F1 [visits] Few visits → A rota (medical)\nF2 [records] No records → Records (care)\nF3 [referral] No drill → A drill (both)',
    );
    expect(findingsText('free text')).toBe('free text');
  });

  it("'both' lets either side act; otherwise only the named side", () => {
    expect(sideMayAct('both', 'medical')).toBe(true);
    expect(sideMayAct('both', 'care')).toBe(true);
    expect(sideMayAct('medical', 'care')).toBe(false);
    expect(sideMayAct('care', 'care')).toBe(true);
  });

  it('deadlines run from the day of delivery: plan days (default 10), evidence days (default 60)', () => {
    expect(findingDeadlines('2026-12-30', defaultPolicy)).toEqual({
      planDeadline: '2027-01-09',
      deadline: '2027-02-28',
    });
    const region = resolvePolicy({ rectification: { planOfCorrectionDays: 5, deadlineDays: 30 } });
    expect(findingDeadlines('2027-02-26', region)).toEqual({ planDeadline: '2027-03-03', deadline: '2027-03-28' });
  });

  it('a policy stored before the plan of correction reads the project default', () => {
    const stored = { rectification: { deadlineDays: 60 } };
    expect(planOfCorrectionDays(stored)).toBe(10);
  });

  it('region policy: the plan days must fit within the deadline days', () => {
    const bad = resolvePolicy({ rectification: { planOfCorrectionDays: 70 } });
    expect(policyViolations(bad).map((v) => v.path)).toContain('rectification.planOfCorrectionDays');
    expect(policyViolations(defaultPolicy)).toEqual([]);
  });

  it("the order's step: awaiting while the parties owe anything, under review when only reviews remain, re-evaluation when all are accepted", () => {
    expect(itemizedStep(progress(['awaiting-plan', 'accepted', 'accepted']))).toBe('awaiting-evidence');
    expect(itemizedStep(progress(['evidence-under-review', 'awaiting-evidence', 'accepted']))).toBe(
      'awaiting-evidence',
    );
    expect(itemizedStep(progress(['evidence-under-review', 'accepted', 'evidence-under-review']))).toBe(
      'evidence-under-review',
    );
    expect(itemizedStep(progress(['accepted', 'accepted', 'accepted']))).toBe('re-evaluation');
  });

  it('fails the findings without a plan after the plan deadline, without accepted evidence after the deadline; a pending review holds', () => {
    const states = progress(['awaiting-plan', 'awaiting-evidence', 'evidence-under-review']);
    expect(failedFindings(states, '2027-01-11', dates).ids).toEqual([]);
    expect(failedFindings(states, '2027-01-12', dates)).toEqual({
      ids: ['F1'],
      reason: 'no plan of correction for F1 by 2027-01-11',
    });
    expect(failedFindings(states, '2027-03-03', dates)).toEqual({
      ids: ['F1', 'F2'],
      reason: 'no plan of correction for F1 by 2027-01-11; no accepted evidence for F1, F2 by 2027-03-02',
    });
  });

  it('plans: the responsible side, once, before the plan deadline, completing by the order deadline', () => {
    const v = view(['awaiting-plan', 'awaiting-plan', 'awaiting-evidence']);
    const plan = (findingId: string, side: 'medical' | 'care', completionDate = '2027-02-01', today = '2027-01-05') =>
      findingRejection({ action: 'plan', findingId, side, completionDate }, v, today)?.type;
    expect(plan('F1', 'medical')).toBeUndefined();
    expect(plan('F1', 'care')).toBe('not-responsible-side');
    expect(plan('F2', 'care')).toBeUndefined();
    expect(plan('F3', 'care')).toBe('finding-wrong-state');
    expect(plan('F9', 'care')).toBe('unknown-finding');
    expect(plan('F1', 'medical', '2027-03-03')).toBe('completion-after-deadline');
    expect(plan('F1', 'medical', '2027-02-01', '2027-01-12')).toBe('plan-deadline-passed');
    expect(
      findingRejection(
        { action: 'plan', findingId: 'F1', side: 'medical', completionDate: '2027-02-01' },
        { ...v, step: 'notice-of-revocation' },
        '2027-01-05',
      )?.type,
    ).toBe('rectification-wrong-step');
  });

  it('evidence: every named finding, from its side, after its plan, before the deadline', () => {
    const v = view(['awaiting-evidence', 'awaiting-plan', 'awaiting-evidence']);
    const evidence = (findingIds: string[], side: 'medical' | 'care', today = '2027-02-01') =>
      findingRejection({ action: 'evidence', findingIds, side }, v, today)?.type;
    expect(evidence(['F1', 'F3'], 'medical')).toBeUndefined();
    expect(evidence(['F3'], 'care')).toBeUndefined();
    expect(evidence(['F1'], 'care')).toBe('not-responsible-side');
    expect(evidence(['F2'], 'care')).toBe('plan-required');
    expect(evidence([], 'care')).toBe('finding-required');
    expect(evidence(['F1'], 'medical', '2027-03-03')).toBe('rectification-deadline-passed');
  });

  it('review: never by the evaluator, only the submission under review, with reasons', () => {
    const v = view(['evidence-under-review', 'awaiting-evidence', 'accepted'], [{ pendingSubmissionId: 's-1' }]);
    const review = (findingId: string, submissionId: string, reviewerId = 'regulator-1', reasons = 'seen') =>
      findingRejection({ action: 'review', findingId, submissionId, reviewerId, reasons }, v, '2027-02-01')?.type;
    expect(review('F1', 's-1')).toBeUndefined();
    expect(review('F1', 's-1', 'evaluator-1')).toBe('reviewer-is-evaluator');
    expect(review('F1', 's-2')).toBe('unknown-submission');
    expect(review('F2', 's-1')).toBe('finding-wrong-state');
    expect(review('F1', 's-1', 'regulator-1', '  ')).toBe('reason-required');
  });
});
