import * as wf from '@temporalio/workflow';
import { compareLocalDates, nextPeriod } from '../domain/calendar';
import { PolicyClock, policyNow, realDelayUntil, realInstantOf } from '../domain/clock';
import { type ContractStatus, isInForce, type SigningState } from '../domain/contract';
import { agenda, AgendaEvent, describeEvent, obligations } from '../domain/contract-agenda';
import { escalationFor, firstTrackedPeriod, Obligation, periodKindOf, policyToday } from '../domain/obligations';
import type { ActiveCarry, ContractWorkflow, ContractWorkflowInput, NextDeadline } from '../messages/contract-messages';
import { acts, SYSTEM } from './proxies';

interface ActiveContext {
  input: ContractWorkflowInput;
  state: SigningState;
  active: ActiveCarry;
  /** Set by signals and updates that change the agenda, so the loop recomputes its next timer. */
  wake: { pending: boolean };
  openRectifications: ReadonlySet<string>;
  changeStatus(status: ContractStatus, change: { actor: string; reason?: string }): Promise<void>;
}

const zero = (): Record<Obligation, number> => ({ visit: 0, meeting: 0, survey: 0 });

/** Obligations begin at the term's start, or on activation if the term has already begun. */
export function startObligations(input: ContractWorkflowInput): ActiveCarry {
  const today = policyToday(input.clock, Date.now());
  const start = input.termStart && compareLocalDates(input.termStart, today) > 0 ? input.termStart : today;
  const next = Object.fromEntries(obligations.map((o) => [o, firstTrackedPeriod(periodKindOf(o, input.policy), start).key])) as Record<Obligation, string>;
  return {
    agenda: { termEnd: input.termEnd, policy: input.policy, next, reminded: [], openRequests: [], openActionItems: [] },
    obligationsStart: start,
    consecutiveMisses: zero(),
    totalMisses: zero(),
    periodsClosed: 0,
  };
}

export function upcomingDeadlines(active: ActiveCarry, clock: PolicyClock, limit = 10): NextDeadline[] {
  return agenda(active.agenda)
    .slice(0, limit)
    .map((event) => ({ ...describeEvent(event), firesAt: new Date(realInstantOf(clock, event.atMs)).toISOString() }));
}

/** Runs the agenda until the contract ends, continuing as new after each month closes. */
export async function runActivePhase(ctx: ActiveContext): Promise<void> {
  const { input, state, active } = ctx;
  const id = input.contractId;
  const stamp = (event: AgendaEvent) => new Date(event.atMs).toISOString();
  const forget = (key: string) => (active.agenda.reminded = active.agenda.reminded.filter((k) => k !== key));

  async function closePeriod(event: Extract<AgendaEvent, { kind: 'obligation-close' }>) {
    const { obligation, period, required } = event;
    const record = await acts.closeObligationPeriod({ contractId: id, obligation, periodKey: period.key, start: period.start, end: period.end, required, consecutiveMissesBefore: active.consecutiveMisses[obligation] });
    active.periodsClosed += 1;
    active.consecutiveMisses[obligation] = record.consecutiveMisses;
    active.agenda.next[obligation] = nextPeriod(period).key;
    forget(`${obligation}:${period.key}`);
    if (record.met) return;
    active.totalMisses[obligation] += 1;
    const escalation = escalationFor(record.consecutiveMisses, active.agenda.policy);
    if (!escalation) return;
    const subject = `${obligation}:${period.key}`;
    await acts.recordEscalation({ contractId: id, level: escalation.level, subject, details: { required, actual: record.actual, consecutiveMisses: record.consecutiveMisses } });
    await acts.notify({
      contractId: id,
      notice: escalation.level === 'warning' ? 'obligation-missed-warning' : 'obligation-missed-regulator-notice',
      eventKey: `contract:${id}:${subject}:${escalation.level}`,
      audience: escalation.level === 'warning' ? 'liaisons' : 'liaisons-and-regulators',
      params: { obligation, periodKey: period.key, dueDate: period.end, required, actual: record.actual, consecutiveMisses: record.consecutiveMisses },
      stamp: stamp(event),
    });
  }

  async function remindPeriod(event: Extract<AgendaEvent, { kind: 'obligation-reminder' }>) {
    const { obligation, period, required } = event;
    const actual = await acts.countObligationFacts({ contractId: id, obligation, periodKey: period.key, start: period.start, end: period.end, required });
    if (actual < required) {
      await acts.notify({ contractId: id, notice: 'obligation-reminder', eventKey: `contract:${id}:${obligation}:${period.key}:reminder`, audience: 'liaisons', params: { obligation, periodKey: period.key, dueDate: event.dueDate, required, actual }, stamp: stamp(event) });
    }
    active.agenda.reminded.push(`${obligation}:${period.key}`);
  }

  async function handleItem(event: Extract<AgendaEvent, { id: string }>) {
    const kind = event.kind.startsWith('request') ? 'request' : 'action-item';
    const item = await acts.isItemOpen({ kind, id: event.id });
    const closeItem = () => {
      if (kind === 'request') active.agenda.openRequests = active.agenda.openRequests.filter((r) => r.id !== event.id);
      else active.agenda.openActionItems = active.agenda.openActionItems.filter((a) => a.id !== event.id);
      forget(`${kind}:${event.id}`);
    };
    if (!item.open) return closeItem();
    const params = { subject: item.subject, ownerName: item.ownerName, dueDate: event.dueDate };
    if (event.kind.endsWith('-reminder')) {
      await acts.notify({ contractId: id, notice: `${kind}-reminder`, eventKey: `contract:${id}:${kind}:${event.id}:reminder`, audience: 'liaisons', params, stamp: stamp(event) });
      active.agenda.reminded.push(`${kind}:${event.id}`);
      return;
    }
    const level = `${kind}-overdue` as const;
    await acts.recordEscalation({ contractId: id, level, subject: `${kind}:${event.id}`, details: { dueDate: event.dueDate, subject: item.subject } });
    await acts.notify({ contractId: id, notice: level, eventKey: `contract:${id}:${kind}:${event.id}:overdue`, audience: kind === 'request' ? 'liaisons-and-regulators' : 'liaisons', params, stamp: stamp(event) });
    closeItem();
  }

  async function handle(event: AgendaEvent) {
    switch (event.kind) {
      case 'obligation-close':
        return closePeriod(event);
      case 'obligation-reminder':
        return remindPeriod(event);
      case 'renewal-reminder':
        await acts.notify({ contractId: id, notice: 'renewal-reminder', eventKey: `contract:${id}:renewal-reminder:${event.termEnd}`, audience: 'liaisons', params: { termEnd: event.termEnd, dueDate: event.termEnd }, stamp: stamp(event) });
        active.agenda.reminded.push(`renewal:${event.termEnd}`);
        return;
      case 'expiry':
        await ctx.changeStatus('expired', { actor: SYSTEM, reason: `the term ended on ${event.termEnd}` });
        await acts.notify({ contractId: id, notice: 'contract-expired', eventKey: `contract:${id}:expired`, audience: 'liaisons-and-regulators', params: { termEnd: event.termEnd }, stamp: stamp(event) });
        return;
      default:
        return handleItem(event);
    }
  }

  // A rectifying contract keeps every obligation of an active one: the order adds to them, it suspends none.
  while (isInForce(state.status)) {
    ctx.wake.pending = false;
    const next = agenda(active.agenda)[0]!; // the term's end is always ahead
    await wf.condition(() => !isInForce(state.status) || ctx.wake.pending, realDelayUntil(input.clock, Date.now(), next.atMs));
    if (!isInForce(state.status)) return;

    // One event at a time from a fresh agenda: after a long outage the backlog is worked off in
    // calendar order, so no month is skipped and the term's end is never handled early.
    // A month's close ends the run, once everything due at that same instant is done too.
    let monthClosedAt: number | undefined;
    for (;;) {
      const due = agenda(active.agenda)[0]!;
      const ready = due.atMs <= policyNow(input.clock, Date.now()) && (monthClosedAt === undefined || due.atMs <= monthClosedAt);
      if (!isInForce(state.status) || !ready) break;
      await handle(due);
      if (due.kind === 'obligation-close' && due.obligation === 'visit') monthClosedAt = due.atMs;
    }
    if (monthClosedAt !== undefined && isInForce(state.status)) await continueAsNewAtMonthEnd(ctx);
  }
}

/** Bounds history: each month is one run. Facts are re-read from Postgres so a lost signal loses nothing. */
async function continueAsNewAtMonthEnd(ctx: ActiveContext): Promise<void> {
  const { input, state, active } = ctx;
  const open = await acts.openItems(input.contractId);
  active.agenda.openRequests = open.requests;
  active.agenda.openActionItems = open.actionItems;
  if (active.pendingPolicy) {
    await acts.applyPolicy({ contractId: input.contractId, policy: active.pendingPolicy });
    active.agenda.policy = active.pendingPolicy;
    delete active.pendingPolicy;
  }
  await wf.condition(wf.allHandlersFinished);
  if (!isInForce(state.status)) return;
  const openRectifications = [...ctx.openRectifications];
  await wf.continueAsNew<ContractWorkflow>({ ...input, termEnd: active.agenda.termEnd, carried: { status: state.status, signatures: state.signatures, active, ...(openRectifications.length ? { openRectifications } : {}) } });
}
