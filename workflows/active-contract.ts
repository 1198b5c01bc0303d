import * as wf from '@temporalio/workflow';
import { type AgreedQuantities, agreedQuantitiesOf, type AgreementTerms } from '../domain/agreement';
import { compareLocalDates, type LocalDate, nextPeriod } from '../domain/calendar';
import { type PolicyClock, realInstantOf } from '../domain/clock';
import { agenda, type AgendaEvent, type AgendaState, describeEvent, type OpenItem } from '../domain/contract-agenda';
import {
  escalationFor,
  firstTrackedPeriod,
  type Obligation,
  obligationKinds,
  periodKindOf,
  policyObligations,
  policyToday,
} from '../domain/obligations';
import type { Policy } from '../domain/policy';
import type { ActiveCarry, ComplianceCounters, NextDeadline } from '../messages/contract-messages';
import { acts } from './proxies';

/** Every agenda event but the term's end, which is the contract's to act on (it changes its status). */
export type TermEvent = Exclude<AgendaEvent, { kind: 'expiry' }>;

type ItemKind = 'request' | 'action-item';

/**
 * Marks runs that hold a contract to its agreement's quantities (issue 12): every quantified item is
 * its own obligation. A contract started before keeps the policy's three until its next run boundary.
 */
export const AGREEMENT_OBLIGATIONS_PATCH = 'agreement-obligations-v1';

const zero = (tracked: readonly Obligation[]) =>
  Object.fromEntries(tracked.map((o) => [o, 0])) as Partial<Record<Obligation, number>>;

/** Starts tracking every obligation not tracked yet, from its first whole period on or after `from`. */
function trackAgreement(
  state: {
    agenda: AgendaState;
    consecutiveMisses: Partial<Record<Obligation, number>>;
    totalMisses: typeof state.consecutiveMisses;
  },
  agreed: AgreedQuantities,
  from: LocalDate,
): void {
  state.agenda.agreed = agreed;
  for (const o of obligationKinds) {
    if (o in state.agenda.next) continue;
    state.agenda.next[o] = firstTrackedPeriod(periodKindOf(o, state.agenda.policy, agreed), from).key;
    state.consecutiveMisses[o] = 0;
    state.totalMisses[o] = 0;
  }
}
const stamp = (event: AgendaEvent) => new Date(event.atMs).toISOString();

/**
 * What an active contract owes while in force: its agenda of deadlines (monthly visits, quarterly
 * meetings, the yearly survey, open requests and action items, the renewal reminder, the term's end)
 * and its record of missed periods. Handling an event reads facts, reminds and escalates.
 */
export class ContractTerm {
  constructor(
    private readonly contractId: string,
    private readonly clock: PolicyClock,
    readonly carry: ActiveCarry,
  ) {}

  /** Obligations begin at the term's start, or on activation if the term has already begun. */
  static begin(input: {
    contractId: string;
    clock: PolicyClock;
    policy: Policy;
    termStart?: LocalDate;
    termEnd: LocalDate;
    terms?: AgreementTerms;
  }): ContractTerm {
    const today = policyToday(input.clock, Date.now());
    const start = input.termStart && compareLocalDates(input.termStart, today) > 0 ? input.termStart : today;
    const next = Object.fromEntries(
      policyObligations.map((o) => [o, firstTrackedPeriod(periodKindOf(o, input.policy), start).key]),
    ) as Partial<Record<Obligation, string>>;
    const carry = {
      agenda: {
        termEnd: input.termEnd,
        policy: input.policy,
        next,
        reminded: [],
        openRequests: [],
        openActionItems: [],
      },
      obligationsStart: start,
      consecutiveMisses: zero(policyObligations),
      totalMisses: zero(policyObligations),
      periodsClosed: 0,
    };
    // Runs started before the agreement was enforced have no terms in their input, and never reach patched().
    if (input.terms && wf.patched(AGREEMENT_OBLIGATIONS_PATCH))
      trackAgreement(carry, agreedQuantitiesOf(input.terms), start);
    return new ContractTerm(input.contractId, input.clock, carry);
  }

  get termEnd(): LocalDate {
    return this.carry.agenda.termEnd;
  }

  get policy(): Policy {
    return this.carry.agenda.policy;
  }

  /** The earliest event still ahead: there always is one, the term's end. */
  next(): AgendaEvent {
    return agenda(this.carry.agenda)[0]!;
  }

  upcomingDeadlines(limit = 10): NextDeadline[] {
    return agenda(this.carry.agenda)
      .slice(0, limit)
      .map((event) => ({
        ...describeEvent(event),
        firesAt: new Date(realInstantOf(this.clock, event.atMs)).toISOString(),
      }));
  }

  compliance(): ComplianceCounters {
    return {
      consecutiveMisses: this.carry.consecutiveMisses,
      totalMisses: this.carry.totalMisses,
      periodsClosed: this.carry.periodsClosed,
    };
  }

  renewTo(newTermEnd: LocalDate): void {
    this.carry.agenda.termEnd = newTermEnd;
  }

  /**
   * A countersigned renewal changed the agreement (its stored terms): the quantities held are
   * re-read from them when the month's run ends, as for a contract tracked from its policy alone.
   */
  reloadAgreementAtNextRun(): void {
    delete this.carry.agenda.agreed;
  }

  addRequest(item: OpenItem): void {
    if (!this.carry.agenda.openRequests.some((r) => r.id === item.id)) this.carry.agenda.openRequests.push(item);
  }

  addActionItems(items: OpenItem[]): void {
    for (const item of items)
      if (!this.carry.agenda.openActionItems.some((a) => a.id === item.id))
        this.carry.agenda.openActionItems.push(item);
  }

  closeItem(kind: ItemKind, id: string): void {
    if (kind === 'request') this.carry.agenda.openRequests = this.carry.agenda.openRequests.filter((r) => r.id !== id);
    else this.carry.agenda.openActionItems = this.carry.agenda.openActionItems.filter((a) => a.id !== id);
  }

  /** A new policy version takes effect at the next period boundary, when the month's run ends. */
  adoptPolicyAtNextRun(policy: Policy): void {
    this.carry.pendingPolicy = policy;
  }

  async handle(event: TermEvent): Promise<void> {
    switch (event.kind) {
      case 'obligation-close':
        return this.closePeriod(event);
      case 'obligation-reminder':
        return this.remindPeriod(event);
      case 'renewal-reminder':
        return this.remindRenewal(event);
      default:
        return this.handleItem(event);
    }
  }

  /**
   * Before the next run: re-read open items (a lost signal loses
   * nothing) and apply a policy rolled out during this one.
   */
  async prepareNextRun(): Promise<void> {
    const open = await acts.openItems(this.contractId);
    this.carry.agenda.openRequests = open.requests;
    this.carry.agenda.openActionItems = open.actionItems;
    if (this.carry.pendingPolicy) {
      await acts.applyPolicy({ contractId: this.contractId, policy: this.carry.pendingPolicy });
      this.carry.agenda.policy = this.carry.pendingPolicy;
      delete this.carry.pendingPolicy;
    }
    // A contract tracked from its policy alone is held to its agreement from the next run on.
    if (!this.carry.agenda.agreed && wf.patched(AGREEMENT_OBLIGATIONS_PATCH)) {
      const agreed = await acts.agreedQuantities(this.contractId);
      trackAgreement(this.carry, agreed, policyToday(this.clock, Date.now()));
    }
  }

  private forget(key: string): void {
    this.carry.agenda.reminded = this.carry.agenda.reminded.filter((k) => k !== key);
  }

  /** The period's verdict is read from Postgres; a miss climbs the escalation ladder of the contract's policy. */
  private async closePeriod(event: Extract<AgendaEvent, { kind: 'obligation-close' }>): Promise<void> {
    const { obligation, period } = event;
    const id = this.contractId;
    const record = await acts.closeObligationPeriod({
      contractId: id,
      obligation,
      periodKey: period.key,
      start: period.start,
      end: period.end,
      required: event.required,
      consecutiveMissesBefore: this.carry.consecutiveMisses[obligation] ?? 0,
      ...(event.targetMinutes === undefined ? {} : { targetMinutes: event.targetMinutes }),
    });
    // A referral period requires as many timely answers as it had referrals: the record knows how many.
    const required = record.required;
    this.carry.periodsClosed += 1;
    this.carry.consecutiveMisses[obligation] = record.consecutiveMisses;
    this.carry.agenda.next[obligation] = nextPeriod(period).key;
    this.forget(`${obligation}:${period.key}`);
    if (record.met) return;
    this.carry.totalMisses[obligation] = (this.carry.totalMisses[obligation] ?? 0) + 1;
    const escalation = escalationFor(record.consecutiveMisses, this.carry.agenda.policy);
    if (!escalation) return;
    const subject = `${obligation}:${period.key}`;
    await acts.recordEscalation({
      contractId: id,
      level: escalation.level,
      subject,
      details: { required, actual: record.actual, consecutiveMisses: record.consecutiveMisses },
    });
    await acts.notify({
      contractId: id,
      notice: escalation.level === 'warning' ? 'obligation-missed-warning' : 'obligation-missed-regulator-notice',
      eventKey: `contract:${id}:${subject}:${escalation.level}`,
      audience: escalation.level === 'warning' ? 'liaisons' : 'liaisons-and-regulators',
      params: {
        obligation,
        periodKey: period.key,
        dueDate: period.end,
        required,
        actual: record.actual,
        consecutiveMisses: record.consecutiveMisses,
      },
      stamp: stamp(event),
    });
  }

  private async remindPeriod(event: Extract<AgendaEvent, { kind: 'obligation-reminder' }>): Promise<void> {
    const { obligation, period, required } = event;
    const id = this.contractId;
    const actual = await acts.countObligationFacts({
      contractId: id,
      obligation,
      periodKey: period.key,
      start: period.start,
      end: period.end,
      required,
    });
    if (actual < required) {
      await acts.notify({
        contractId: id,
        notice: 'obligation-reminder',
        eventKey: `contract:${id}:${obligation}:${period.key}:reminder`,
        audience: 'liaisons',
        params: { obligation, periodKey: period.key, dueDate: event.dueDate, required, actual },
        stamp: stamp(event),
      });
    }
    this.carry.agenda.reminded.push(`${obligation}:${period.key}`);
  }

  private async remindRenewal(event: Extract<AgendaEvent, { kind: 'renewal-reminder' }>): Promise<void> {
    const id = this.contractId;
    await acts.notify({
      contractId: id,
      notice: 'renewal-reminder',
      eventKey: `contract:${id}:renewal-reminder:${event.termEnd}`,
      audience: 'liaisons',
      params: { termEnd: event.termEnd, dueDate: event.termEnd },
      stamp: stamp(event),
    });
    this.carry.agenda.reminded.push(`renewal:${event.termEnd}`);
  }

  /** A request unanswered, or an action item undone, by its due date: reminded before, escalated after. */
  private async handleItem(event: Extract<AgendaEvent, { id: string }>): Promise<void> {
    const id = this.contractId;
    const kind: ItemKind = event.kind.startsWith('request') ? 'request' : 'action-item';
    const item = await acts.isItemOpen({ kind, id: event.id });
    const done = () => {
      this.closeItem(kind, event.id);
      this.forget(`${kind}:${event.id}`);
    };
    if (!item.open) return done();
    const params = { subject: item.subject, ownerName: item.ownerName, dueDate: event.dueDate };
    if (event.kind.endsWith('-reminder')) {
      await acts.notify({
        contractId: id,
        notice: `${kind}-reminder`,
        eventKey: `contract:${id}:${kind}:${event.id}:reminder`,
        audience: 'liaisons',
        params,
        stamp: stamp(event),
      });
      this.carry.agenda.reminded.push(`${kind}:${event.id}`);
      return;
    }
    const level = `${kind}-overdue` as const;
    await acts.recordEscalation({
      contractId: id,
      level,
      subject: `${kind}:${event.id}`,
      details: { dueDate: event.dueDate, subject: item.subject },
    });
    await acts.notify({
      contractId: id,
      notice: level,
      eventKey: `contract:${id}:${kind}:${event.id}:overdue`,
      audience: kind === 'request' ? 'liaisons-and-regulators' : 'liaisons',
      params,
      stamp: stamp(event),
    });
    done();
  }
}
