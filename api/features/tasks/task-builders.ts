import { shanghaiDateOf } from '../../../domain/calendar';
import { contractClock, type PolicyClock, policyNow } from '../../../domain/clock';
import { sideOf, type Side } from '../../../domain/contract';
import { arrangedObligations, policyToday, requiredPerPeriod } from '../../../domain/obligations';
import { decisionAwaitsHearing, decisionWindowOpensOn } from '../../../domain/representations';
import { type Consequence, consequenceOf } from '../../../domain/task-consequences';
import {
  dateDeadline,
  instantDeadline,
  leadDaysOf,
  obligationMissConsequence,
  obligationsStartOf,
  owedPeriod,
  periodDeadline,
  type QueuePolicy,
  type CalendarMemo,
  type TaskDeadline,
  type TaskKind,
  taskState,
  type TaskState,
} from '../../../domain/work-queue';
import type {
  AssignedEvaluationRow,
  OpenActionItemRow,
  OpenOrderRow,
  OpenRequestRow,
  PeriodQuery,
  TaskContract,
} from '../../../stores/task-store';

/**
 * One open step for the caller: only what filtering and sorting read (state, due instant, id);
 * the rest is built by item() for the tasks on the page asked for.
 */
export interface WorkTask {
  id: string;
  kind: TaskKind;
  dueAtMs: number;
  state: TaskState;
  item: () => TaskItem;
}

/** A task as the API shows it. */
export interface TaskItem {
  id: string;
  kind: TaskKind;
  contractId?: string;
  rectificationId?: string;
  evaluationId?: string;
  /** Who or what it concerns. */
  subject: string;
  /** The first day the step can be taken, when that is later than today (a revocation waits for representations). */
  actionableFrom?: string;
  consequence: Consequence;
  dueDate: string;
  dueAt: string;
  state: TaskState;
  link: string;
}

type TaskDetail = Omit<TaskItem, 'id' | 'kind' | 'dueDate' | 'dueAt' | 'state'>;

export const clockOf = (c: TaskContract): PolicyClock => contractClock(c);
export const contractLink = (c: TaskContract) => `/console/contracts/${c.id}`;
export const pairName = (c: TaskContract) => `${c.medicalName} ↔ ${c.careName}`;

export interface Ctx {
  nowMs: number;
  wants: (kind: TaskKind) => boolean;
  cal: CalendarMemo;
}

export function task(
  ctx: Ctx,
  id: string,
  kind: TaskKind,
  deadline: TaskDeadline,
  clock: PolicyClock,
  policy: QueuePolicy,
  detail: () => TaskDetail,
  stateOverride?: TaskState,
): WorkTask {
  const state = stateOverride ?? taskState(deadline, leadDaysOf(kind, policy), clock, ctx.nowMs);
  return {
    id,
    kind,
    dueAtMs: deadline.dueAtMs,
    state,
    item: () => ({
      id,
      kind,
      ...detail(),
      dueDate: deadline.dueDate,
      dueAt: new Date(deadline.dueAtMs).toISOString(),
      state,
    }),
  };
}

/** A party's side in each contract and the name of the institution across the table. */
export function partyView(c: TaskContract, institutionId: string): { side: Side; counterpart: string } {
  const side = sideOf(c, institutionId)!;
  return { side, counterpart: side === 'medical' ? c.careName : c.medicalName };
}

export function signatureTasks(ctx: Ctx, contracts: TaskContract[], institutionId: string): WorkTask[] {
  if (!ctx.wants('signature')) return [];
  return contracts
    .filter((c) => c.status === 'draft' && !c.signedSides.includes(partyView(c, institutionId).side))
    .map((c) => {
      const clock = clockOf(c);
      const deadline = instantDeadline(clock, Date.parse(c.signingDeadline));
      return task(ctx, `signature:${c.id}`, 'signature', deadline, clock, c.policy, () => ({
        contractId: c.id,
        subject: partyView(c, institutionId).counterpart,
        consequence: consequenceOf('lapse', deadline.dueDate),
        link: contractLink(c),
      }));
    });
}

export interface OwedPeriod extends PeriodQuery {
  contract: TaskContract;
  clock: PolicyClock;
  key: string;
  required: number;
  deadline: TaskDeadline;
}

/** The period each obligation is owed for now, per contract in force (the facts are counted in SQL). */
export function owedPeriods(ctx: Ctx, contracts: TaskContract[]): OwedPeriod[] {
  return contracts.flatMap((c) => {
    if (!c.activatedAt) return [];
    const clock = clockOf(c);
    const activatedOn = shanghaiDateOf(policyNow(clock, Date.parse(c.activatedAt)));
    const view = {
      policy: c.policy,
      termEnd: c.termEnd,
      obligationsStart: obligationsStartOf(c.termStart, activatedOn),
      agreed: c.agreed,
    };
    const today = policyToday(clock, ctx.nowMs);
    return arrangedObligations
      .filter((o) => ctx.wants(o))
      .flatMap((obligation): OwedPeriod[] => {
        const period = owedPeriod(obligation, view, today, ctx.cal);
        if (!period) return [];
        return [
          {
            contract: c,
            clock,
            contractId: c.id,
            obligation,
            start: period.start,
            end: period.end,
            key: period.key,
            required: requiredPerPeriod(obligation, c.policy, c.agreed),
            deadline: periodDeadline(clock, period),
          },
        ];
      });
  });
}

export function obligationTasks(
  ctx: Ctx,
  periods: OwedPeriod[],
  records: { actual: number; consecutiveMissesBefore: number }[],
  institutionId: string,
): WorkTask[] {
  return periods.flatMap((p, i) => {
    const { actual, consecutiveMissesBefore } = records[i]!;
    if (actual >= p.required) return [];
    const c = p.contract;
    const level = obligationMissConsequence(consecutiveMissesBefore, c.policy);
    return [
      task(ctx, `${p.obligation}:${c.id}:${p.key}`, p.obligation, p.deadline, p.clock, c.policy, () => ({
        contractId: c.id,
        subject: `${partyView(c, institutionId).counterpart} · ${p.key} (${actual}/${p.required})`,
        consequence: consequenceOf(level, ctx.cal.dayAfter(p.end), p.obligation),
        link: contractLink(c),
      })),
    ];
  });
}

/** Requests wait on the side that did not raise them; action items on the side that owns them. */
export function itemTasks(
  ctx: Ctx,
  byId: Map<string, TaskContract>,
  institutionId: string,
  requests: OpenRequestRow[],
  actionItems: OpenActionItemRow[],
): WorkTask[] {
  const answers = requests.flatMap((r) => {
    const c = byId.get(r.contractId);
    // Read side by side with the contracts: one that left force meanwhile has nothing open.
    if (!c) return [];
    const { side, counterpart } = partyView(c, institutionId);
    if (r.fromSide === side) return [];
    const clock = clockOf(c);
    const deadline = dateDeadline(clock, r.answerDueDate, ctx.cal);
    return [
      task(ctx, `request-answer:${r.id}`, 'request-answer', deadline, clock, c.policy, () => ({
        contractId: c.id,
        subject: `${counterpart}: ${r.subject}`,
        consequence: consequenceOf('request-escalation', ctx.cal.dayAfter(r.answerDueDate)),
        link: contractLink(c),
      })),
    ];
  });
  const items = actionItems.flatMap((a) => {
    const c = byId.get(a.contractId);
    if (!c) return [];
    const { side, counterpart } = partyView(c, institutionId);
    if (a.ownerSide !== side && a.ownerSide !== 'both') return [];
    const clock = clockOf(c);
    const deadline = dateDeadline(clock, a.dueDate, ctx.cal);
    return [
      task(ctx, `action-item:${a.id}`, 'action-item', deadline, clock, c.policy, () => ({
        contractId: c.id,
        subject: `${counterpart}: ${a.description}`,
        consequence: consequenceOf('action-item-escalation', ctx.cal.dayAfter(a.dueDate)),
        link: contractLink(c),
      })),
    ];
  });
  return [...answers, ...items];
}

export function evaluationTasks(ctx: Ctx, evaluations: AssignedEvaluationRow[]): WorkTask[] {
  return evaluations.map((e) => {
    const c = e.contract;
    const policy = e.reminderDaysBefore
      ? { ...c.policy, evaluation: { ...c.policy.evaluation, reminderDaysBefore: e.reminderDaysBefore } }
      : c.policy;
    const clock = clockOf(c);
    const deadline = dateDeadline(clock, e.deadline, ctx.cal);
    return task(ctx, `evaluation-score:${e.id}`, 'evaluation-score', deadline, clock, policy, () => ({
      contractId: c.id,
      evaluationId: e.id,
      subject: e.kind === 're-evaluation' ? `${pairName(c)} (re-evaluation)` : pairName(c),
      consequence: consequenceOf('evaluation-overdue', ctx.cal.dayAfter(e.deadline)),
      link: `/console/evaluations/${e.id}`,
    }));
  });
}

export type OrderDetail = Pick<TaskDetail, 'subject' | 'consequence' | 'actionableFrom'>;

/**
 * A step on an order; `key` tells apart the steps of one order's findings, `due` a date other than
 * the order's, `state` a state the deadline alone does not give (a decision not yet open).
 */
export const orderTask = (
  ctx: Ctx,
  o: OpenOrderRow,
  kind: TaskKind,
  detail: () => OrderDetail,
  opts: { key?: string; due?: string; state?: TaskState } = {},
) => {
  const clock = clockOf(o.contract);
  const orderDue =
    kind === 'revocation-decision' || kind === 'representations' ? o.representationsDeadline! : o.deadline;
  const id = opts.key ? `${kind}:${o.id}:${opts.key}` : `${kind}:${o.id}`;
  return task(
    ctx,
    id,
    kind,
    dateDeadline(clock, opts.due ?? orderDue, ctx.cal),
    clock,
    o.policy,
    () => ({
      contractId: o.contract.id,
      rectificationId: o.id,
      ...detail(),
      link: `/console/rectifications/${o.id}`,
    }),
    opts.state,
  );
};

export const awaitingEvidence = ['issued', 'awaiting-evidence'] as const;

/** The parties owe evidence by the order's deadline. */
export function evidenceTasks(ctx: Ctx, orders: OpenOrderRow[], institutionId: string): WorkTask[] {
  if (!ctx.wants('evidence')) return [];
  // Itemized orders owe evidence per finding (finding-task-builders.ts).
  return orders
    .filter((o) => !o.itemized)
    .map((o) =>
      orderTask(ctx, o, 'evidence', () => ({
        subject: partyView(o.contract, institutionId).counterpart,
        consequence: consequenceOf('revocation-notice', ctx.cal.dayAfter(o.deadline)),
      })),
    );
}

/**
 * The regulator's decisions: evidence to review; an extension to grant or not while the party is
 * being reminded of its deadline and extensions remain; confirming or withdrawing an intended revocation.
 */
export function decisionTasks(ctx: Ctx, orders: OpenOrderRow[]): WorkTask[] {
  return orders.flatMap((o): WorkTask[] => {
    const subject = pairName(o.contract);
    if (o.status === 'evidence-under-review' && !o.itemized && ctx.wants('evidence-review'))
      return [
        orderTask(ctx, o, 'evidence-review', () => ({
          subject,
          consequence: consequenceOf('revocation-notice-if-rejected', ctx.cal.dayAfter(o.deadline)),
        })),
      ];
    if (o.status === 'notice-of-revocation' && o.representationsDeadline && ctx.wants('revocation-decision')) {
      const today = policyToday(clockOf(o.contract), ctx.nowMs);
      const waiting = decisionAwaitsHearing(o.representationsDeadline, o.waivedInstitutionIds, today);
      return [
        orderTask(
          ctx,
          o,
          'revocation-decision',
          () => ({
            subject,
            ...(waiting ? { actionableFrom: decisionWindowOpensOn(o.representationsDeadline!) } : {}),
            consequence: consequenceOf('decision-reminder', ctx.cal.dayAfter(o.representationsDeadline!)),
          }),
          { state: waiting ? 'upcoming' : undefined },
        ),
      ];
    }
    if ((awaitingEvidence as readonly string[]).includes(o.status) && ctx.wants('extension-decision')) {
      const candidate = orderTask(ctx, o, 'extension-decision', () => ({
        subject,
        consequence: consequenceOf('revocation-notice', ctx.cal.dayAfter(o.deadline)),
      }));
      const extensionsLeft = o.extensions < o.policy.rectification.maxExtensions;
      return extensionsLeft && candidate.state === 'due-soon' ? [candidate] : [];
    }
    return [];
  });
}
