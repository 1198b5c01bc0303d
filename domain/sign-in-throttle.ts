/**
 * When sign-in is refused before any password is checked (OWASP ASVS 4.0 2.2.1): too many failed
 * attempts for one account, or from one address, within a sliding window. For an account, a
 * successful sign-in or a newly set password starts the count afresh; for an address it does not,
 * so one known account cannot be used to keep guessing others.
 */
export type AttemptOutcome = 'failed' | 'succeeded' | 'throttled' | 'password-set';

export interface Attempt {
  outcome: AttemptOutcome;
  atMs: number;
}

export interface ThrottleRule {
  maxFailures: number;
  windowSeconds: number;
}

export type ThrottleDecision = { throttled: false } | { throttled: true; retryAfterSeconds: number };

/** Failures in the window; with `resetBy`, only those after the latest attempt of those outcomes. */
function countedFailures(attempts: Attempt[], rule: ThrottleRule, nowMs: number, resetBy: AttemptOutcome[]) {
  const since = nowMs - rule.windowSeconds * 1000;
  const sorted = attempts.filter((a) => a.atMs > since && a.atMs <= nowMs).sort((a, b) => a.atMs - b.atMs);
  const lastReset = sorted.map((a) => resetBy.includes(a.outcome)).lastIndexOf(true);
  return sorted.slice(lastReset + 1).filter((a) => a.outcome === 'failed');
}

/** Throttled once maxFailures are counted; free again when the oldest of them leaves the window. */
export function throttleDecision(
  attempts: Attempt[],
  rule: ThrottleRule,
  nowMs: number,
  scope: 'account' | 'address',
): ThrottleDecision {
  const failures = countedFailures(attempts, rule, nowMs, scope === 'account' ? ['succeeded', 'password-set'] : []);
  if (failures.length < rule.maxFailures) return { throttled: false };
  const freedAtMs = failures[failures.length - rule.maxFailures]!.atMs + rule.windowSeconds * 1000;
  return { throttled: true, retryAfterSeconds: Math.max(1, Math.ceil((freedAtMs - nowMs) / 1000)) };
}

/** The stricter of several decisions: the longest wait. */
export function strictest(decisions: ThrottleDecision[]): ThrottleDecision {
  const waits = decisions.flatMap((d) => (d.throttled ? [d.retryAfterSeconds] : []));
  return waits.length ? { throttled: true, retryAfterSeconds: Math.max(...waits) } : { throttled: false };
}
