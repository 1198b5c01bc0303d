import { z } from '../openapi';

const days = z.number().positive();
const factorBp = z.number().int().min(0).max(100_000);
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A region's overrides of the default policy (domain/policy.ts): every field optional. */
export const PolicyOverridesSchema = z
  .object({
    timeScale: z.number().min(1).max(1e9),
    signing: z.object({ windowDays: days }).partial(),
    obligations: z
      .object({
        visitsPerMonth: z.number().int().min(0).max(31),
        meetingPeriod: z.enum(['month', 'quarter']),
        reminderLeadDays: z.object({ visit: days, meeting: days, survey: days, actionItem: days, request: days }).partial(),
        requestAnswerWorkingDays: z.number().int().positive(),
        referralResponseTargetMinutes: z.number().positive(),
        renewalReminderDays: days,
        escalation: z.object({ warnAfterMisses: z.number().int().positive(), notifyRegulatorAfterConsecutiveMisses: z.number().int().positive() }).partial(),
      })
      .partial(),
    evaluation: z
      .object({
        weights: z.object({ serviceQuality: z.number().min(0), satisfaction: z.number().min(0), cooperation: z.number().min(0) }).partial(),
        thresholds: z.object({ excellent: z.number().min(0).max(100), qualified: z.number().min(0).max(100) }).partial(),
        scheduleMonths: z.array(z.number().int().min(1).max(12)).min(1).max(12),
        deadlineDays: days,
        reminderDaysBefore: z.array(days).max(10),
        fanOutPageSize: z.number().int().min(1).max(1000),
        consistencyMaxDeviation: z.number().min(0).max(100),
        modelPriorityGrades: z.array(z.enum(['excellent', 'qualified', 'unqualified'])).max(3),
      })
      .partial(),
    rectification: z
      .object({
        scheduleMonths: z.array(z.number().int().min(1).max(12)).min(1).max(12),
        deadlineDays: days,
        reminderDaysBefore: z.array(days).max(10),
        maxExtensions: z.number().int().min(0).max(5),
        extensionDays: days,
        representationsDays: days,
      })
      .partial(),
    subsidy: z
      .object({
        // 000_… §3.3: 120–200 yuan per person per year.
        baseRateFenPerResident: z.number().int().min(0).max(1_000_000),
        privateForProfitFactorBp: factorBp,
        remoteDistrictFactorBp: factorBp,
        gradeFactorBp: z.object({ excellent: factorBp, qualified: factorBp, unqualified: factorBp }).partial(),
      })
      .partial(),
    workingDays: z.object({ holidays: z.array(localDate), makeupWorkdays: z.array(localDate) }).partial(),
  })
  .partial()
  .strict()
  .openapi('PolicyOverrides');
