import { defaultPolicy, resolvePolicy, revocationPolicyOf } from '../../domain/policy';
import { policyViolations } from '../../domain/policy-rules';
import {
  decisionAwaitsHearing,
  decisionWindowOpensOn,
  everyPartyWaived,
  hearingRejection,
  type HeardParty,
  representationsReminders,
  sidesAtStake,
} from '../../domain/representations';

const notice = (representations: HeardParty[] = [], representationsDeadline: string | undefined = '2027-03-15') => ({
  step: 'notice-of-revocation',
  representationsDeadline,
  representations,
});
const filed = (id: string, institutionId: string): HeardParty => ({
  representationId: id,
  institutionId,
  kind: 'filed',
});
const waived = (institutionId: string): HeardParty => ({
  representationId: `w-${institutionId}`,
  institutionId,
  kind: 'waived',
});
const confirm = (considerations: { representationId: string; consideration: string }[] = []) => ({
  action: 'decide' as const,
  decision: 'confirm' as const,
  reasons: 'No evidence',
  considerations,
});

describe('the representations window', () => {
  it('opens for decisions the day after the last day for representations', () => {
    expect(decisionWindowOpensOn('2027-03-15')).toBe('2027-03-16');
    expect(decisionWindowOpensOn('2027-12-31')).toBe('2028-01-01');
  });

  it('refuses a confirmation up to and including the deadline, naming the day it opens', () => {
    for (const today of ['2027-03-01', '2027-03-15'])
      expect(hearingRejection(confirm(), notice(), today)).toEqual({
        type: 'representations-window-open',
        detail: expect.stringContaining('can be confirmed from 2027-03-16'),
      });
    expect(hearingRejection(confirm(), notice(), '2027-03-16')).toBeUndefined();
  });

  it("keeps the regulator's decision waiting in the work queue until the window opens or both declared none", () => {
    expect(decisionAwaitsHearing('2027-03-15', [], '2027-03-15')).toBe(true);
    expect(decisionAwaitsHearing('2027-03-15', ['m'], '2027-03-10')).toBe(true);
    expect(decisionAwaitsHearing('2027-03-15', ['m', 'c'], '2027-03-10')).toBe(false);
    expect(decisionAwaitsHearing('2027-03-15', [], '2027-03-16')).toBe(false);
  });

  it('refuses a confirmation while the notice is still being delivered (no deadline yet)', () => {
    expect(hearingRejection(confirm(), notice([], undefined), '2027-03-01')?.type).toBe('representations-window-open');
  });

  it('lets a withdrawal through at any time of the notice step', () => {
    const withdraw = { ...confirm(), decision: 'withdraw' as const };
    expect(hearingRejection(withdraw, notice(), '2027-03-01')).toBeUndefined();
    expect(hearingRejection(withdraw, notice([], undefined), '2027-03-01')).toBeUndefined();
  });

  it('closes early only once both parties declared none', () => {
    expect(everyPartyWaived(notice([waived('m')]))).toBe(false);
    expect(hearingRejection(confirm(), notice([waived('m')]), '2027-03-01')?.type).toBe('representations-window-open');
    expect(everyPartyWaived(notice([waived('m'), waived('c')]))).toBe(true);
    expect(hearingRejection(confirm(), notice([waived('m'), waived('c')]), '2027-03-01')).toBeUndefined();
  });

  it('takes representations until the deadline, not after, and not from a party that declared none', () => {
    expect(hearingRejection({ action: 'file', institutionId: 'm' }, notice(), '2027-03-15')).toBeUndefined();
    expect(hearingRejection({ action: 'file', institutionId: 'm' }, notice(), '2027-03-16')?.type).toBe(
      'representations-window-closed',
    );
    expect(hearingRejection({ action: 'file', institutionId: 'm' }, notice([waived('m')]), '2027-03-01')?.type).toBe(
      'representations-waived',
    );
    expect(
      hearingRejection({ action: 'waive', institutionId: 'm' }, notice([filed('r1', 'm')]), '2027-03-01')?.type,
    ).toBe('representations-waived');
    expect(
      hearingRejection({ action: 'file', institutionId: 'c' }, notice([waived('m')]), '2027-03-01'),
    ).toBeUndefined();
  });

  it('refuses everything outside the notice step', () => {
    expect(hearingRejection(confirm(), { step: 'awaiting-evidence' }, '2027-03-20')?.type).toBe(
      'rectification-wrong-step',
    );
  });
});

describe('the decision considers every representation', () => {
  const heard = notice([filed('r1', 'c'), filed('r2', 'm')]);

  it('names the representations not considered', () => {
    const rejection = hearingRejection(
      confirm([{ representationId: 'r1', consideration: 'Not credible' }]),
      heard,
      '2027-03-16',
    );
    expect(rejection).toEqual({ type: 'representation-not-considered', detail: expect.stringContaining('r2') });
  });

  it('refuses a consideration of a representation never filed, and a blank one', () => {
    expect(
      hearingRejection(confirm([{ representationId: 'x', consideration: 'Seen' }]), heard, '2027-03-16')?.type,
    ).toBe('unknown-representation');
    expect(
      hearingRejection(
        confirm([
          { representationId: 'r1', consideration: ' ' },
          { representationId: 'r2', consideration: 'Seen' },
        ]),
        heard,
        '2027-03-16',
      )?.type,
    ).toBe('representation-not-considered');
  });

  it('goes ahead with each considered, and requires reasons', () => {
    const all = [
      { representationId: 'r1', consideration: 'Not credible' },
      { representationId: 'r2', consideration: 'Outweighed by the re-evaluation' },
    ];
    expect(hearingRejection(confirm(all), heard, '2027-03-16')).toBeUndefined();
    expect(hearingRejection({ ...confirm(all), reasons: ' ' }, heard, '2027-03-16')?.type).toBe('reason-required');
  });
});

describe('reminders before the window closes', () => {
  it('fall the policy days before the deadline, never on or before the sending day', () => {
    expect(representationsReminders('2027-03-15', '2027-02-28', defaultPolicy.revocation!)).toEqual([
      { daysBefore: 7, date: '2027-03-08' },
      { daysBefore: 1, date: '2027-03-14' },
    ]);
    expect(representationsReminders('2027-03-15', '2027-03-08', defaultPolicy.revocation!)).toEqual([
      { daysBefore: 1, date: '2027-03-14' },
    ]);
  });
});

describe('whose qualification is at stake', () => {
  it("follows the findings' responsible sides; a finding without one is the medical institution's", () => {
    expect(sidesAtStake([{ id: 'F1' }])).toEqual(['medical']);
    expect(sidesAtStake([{ id: 'F1', responsibleSide: 'care' }])).toEqual(['care']);
    expect(sidesAtStake([{ id: 'F1', responsibleSide: 'both' }])).toEqual(['medical', 'care']);
    expect(
      sidesAtStake([
        { id: 'F1', responsibleSide: 'care' },
        { id: 'F2', responsibleSide: 'medical' },
      ]),
    ).toEqual(['medical', 'care']);
  });

  it('counts only the failed findings when the order names them', () => {
    const findings = [
      { id: 'F1', responsibleSide: 'care' },
      { id: 'F2', responsibleSide: 'medical' },
    ];
    expect(sidesAtStake(findings, ['F1'])).toEqual(['care']);
    expect(sidesAtStake(findings, ['F2'])).toEqual(['medical']);
  });

  it('falls back to the medical institution when no finding is left to count', () => {
    expect(sidesAtStake([])).toEqual(['medical']);
    expect(sidesAtStake([{ id: 'F1', responsibleSide: 'care' }], ['F9'])).toEqual(['medical']);
  });
});

describe('the revocation policy', () => {
  it('defaults to the institution in the region, with reminders 7 and 1 days before', () => {
    expect(revocationPolicyOf({})).toEqual({
      reach: 'institution-in-region',
      representationsReminderDaysBefore: [7, 1],
    });
    expect(revocationPolicyOf({ revocation: { reach: 'this-contract' } }).reach).toBe('this-contract');
  });

  it('is checked with the rest of the policy', () => {
    const bad = resolvePolicy({
      revocation: { reach: 'everywhere' as never, representationsReminderDaysBefore: [20] },
    });
    expect(policyViolations(bad).map((v) => v.path)).toEqual([
      'revocation.reach',
      'revocation.representationsReminderDaysBefore.0',
    ]);
    expect(policyViolations(resolvePolicy({ revocation: { reach: 'this-contract' } }))).toEqual([]);
  });
});
