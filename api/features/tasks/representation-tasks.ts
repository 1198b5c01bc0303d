import { decisionWindowOpensOn } from '../../../domain/representations';
import { consequenceOf } from '../../../domain/task-consequences';
import type { OpenOrderRow } from '../../../stores/task-store';
import { type Ctx, orderTask, partyView, type WorkTask } from './task-builders';

/** Under notice of intended revocation, each party may be heard until the deadline: until it files or declares none. */
export function representationTasks(ctx: Ctx, orders: OpenOrderRow[], institutionId: string): WorkTask[] {
  if (!ctx.wants('representations')) return [];
  return orders
    .filter(
      (o) =>
        o.status === 'notice-of-revocation' &&
        o.representationsDeadline &&
        !o.heardInstitutionIds.includes(institutionId),
    )
    .map((o) =>
      orderTask(ctx, o, 'representations', () => ({
        subject: partyView(o.contract, institutionId).counterpart,
        consequence: consequenceOf('revocation-may-be-confirmed', decisionWindowOpensOn(o.representationsDeadline!)),
      })),
    );
}
