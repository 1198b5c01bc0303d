import { defaultPolicy, type EvaluationPolicy, type Policy } from './policy';

/** 000_2559ba4ecdded544.txt §3.3: the three grades of a third-party evaluation. */
export const grades = ['excellent', 'qualified', 'unqualified'] as const;
export type Grade = (typeof grades)[number];

/** §3.3: the three-dimensional index, each dimension scored 0–100. */
export interface DimensionScores {
  serviceQuality: number;
  satisfaction: number;
  cooperation: number;
}

const dimensions = ['serviceQuality', 'satisfaction', 'cooperation'] as const;

/**
 * Half away from zero to 2 decimals. toPrecision(12) first strips binary noise, so 84.995
 * (stored as 84.99499…) rounds to 85.00 as a person computing by hand would.
 */
export function roundTo2(value: number): number {
  const cents = Math.round(Number((Math.abs(value) * 100).toPrecision(12)));
  return (Math.sign(value) * cents) / 100 || 0;
}

function assertScore(value: number, what: string): void {
  if (!Number.isFinite(value) || value < 0 || value > 100)
    throw new RangeError(`${what} must be a score between 0 and 100, got ${value}`);
}

/** Weighted mean of the three dimensions under the policy's weights (which need not sum to 1), to 2 decimals. */
export function weightedScore(scores: DimensionScores, policy: Pick<EvaluationPolicy, 'evaluation'>): number {
  const { weights } = policy.evaluation;
  let weightSum = 0;
  let sum = 0;
  for (const dimension of dimensions) {
    const weight = weights[dimension];
    if (!Number.isFinite(weight) || weight < 0)
      throw new RangeError(`weight of ${dimension} must be a non-negative number, got ${weight}`);
    assertScore(scores[dimension], dimension);
    weightSum += weight;
    sum += weight * scores[dimension];
  }
  if (weightSum === 0) throw new RangeError('policy.evaluation.weights are all zero: no grade can be computed');
  return roundTo2(sum / weightSum);
}

export function gradeFor(weighted: number, policy: Pick<EvaluationPolicy, 'evaluation'>): Grade {
  const { excellent, qualified } = policy.evaluation.thresholds;
  if (weighted >= excellent) return 'excellent';
  if (weighted >= qualified) return 'qualified';
  return 'unqualified';
}

/**
 * The grade follows the rounded score, so the score stored and shown (2 decimals) always
 * explains the grade.
 */
export function gradeOf(
  scores: DimensionScores,
  policy: EvaluationPolicy,
): { weighted: number; grade: Grade; policyVersion: number } {
  const weighted = weightedScore(scores, policy);
  return { weighted, grade: gradeFor(weighted, policy), policyVersion: policy.version };
}

export interface ConsistencyFlag {
  organizationId: string;
  mean: number;
  regionMean: number;
  /** Signed: positive when the organization scores more leniently than the region. */
  deviation: number;
  flagged: boolean;
}

/**
 * Evaluator consistency: each organization's mean score against the mean of every score in the
 * region. Flagged when the reported deviation (2 decimals) exceeds maxDeviation, so the report
 * explains its own flags. Organizations with no scores are left out: there is nothing to compare.
 */
export function consistencyFlags(
  perOrganization: { organizationId: string; scores: number[] }[],
  maxDeviation: number,
  /** An organization with fewer graded scores than this is left out: too few to judge (policy consistencyMinScores). */
  minScores = 1,
): ConsistencyFlag[] {
  const scored = perOrganization.filter((o) => o.scores.length > 0);
  let total = 0;
  let count = 0;
  for (const org of scored) {
    org.scores.forEach((score, i) => assertScore(score, `scores[${i}] of ${org.organizationId}`));
    total += org.scores.reduce((a, b) => a + b, 0);
    count += org.scores.length;
  }
  if (count === 0) return [];
  const regionMean = total / count;
  return scored
    .filter((org) => org.scores.length >= minScores)
    .map((org) => {
      const mean = org.scores.reduce((a, b) => a + b, 0) / org.scores.length;
      const deviation = roundTo2(mean - regionMean);
      return {
        organizationId: org.organizationId,
        mean: roundTo2(mean),
        regionMean: roundTo2(regionMean),
        deviation,
        flagged: Math.abs(deviation) > maxDeviation,
      };
    });
}

/** §3.3: Excellent ×1.3, Qualified ×1.0, Unqualified as the region decides; in basis points. */
export function subsidyFactorBpFor(grade: Grade, policy: Pick<Policy, 'subsidy'>): number {
  return policy.subsidy.gradeFactorBp[grade];
}

export interface GradeConsequences {
  /**
   * §3.3: the grade's subsidy factor in basis points (Excellent
   * ×1.3, Qualified ×1.0, Unqualified as the region decides).
   */
  subsidyFactorBp: number;
  /** §3.3: Excellent earns priority as a model. */
  modelPriority: boolean;
  /**
   * §3.3: Unqualified is ordered to rectify within a time limit; a
   * re-evaluation's failure is judged by the order that asked for it.
   */
  rectificationOrder: boolean;
}

/** Everything a grade brings about, under the policy it was given under. */
export function gradeConsequences(
  grade: Grade,
  kind: 'regular' | 're-evaluation',
  policy: Pick<Policy, 'subsidy' | 'evaluation'>,
): GradeConsequences {
  // Snapshots stored before the field existed carry the default rule.
  const modelGrades = policy.evaluation.modelPriorityGrades ?? defaultPolicy.evaluation.modelPriorityGrades;
  return {
    subsidyFactorBp: subsidyFactorBpFor(grade, policy),
    modelPriority: modelGrades.includes(grade),
    rectificationOrder: grade === 'unqualified' && kind !== 're-evaluation',
  };
}
