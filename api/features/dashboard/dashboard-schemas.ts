import { contractStatuses } from '../../../domain/contract';
import { lights } from '../../../domain/contract-lights';
import { defaultDashboardPolicy } from '../../../domain/policy';
import { grades } from '../../../domain/grading';
import { z } from '../../openapi';
import { figureKeys, trendKeys } from './dashboard-definitions';

const month = (what: string) =>
  z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM')
    .optional()
    .openapi({ example: '2027-01', description: `${what} (YYYY-MM, Asia/Shanghai)` });

export const WindowQuery = z.object({
  from: month('first month of the window; default: the window ends with `to` or the current month'),
  to: month('last month of the window, not before `from`; default: the current month'),
});

const text = z.object({ 'zh-CN': z.string(), en: z.string() });

export const FigureSchema = z
  .object({
    value: z.number().nullable().describe('a rate from 0 to 1 (null with a zero denominator), or the measure itself'),
    numerator: z.number(),
    denominator: z.number(),
    unit: z.enum(['ratio', 'days', 'minutes', 'count']),
    reference: z
      .object({ value: z.number(), text, source: z.string() })
      .optional()
      .describe("the seeds' Chongqing figure, cited by document title and section"),
  })
  .openapi('DashboardFigure');

export const DashboardSchema = z
  .object({
    regionCode: z.string(),
    window: z.object({ from: z.string(), to: z.string(), months: z.array(z.string()) }),
    asOf: z.string().describe('today in Asia/Shanghai: what is open, overdue or waiting is counted to this day'),
    figures: z.object(
      Object.fromEntries(figureKeys.map((k) => [k, FigureSchema])) as Record<
        (typeof figureKeys)[number],
        typeof FigureSchema
      >,
    ),
    subsidy: z.object({
      year: z.number().int(),
      contracts: z.number().int(),
      totalFen: z.number().int(),
      totalYuan: z.string().openapi({ example: '115200.00' }),
    }),
    gradesByCycle: z.array(
      z.object({
        cycleId: z.uuid(),
        half: z.string(),
        status: z.string(),
        excellent: z.number().int(),
        qualified: z.number().int(),
        unqualified: z.number().int(),
        pending: z.number().int(),
      }),
    ),
    trend: z.array(
      z.object({
        month: z.string(),
        ...(Object.fromEntries(trendKeys.map((k) => [k, FigureSchema])) as Record<
          (typeof trendKeys)[number],
          typeof FigureSchema
        >),
      }),
    ),
    lightRule: text,
    definitions: z.object({ 'zh-CN': z.record(z.string(), z.string()), en: z.record(z.string(), z.string()) }),
  })
  .openapi('RegionDashboard');

const { page } = defaultDashboardPolicy;
export const ContractRowsQuery = WindowQuery.extend({
  light: z.enum(lights).optional(),
  q: z.string().min(1).max(200).optional().describe("text searched in both institutions' names"),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1).openapi({ type: 'integer' }),
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .max(page.maxSize)
    .default(page.defaultSize)
    .openapi({ type: 'integer', description: `rows per page, 1–${page.maxSize}` }),
});
export const ExportQuery = WindowQuery.extend({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  light: z.enum(lights).optional(),
  q: z.string().min(1).max(200).optional(),
});

export const ContractRowSchema = z
  .object({
    contractId: z.uuid(),
    status: z.enum(contractStatuses),
    medical: z.object({ id: z.uuid(), name: z.string() }),
    care: z.object({ id: z.uuid(), name: z.string() }),
    grade: z.enum(grades).nullable(),
    visits: z.object({
      actual: z.number().int(),
      required: z.number().int(),
      periodsMet: z.number().int(),
      periods: z.number().int(),
    }),
    meetings: z.object({ periodsMet: z.number().int(), periods: z.number().int() }),
    openRequests: z.number().int(),
    overdueRequests: z.number().int(),
    missedPeriods: z.number().int(),
    overdueRectifications: z.number().int(),
    light: z.enum(lights),
    reasons: z.array(z.object({ code: z.string(), count: z.number().int(), text })),
  })
  .openapi('DashboardContractRow');

export const ContractRowsSchema = z
  .object({
    items: z.array(ContractRowSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    window: z.object({ from: z.string(), to: z.string() }),
    lightRule: text,
  })
  .openapi('DashboardContractRows');
