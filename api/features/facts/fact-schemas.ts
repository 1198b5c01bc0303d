import { cite } from '../../../domain/sources';
import { z } from '../../openapi';
import { check, checks } from '../../checks';

const localDate = z.iso.date().describe('calendar date in Asia/Shanghai, YYYY-MM-DD');
const instant = z.iso
  .datetime({ offset: true })
  .describe('ISO 8601 instant with its offset, e.g. 2027-03-01T09:30:00+08:00');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const side = z.enum(['medical', 'care']);
const count = z.number().int().min(0).max(1_000_000);

/** Who recorded a fact and when: common to every fact. */
const recorded = { id: z.uuid(), contractId: z.uuid(), recordedBy: z.uuid(), createdAt: z.string() };

export const RequestParams = z.object({ id: z.uuid(), rid: z.uuid() });
export const ActionItemParams = z.object({ id: z.uuid(), itemId: z.uuid() });

export const RecordVisitSchema = z
  .object({
    visitDate: localDate,
    staff: z
      .array(z.object({ name: text(200), title: text(100).describe('professional title, e.g. 主治医师') }).strict())
      .min(1, 'at least one staff member')
      .max(200),
    services: z.array(text(500)).min(1, 'at least one service').max(200),
    residentsSeen: count,
    chronicDiseaseReexams: count,
    hours: z.number().positive().max(24).multipleOf(0.01, 'at most two decimals'),
    notes: z.string().max(20_000).optional(),
  })
  .strict()
  .openapi('RecordVisit');

export const VisitSchema = RecordVisitSchema.safeExtend(recorded).openapi('Visit');

const ActionItemInput = z
  .object({
    description: text(4000),
    ownerSide: z.enum(['medical', 'care', 'both']),
    ownerName: text(200),
    dueDate: localDate,
  })
  .strict();

const cadence = z
  .enum(['monthly', 'quarterly'])
  .describe(
    `a monthly or a quarterly docking meeting (${cite('chongqingContracting', '3.2')}); ` +
      "a quarterly one also counts as its month's meeting",
  );

export const RecordMeetingSchema = z
  .object({
    meetingDate: localDate,
    cadence: cadence.default('quarterly'),
    attendees: z
      .array(z.object({ name: text(200), side, role: text(200).optional() }).strict())
      .min(2)
      .max(500),
    minutes: text(200_000),
    actionItems: z.array(ActionItemInput).max(500).default([]),
  })
  .strict()
  .superRefine((m, ctx) => {
    for (const s of side.options) {
      if (!m.attendees.some((a) => a.side === s))
        ctx.addIssue({
          code: 'custom',
          ...check(
            checks.attendeeFromEachSide,
            `at least one attendee from each side is required; none is from the ${s} side`,
            ['attendees'],
          ),
        });
    }
    m.actionItems.forEach((item, i) => {
      if (item.dueDate < m.meetingDate)
        ctx.addIssue({
          code: 'custom',
          path: ['actionItems', i, 'dueDate'],
          message: `dueDate ${item.dueDate} is before meetingDate ${m.meetingDate}`,
        });
    });
  })
  .openapi('RecordMeeting');

export const ActionItemSchema = ActionItemInput.safeExtend({
  id: z.uuid(),
  meetingId: z.uuid(),
  contractId: z.uuid(),
  status: z.enum(['open', 'done']),
  completedAt: z.string().optional(),
  completedBy: z.uuid().optional(),
}).openapi('ActionItem');

export const MeetingSchema = z
  .object({
    ...recorded,
    meetingDate: z.string(),
    cadence,
    attendees: z.array(z.object({ name: z.string(), side, role: z.string().optional() })),
    minutes: z.string(),
    actionItems: z.array(ActionItemSchema),
  })
  .openapi('Meeting');

export const ActionItemListQuery = z.object({ status: z.enum(['open', 'done']).optional() });

export const RecordSurveySchema = z
  .object({
    surveyDate: localDate,
    respondents: z.number().int().min(1).max(1_000_000),
    summary: text(20_000),
    needs: z.array(text(1000)).max(500),
  })
  .strict()
  .openapi('RecordSurvey');

export const SurveySchema = RecordSurveySchema.safeExtend(recorded).openapi('Survey');

export const RecordHealthTalkSchema = z
  .object({
    talkDate: localDate,
    topic: text(500),
    attendees: z.number().int().min(1).max(100_000).describe('residents and staff who attended'),
    speaker: text(200).optional(),
  })
  .strict()
  .openapi('RecordHealthTalk');

export const HealthTalkSchema = RecordHealthTalkSchema.safeExtend(recorded).openapi('HealthTalk');

export const RaiseRequestSchema = z
  .object({ subject: text(300), body: text(20_000) })
  .strict()
  .openapi('RaiseRequest');
export const AnswerRequestSchema = z
  .object({ answer: text(20_000) })
  .strict()
  .openapi('AnswerRequest');

export const PartyRequestSchema = RaiseRequestSchema.safeExtend({
  ...recorded,
  fromSide: side,
  raisedDate: z.string().describe("the contract's policy date it was raised on"),
  answerDueDate: z.string().describe('answer by this date (working days per policy)'),
  status: z.enum(['open', 'answered']),
  answer: z.string().optional(),
  answeredAt: z.string().optional(),
  answeredBy: z.uuid().optional(),
}).openapi('PartyRequest');

export const RequestListQuery = z.object({ status: z.enum(['open', 'answered']).optional() });

export const RecordReferralSchema = z
  .object({
    residentRef: text(200),
    reason: text(4000),
    requestedAt: instant,
    respondedAt: instant,
    destination: text(500).optional(),
  })
  .strict()
  .refine(
    (r) => Date.parse(r.respondedAt) >= Date.parse(r.requestedAt),
    check(checks.notBeforeRequested, 'respondedAt must not be before requestedAt', ['respondedAt']),
  )
  .openapi('RecordReferral');

export const ReferralSchema = z
  .object({
    ...recorded,
    residentRef: z.string(),
    reason: z.string(),
    requestedAt: z.string(),
    respondedAt: z.string(),
    destination: z.string().optional(),
    responseSeconds: z.number().int(),
    responseMinutes: z.number().describe('to one decimal'),
    targetMinutes: z.number(),
    withinTarget: z.boolean(),
  })
  .openapi('Referral');

export const listOf = <T extends z.ZodType>(schema: T) => z.object({ items: z.array(schema) });
