import {
  consistencyFlags,
  gradeConsequences,
  gradeFor,
  gradeOf,
  roundTo2,
  subsidyFactorBpFor,
  weightedScore,
} from '../../domain/grading';
import { defaultPolicy, resolvePolicy } from '../../domain/policy';

const weighted = (serviceQuality: number, satisfaction: number, cooperation: number, policy = defaultPolicy) =>
  weightedScore({ serviceQuality, satisfaction, cooperation }, policy);

describe('weightedScore', () => {
  it('is the plain mean under the default equal weights, to 2 decimals', () => {
    expect(weighted(90, 80, 70)).toBe(80);
    expect(weighted(90, 85, 81)).toBe(85.33);
    expect(weighted(100, 100, 99)).toBe(99.67);
  });

  it('uses weights that need not sum to 1', () => {
    const policy = resolvePolicy({ evaluation: { weights: { serviceQuality: 2, satisfaction: 1, cooperation: 1 } } });
    expect(weighted(90, 70, 50, policy)).toBe(75); // (180 + 70 + 50) / 4
    const zeroCooperation = resolvePolicy({
      evaluation: { weights: { serviceQuality: 0.5, satisfaction: 0.5, cooperation: 0 } },
    });
    expect(weighted(80, 60, 0, zeroCooperation)).toBe(70);
  });

  it('refuses all-zero or negative weights and scores outside 0–100', () => {
    const zero = resolvePolicy({ evaluation: { weights: { serviceQuality: 0, satisfaction: 0, cooperation: 0 } } });
    expect(() => weighted(80, 80, 80, zero)).toThrow(/all zero/);
    const negative = resolvePolicy({ evaluation: { weights: { serviceQuality: -1 } } });
    expect(() => weighted(80, 80, 80, negative)).toThrow(/non-negative/);
    expect(() => weighted(101, 80, 80)).toThrow(/serviceQuality/);
    expect(() => weighted(80, -1, 80)).toThrow(/satisfaction/);
    expect(() => weighted(80, 80, Number.NaN)).toThrow(/cooperation/);
  });
});

describe('roundTo2', () => {
  it('rounds half away from zero despite binary noise', () => {
    expect(roundTo2(1.005)).toBe(1.01);
    expect(roundTo2(84.995)).toBe(85);
    expect(roundTo2(84.994)).toBe(84.99);
    expect(roundTo2(-2.345)).toBe(-2.35);
    expect(Object.is(roundTo2(-0.001), 0)).toBe(true);
  });
});

describe('gradeFor and gradeOf', () => {
  it('applies the default thresholds, inclusive (Excellent ≥ 85, Qualified ≥ 60)', () => {
    expect(gradeFor(85, defaultPolicy)).toBe('excellent');
    expect(gradeFor(84.99, defaultPolicy)).toBe('qualified');
    expect(gradeFor(60, defaultPolicy)).toBe('qualified');
    expect(gradeFor(59.99, defaultPolicy)).toBe('unqualified');
    expect(gradeFor(0, defaultPolicy)).toBe('unqualified');
  });

  it("follows a region's thresholds", () => {
    const strict = resolvePolicy({ evaluation: { thresholds: { excellent: 90, qualified: 70 } } });
    expect(gradeFor(89, strict)).toBe('qualified');
    expect(gradeFor(65, strict)).toBe('unqualified');
  });

  it('grades the rounded score and stamps the policy version', () => {
    // (85 + 85 + 84.99) / 3 = 84.9966… → 85.00 → Excellent: the shown score explains the grade.
    expect(
      gradeOf({ serviceQuality: 85, satisfaction: 85, cooperation: 84.99 }, { ...defaultPolicy, version: 7 }),
    ).toEqual({ weighted: 85, grade: 'excellent', policyVersion: 7 });
    expect(gradeOf({ serviceQuality: 70, satisfaction: 50, cooperation: 40 }, defaultPolicy)).toEqual({
      weighted: 53.33,
      grade: 'unqualified',
      policyVersion: 1,
    });
  });
});

describe('consistencyFlags', () => {
  it('compares each organization with the mean of all scores in the region', () => {
    const flags = consistencyFlags(
      [
        { organizationId: 'lenient', scores: [95, 97] },
        { organizationId: 'typical', scores: [80, 82, 84] },
        { organizationId: 'harsh', scores: [60] },
      ],
      10,
    );
    // Region mean: (95 + 97 + 80 + 82 + 84 + 60) / 6 = 83.
    expect(flags).toEqual([
      { organizationId: 'lenient', mean: 96, regionMean: 83, deviation: 13, flagged: true },
      { organizationId: 'typical', mean: 82, regionMean: 83, deviation: -1, flagged: false },
      { organizationId: 'harsh', mean: 60, regionMean: 83, deviation: -23, flagged: true },
    ]);
  });

  it('does not flag a deviation exactly at the limit', () => {
    const flags = consistencyFlags(
      [
        { organizationId: 'a', scores: [90] },
        { organizationId: 'b', scores: [70] },
      ],
      10,
    );
    expect(flags.map((f) => [f.deviation, f.flagged])).toEqual([
      [10, false],
      [-10, false],
    ]);
    expect(
      consistencyFlags(
        [
          { organizationId: 'a', scores: [90] },
          { organizationId: 'b', scores: [70] },
        ],
        9.99,
      ).every((f) => f.flagged),
    ).toBe(true);
  });

  it('weights the region mean by scores, not by organizations', () => {
    const [small] = consistencyFlags(
      [
        { organizationId: 'small', scores: [50] },
        { organizationId: 'large', scores: [80, 80, 80, 80] },
      ],
      10,
    );
    expect(small).toMatchObject({ regionMean: 74, deviation: -24, flagged: true });
  });

  it('leaves out organizations without scores and returns nothing for an empty region', () => {
    expect(
      consistencyFlags(
        [
          { organizationId: 'idle', scores: [] },
          { organizationId: 'busy', scores: [70] },
        ],
        10,
      ),
    ).toEqual([{ organizationId: 'busy', mean: 70, regionMean: 70, deviation: 0, flagged: false }]);
    expect(consistencyFlags([], 10)).toEqual([]);
    expect(() => consistencyFlags([{ organizationId: 'x', scores: [120] }], 10)).toThrow(/between 0 and 100/);
  });
});

describe('subsidyFactorBpFor', () => {
  it('reads the grade factor from policy (§3.3: Excellent ×1.3, Qualified ×1.0, Unqualified per region)', () => {
    expect(subsidyFactorBpFor('excellent', defaultPolicy)).toBe(13000);
    expect(subsidyFactorBpFor('qualified', defaultPolicy)).toBe(10000);
    expect(subsidyFactorBpFor('unqualified', defaultPolicy)).toBe(0);
    expect(
      subsidyFactorBpFor('unqualified', resolvePolicy({ subsidy: { gradeFactorBp: { unqualified: 5000 } } })),
    ).toBe(5000);
  });
});

describe('gradeConsequences', () => {
  it('under the default policy: Excellent ×1.3 and model priority, Qualified nothing, Unqualified ×0 and an order', () => {
    expect(gradeConsequences('excellent', 'regular', defaultPolicy)).toEqual({
      subsidyFactorBp: 13000,
      modelPriority: true,
      rectificationOrder: false,
    });
    expect(gradeConsequences('qualified', 'regular', defaultPolicy)).toEqual({
      subsidyFactorBp: 10000,
      modelPriority: false,
      rectificationOrder: false,
    });
    expect(gradeConsequences('unqualified', 'regular', defaultPolicy)).toEqual({
      subsidyFactorBp: 0,
      modelPriority: false,
      rectificationOrder: true,
    });
  });

  it("a re-evaluation's Unqualified orders nothing new: the order that asked for it decides", () => {
    expect(gradeConsequences('unqualified', 're-evaluation', defaultPolicy)).toEqual({
      subsidyFactorBp: 0,
      modelPriority: false,
      rectificationOrder: false,
    });
    expect(gradeConsequences('excellent', 're-evaluation', defaultPolicy).modelPriority).toBe(true);
  });

  it("follows the region's factors and model-priority grades", () => {
    const region = resolvePolicy({
      subsidy: { gradeFactorBp: { excellent: 12000, unqualified: 5000 } },
      evaluation: { modelPriorityGrades: ['excellent', 'qualified'] },
    });
    expect(gradeConsequences('excellent', 'regular', region)).toEqual({
      subsidyFactorBp: 12000,
      modelPriority: true,
      rectificationOrder: false,
    });
    expect(gradeConsequences('qualified', 'regular', region).modelPriority).toBe(true);
    expect(gradeConsequences('unqualified', 'regular', region)).toEqual({
      subsidyFactorBp: 5000,
      modelPriority: false,
      rectificationOrder: true,
    });
    expect(
      gradeConsequences('excellent', 'regular', resolvePolicy({ evaluation: { modelPriorityGrades: [] } }))
        .modelPriority,
    ).toBe(false);
  });

  it('a snapshot stored before model-priority grades were policy keeps the default rule', () => {
    const { modelPriorityGrades: _dropped, ...evaluation } = defaultPolicy.evaluation;
    const old = { ...defaultPolicy, evaluation } as unknown as typeof defaultPolicy;
    expect(gradeConsequences('excellent', 'regular', old).modelPriority).toBe(true);
    expect(gradeConsequences('qualified', 'regular', old).modelPriority).toBe(false);
  });
});
