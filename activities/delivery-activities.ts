import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../platform/db';
import { noticeDeliveryOf } from '../stores/outbox-store';

/**
 * Deadlines run from delivery (issue 12): a notice's deadline counts from when its mails actually
 * left the outbox, never from a date printed on it before they were sent.
 */
export function createDeliveryActivities(deps: { db: Db }) {
  return {
    /**
     * When every mail of the notice `eventKey` was sent (the last recipient's sent time). Retried
     * while any is still pending, so the workflow waits for delivery; a notice with no recipient
     * at all (nobody to tell) counts as delivered now.
     */
    async noticeDelivered(input: { eventKey: string }): Promise<{ sentAt: string; recipients: number }> {
      const delivery = await noticeDeliveryOf(deps.db, input.eventKey);
      if (delivery.pending > 0)
        throw ApplicationFailure.retryable(
          `notice ${input.eventKey}: ${delivery.pending} of ${delivery.recipients} mail(s) not sent yet`,
          'NoticeNotDelivered',
        );
      return { sentAt: delivery.lastSentAt ?? new Date().toISOString(), recipients: delivery.recipients };
    },
  };
}
