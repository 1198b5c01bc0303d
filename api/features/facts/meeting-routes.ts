import { randomUUID } from 'node:crypto';
import type { ActionItem } from '../../../stores/meeting-store';
import { completeActionItem, findActionItem, findMeetingByKey, insertActionItems, insertMeeting, listActionItems, listMeetings, Meeting } from '../../../stores/meeting-store';
import { actionItemsAddedSignal, itemClosedSignal } from '../../../workflows/contract-messages';
import { ProblemError } from '../../problem';
import { IdParams, type defineRoutes } from '../../route';
import { ActionItemListQuery, ActionItemParams, ActionItemSchema, listOf, MeetingSchema, RecordMeetingSchema } from './fact-schemas';
import { anyRole, assertFactDate, FactService } from './fact-service';

const presentItem = (item: ActionItem) => ({ ...item, status: item.completedAt ? ('done' as const) : ('open' as const) });
const presentMeeting = (meeting: Meeting) => ({ ...meeting, actionItems: meeting.actionItems.map(presentItem) });

export function registerMeetingRoutes(route: ReturnType<typeof defineRoutes>, facts: FactService) {
  route({
    method: 'post',
    path: '/contracts/:id/meetings',
    summary: 'Record a docking meeting with both sides and its action items (Idempotency-Key honoured)',
    tag: 'facts',
    roles: anyRole,
    params: IdParams,
    body: RecordMeetingSchema,
    response: { status: 201, schema: MeetingSchema, description: 'The recorded meeting with its action items (200 when replayed for the same Idempotency-Key)' },
    idempotent: true,
    problems: [404, 409, 422],
    handler: async (ctx) => {
      const { actionItems, ...meeting } = ctx.body;
      const recorded = await facts.create(ctx, {
        findByKey: findMeetingByKey,
        check: (recording) => assertFactDate(recording, 'meetingDate', meeting.meetingDate),
        insert: async (tx, { contract, user }, id, idempotency) => {
          const created = await insertMeeting(tx, { id, contractId: contract.id, recordedBy: user.id, ...meeting }, idempotency);
          if (!created) return undefined;
          const items = await insertActionItems(tx, actionItems.map((item) => ({ id: randomUUID(), meetingId: id, contractId: contract.id, ...item })));
          return { ...created, actionItems: items };
        },
        audit: (m) => ({ action: 'meeting.recorded', details: { meetingId: m.id, meetingDate: m.meetingDate, actionItemIds: m.actionItems.map((i) => i.id) } }),
        signal: async (handle, m) => {
          if (m.actionItems.length > 0) await handle.signal(actionItemsAddedSignal, { items: m.actionItems.map((i) => ({ id: i.id, dueDate: i.dueDate })) });
        },
      });
      return presentMeeting(recorded);
    },
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
    handler: async ({ user, params }) => ({ items: (await listMeetings(facts.db, (await facts.readable(user, params.id)).id)).map(presentMeeting) }),
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
    handler: async ({ user, params }) => {
      const recording = await facts.recordable(user, params.id);
      const item = await findActionItem(facts.db, params.itemId);
      if (!item || item.contractId !== params.id) throw new ProblemError('not-found', `no action item ${params.itemId} on contract ${params.id}`);
      const completed = await facts.db.transaction(async (tx) => {
        const done = await completeActionItem(tx, item.id, { userId: user.id, at: new Date(facts.now()).toISOString() });
        if (!done) throw new ProblemError('already-completed', `action item ${item.id} is already done${item.completedAt ? ` (completed ${item.completedAt})` : ''}`);
        await facts.audit(tx, recording, 'action-item.completed', { actionItemId: done.id, meetingId: done.meetingId });
        return done;
      });
      await facts.signalWorkflow(params.id, 'action-item.completed', (handle) => handle.signal(itemClosedSignal, { kind: 'action-item', id: completed.id }));
      return presentItem(completed);
    },
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
    handler: async ({ user, params, query }) => ({ items: (await listActionItems(facts.db, (await facts.readable(user, params.id)).id, query.status)).map(presentItem) }),
  });
}
