import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { missingRow } from '../../activities/missing-row';

/**
 * A workflow started inside its row's transaction can look for the row before the commit: the
 * first attempts retry, later ones stop (the row was rolled back).
 */
async function failureOnAttempt(attempt: number): Promise<ApplicationFailure> {
  const env = new MockActivityEnvironment({ attempt });
  return env.run(async () => missingRow('no cycle c-1', 'UnknownCycle'));
}

describe('missingRow', () => {
  it('is retried on the first attempts, while the insert may not have committed', async () => {
    const failure = await failureOnAttempt(1);
    expect(failure).toMatchObject({ type: 'UnknownCycle', nonRetryable: false });
    expect(failure.message).toContain('no cycle c-1');
  });

  it('stops retrying once the row had time to commit', async () => {
    expect(await failureOnAttempt(5)).toMatchObject({ type: 'UnknownCycle', nonRetryable: true });
  });

  it('is final outside an activity', () => {
    expect(missingRow('no cycle c-1', 'UnknownCycle').nonRetryable).toBe(true);
  });
});
