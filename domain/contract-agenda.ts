import { addDays, compareLocalDates, LocalDate, Period, periodFromKey, startOfShanghaiDay } from './calendar';
import type { AgreedQuantities } from './agreement';
import {
  Obligation,
  obligationKinds,
  periodWithinTerm,
  reminderLeadDays,
  remindable,
  renewalReminderDate,
  requiredPerPeriod,
} from './obligations';
import type { Policy } from './policy';

export const obligations: readonly Obligation[] = obligationKinds;

export interface OpenItem {
  id: string;
  dueDate: LocalDate;
}

/** What the active contract still owes and has been told — enough to derive every next deadline. */
export interface AgendaState {
  termEnd: LocalDate;
  policy: Policy;
  /**
   * Key of the next period to close per tracked obligation (2027-03, 2027-Q1, 2027), or null when
   * none is left in the term. An obligation without a key is not tracked (runs from before it existed).
   */
  next: Partial<Record<Obligation, string | null>>;
  /** The agreement's quantities, which the periods are held to; absent in runs from before they were enforced. */
  agreed?: AgreedQuantities;
  /** Reminders already sent: "visit:2027-03", "request:<id>", "action-item:<id>", "renewal:<termEnd>". */
  reminded: string[];
  openRequests: OpenItem[];
  openActionItems: OpenItem[];
}

export type AgendaEvent =
  | {
      kind: 'obligation-close';
      obligation: Obligation;
      period: Period;
      required: number;
      atMs: number;
      /** Referrals only: the agreed response time each referral of the period is judged against. */
      targetMinutes?: number;
    }
  | {
      kind: 'obligation-reminder';
      obligation: Obligation;
      period: Period;
      required: number;
      dueDate: LocalDate;
      atMs: number;
    }
  | { kind: 'request-deadline' | 'action-item-deadline'; id: string; dueDate: LocalDate; atMs: number }
  | { kind: 'request-reminder' | 'action-item-reminder'; id: string; dueDate: LocalDate; atMs: number }
  | { kind: 'renewal-reminder'; termEnd: LocalDate; atMs: number }
  | { kind: 'expiry'; termEnd: LocalDate; atMs: number };

/** At one instant: close periods first (their facts are final), then deadlines, reminders, and expiry last. */
const order: Record<AgendaEvent['kind'], number> = {
  'obligation-close': 0,
  'request-deadline': 1,
  'action-item-deadline': 1,
  'obligation-reminder': 2,
  'request-reminder': 2,
  'action-item-reminder': 2,
  'renewal-reminder': 3,
  expiry: 4,
};

/** The instant a calendar day ends (start of the next day), in policy time. */
export const endOfDayMs = (date: LocalDate) => startOfShanghaiDay(addDays(date, 1));

function obligationEvents(state: AgendaState, obligation: Obligation): AgendaEvent[] {
  const key = state.next[obligation];
  if (!key) return [];
  const period = periodFromKey(key);
  if (!periodWithinTerm(period, state.termEnd)) return [];
  const required = requiredPerPeriod(obligation, state.policy, state.agreed);
  // A month's visit close ends the workflow's run, so under an agreement it closes even when none is owed.
  if (required === 0 && !(obligation === 'visit' && state.agreed)) return [];
  const close: AgendaEvent = { kind: 'obligation-close', obligation, period, required, atMs: period.endMs };
  if (obligation === 'referral' && state.agreed) close.targetMinutes = state.agreed.emergencyReferralResponseMinutes;
  const events: AgendaEvent[] = [close];
  if (remindable(obligation) && required > 0 && !state.reminded.includes(`${obligation}:${key}`)) {
    const remindOn = addDays(period.end, -reminderLeadDays(obligation, state.policy));
    const date = compareLocalDates(remindOn, period.start) < 0 ? period.start : remindOn;
    events.push({
      kind: 'obligation-reminder',
      obligation,
      period,
      required,
      dueDate: period.end,
      atMs: startOfShanghaiDay(date),
    });
  }
  return events;
}

function itemEvents(
  state: AgendaState,
  items: OpenItem[],
  kind: 'request' | 'action-item',
  leadDays: number,
): AgendaEvent[] {
  return items.flatMap((item): AgendaEvent[] => {
    const deadline: AgendaEvent = {
      kind: `${kind}-deadline`,
      id: item.id,
      dueDate: item.dueDate,
      atMs: endOfDayMs(item.dueDate),
    };
    if (state.reminded.includes(`${kind}:${item.id}`)) return [deadline];
    return [
      deadline,
      {
        kind: `${kind}-reminder`,
        id: item.id,
        dueDate: item.dueDate,
        atMs: startOfShanghaiDay(addDays(item.dueDate, -leadDays)),
      },
    ];
  });
}

/** Every event still ahead for an active contract, earliest first. */
export function agenda(state: AgendaState): AgendaEvent[] {
  const lead = state.policy.obligations.reminderLeadDays;
  const events: AgendaEvent[] = [
    ...obligations.filter((o) => o in state.next).flatMap((o) => obligationEvents(state, o)),
    ...itemEvents(state, state.openRequests, 'request', lead.request),
    ...itemEvents(state, state.openActionItems, 'action-item', lead.actionItem),
    { kind: 'expiry', termEnd: state.termEnd, atMs: endOfDayMs(state.termEnd) },
  ];
  if (!state.reminded.includes(`renewal:${state.termEnd}`)) {
    events.push({
      kind: 'renewal-reminder',
      termEnd: state.termEnd,
      atMs: startOfShanghaiDay(renewalReminderDate(state.termEnd, state.policy)),
    });
  }
  return events.sort((a, b) => a.atMs - b.atMs || order[a.kind] - order[b.kind]);
}

/** A human label for a deadline, for the compliance view and queries. */
export function describeEvent(event: AgendaEvent): { what: string; dueDate: LocalDate } {
  switch (event.kind) {
    case 'obligation-close':
      return {
        what:
          event.targetMinutes === undefined
            ? `${event.obligation} ${event.period.key}: ${event.required} required`
            : `${event.obligation} ${event.period.key}: within ${event.targetMinutes} minutes`,
        dueDate: event.period.end,
      };
    case 'obligation-reminder':
      return { what: `reminder: ${event.obligation} ${event.period.key}`, dueDate: event.dueDate };
    case 'request-deadline':
    case 'action-item-deadline':
      return { what: `${event.kind.replace('-deadline', '')} ${event.id} answer due`, dueDate: event.dueDate };
    case 'request-reminder':
    case 'action-item-reminder':
      return { what: `reminder: ${event.kind.replace('-reminder', '')} ${event.id}`, dueDate: event.dueDate };
    case 'renewal-reminder':
      return { what: 'renewal reminder', dueDate: event.termEnd };
    case 'expiry':
      return { what: 'term ends', dueDate: event.termEnd };
  }
}
