/**
 * Policy time. With timeScale 1 this is the real clock; with N it runs N times faster from the
 * anchor (the contract's draft instant), so a whole lifecycle runs against the real server in
 * seconds. Everything here is pure, so workflows may use it with their deterministic Date.now().
 */
export interface PolicyClock {
  anchorMs: number;
  timeScale: number;
}

export function policyNow(clock: PolicyClock, realNowMs: number): number {
  return clock.anchorMs + (realNowMs - clock.anchorMs) * clock.timeScale;
}

export function realInstantOf(clock: PolicyClock, policyInstantMs: number): number {
  return clock.anchorMs + (policyInstantMs - clock.anchorMs) / clock.timeScale;
}

/** Real milliseconds from `realNowMs` until a policy instant; at least 1 ms (0 would mean "no timeout"). */
export function realDelayUntil(clock: PolicyClock, realNowMs: number, policyInstantMs: number): number {
  return Math.max(1, Math.ceil(realInstantOf(clock, policyInstantMs) - realNowMs));
}

/** A contract's clock: policy time starts where the contract was drafted and runs at its policy's scale. */
export const contractClock = (contract: { clockAnchor: string; policy: { timeScale: number } }): PolicyClock => ({
  anchorMs: Date.parse(contract.clockAnchor),
  timeScale: contract.policy.timeScale,
});
