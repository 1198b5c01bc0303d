import { compareLocalDates } from './calendar';
import type { Policy } from './policy';

export interface RectificationRejection {
  type: 'rectification-wrong-step' | 'rectification-deadline-passed' | 'reason-required' | 'extension-limit-reached' | 'unknown-submission';
  detail: string;
}

type Check = { action: 'submit-evidence' } | { action: 'review'; submissionId: string; reasons: string } | { action: 'extend'; reasons: string } | { action: 'decide'; reasons: string };

const needsReason = (reasons: string): RectificationRejection | undefined => (reasons.trim() ? undefined : { type: 'reason-required', detail: 'reasons are required and are sent to the parties' });

/** Whether a command fits the order's current step, deadline and policy (000_… §3.3; project defaults for extensions). */
export function rectificationRejection(check: Check, view: { step: string; deadline: string; extensions: number; pendingSubmissionId?: string }, today: string, policy: Pick<Policy, 'rectification'>): RectificationRejection | undefined {
  const wrongStep = (expected: string) => ({ type: 'rectification-wrong-step' as const, detail: `this needs the order to be ${expected}; it is ${view.step}` });
  switch (check.action) {
    case 'submit-evidence':
      if (view.step !== 'awaiting-evidence') return wrongStep('awaiting evidence');
      if (compareLocalDates(today, view.deadline) > 0) return { type: 'rectification-deadline-passed', detail: `evidence was due by ${view.deadline}` };
      return undefined;
    case 'review':
      if (view.step !== 'evidence-under-review') return wrongStep('under review');
      if (check.submissionId !== view.pendingSubmissionId) return { type: 'unknown-submission', detail: `submission ${check.submissionId} is not the one under review (${view.pendingSubmissionId})` };
      return needsReason(check.reasons);
    case 'extend':
      if (view.step !== 'awaiting-evidence' && view.step !== 'evidence-under-review') return wrongStep('awaiting or reviewing evidence');
      if (view.extensions >= policy.rectification.maxExtensions) return { type: 'extension-limit-reached', detail: `at most ${policy.rectification.maxExtensions} extension(s) may be granted` };
      if (compareLocalDates(today, view.deadline) > 0) return { type: 'rectification-deadline-passed', detail: `the deadline ${view.deadline} has passed` };
      return needsReason(check.reasons);
    case 'decide':
      if (view.step !== 'notice-of-revocation') return wrongStep('under notice of intended revocation');
      return needsReason(check.reasons);
  }
}
