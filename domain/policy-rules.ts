import { isValidLocalDate } from './calendar';
import { agreementFloorsOf, type DashboardPolicy, type Policy, revocationReaches } from './policy';

/** One broken rule of a policy: where (a dotted path inside the policy) and why. */
export interface PolicyViolation {
  path: string;
  message: string;
}

/**
 * The range every policy number must keep. A regulator sets the numbers; these bounds only keep
 * out values under which the engine's arithmetic or the rules of 000_… §3.3 lose their meaning.
 */
export const policyBounds = {
  /** A policy day must last at least one real millisecond, or distinct deadlines collapse (policyDaysToMs). */
  timeScale: { min: 1, max: 86_400_000 },
  /** Day counts: at least a day, at most ten years (leap days included). */
  days: { min: 1, max: 3_653 },
  /** Reminder lists: a few dates, not a flood of mail. */
  reminderCount: { max: 10 },
  visitsPerMonth: { min: 0, max: 31 },
  /** §3.1: the 15-minute Yuzhong benchmark; a day is the longest target that is still an emergency answer. */
  referralResponseTargetMinutes: { min: 1, max: 1_440 },
  escalationMisses: { min: 1, max: 12 },
  /** Agreement floors: counts per period, within what the agreement schema lets an item hold. */
  floorCount: { min: 0, max: 1_000 },
  cyclesPerYear: { min: 1, max: 12 },
  /** §3.3: each dimension is scored 0–100, so thresholds and deviations live on that scale. */
  score: { min: 0, max: 100 },
  /** Temporal's guidance: at most ~1,000 children per parent run; a page is one run. */
  fanOutPageSize: { min: 1, max: 1_000 },
  consistencyMinScores: { min: 1, max: 1_000 },
  maxExtensions: { min: 0, max: 5 },
  /** §3.3 sets 120–200 yuan; the bound leaves room for other regions but not for nonsense (fen). */
  baseRateFenPerResident: { min: 1, max: 1_000_000 },
  /** Basis points: 10000 = ×1.0; ×10 is far beyond any factor §3.3 describes. */
  factorBp: { min: 0, max: 100_000 },
  /** One staff member, at most a few visits a day for a month. */
  visitsPerStaffPerMonth: { min: 1, max: 500 },
} as const;

type Range = { readonly min: number; readonly max: number };

function collector() {
  const violations: PolicyViolation[] = [];
  const fail = (path: string, message: string) => violations.push({ path, message });
  const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
  /** Checks a number against a range; answers whether it passed, so cross-field rules run only on sound values. */
  const number = (path: string, value: unknown, { min, max }: Range, integer = false): value is number => {
    const kind = integer ? 'a whole number' : 'a number';
    if (!isNumber(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
      fail(path, `must be ${kind} from ${min} to ${max}, got ${JSON.stringify(value)}`);
      return false;
    }
    return true;
  };
  const days = (path: string, value: unknown) => number(path, value, policyBounds.days, true);
  /** A list of reminder day counts, each before the deadline it precedes (when that deadline is itself sound). */
  const reminderDays = (path: string, list: unknown, deadlineDays: number | undefined) => {
    if (!Array.isArray(list)) return fail(path, 'must be a list of day counts');
    if (list.length > policyBounds.reminderCount.max)
      fail(path, `must hold at most ${policyBounds.reminderCount.max} reminders, got ${list.length}`);
    list.forEach((value, i) => {
      if (days(`${path}.${i}`, value) && deadlineDays !== undefined && value >= deadlineDays) {
        fail(
          `${path}.${i}`,
          `a reminder ${value} days before a ${deadlineDays}-day deadline would come before the deadline is set`,
        );
      }
    });
    if (new Set(list).size !== list.length) fail(path, 'must not repeat a day');
  };
  return { violations, fail, isNumber, number, days, reminderDays };
}

/**
 * Every rule a policy breaks, each with its path; empty when the policy is sound. Pure, so the
 * API refuses a bad policy before storing it and tests can check each rule without a server.
 */
export function policyViolations(policy: Policy): PolicyViolation[] {
  const { violations, fail, isNumber, number, days, reminderDays } = collector();
  const b = policyBounds;

  number('timeScale', policy.timeScale, b.timeScale);
  days('signing.windowDays', policy.signing.windowDays);
  if (policy.signing.reminderLeadDays !== undefined) days('signing.reminderLeadDays', policy.signing.reminderLeadDays);

  const { obligations } = policy;
  number('obligations.visitsPerMonth', obligations.visitsPerMonth, b.visitsPerMonth, true);
  if (!['month', 'quarter'].includes(obligations.meetingPeriod))
    fail('obligations.meetingPeriod', `must be month or quarter, got ${JSON.stringify(obligations.meetingPeriod)}`);
  for (const [name, value] of Object.entries(obligations.reminderLeadDays))
    days(`obligations.reminderLeadDays.${name}`, value);
  days('obligations.requestAnswerWorkingDays', obligations.requestAnswerWorkingDays);
  number(
    'obligations.referralResponseTargetMinutes',
    obligations.referralResponseTargetMinutes,
    b.referralResponseTargetMinutes,
  );
  days('obligations.renewalReminderDays', obligations.renewalReminderDays);
  const { warnAfterMisses, notifyRegulatorAfterConsecutiveMisses } = obligations.escalation;
  const warnOk = number('obligations.escalation.warnAfterMisses', warnAfterMisses, b.escalationMisses, true);
  const notifyOk = number(
    'obligations.escalation.notifyRegulatorAfterConsecutiveMisses',
    notifyRegulatorAfterConsecutiveMisses,
    b.escalationMisses,
    true,
  );
  if (warnOk && notifyOk && notifyRegulatorAfterConsecutiveMisses < warnAfterMisses) {
    fail(
      'obligations.escalation.notifyRegulatorAfterConsecutiveMisses',
      `the ladder climbs: regulators are told no earlier than the parties are warned (${warnAfterMisses} misses), ` +
        `got ${notifyRegulatorAfterConsecutiveMisses}`,
    );
  }

  const floors = agreementFloorsOf(policy);
  for (const [name, value] of Object.entries(floors)) {
    const range = name === 'maxEmergencyReferralResponseMinutes' ? b.referralResponseTargetMinutes : b.floorCount;
    number(`agreementFloors.${name}`, value, range, true);
  }

  const { evaluation } = policy;
  number('evaluation.cyclesPerYear', evaluation.cyclesPerYear, b.cyclesPerYear, true);
  if (!Array.isArray(evaluation.scheduleMonths) || evaluation.scheduleMonths.length === 0)
    fail('evaluation.scheduleMonths', 'must name at least one month');
  else {
    evaluation.scheduleMonths.forEach((month, i) =>
      number(`evaluation.scheduleMonths.${i}`, month, { min: 1, max: 12 }, true),
    );
    if (new Set(evaluation.scheduleMonths).size !== evaluation.scheduleMonths.length)
      fail('evaluation.scheduleMonths', 'must not repeat a month');
  }
  // §3.3: the grade is a weighted mean of three dimensions; a region may drop one, not all.
  const weights = Object.entries(evaluation.weights);
  for (const [name, weight] of weights) {
    if (!isNumber(weight) || weight < 0)
      fail(`evaluation.weights.${name}`, `must be a number of at least 0, got ${JSON.stringify(weight)}`);
  }
  const total = weights.reduce((sum, [, weight]) => sum + (isNumber(weight) && weight > 0 ? weight : 0), 0);
  if (total <= 0) fail('evaluation.weights', 'must sum to more than 0: with no weight no grade can be computed');
  const { excellent, qualified } = evaluation.thresholds;
  const excellentOk = number('evaluation.thresholds.excellent', excellent, b.score);
  const qualifiedOk = number('evaluation.thresholds.qualified', qualified, b.score);
  if (qualifiedOk && qualified <= 0)
    fail('evaluation.thresholds.qualified', 'must be above 0, or no evaluation could ever be Unqualified');
  if (excellentOk && qualifiedOk && excellent <= qualified)
    fail('evaluation.thresholds', `Excellent (${excellent}) must be higher than Qualified (${qualified})`);
  const evaluationDeadlineOk = days('evaluation.deadlineDays', evaluation.deadlineDays);
  reminderDays(
    'evaluation.reminderDaysBefore',
    evaluation.reminderDaysBefore,
    evaluationDeadlineOk ? evaluation.deadlineDays : undefined,
  );
  number('evaluation.fanOutPageSize', evaluation.fanOutPageSize, b.fanOutPageSize, true);
  const deviationOk = number('evaluation.consistencyMaxDeviation', evaluation.consistencyMaxDeviation, b.score);
  if (deviationOk && evaluation.consistencyMaxDeviation <= 0)
    fail('evaluation.consistencyMaxDeviation', 'must be above 0, or every organization would be flagged');
  number('evaluation.consistencyMinScores', evaluation.consistencyMinScores, b.consistencyMinScores, true);

  const { rectification } = policy;
  const rectificationDeadlineOk = days('rectification.deadlineDays', rectification.deadlineDays);
  reminderDays(
    'rectification.reminderDaysBefore',
    rectification.reminderDaysBefore,
    rectificationDeadlineOk ? rectification.deadlineDays : undefined,
  );
  number('rectification.maxExtensions', rectification.maxExtensions, b.maxExtensions, true);
  days('rectification.extensionDays', rectification.extensionDays);
  const representationsOk = days('rectification.representationsDays', rectification.representationsDays);
  if (
    days('rectification.planOfCorrectionDays', rectification.planOfCorrectionDays) &&
    rectificationDeadlineOk &&
    rectification.planOfCorrectionDays > rectification.deadlineDays
  )
    fail('rectification.planOfCorrectionDays', 'must be at most deadlineDays: the plan comes before the evidence');

  const { subsidy } = policy;
  number('subsidy.baseRateFenPerResident', subsidy.baseRateFenPerResident, b.baseRateFenPerResident, true);
  for (const name of ['privateForProfitFactorBp', 'remoteDistrictFactorBp'] as const) {
    if (number(`subsidy.${name}`, subsidy[name], b.factorBp, true) && subsidy[name] === 0)
      fail(`subsidy.${name}`, 'must be above 0, or these homes would receive no subsidy at all');
  }
  const grade = subsidy.gradeFactorBp;
  const gradeOk = (['excellent', 'qualified', 'unqualified'] as const)
    .map((name) => number(`subsidy.gradeFactorBp.${name}`, grade[name], b.factorBp, true))
    .every(Boolean);
  if (gradeOk) {
    if (grade.excellent === 0)
      fail('subsidy.gradeFactorBp.excellent', 'must be above 0, or no grade would earn a subsidy');
    // §3.3: a better grade never earns less.
    if (grade.excellent < grade.qualified || grade.qualified < grade.unqualified)
      fail(
        'subsidy.gradeFactorBp',
        'must not fall as the grade rises: ' +
          `Excellent ${grade.excellent} ≥ Qualified ${grade.qualified} ≥ Unqualified ${grade.unqualified}`,
      );
  }

  if (policy.desk) days('desk.yellowDueWithinDays', policy.desk.yellowDueWithinDays);
  if (policy.capacity)
    number(
      'capacity.maxHomeVisitsPerStaffPerMonth',
      policy.capacity.maxHomeVisitsPerStaffPerMonth,
      b.visitsPerStaffPerMonth,
      true,
    );
  if (policy.approval) {
    const { approval } = policy;
    if (typeof approval.required !== 'boolean')
      fail('approval.required', `must be true or false, got ${JSON.stringify(approval.required)}`);
    const decisionOk = days('approval.decisionDays', approval.decisionDays);
    reminderDays(
      'approval.reminderDaysBefore',
      approval.reminderDaysBefore,
      decisionOk ? approval.decisionDays : undefined,
    );
    if (!['deemed-approved', 'escalate'].includes(approval.onNoDecision))
      fail(
        'approval.onNoDecision',
        `must be deemed-approved or escalate, got ${JSON.stringify(approval.onNoDecision)}`,
      );
  }
  if (policy.renewal) {
    const countersignOk = days('renewal.countersignDays', policy.renewal.countersignDays);
    if (days('renewal.reminderLeadDays', policy.renewal.reminderLeadDays) && countersignOk)
      if (policy.renewal.reminderLeadDays >= policy.renewal.countersignDays)
        fail('renewal.reminderLeadDays', `must be fewer than countersignDays (${policy.renewal.countersignDays})`);
  }
  if (policy.revocation) {
    const { reach, representationsReminderDaysBefore } = policy.revocation;
    if (!(revocationReaches as readonly string[]).includes(reach))
      fail('revocation.reach', `must be one of ${revocationReaches.join(', ')}, got ${JSON.stringify(reach)}`);
    reminderDays(
      'revocation.representationsReminderDaysBefore',
      representationsReminderDaysBefore,
      representationsOk ? rectification.representationsDays : undefined,
    );
  }

  const { holidays, makeupWorkdays } = policy.workingDays;
  for (const [name, list] of [
    ['holidays', holidays],
    ['makeupWorkdays', makeupWorkdays],
  ] as const) {
    list.forEach((date, i) => {
      if (!isValidLocalDate(date))
        fail(`workingDays.${name}.${i}`, `must be a calendar date YYYY-MM-DD, got ${JSON.stringify(date)}`);
    });
  }
  const both = makeupWorkdays.filter((date) => holidays.includes(date));
  if (both.length > 0) fail('workingDays', `a day cannot be both a holiday and a make-up workday: ${both.join(', ')}`);

  return violations;
}

/** Every rule the dashboard's policy breaks; the lights must rise with the trouble they count. */
export function dashboardPolicyViolations(policy: DashboardPolicy): PolicyViolation[] {
  const { violations, fail, number } = collector();
  const months = { min: 1, max: 120 };
  const count = { min: 1, max: 1_000 };
  const defaultOk = number('defaultWindowMonths', policy.defaultWindowMonths, months, true);
  const maxOk = number('maxWindowMonths', policy.maxWindowMonths, months, true);
  if (defaultOk && maxOk && policy.defaultWindowMonths > policy.maxWindowMonths)
    fail('defaultWindowMonths', `must not exceed maxWindowMonths (${policy.maxWindowMonths})`);
  number('sparseVisitsPerMonth', policy.sparseVisitsPerMonth, policyBounds.visitsPerMonth);
  const sizeOk = number('page.defaultSize', policy.page.defaultSize, count, true);
  const maxSizeOk = number('page.maxSize', policy.page.maxSize, count, true);
  if (sizeOk && maxSizeOk && policy.page.defaultSize > policy.page.maxSize)
    fail('page.defaultSize', `must not exceed page.maxSize (${policy.page.maxSize})`);
  const { lights } = policy;
  number('lights.redOverdueRectifications', lights.redOverdueRectifications, count, true);
  number('lights.yellowOverdueRequests', lights.yellowOverdueRequests, count, true);
  const redOk = number('lights.redMissedPeriods', lights.redMissedPeriods, count, true);
  const yellowOk = number('lights.yellowMissedPeriods', lights.yellowMissedPeriods, count, true);
  if (redOk && yellowOk && lights.yellowMissedPeriods > lights.redMissedPeriods)
    fail('lights.yellowMissedPeriods', `yellow comes before red: at most ${lights.redMissedPeriods} missed periods`);
  return violations;
}
