import {
  contractStatuses,
  isInForce,
  renewalRejection,
  signatureRejection,
  SigningState,
  terminationRejection,
} from '../../domain/contract';
import { policyNow, realDelayUntil, realInstantOf } from '../../domain/clock';
import { defaultPolicy, policyDaysToMs, resolvePolicy } from '../../domain/policy';

const base: SigningState = {
  status: 'draft',
  medicalInstitutionId: 'hospital',
  careInstitutionId: 'home',
  signingDeadlineMs: 1_000,
  signatures: [],
  pendingSides: [],
};

describe('signature rules', () => {
  it('accepts a party of the contract before the deadline', () => {
    expect(signatureRejection(base, 'hospital', 999)).toBeUndefined();
  });

  it.each([
    ['a stranger', base, 'elsewhere', 0, 'not-a-party'],
    [
      'a second signature',
      { ...base, signatures: [{ side: 'care' as const, institutionId: 'home', userId: 'u', signedAt: 'x' }] },
      'home',
      0,
      'already-signed',
    ],
    [
      'a signature still being recorded',
      { ...base, pendingSides: ['medical' as const] },
      'hospital',
      0,
      'already-signed',
    ],
    ['a lapsed contract', { ...base, status: 'lapsed' as const }, 'hospital', 0, 'signing-closed'],
    ['the deadline instant itself', base, 'hospital', 1_000, 'signing-deadline-passed'],
  ])('refuses %s', (_name, state, institution, now, type) => {
    expect(signatureRejection(state, institution, now)?.type).toBe(type);
  });

  it('refuses termination of a closed contract or without a reason', () => {
    expect(terminationRejection('expired', 'x')?.type).toBe('contract-closed');
    expect(terminationRejection('active', '  ')?.type).toBe('reason-required');
    expect(terminationRejection('active', 'moving away')).toBeUndefined();
    expect(terminationRejection('rectifying', 'moving away')).toBeUndefined();
  });
});

describe('a contract in force', () => {
  it('is active or rectifying, nothing else', () => {
    expect(contractStatuses.filter(isInForce)).toEqual(['active', 'rectifying']);
  });

  it('may be renewed while rectifying, to a later date only; not once it has ended', () => {
    expect(renewalRejection('rectifying', '2029-12-31', '2030-12-31')).toBeUndefined();
    expect(renewalRejection('rectifying', '2029-12-31', '2029-06-30')?.type).toBe('renewal-not-later');
    for (const status of ['draft', 'lapsed', 'expired', 'terminated', 'revoked'] as const)
      expect(renewalRejection(status, '2029-12-31', '2030-12-31')?.type).toBe('contract-not-active');
  });
});

describe('policy', () => {
  it('lays region overrides over the defaults without losing siblings', () => {
    const policy = resolvePolicy({ signing: { windowDays: 14 }, subsidy: { gradeFactorBp: { unqualified: 5000 } } });
    expect(policy.signing.windowDays).toBe(14);
    expect(policy.subsidy.gradeFactorBp).toEqual({ excellent: 13000, qualified: 10000, unqualified: 5000 });
    expect(policy.obligations).toEqual(defaultPolicy.obligations);
    expect(defaultPolicy.signing.windowDays).toBe(30);
  });

  it('replaces arrays rather than merging them', () => {
    expect(resolvePolicy({ rectification: { reminderDaysBefore: [3] } }).rectification.reminderDaysBefore).toEqual([3]);
  });

  it('compresses policy days by the time scale', () => {
    expect(policyDaysToMs(30, { timeScale: 1 })).toBe(30 * 86_400_000);
    expect(policyDaysToMs(30, { timeScale: 1_296_000 })).toBe(2_000);
  });
});

describe('policy clock', () => {
  const clock = { anchorMs: 1_000_000, timeScale: 100 };
  it('runs policy time faster from the anchor and maps it back', () => {
    expect(policyNow(clock, 1_000_010)).toBe(1_001_000);
    expect(realInstantOf(clock, 1_001_000)).toBe(1_000_010);
    expect(realDelayUntil(clock, 1_000_000, 1_001_000)).toBe(10);
  });
  it('never returns a zero delay (a zero timeout would mean none)', () => {
    expect(realDelayUntil(clock, 2_000_000, 1_001_000)).toBe(1);
  });
});
