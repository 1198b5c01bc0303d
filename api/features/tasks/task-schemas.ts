import { consequenceKinds } from '../../../domain/task-consequences';
import { taskKinds, taskStates } from '../../../domain/work-queue';
import { z } from '../../openapi';

/** A query list: repeated (?kind=a&kind=b) or comma-separated (?kind=a,b). */
const listParam = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()))
    .pipe(z.array(z.enum(values)).max(values.length))
    .optional()
    .openapi({
      type: 'string',
      description: `${what}: one or more of ${values.join(', ')}, comma-separated or repeated`,
      example: values.slice(0, 2).join(','),
    });

export const TaskQuery = z.object({
  kind: listParam(taskKinds, 'kinds of task'),
  state: listParam(taskStates, 'states'),
  contractId: z.uuid().optional().describe("only this contract's tasks"),
  page: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(1)
    .openapi({ type: 'integer', description: 'page number, from 1' }),
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(50)
    .openapi({ type: 'integer', description: 'tasks per page, 1–200' }),
});

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const TaskSchema = z
  .object({
    id: z.string().describe('stable while the task is open, e.g. visit:<contractId>:2027-03'),
    kind: z.enum(taskKinds),
    contractId: z.uuid().optional(),
    rectificationId: z.uuid().optional(),
    evaluationId: z.uuid().optional(),
    subject: z.string().describe('who or what it concerns, e.g. the counterpart institution'),
    actionableFrom: localDate
      .optional()
      .describe('the first day the step can be taken, when later than today (e.g. a revocation after representations)'),
    dueDate: localDate.describe('the last day, Asia/Shanghai'),
    dueAt: z.string().describe('the instant the engine acts if the step is not done (real time)'),
    state: z.enum(taskStates).describe("due-soon: within the policy's reminder lead time"),
    consequence: z.object({
      kind: z.enum(consequenceKinds),
      on: localDate.describe('the day it happens, Asia/Shanghai'),
      description: z.object({ 'zh-CN': z.string(), en: z.string() }),
    }),
    link: z.string().describe('the console page to act on'),
  })
  .openapi('Task');

export const TaskPageSchema = z.object({
  items: z.array(TaskSchema),
  total: z.number().int().describe('tasks on every page together'),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const TaskFilterFields = z
  .object({
    kinds: z.array(z.enum(taskKinds)).max(taskKinds.length).optional(),
    states: z.array(z.enum(taskStates)).max(taskStates.length).optional(),
    contractId: z.uuid().optional(),
  })
  .strict();

export const CreateTaskFilterSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    filter: TaskFilterFields,
    shared: z.boolean().describe('visible to every user with the same role and scope'),
  })
  .strict()
  .openapi('CreateTaskFilter');

export const SavedTaskFilterSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    filter: TaskFilterFields,
    shared: z.boolean(),
    ownerUserId: z.uuid(),
    ownerName: z.string(),
    mine: z.boolean().describe('only its owner may delete it'),
    createdAt: z.string(),
  })
  .openapi('SavedTaskFilter');
