import { sideOf } from '../../../domain/contract';
import { sideMayAct } from '../../../domain/rectification-findings';
import { consequenceOf } from '../../../domain/task-consequences';
import type { OpenOrderRow } from '../../../stores/task-store';
import { type Ctx, orderTask, type WorkTask } from './task-builders';

const pairName = (o: OpenOrderRow) => `${o.contract.medicalName} ↔ ${o.contract.careName}`;

/**
 * An itemized order's steps per finding (issue 12): the responsible side's plan of correction by
 * the plan deadline and evidence by the order's deadline; 'both' puts them in either side's queue.
 */
export function partyFindingTasks(ctx: Ctx, orders: OpenOrderRow[], institutionId: string): WorkTask[] {
  return orders.flatMap((o) => {
    const side = sideOf(o.contract, institutionId);
    if (!o.itemized || !side) return [];
    const counterpart = side === 'medical' ? o.contract.careName : o.contract.medicalName;
    return o.findings
      .filter((f) => sideMayAct(f.responsibleSide, side))
      .flatMap((f): WorkTask[] => {
        if (f.state === 'awaiting-plan' && o.planDeadline && ctx.wants('plan-of-correction'))
          return [
            orderTask(
              ctx,
              o,
              'plan-of-correction',
              () => ({
                subject: `${f.id} · ${counterpart}`,
                consequence: consequenceOf('finding-revocation-notice', ctx.cal.dayAfter(o.planDeadline!)),
              }),
              { key: f.id, due: o.planDeadline },
            ),
          ];
        if (f.state === 'awaiting-evidence' && ctx.wants('finding-evidence'))
          return [
            orderTask(
              ctx,
              o,
              'finding-evidence',
              () => ({
                subject: `${f.id} · ${counterpart}`,
                consequence: consequenceOf('finding-revocation-notice', ctx.cal.dayAfter(o.deadline)),
              }),
              { key: f.id },
            ),
          ];
        return [];
      });
  });
}

/** The regulator reviews each finding's evidence; a rejection after the deadline brings the notice. */
export function findingReviewTasks(ctx: Ctx, orders: OpenOrderRow[]): WorkTask[] {
  if (!ctx.wants('finding-review')) return [];
  return orders.flatMap((o) =>
    o.itemized
      ? o.findings
          .filter((f) => f.state === 'evidence-under-review')
          .map((f) =>
            orderTask(
              ctx,
              o,
              'finding-review',
              () => ({
                subject: `${f.id} · ${pairName(o)}`,
                consequence: consequenceOf('revocation-notice-if-rejected', ctx.cal.dayAfter(o.deadline)),
              }),
              { key: f.id },
            ),
          )
      : [],
  );
}
