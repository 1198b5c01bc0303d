import { capacityArithmetic, capacityVerdict, maxVisitsPerStaffOf, sameArithmetic } from '../../domain/capacity';
import { defaultPolicy, Policy, resolvePolicy } from '../../domain/policy';
import { policyViolations } from '../../domain/policy-rules';

describe('capacityVerdict', () => {
  const base = { visitsPerMonth: 4, otherContractsVisitsPerMonth: 14, committedStaff: 2, maxVisitsPerStaff: 8 };

  it('warns with the arithmetic when the visits exceed staff × ratio: 14 + 4 = 18 > 16', () => {
    const verdict = capacityVerdict(base);
    expect(verdict).toEqual({
      kind: 'exceeded',
      warning: { ...base, capacity: 16, exceededBy: 2 },
    });
    if (verdict.kind !== 'exceeded') throw new Error('expected a warning');
    expect(capacityArithmetic(verdict.warning)).toBe('14 + 4 = 18 > 16 = 2 × 8');
  });

  it('is within capacity up to and including it', () => {
    expect(capacityVerdict({ ...base, visitsPerMonth: 2 })).toEqual({ kind: 'within', total: 16, capacity: 16 });
    expect(capacityVerdict({ ...base, otherContractsVisitsPerMonth: 0 })).toEqual({
      kind: 'within',
      total: 4,
      capacity: 16,
    });
  });

  it('checks nothing when the hospital declared no staff, and warns at once when it declared none (0)', () => {
    expect(capacityVerdict({ ...base, committedStaff: null })).toEqual({ kind: 'undeclared' });
    expect(capacityVerdict({ ...base, committedStaff: 0, otherContractsVisitsPerMonth: 0 })).toMatchObject({
      kind: 'exceeded',
      warning: { capacity: 0, exceededBy: 4 },
    });
  });

  it('tells whether two warnings rest on the same numbers', () => {
    const w = { ...base, capacity: 16, exceededBy: 2 };
    expect(sameArithmetic(w, { ...w })).toBe(true);
    expect(sameArithmetic(w, { ...w, otherContractsVisitsPerMonth: 15, exceededBy: 3 })).toBe(false);
  });
});

describe('the capacity policy', () => {
  it('defaults to 8 visits a month per committed staff member, also for snapshots stored before it existed', () => {
    expect(maxVisitsPerStaffOf(defaultPolicy)).toBe(8);
    const older: Policy = { ...defaultPolicy };
    delete older.capacity;
    expect(maxVisitsPerStaffOf(older)).toBe(8);
    expect(maxVisitsPerStaffOf(resolvePolicy({ capacity: { maxHomeVisitsPerStaffPerMonth: 12 } }))).toBe(12);
  });

  it('refuses a ratio below 1 or not whole', () => {
    const paths = (n: number) =>
      policyViolations(resolvePolicy({ capacity: { maxHomeVisitsPerStaffPerMonth: n } })).map((v) => v.path);
    expect(paths(0)).toEqual(['capacity.maxHomeVisitsPerStaffPerMonth']);
    expect(paths(2.5)).toEqual(['capacity.maxHomeVisitsPerStaffPerMonth']);
    expect(paths(8)).toEqual([]);
  });
});
