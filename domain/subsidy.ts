import { shanghaiDateOf } from './calendar';
import { PolicyClock, policyNow } from './clock';
import type { Grade } from './grading';
import type { Policy } from './policy';
import { cite } from './sources';

export type CareOwnership = 'public' | 'private_non_profit' | 'private_for_profit';
export type SubsidyFactorName = 'private-for-profit' | 'remote-district' | 'grade';

export interface SubsidyFactor {
  name: SubsidyFactorName;
  /** The policy's multiplier in basis points (10000 = ×1.0); counts only when applied. */
  bp: number;
  applied: boolean;
  source: string;
}

export interface SubsidyBreakdown {
  residents: number;
  baseRateFenPerResident: number;
  factors: SubsidyFactor[];
  totalFen: number;
  /** Yuan with two decimals, e.g. "12345.60". */
  totalYuan: string;
}

export interface SubsidyInput {
  residents: number;
  baseRateFen: number;
  ownership: CareOwnership;
  remote: boolean;
  /** The contract's last grade; null or undefined before its first evaluation. */
  grade: Grade | null | undefined;
  policy: Pick<Policy, 'subsidy'>;
}

/** 000_… §3.3, cited as users read it. */
const SOURCE = cite('chongqingContracting', '3.3');
const BP_ONE = 10_000n;

function assertCount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${what} must be a non-negative integer, got ${value}`);
}

/** 8000 → "0.8", 13000 → "1.3", 10000 → "1". */
function multiplier(bp: number): string {
  const fraction = String(bp % 10_000)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return `${Math.floor(bp / 10_000)}${fraction ? `.${fraction}` : ''}`;
}

function gradeFactor(grade: Grade | null | undefined, policy: Pick<Policy, 'subsidy'>): SubsidyFactor {
  if (!grade)
    return {
      name: 'grade',
      bp: 10_000,
      applied: false,
      source: `${SOURCE}: no grade yet, so ×1 until the contract's first evaluation`,
    };
  const bp = policy.subsidy.gradeFactorBp[grade];
  const why = {
    excellent: 'Excellent earns a funding subsidy +30%',
    qualified: 'Qualified keeps the base subsidy',
    unqualified: "Unqualified: the region's policy decides (project default 0 until rectification passes)",
  }[grade];
  return { name: 'grade', bp, applied: true, source: `${SOURCE}: ${why}; this policy: ×${multiplier(bp)}` };
}

/**
 * §3.3: residents × base rate × 0.8 if private for-profit × 1.2 if remote × grade factor.
 * Exact integer arithmetic on basis points, rounded half up to the fen once, at the end:
 * rounding after each factor would drift by a fen or more.
 */
export function annualSubsidy(input: SubsidyInput): SubsidyBreakdown {
  const { residents, baseRateFen, ownership, remote, grade, policy } = input;
  assertCount(residents, 'residents');
  assertCount(baseRateFen, 'baseRateFen');
  const forProfitBp = policy.subsidy.privateForProfitFactorBp;
  const remoteBp = policy.subsidy.remoteDistrictFactorBp;
  const forProfit = ownership === 'private_for_profit';
  const factors: SubsidyFactor[] = [
    {
      name: 'private-for-profit',
      bp: forProfitBp,
      applied: forProfit,
      source: forProfit
        ? `${SOURCE}: private for-profit homes receive 80% of what public ones receive; ` +
          `this policy: ×${multiplier(forProfitBp)}`
        : `${SOURCE}: applies only to private for-profit homes; this home is ${ownership.replace(/_/g, ' ')}`,
    },
    {
      name: 'remote-district',
      bp: remoteBp,
      applied: remote,
      source: remote
        ? `${SOURCE}: remote districts +20%; this policy: ×${multiplier(remoteBp)}`
        : `${SOURCE}: applies only in remote districts; this district is not remote`,
    },
    gradeFactor(grade, policy),
  ];

  let numerator = BigInt(residents) * BigInt(baseRateFen);
  let denominator = 1n;
  for (const factor of factors) {
    assertCount(factor.bp, `${factor.name} factor (bp)`);
    if (!factor.applied) continue;
    numerator *= BigInt(factor.bp);
    denominator *= BP_ONE;
  }
  const fen = (2n * numerator + denominator) / (2n * denominator);
  if (fen > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`subsidy of ${fen} fen is too large to represent`);
  return {
    residents,
    baseRateFenPerResident: baseRateFen,
    factors,
    totalFen: Number(fen),
    totalYuan: `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`,
  };
}

export interface GradeGiven {
  grade: Grade;
  /** When the grade was recorded (real time; the contract's clock maps it to policy time). */
  gradedAtMs: number;
}

/**
 * §3.3 goes by "the last grade". A year that is over goes by the last grade given by its end (in
 * the contract's policy time, Asia/Shanghai); a year still running, or to come, by the last grade
 * so far, which is the contract's current one.
 */
export function gradeForSubsidyYear(
  year: number,
  given: readonly GradeGiven[],
  current: Grade | null,
  clock: PolicyClock,
  realNowMs: number,
): Grade | null {
  const yearOf = (realMs: number) => Number(shanghaiDateOf(policyNow(clock, realMs)).slice(0, 4));
  if (year >= yearOf(realNowMs)) return current;
  const byThen = given.filter((g) => yearOf(g.gradedAtMs) <= year).sort((a, b) => a.gradedAtMs - b.gradedAtMs);
  return byThen.at(-1)?.grade ?? null;
}
