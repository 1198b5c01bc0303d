import { defaultPolicy, resolvePolicy } from '../../domain/policy';
import { annualSubsidy, gradeForSubsidyYear, SubsidyInput } from '../../domain/subsidy';

const home = (overrides: Partial<SubsidyInput> = {}) =>
  annualSubsidy({
    residents: 96,
    baseRateFen: 120_00,
    ownership: 'public',
    remote: false,
    grade: null,
    policy: defaultPolicy,
    ...overrides,
  });

describe('annualSubsidy (000_2559ba4ecdded544.txt §3.3)', () => {
  it('public home, not remote, no grade yet: residents × base rate', () => {
    const result = home();
    expect(result).toMatchObject({
      residents: 96,
      baseRateFenPerResident: 12000,
      totalFen: 1_152_000,
      totalYuan: '11520.00',
    });
    expect(result.factors).toEqual([
      expect.objectContaining({ name: 'private-for-profit', bp: 8000, applied: false }),
      expect.objectContaining({ name: 'remote-district', bp: 12000, applied: false }),
      expect.objectContaining({ name: 'grade', bp: 10000, applied: false }),
    ]);
    expect(result.factors[2]!.source).toMatch(/no grade yet/);
    expect(result.factors[0]!.source).toMatch(/this home is public/);
    for (const factor of result.factors)
      expect(factor.source).toContain(
        'Exploration of Optimal Paths for Contractual Cooperation between Public Medical Institutions ' +
          'and Elderly Care Institutions in Chongqing, China", §3.3',
      );
    for (const factor of result.factors) expect(factor.source).not.toMatch(/\.txt|000_/);
  });

  it('private for-profit, remote, Excellent: 96 × 12000 × 0.8 × 1.2 × 1.3', () => {
    const result = home({ ownership: 'private_for_profit', remote: true, grade: 'excellent' });
    expect(result.totalFen).toBe(1_437_696);
    expect(result.totalYuan).toBe('14376.96');
    expect(result.factors.every((f) => f.applied)).toBe(true);
    expect(result.factors.map((f) => f.source)).toEqual([
      expect.stringMatching(/80%.*×0\.8/),
      expect.stringMatching(/\+20%.*×1\.2/),
      expect.stringMatching(/Excellent.*×1\.3/),
    ]);
  });

  it('each factor alone', () => {
    expect(home({ ownership: 'private_for_profit' }).totalFen).toBe(921_600);
    expect(home({ ownership: 'private_non_profit' }).totalFen).toBe(1_152_000);
    expect(home({ remote: true }).totalFen).toBe(1_382_400);
    expect(home({ grade: 'qualified' }).totalFen).toBe(1_152_000);
    expect(home({ grade: 'qualified' }).factors[2]).toMatchObject({ bp: 10000, applied: true });
  });

  it('Unqualified: 0 by default, or what the region decides', () => {
    const unqualified = home({ grade: 'unqualified', remote: true });
    expect(unqualified).toMatchObject({ totalFen: 0, totalYuan: '0.00' });
    expect(unqualified.factors[2]).toMatchObject({ bp: 0, applied: true });
    expect(unqualified.factors[2]!.source).toMatch(/Unqualified.*×0/);
    const halved = resolvePolicy({ subsidy: { gradeFactorBp: { unqualified: 5000 } } });
    expect(home({ grade: 'unqualified', policy: halved }).totalFen).toBe(576_000);
  });

  it('rounds once, at the end, not after each factor', () => {
    // 7 × 12345 = 86,415 fen; × 0.8 × 1.2 × 1.3 = 86,415 × 1.248 = 107,845.92 → 107,846.
    // Rounding per factor would give 69,132 → 82,958 → 107,845.
    const result = annualSubsidy({
      residents: 7,
      baseRateFen: 12345,
      ownership: 'private_for_profit',
      remote: true,
      grade: 'excellent',
      policy: defaultPolicy,
    });
    expect(result).toMatchObject({ totalFen: 107_846, totalYuan: '1078.46' });
    // 86,415 × 1.2 × 1.3 = 134,807.4 → 134,807 (down).
    expect(
      annualSubsidy({
        residents: 7,
        baseRateFen: 12345,
        ownership: 'public',
        remote: true,
        grade: 'excellent',
        policy: defaultPolicy,
      }).totalFen,
    ).toBe(134_807);
  });

  it('rounds an exact half fen up', () => {
    const half = resolvePolicy({ subsidy: { privateForProfitFactorBp: 5000 } });
    // 1 × 12345 × 0.5 = 6,172.5 → 6,173.
    expect(
      annualSubsidy({
        residents: 1,
        baseRateFen: 12345,
        ownership: 'private_for_profit',
        remote: false,
        grade: null,
        policy: half,
      }),
    ).toMatchObject({ totalFen: 6173, totalYuan: '61.73' });
  });

  it("uses the policy's own rates and shows them", () => {
    const policy = resolvePolicy({ subsidy: { baseRateFenPerResident: 200_00, remoteDistrictFactorBp: 11500 } });
    const result = home({ baseRateFen: policy.subsidy.baseRateFenPerResident, remote: true, policy });
    expect(result).toMatchObject({ baseRateFenPerResident: 20000, totalFen: 2_208_000, totalYuan: '22080.00' });
    expect(result.factors[1]).toMatchObject({ bp: 11500, applied: true, source: expect.stringContaining('×1.15') });
  });

  it('formats small totals and no residents', () => {
    expect(
      annualSubsidy({
        residents: 1,
        baseRateFen: 5,
        ownership: 'public',
        remote: false,
        grade: null,
        policy: defaultPolicy,
      }).totalYuan,
    ).toBe('0.05');
    expect(home({ residents: 0 })).toMatchObject({ totalFen: 0, totalYuan: '0.00' });
  });

  it('refuses fractional or negative inputs rather than guessing', () => {
    expect(() => home({ residents: 2.5 })).toThrow(/residents/);
    expect(() => home({ baseRateFen: -1 })).toThrow(/baseRateFen/);
    expect(() => home({ baseRateFen: 120.5 })).toThrow(/baseRateFen/);
  });
});

describe('gradeForSubsidyYear: "the last grade" for a given year', () => {
  const at = (iso: string) => Date.parse(iso);
  const realTime = { anchorMs: at('2026-01-01T00:00:00+08:00'), timeScale: 1 };
  // Excellent in the 2026-H2 cycle, Unqualified late on 31 December 2027, re-evaluated Qualified in 2028.
  const given = [
    { grade: 'excellent' as const, gradedAtMs: at('2026-12-20T10:00:00+08:00') },
    { grade: 'unqualified' as const, gradedAtMs: at('2027-12-31T23:30:00+08:00') },
    { grade: 'qualified' as const, gradedAtMs: at('2028-03-01T10:00:00+08:00') },
  ];
  const now = at('2028-06-01T12:00:00+08:00');

  it('a year that is over goes by the last grade given by its end, in Asia/Shanghai', () => {
    expect(gradeForSubsidyYear(2025, given, 'qualified', realTime, now)).toBeNull();
    expect(gradeForSubsidyYear(2026, given, 'qualified', realTime, now)).toBe('excellent');
    // 23:30 on 31 December in Shanghai is 15:30 UTC: still 2027.
    expect(gradeForSubsidyYear(2027, given, 'qualified', realTime, now)).toBe('unqualified');
  });

  it('the running year and later ones go by the current grade', () => {
    expect(gradeForSubsidyYear(2028, given, 'qualified', realTime, now)).toBe('qualified');
    expect(gradeForSubsidyYear(2030, given, null, realTime, now)).toBeNull();
  });

  it("reads years in the contract's policy time", () => {
    // A contract whose policy time runs 365× faster: one real day is a policy year.
    const fast = { anchorMs: at('2026-01-01T00:00:00+08:00'), timeScale: 365 };
    const day = 86_400_000;
    const fastGiven = [{ grade: 'excellent' as const, gradedAtMs: fast.anchorMs + day / 2 }];
    const fastNow = fast.anchorMs + 3.1 * day; // policy time: February 2029
    expect(gradeForSubsidyYear(2026, fastGiven, 'excellent', fast, fastNow)).toBe('excellent');
    expect(gradeForSubsidyYear(2025, fastGiven, 'excellent', fast, fastNow)).toBeNull();
    expect(gradeForSubsidyYear(2029, fastGiven, 'qualified', fast, fastNow)).toBe('qualified');
  });
});
