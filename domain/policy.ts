/**
 * Supervision policy: every number the engine enforces, per region. A contract keeps the
 * snapshot it was drafted under. Sources: 000_2559ba4ecdded544.txt (§ given per line);
 * "project default" marks a number no source gives — ours to choose, configurable per region.
 */
export interface Policy {
  /** Bumped whenever a region changes its policy; stored with every contract and grade. */
  version: number;
  /**
   * 1 = real time. N > 1 runs every policy duration N times faster (demos, tests): time is
   * compressed through policy, never by faking the clock.
   */
  timeScale: number;
  signing: {
    /** project default: both parties sign within 30 days of the draft, or it lapses. */
    windowDays: number;
    /**
     * project default: a signature still missing 7 days before the deadline shows as due soon in the
     * work queue. Optional: policies stored before it existed fall back to the default.
     */
    reminderLeadDays?: number;
  };
  obligations: {
    /** §3.2: monthly home visits; default 1 a month. */
    visitsPerMonth: number;
    /** §3.2: "monthly and quarterly communication meeting systems" — docking meeting each quarter. */
    meetingPeriod: 'month' | 'quarter';
    /** §3.2: "a large-scale service demand survey annually". */
    surveyPeriod: 'year';
    /** project default: reminder lead times before each due date, in days. */
    reminderLeadDays: { visit: number; meeting: number; survey: number; actionItem: number; request: number };
    /** project default: requests between parties are answered within 10 working days. */
    requestAnswerWorkingDays: number;
    /** §3.1 (Yuzhong benchmark): emergency referral answered within 15 minutes. */
    referralResponseTargetMinutes: number;
    /** project default: renewal reminder 60 days before the term ends. */
    renewalReminderDays: number;
    /** project default ladder: 1st miss → warn both liaison officers; 2nd in a row → notify regulators. */
    escalation: { warnAfterMisses: number; notifyRegulatorAfterConsecutiveMisses: number };
  };
  /**
   * The least an agreement may promise (issue 12): a draft below a floor is refused. Optional:
   * policies stored before it existed read defaultPolicy's (resolvePolicy / agreementFloorsOf).
   */
  agreementFloors?: AgreementFloors;
  evaluation: {
    /** §3.3: third-party on-site evaluations twice a year. */
    cyclesPerYear: number;
    /**
     * project default: a region's schedule launches cycles on the
     * 1st of January and July (months 1–12), 00:00 Asia/Shanghai.
     */
    scheduleMonths: number[];
    /** project default: equal weights of the three dimensions (§3.3). */
    weights: { serviceQuality: number; satisfaction: number; cooperation: number };
    /** project default: Excellent ≥ 85, Qualified ≥ 60 (scores 0–100). */
    thresholds: { excellent: number; qualified: number };
    /** project default: an evaluator has 30 days to submit scores. */
    deadlineDays: number;
    /** project default: evaluators are reminded 7 and 1 days before their deadline. */
    reminderDaysBefore: number[];
    /** Children started per page of a cycle's fan-out; each page is one run, so never above 1,000. */
    fanOutPageSize: number;
    /** project default: flag an evaluator organization whose mean deviates by more than 10 points. */
    consistencyMaxDeviation: number;
    /** project default: an organization is compared only once it has graded at least 3 evaluations in the cycle. */
    consistencyMinScores: number;
    /** §3.3: Excellent earns priority as a model; a region may extend or withhold it. */
    modelPriorityGrades: (keyof Policy['subsidy']['gradeFactorBp'])[];
  };
  rectification: {
    /** project default: rectify within 60 days (§3.3 "within a time limit"). */
    deadlineDays: number;
    /** project default: reminders 14, 7 and 1 days before the deadline. */
    reminderDaysBefore: number[];
    /** project default: at most one extension. */
    maxExtensions: number;
    extensionDays: number;
    /** project default: 15 days to make representations against intended revocation. */
    representationsDays: number;
    /**
     * project default: 10 days from the order's delivery for the responsible side's plan of correction
     * per finding (after US CMS's ePOC). Absent from snapshots stored before it: read through planOfCorrectionDays().
     */
    planOfCorrectionDays: number;
  };
  subsidy: {
    /** §3.3: 120–200 yuan per person per year, set per region; stored in fen. */
    baseRateFenPerResident: number;
    /** Multipliers in basis points (10000 = ×1.0) so the arithmetic stays in integers. */
    privateForProfitFactorBp: number; // §3.3: 80% of public
    remoteDistrictFactorBp: number; // §3.3: +20%
    // §3.3: +30%; unqualified: project default 0
    gradeFactorBp: { excellent: number; qualified: number; unqualified: number };
  };
  /** Holidays and 调休 make-up workdays (YYYY-MM-DD) for working-day deadlines. */
  workingDays: { holidays: string[]; makeupWorkdays: string[] };
  /**
   * Capacity check at drafting and signing (domain/capacity.ts). Optional: snapshots stored before it
   * existed read it through resolvePolicy.
   */
  capacity?: {
    /** project default: one committed medical staff member makes at most 8 home visits a month. */
    maxHomeVisitsPerStaffPerMonth: number;
  };
  /**
   * Regulator approval (备案) of a signed contract (DOMAIN.md: the regulator "approves contracts").
   * Optional: snapshots stored before it existed read it through resolvePolicy (not required).
   */
  approval?: ApprovalPolicy;
  /** Renewal by both parties (issue 12 item 7). Optional in snapshots stored before it existed. */
  renewal?: RenewalPolicy;
  /**
   * Revocation after a failed rectification (issue 12). Optional: snapshots stored before it existed
   * read the defaults through revocationPolicyOf.
   */
  revocation?: RevocationPolicy;
  /** The regulator's rectification desk. Optional: snapshots stored before it existed read deskPolicyOf. */
  desk?: DeskPolicy;
}

export interface DeskPolicy {
  /** project default: an open order due within 7 days shows yellow on the desk (overdue: red). */
  yellowDueWithinDays: number;
}

export const defaultDeskPolicy: DeskPolicy = { yellowDueWithinDays: 7 };

/** The desk terms of a policy, the defaults where it predates them. */
export const deskPolicyOf = (policy: { desk?: Partial<DeskPolicy> }): DeskPolicy => ({
  ...defaultDeskPolicy,
  ...policy.desk,
});

export interface ApprovalPolicy {
  /** project default: no approval; a region that files contracts (备案) turns it on. */
  required: boolean;
  /** project default: the regulator decides within 15 days of being told. */
  decisionDays: number;
  /** project default: regulators are reminded 5 and 1 days before the decision deadline. */
  reminderDaysBefore: number[];
  /**
   * project default 'deemed-approved': 备案 is a filing, not a licence — silence past the deadline
   * must not keep residents without the services both parties have signed for. 'escalate' keeps the
   * contract pending, tells regulators and parties the decision is overdue, and waits for it.
   */
  onNoDecision: 'deemed-approved' | 'escalate';
}

export interface RenewalPolicy {
  /** project default: the other side countersigns a renewal proposal within 30 days (never past the term's end). */
  countersignDays: number;
  /** project default: an open proposal shows as due soon in the other side's work queue 7 days before its deadline. */
  reminderLeadDays: number;
}

export interface RevocationPolicy {
  /**
   * 000_… §3.3 "cooperation qualification revoked": the qualification is the institution's, so by
   * default its other contracts in the region end too ('institution-in-region'); a region may
   * choose to end only the contract under rectification ('this-contract').
   */
  reach: 'institution-in-region' | 'this-contract';
  /** project default: the parties are reminded 7 and 1 days before the representations window closes. */
  representationsReminderDaysBefore: number[];
}

export const revocationReaches = ['institution-in-region', 'this-contract'] as const;

export interface AgreementFloors {
  /** §3.2: monthly home visits by medical staff — at least one a month. */
  homeVisitsPerMonth: number;
  /** project default: no floor (§3.1 names re-examinations as a quantified item, not a number). */
  chronicDiseaseReexamsPerQuarter: number;
  /** project default: no floor; no source gives a number of health talks. */
  healthTalksPerYear: number;
  /** project default: no floor; §3.2 names a monthly meeting system without requiring it of every pair. */
  monthlyMeetings: number;
  /** §3.2: quarterly communication meetings — at least one a quarter. */
  quarterlyMeetings: number;
  /** §3.2: "a large-scale service demand survey annually". */
  demandSurveysPerYear: number;
  /** §1 (1.3, the Yuzhong benchmark): emergency referrals answered within 15 minutes — the slowest allowed. */
  maxEmergencyReferralResponseMinutes: number;
}

/** What an evaluation needs of the policy: kept small, since every child of a cycle carries it. */
export interface EvaluationPolicy {
  version: number;
  evaluation: Pick<Policy['evaluation'], 'weights' | 'thresholds' | 'reminderDaysBefore'>;
}

export const evaluationPolicyOf = ({
  version,
  evaluation: { weights, thresholds, reminderDaysBefore },
}: Pick<Policy, 'version' | 'evaluation'>): EvaluationPolicy => ({
  version,
  evaluation: { weights, thresholds, reminderDaysBefore },
});

/** project default: one committed medical staff member makes at most 8 home visits a month. */
export const defaultCapacityPolicy: NonNullable<Policy['capacity']> = { maxHomeVisitsPerStaffPerMonth: 8 };

export const defaultPolicy: Policy = {
  version: 1,
  timeScale: 1,
  signing: { windowDays: 30, reminderLeadDays: 7 },
  obligations: {
    visitsPerMonth: 1,
    meetingPeriod: 'quarter',
    surveyPeriod: 'year',
    reminderLeadDays: { visit: 7, meeting: 14, survey: 30, actionItem: 3, request: 2 },
    requestAnswerWorkingDays: 10,
    referralResponseTargetMinutes: 15,
    renewalReminderDays: 60,
    escalation: { warnAfterMisses: 1, notifyRegulatorAfterConsecutiveMisses: 2 },
  },
  agreementFloors: {
    homeVisitsPerMonth: 1,
    chronicDiseaseReexamsPerQuarter: 0,
    healthTalksPerYear: 0,
    monthlyMeetings: 0,
    quarterlyMeetings: 1,
    demandSurveysPerYear: 1,
    maxEmergencyReferralResponseMinutes: 15,
  },
  evaluation: {
    cyclesPerYear: 2,
    scheduleMonths: [1, 7],
    weights: { serviceQuality: 1, satisfaction: 1, cooperation: 1 },
    thresholds: { excellent: 85, qualified: 60 },
    deadlineDays: 30,
    reminderDaysBefore: [7, 1],
    fanOutPageSize: 500,
    consistencyMaxDeviation: 10,
    consistencyMinScores: 3,
    modelPriorityGrades: ['excellent'],
  },
  rectification: {
    deadlineDays: 60,
    reminderDaysBefore: [14, 7, 1],
    maxExtensions: 1,
    extensionDays: 30,
    representationsDays: 15,
    planOfCorrectionDays: 10,
  },
  subsidy: {
    baseRateFenPerResident: 120_00,
    privateForProfitFactorBp: 8000,
    remoteDistrictFactorBp: 12000,
    gradeFactorBp: { excellent: 13000, qualified: 10000, unqualified: 0 },
  },
  workingDays: { holidays: [], makeupWorkdays: [] },
  capacity: defaultCapacityPolicy,
  approval: { required: false, decisionDays: 15, reminderDaysBefore: [5, 1], onNoDecision: 'deemed-approved' },
  renewal: { countersignDays: 30, reminderLeadDays: 7 },
  revocation: { reach: 'institution-in-region', representationsReminderDaysBefore: [7, 1] },
  desk: defaultDeskPolicy,
};

/** The revocation terms of a policy snapshot, the defaults where it predates them. */
export function revocationPolicyOf(policy: { revocation?: Partial<RevocationPolicy> }): RevocationPolicy {
  return { ...defaultPolicy.revocation!, ...policy.revocation };
}

export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeDeep<T>(base: T, override: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(override)) return (override === undefined ? base : override) as T;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value !== undefined) merged[key] = mergeDeep((base as Record<string, unknown>)[key], value);
  }
  return merged as T;
}

/** A region's effective policy: the defaults with the region's overrides laid over them. */
export function resolvePolicy(overrides: DeepPartial<Policy> = {}, base: Policy = defaultPolicy): Policy {
  return mergeDeep(base, overrides);
}

/** A snapshot stored before floors existed has none: the defaults apply. */
export const agreementFloorsOf = (policy: Pick<Policy, 'agreementFloors'>): AgreementFloors => ({
  ...defaultPolicy.agreementFloors!,
  ...policy.agreementFloors,
});

const DAY_MS = 86_400_000;

/** Real milliseconds that a policy duration of `days` takes under the policy's time scale. */
export function policyDaysToMs(days: number, policy: Pick<Policy, 'timeScale'>): number {
  return Math.max(1, Math.round((days * DAY_MS) / policy.timeScale));
}

/**
 * The regional dashboard's windows and the per-contract lights (issue 11). No source gives these
 * numbers except the seeds' own measure of a neglected home; the rest are project defaults.
 */
export interface DashboardPolicy {
  /** project default: with no window asked for, the 12 months ending with the current one (Asia/Shanghai). */
  defaultWindowMonths: number;
  /** project default: the longest window one request may ask for (five years). */
  maxWindowMonths: number;
  /** 000_… §2: 42% of homes had "home visits less than once a month": below this average a home is neglected. */
  sparseVisitsPerMonth: number;
  /** Rows per page of the per-contract table. */
  page: { defaultSize: number; maxSize: number };
  /** Red, yellow, green per contract (domain/contract-lights.ts). */
  lights: {
    /** project default: red with an open rectification past its deadline. */
    redOverdueRectifications: number;
    /** project default: red once this many obligation periods closing in the window were missed. */
    redMissedPeriods: number;
    /** project default: yellow once this many were missed. */
    yellowMissedPeriods: number;
    /** project default: yellow once this many requests are unanswered past their deadline. */
    yellowOverdueRequests: number;
  };
}

export const defaultDashboardPolicy: DashboardPolicy = {
  defaultWindowMonths: 12,
  maxWindowMonths: 60,
  sparseVisitsPerMonth: 1,
  page: { defaultSize: 50, maxSize: 500 },
  lights: { redOverdueRectifications: 1, redMissedPeriods: 2, yellowMissedPeriods: 1, yellowOverdueRequests: 1 },
};
