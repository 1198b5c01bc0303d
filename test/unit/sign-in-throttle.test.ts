import { Attempt, strictest, throttleDecision } from '../../domain/sign-in-throttle';

const rule = { maxFailures: 5, windowSeconds: 900 };
const now = 10_000_000;
const failedAt = (...secondsAgo: number[]): Attempt[] =>
  secondsAgo.map((s) => ({ outcome: 'failed', atMs: now - s * 1000 }));

describe('sign-in throttle (ASVS 2.2.1)', () => {
  it('lets 4 failures pass and throttles at the 5th, until the oldest counted one leaves the window', () => {
    expect(throttleDecision(failedAt(50, 40, 30, 20), rule, now, 'account')).toEqual({ throttled: false });
    expect(throttleDecision(failedAt(50, 40, 30, 20, 10), rule, now, 'account')).toEqual({
      throttled: true,
      retryAfterSeconds: 850,
    });
    // With 7 failures it takes the 3rd oldest to leave before only 4 remain.
    expect(throttleDecision(failedAt(70, 60, 50, 40, 30, 20, 10), rule, now, 'account')).toEqual({
      throttled: true,
      retryAfterSeconds: 850,
    });
  });

  it('forgets failures older than the window, and does not count throttled attempts', () => {
    expect(throttleDecision(failedAt(1000, 950, 901, 30, 20), rule, now, 'account')).toEqual({ throttled: false });
    const throttled: Attempt[] = [1, 2, 3].map((s) => ({ outcome: 'throttled', atMs: now - s * 1000 }));
    expect(throttleDecision([...failedAt(40, 30, 20, 10), ...throttled], rule, now, 'account')).toEqual({
      throttled: false,
    });
  });

  it("starts an account's count afresh after a success or a new password, but not an address's", () => {
    const attempts: Attempt[] = [
      ...failedAt(100, 90, 80, 70),
      { outcome: 'succeeded', atMs: now - 60_000 },
      ...failedAt(50, 40, 30, 20),
    ];
    expect(throttleDecision(attempts, rule, now, 'account')).toEqual({ throttled: false });
    expect(throttleDecision(attempts, rule, now, 'address').throttled).toBe(true);
    const reset: Attempt[] = [...failedAt(50, 40, 30, 20, 10), { outcome: 'password-set', atMs: now - 5_000 }];
    expect(throttleDecision(reset, rule, now, 'account')).toEqual({ throttled: false });
  });

  it('waits at least a second, and takes the longest wait of several rules', () => {
    expect(throttleDecision(failedAt(899.9, 5, 4, 3, 2), rule, now, 'account')).toEqual({
      throttled: true,
      retryAfterSeconds: 1,
    });
    expect(
      strictest([
        { throttled: false },
        { throttled: true, retryAfterSeconds: 30 },
        { throttled: true, retryAfterSeconds: 90 },
      ]),
    ).toEqual({ throttled: true, retryAfterSeconds: 90 });
    expect(strictest([{ throttled: false }])).toEqual({ throttled: false });
  });
});
