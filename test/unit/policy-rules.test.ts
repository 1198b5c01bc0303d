import { defaultPolicy, DeepPartial, Policy, resolvePolicy } from '../../domain/policy';
import { policyViolations } from '../../domain/policy-rules';
import { nonsensePolicy } from '../support/nonsense-policy';

const pathsOf = (overrides: DeepPartial<Policy>) => policyViolations(resolvePolicy(overrides)).map((v) => v.path);

describe('policyViolations', () => {
  it('finds nothing wrong with the default policy', () => {
    expect(policyViolations(defaultPolicy)).toEqual([]);
  });

  it("lists every broken rule of issue 9's nonsense policy at once", () => {
    expect(pathsOf(nonsensePolicy).sort()).toEqual(
      [
        'evaluation.weights',
        'evaluation.thresholds.qualified',
        'evaluation.thresholds',
        'subsidy.baseRateFenPerResident',
        'subsidy.privateForProfitFactorBp',
        'subsidy.remoteDistrictFactorBp',
        'subsidy.gradeFactorBp.excellent',
      ].sort(),
    );
    const messages = policyViolations(resolvePolicy(nonsensePolicy)).map((v) => v.message);
    expect(messages).toContain('Excellent (0) must be higher than Qualified (0)');
  });

  it('accepts a dropped dimension but not negative weights', () => {
    expect(pathsOf({ evaluation: { weights: { cooperation: 0 } } })).toEqual([]);
    expect(pathsOf({ evaluation: { weights: { satisfaction: -1 } } })).toEqual(['evaluation.weights.satisfaction']);
  });

  it('keeps thresholds ordered and on the 0–100 score scale', () => {
    // default Excellent is 85
    expect(pathsOf({ evaluation: { thresholds: { qualified: 90 } } })).toEqual(['evaluation.thresholds']);
    expect(pathsOf({ evaluation: { thresholds: { excellent: 101 } } })).toEqual(['evaluation.thresholds.excellent']);
    expect(pathsOf({ evaluation: { thresholds: { excellent: 90, qualified: 70 } } })).toEqual([]);
  });

  it('keeps subsidy factors positive, bounded and rising with the grade', () => {
    expect(pathsOf({ subsidy: { gradeFactorBp: { qualified: 14000 } } })).toEqual(['subsidy.gradeFactorBp']);
    expect(pathsOf({ subsidy: { remoteDistrictFactorBp: 100_001 } })).toEqual(['subsidy.remoteDistrictFactorBp']);
    expect(pathsOf({ subsidy: { baseRateFenPerResident: 120.5 } })).toEqual(['subsidy.baseRateFenPerResident']);
    expect(pathsOf({ subsidy: { gradeFactorBp: { unqualified: 5000 } } })).toEqual([]);
  });

  it('wants every day count to be a whole number of at least one day', () => {
    expect(
      pathsOf({
        signing: { windowDays: 0 },
        obligations: { reminderLeadDays: { visit: 0.5 }, renewalReminderDays: -1, requestAnswerWorkingDays: 0 },
        evaluation: { deadlineDays: 0 },
        rectification: { deadlineDays: 4000, extensionDays: 0, representationsDays: 0 },
      }).sort(),
    ).toEqual(
      [
        'signing.windowDays',
        'obligations.reminderLeadDays.visit',
        'obligations.renewalReminderDays',
        'obligations.requestAnswerWorkingDays',
        'evaluation.deadlineDays',
        'rectification.deadlineDays',
        'rectification.extensionDays',
        'rectification.representationsDays',
      ].sort(),
    );
  });

  it('puts reminders before their deadline, without repeats', () => {
    expect(pathsOf({ rectification: { deadlineDays: 10, reminderDaysBefore: [14, 7, 7] } }).sort()).toEqual(
      ['rectification.reminderDaysBefore', 'rectification.reminderDaysBefore.0'].sort(),
    );
    expect(pathsOf({ evaluation: { reminderDaysBefore: Array.from({ length: 11 }, (_, i) => i + 1) } })).toEqual([
      'evaluation.reminderDaysBefore',
    ]);
  });

  it('keeps a fan-out page within what Temporal advises for one run (≤ 1,000 children)', () => {
    expect(pathsOf({ evaluation: { fanOutPageSize: 1001 } })).toEqual(['evaluation.fanOutPageSize']);
    expect(pathsOf({ evaluation: { fanOutPageSize: 0 } })).toEqual(['evaluation.fanOutPageSize']);
    expect(pathsOf({ evaluation: { fanOutPageSize: 1000 } })).toEqual([]);
  });

  it('bounds timeScale so a policy day lasts at least a real millisecond', () => {
    expect(pathsOf({ timeScale: 0.5 })).toEqual(['timeScale']);
    expect(pathsOf({ timeScale: 86_400_001 })).toEqual(['timeScale']);
    expect(pathsOf({ timeScale: 1_296_000 })).toEqual([]);
  });

  it('orders the escalation ladder and checks schedule months, deviations and dates', () => {
    expect(
      pathsOf({ obligations: { escalation: { warnAfterMisses: 3, notifyRegulatorAfterConsecutiveMisses: 2 } } }),
    ).toEqual(['obligations.escalation.notifyRegulatorAfterConsecutiveMisses']);
    expect(pathsOf({ evaluation: { scheduleMonths: [1, 13, 1] } }).sort()).toEqual(
      ['evaluation.scheduleMonths', 'evaluation.scheduleMonths.1'].sort(),
    );
    expect(pathsOf({ evaluation: { scheduleMonths: [] } })).toEqual(['evaluation.scheduleMonths']);
    expect(pathsOf({ evaluation: { consistencyMaxDeviation: 0 } })).toEqual(['evaluation.consistencyMaxDeviation']);
    expect(pathsOf({ obligations: { visitsPerMonth: 0 } })).toEqual([]);
    expect(pathsOf({ obligations: { visitsPerMonth: 32 } })).toEqual(['obligations.visitsPerMonth']);
    expect(
      pathsOf({ workingDays: { holidays: ['2027-02-30', '2027-10-01'], makeupWorkdays: ['2027-10-01'] } }).sort(),
    ).toEqual(['workingDays', 'workingDays.holidays.0'].sort());
  });
});
