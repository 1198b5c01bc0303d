import type { ActionItem, Meeting } from '../../../stores/meeting-store';
import { IdParams, type defineRoutes } from '../../route';
import {
  ActionItemListQuery,
  ActionItemParams,
  ActionItemSchema,
  listOf,
  MeetingSchema,
  RecordMeetingSchema,
} from './fact-schemas';
import { anyRole, FactService } from './fact-service';
import { createMeetingService } from './meeting-service';

const presentItem = (item: ActionItem) => ({
  ...item,
  status: item.completedAt ? ('done' as const) : ('open' as const),
});
const presentMeeting = (meeting: Meeting) => ({ ...meeting, actionItems: meeting.actionItems.map(presentItem) });

export function registerMeetingRoutes(route: ReturnType<typeof defineRoutes>, facts: FactService) {
  const meetings = createMeetingService(facts);
  route({
    method: 'post',
    path: '/contracts/:id/meetings',
    summary: 'Record a docking meeting with both sides and its action items (Idempotency-Key honoured)',
    tag: 'facts',
    roles: anyRole,
    params: IdParams,
    body: RecordMeetingSchema,
    response: {
      status: 201,
      schema: MeetingSchema,
      description: 'The recorded meeting with its action items (200 when replayed for the same Idempotency-Key)',
    },
    idempotent: true,
    problems: [404, 409, 422],
    handler: async (ctx) => presentMeeting(await meetings.record(ctx)),
  });

  route({
    method: 'get',
    path: '/contracts/:id/meetings',
    summary: 'Docking meetings recorded on a contract, by date, with their action items',
    tag: 'facts',
    roles: anyRole,
    params: IdParams,
    response: { status: 200, schema: listOf(MeetingSchema), description: 'Meetings, oldest first' },
    problems: [404],
    handler: async ({ user, params }) => ({ items: (await meetings.list(user, params.id)).map(presentMeeting) }),
  });

  route({
    method: 'post',
    path: '/contracts/:id/action-items/:itemId/completion',
    summary: 'Mark an action item done (once)',
    tag: 'facts',
    roles: anyRole,
    params: ActionItemParams,
    response: { status: 200, schema: ActionItemSchema, description: 'The completed action item' },
    problems: [404, 409],
    handler: async ({ user, params }) => presentItem(await meetings.completeItem(user, params.id, params.itemId)),
  });

  route({
    method: 'get',
    path: '/contracts/:id/action-items',
    summary: 'Action items of all meetings on a contract, by due date',
    tag: 'facts',
    roles: anyRole,
    params: IdParams,
    query: ActionItemListQuery,
    response: { status: 200, schema: listOf(ActionItemSchema), description: 'Action items, soonest due first' },
    problems: [404],
    handler: async ({ user, params, query }) => ({
      items: (await meetings.listItems(user, params.id, query.status)).map(presentItem),
    }),
  });
}
