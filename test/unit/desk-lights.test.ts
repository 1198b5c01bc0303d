import { currentDeadline, deskLight } from '../../domain/desk-lights';
import { defaultPolicy, deskPolicyOf } from '../../domain/policy';
import { policyViolations } from '../../domain/policy-rules';

const desk = { yellowDueWithinDays: 7 };
const open = (deadline: string, extra: Record<string, string> = {}) => ({
  status: 'awaiting-evidence',
  deadline,
  ...extra,
});

describe('the desk light of a rectification order', () => {
  it('is red the day after its deadline, yellow within the policy days, green before', () => {
    expect(deskLight('2026-12-11', open('2026-12-10'), desk)).toBe('red');
    expect(deskLight('2026-12-10', open('2026-12-10'), desk)).toBe('yellow');
    expect(deskLight('2026-12-03', open('2026-12-10'), desk)).toBe('yellow');
    expect(deskLight('2026-12-02', open('2026-12-10'), desk)).toBe('green');
    expect(deskLight('2026-12-02', open('2026-12-10'), { yellowDueWithinDays: 8 })).toBe('yellow');
  });

  it('counts from the representations deadline under notice, and shows none once the order has an outcome', () => {
    const notice = open('2026-12-01', { status: 'notice-of-revocation', representationsDeadline: '2026-12-20' });
    expect(currentDeadline(notice)).toBe('2026-12-20');
    expect(deskLight('2026-12-05', notice, desk)).toBe('green');
    expect(deskLight('2026-12-21', notice, desk)).toBe('red');
    expect(deskLight('2026-12-05', { ...open('2026-12-01'), status: 'revoked', outcome: 'revoked' }, desk)).toBe(
      undefined,
    );
  });

  it('reads the region policy, the default where a snapshot predates it, and refuses a non-positive day count', () => {
    expect(deskPolicyOf({})).toEqual({ yellowDueWithinDays: 7 });
    expect(deskPolicyOf({ desk: { yellowDueWithinDays: 30 } })).toEqual({ yellowDueWithinDays: 30 });
    expect(policyViolations({ ...defaultPolicy, desk: { yellowDueWithinDays: 0 } })).toEqual([
      expect.objectContaining({ path: 'desk.yellowDueWithinDays' }),
    ]);
  });
});
