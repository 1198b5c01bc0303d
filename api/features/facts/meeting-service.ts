import { randomUUID } from 'node:crypto';
import {
  ActionItem,
  completeActionItem,
  findActionItem,
  findMeetingByKey,
  insertActionItems,
  insertMeeting,
  listActionItems,
  listMeetings,
  Meeting,
} from '../../../stores/meeting-store';
import type { User } from '../../../stores/user-store';
import { actionItemsAddedSignal, itemClosedSignal } from '../../../messages/contract-messages';
import type { z } from '../../openapi';
import { ProblemError } from '../../problem';
import type { RecordMeetingSchema } from './fact-schemas';
import { assertFactDate, FactService, HttpContext } from './fact-service';

export function createMeetingService(facts: FactService) {
  /** The meeting and its action items in one transaction; the contract's workflow is told of the items' due dates. */
  function record(ctx: HttpContext & { body: z.infer<typeof RecordMeetingSchema> }): Promise<Meeting> {
    const { actionItems, ...meeting } = ctx.body;
    return facts.create(ctx, {
      findByKey: findMeetingByKey,
      check: (recording) => assertFactDate(recording, 'meetingDate', meeting.meetingDate),
      insert: async (tx, { contract, user }, id, idempotency) => {
        const created = await insertMeeting(
          tx,
          { id, contractId: contract.id, recordedBy: user.id, ...meeting },
          idempotency,
        );
        if (!created) return undefined;
        const items = await insertActionItems(
          tx,
          actionItems.map((item) => ({ id: randomUUID(), meetingId: id, contractId: contract.id, ...item })),
        );
        return { ...created, actionItems: items };
      },
      audit: (m) => ({
        action: 'meeting.recorded',
        details: { meetingId: m.id, meetingDate: m.meetingDate, actionItemIds: m.actionItems.map((i) => i.id) },
      }),
      signal: async (handle, m) => {
        if (m.actionItems.length > 0)
          await handle.signal(actionItemsAddedSignal, {
            items: m.actionItems.map((i) => ({ id: i.id, dueDate: i.dueDate })),
          });
      },
    });
  }

  async function completeItem(user: User, contractId: string, itemId: string): Promise<ActionItem> {
    const recording = await facts.recordable(user, contractId);
    const item = await findActionItem(facts.db, itemId);
    if (!item || item.contractId !== contractId)
      throw new ProblemError('not-found', `no action item ${itemId} on contract ${contractId}`);
    const completed = await facts.db.transaction(async (tx) => {
      const done = await completeActionItem(tx, item.id, { userId: user.id, at: new Date(facts.now()).toISOString() });
      if (!done)
        throw new ProblemError(
          'already-completed',
          `action item ${item.id} is already done${item.completedAt ? ` (completed ${item.completedAt})` : ''}`,
        );
      await facts.audit(tx, recording, 'action-item.completed', { actionItemId: done.id, meetingId: done.meetingId });
      return done;
    });
    await facts.signalWorkflow(contractId, 'action-item.completed', (handle) =>
      handle.signal(itemClosedSignal, { kind: 'action-item', id: completed.id }),
    );
    return completed;
  }

  const list = async (user: User, contractId: string): Promise<Meeting[]> =>
    listMeetings(facts.db, (await facts.readable(user, contractId)).id);
  const listItems = async (user: User, contractId: string, status?: 'open' | 'done'): Promise<ActionItem[]> =>
    listActionItems(facts.db, (await facts.readable(user, contractId)).id, status);

  return { record, completeItem, list, listItems };
}
