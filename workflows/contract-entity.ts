import * as wf from '@temporalio/workflow';
import { userActor } from '../domain/actor';
import { addDays, startOfShanghaiDay } from '../domain/calendar';
import { policyNow, realDelayUntil, realInstantOf } from '../domain/clock';
import {
  type ContractStatus,
  isInForce,
  isTerminal,
  renewalRejection,
  type SignatureRecord,
  type Side,
  sideOf,
  signatureRejection,
  type SigningState,
  terminationRejection,
} from '../domain/contract';
import type { AgendaEvent, OpenItem } from '../domain/contract-agenda';
import { type Policy } from '../domain/policy';
import { gradeKey, statusKey } from '../domain/search-attributes';
import { ContractTerm } from './active-contract';
import { ContractApproval } from './contract-approval';
import { awaitSignatures } from './contract-signing';
import { RenewalProposals } from './renewal-proposals';
import type {
  ContractProcessView,
  ContractWorkflow,
  ContractWorkflowInput,
  RenewArgs,
  SignArgs,
  TerminateArgs,
} from '../messages/contract-messages';
import { acts, SYSTEM } from './proxies';
import { refuse } from './refuse';

/** Marks histories written since obligations are tracked; older runs keep waiting only for expiry. */
export const OBLIGATION_TRACKING_PATCH = 'obligation-tracking-v1';

/** False only when replaying a run that was activated before obligations were tracked. */
const tracksObligations = () => wf.patched(OBLIGATION_TRACKING_PATCH);

interface StatusChange {
  actor: string;
  actorUserId?: string;
  reason?: string;
  cause?: string;
}

const nowIso = () => new Date(Date.now()).toISOString();

/**
 * One cooperation contract (DOMAIN.md "The lifecycle the engine drives"): its state, what each
 * message does to it, and the phases the workflow runs it through. Handlers are registered in
 * contractWorkflow; every state change goes through here.
 */
export class Contract implements SigningState {
  status: ContractStatus;
  readonly medicalInstitutionId: string;
  readonly careInstitutionId: string;
  /** Moves only when a regulator returns the contract: a new signing window opens. */
  signingDeadlineMs: number;
  readonly signatures: SignatureRecord[];
  pendingSides: Side[] = [];
  /**
   * What the contract owes while in force. Absent in a draft, and in runs activated before obligations were tracked.
   */
  private term?: ContractTerm;
  /** Rectification orders this contract was told of and that have not closed: while any is open it is rectifying. */
  private readonly openRectifications: Set<string>;
  /** Set by messages that change the agenda, so the term recomputes its next timer. */
  private agendaChanged = false;
  /** Approval (备案) rounds and renewal proposals: their updates are registered in contractWorkflow. */
  readonly approval = new ContractApproval(this);
  readonly renewals: RenewalProposals;

  constructor(readonly input: ContractWorkflowInput) {
    const carried = input.carried;
    this.status = carried?.status ?? 'draft';
    this.medicalInstitutionId = input.medicalInstitutionId;
    this.careInstitutionId = input.careInstitutionId;
    this.signingDeadlineMs = Date.parse(input.signingDeadline);
    this.signatures = carried?.signatures ?? [];
    this.term = carried?.active && new ContractTerm(input.contractId, input.clock, carried.active);
    this.openRectifications = new Set(carried?.openRectifications ?? []);
    this.renewals = new RenewalProposals(
      {
        contractId: input.contractId,
        clock: input.clock,
        medicalInstitutionId: input.medicalInstitutionId,
        careInstitutionId: input.careInstitutionId,
        // A contract without a term (a draft, or activated before obligations were tracked) cannot be renewed.
        renewableStatus: () => (this.term ? this.status : 'draft'),
        termEnd: () => this.termEnd,
        policy: () => this.term?.policy ?? input.policy,
        extendTerm: (newTermEnd, termsChanged) => {
          this.term!.renewTo(newTermEnd);
          if (termsChanged) this.term!.reloadAgreementAtNextRun();
        },
        // The runTerm loop recomputes its wake-up: a proposal lapses at the end of its deadline day.
        rescheduled: () => {
          this.agendaChanged = true;
        },
      },
      carried?.renewalProposal,
    );
  }

  /** A run continued from an earlier one starts in force; only the first run has a draft to sign. */
  get isContinued(): boolean {
    return this.input.carried !== undefined;
  }

  isDraft(): boolean {
    return this.status === 'draft';
  }

  get inForce(): boolean {
    return isInForce(this.status);
  }

  private get termEnd(): string {
    return this.term?.termEnd ?? this.input.termEnd;
  }

  /** The instant the term's last day ends, in real time. */
  private expiresAtMs(): number {
    return realInstantOf(this.input.clock, startOfShanghaiDay(addDays(this.termEnd, 1)));
  }

  view(): ContractProcessView {
    const term = this.term;
    return {
      contractId: this.input.contractId,
      status: this.status,
      signingDeadline: new Date(this.signingDeadlineMs).toISOString(),
      signatures: this.signatures,
      expiresAt: new Date(this.expiresAtMs()).toISOString(),
      termEnd: this.termEnd,
      policyVersion: (term?.policy ?? this.input.policy).version,
      ...(term && this.inForce ? { nextDeadlines: term.upcomingDeadlines(), compliance: term.compliance() } : {}),
      ...(this.status === 'pending-approval'
        ? {
            approval: {
              round: this.approval.round,
              ...(this.approval.deadline ? { deadline: this.approval.deadline } : {}),
            },
          }
        : {}),
      ...(this.renewals.open ? { renewalProposal: this.renewals.open } : {}),
    };
  }

  async changeStatus(status: ContractStatus, change: StatusChange): Promise<void> {
    this.status = status;
    wf.upsertSearchAttributes([{ key: statusKey, value: status }]);
    await acts.recordContractStatus({ contractId: this.input.contractId, status, at: nowIso(), ...change });
  }

  // ── Updates: each validator refuses what the domain rules refuse, before anything is recorded.

  validateSign({ institutionId }: SignArgs): void {
    refuse(signatureRejection(this, institutionId, Date.now()));
  }

  async sign({ institutionId, userId }: SignArgs): Promise<ContractProcessView> {
    const side = sideOf(this, institutionId)!;
    this.pendingSides.push(side);
    const signedAt = nowIso();
    try {
      // A second round of signatures (after a return) is audited under its own key.
      const round = this.approval.round > 1 ? { round: this.approval.round } : {};
      await acts.recordSignature({
        contractId: this.input.contractId,
        side,
        institutionId,
        userId,
        signedAt,
        ...round,
      });
      this.signatures.push({ side, institutionId, userId, signedAt });
    } finally {
      this.pendingSides = this.pendingSides.filter((s) => s !== side);
    }
    if (this.signatures.length === 2 && this.status === 'draft') {
      if (this.approval.required()) await this.approval.submit();
      else await this.activate();
    }
    return this.view();
  }

  /** Void both signatures: a returned contract is signed again from scratch (the audit log keeps the earlier ones). */
  voidSignatures(): void {
    this.signatures.splice(0);
  }

  /**
   * Both parties have signed (and, where required, the regulator approved). Obligations are tracked from
   * here on (see OBLIGATION_TRACKING_PATCH).
   */
  async activate(change: StatusChange = { actor: SYSTEM }): Promise<void> {
    const id = this.input.contractId;
    await this.changeStatus('active', change);
    if (tracksObligations()) this.term = ContractTerm.begin(this.input);
    await acts.notifyContractParties({
      contractId: id,
      template: 'contract-activated',
      eventKey: `contract:${id}:activated`,
    });
  }

  validateTerminate({ reason }: TerminateArgs): void {
    refuse(terminationRejection(this.status, reason));
  }

  async terminate({ reason, userId }: TerminateArgs): Promise<ContractProcessView> {
    const id = this.input.contractId;
    await this.changeStatus('terminated', { actor: userActor(userId), actorUserId: userId, reason });
    await acts.notifyContractParties({
      contractId: id,
      template: 'contract-terminated',
      eventKey: `contract:${id}:terminated`,
      reason,
      includeRegulators: true,
    });
    return this.view();
  }

  /** Unilateral renewal, kept for runs and histories from before renewal needed both parties (the API no longer sends it). */
  validateRenew({ newTermEnd }: RenewArgs): void {
    // A contract without a term (a draft, or activated before obligations were tracked) cannot be renewed.
    refuse(renewalRejection(this.term ? this.status : 'draft', this.termEnd, newTermEnd));
  }

  async renew({ newTermEnd, userId }: RenewArgs): Promise<ContractProcessView> {
    const id = this.input.contractId;
    const previousTermEnd = this.term!.termEnd;
    this.term!.renewTo(newTermEnd);
    this.agendaChanged = true;
    await acts.recordRenewal({ contractId: id, previousTermEnd, newTermEnd, userId, at: nowIso() });
    await acts.notify({
      contractId: id,
      notice: 'contract-renewed',
      eventKey: `contract:${id}:renewed:${newTermEnd}`,
      audience: 'liaisons-and-regulators',
      params: { termEnd: previousTermEnd, newTermEnd },
      stamp: nowIso(),
    });
    return this.view();
  }

  // ── Signals: facts already in Postgres, and news from the evaluation and rectification processes.

  requestRaised({ requestId, dueDate }: { requestId: string; dueDate: string }): void {
    this.term?.addRequest({ id: requestId, dueDate });
    this.agendaChanged = true;
  }

  actionItemsAdded({ items }: { items: OpenItem[] }): void {
    this.term?.addActionItems(items);
    this.agendaChanged = true;
  }

  itemClosed({ kind, id }: { kind: 'request' | 'action-item'; id: string }): void {
    if (!this.term) return;
    this.term.closeItem(kind, id);
    this.agendaChanged = true;
  }

  policyChanged({ policy }: { policy: Policy }): void {
    this.term?.adoptPolicyAtNextRun(policy);
  }

  graded({ grade }: { grade: string }): void {
    wf.upsertSearchAttributes([{ key: gradeKey, value: grade }]);
  }

  async rectificationOpened({ rectificationId }: { rectificationId: string }): Promise<void> {
    if (!this.inForce || this.openRectifications.has(rectificationId)) return;
    this.openRectifications.add(rectificationId);
    if (this.status === 'active')
      await this.changeStatus('rectifying', {
        actor: SYSTEM,
        reason: `rectification order ${rectificationId} is open`,
        cause: `rectification:${rectificationId}:opened`,
      });
  }

  async rectificationClosed({
    rectificationId,
    outcome,
  }: {
    rectificationId: string;
    outcome: 'closed' | 'withdrawn';
  }): Promise<void> {
    if (!this.openRectifications.delete(rectificationId)) return;
    if (this.status !== 'rectifying' || this.openRectifications.size > 0) return;
    const why =
      outcome === 'closed' ? 'closed after a passing re-evaluation' : 'ended: the intended revocation was withdrawn';
    await this.changeStatus('active', {
      actor: SYSTEM,
      reason: `rectification order ${rectificationId} ${why}`,
      cause: `rectification:${rectificationId}:${outcome}`,
    });
  }

  async qualificationRevoked({ reason }: { reason: string }): Promise<void> {
    if (isTerminal(this.status)) return;
    await this.changeStatus('revoked', { actor: SYSTEM, reason });
  }

  // ── Phases, in the order the workflow runs them.

  /**
   * Draft → active once both parties have signed; lapsed if the signing deadline comes first; where
   * approval is required, through pending approval (workflows/contract-signing.ts).
   */
  async awaitSignatures(): Promise<void> {
    await awaitSignatures(this);
  }

  /**
   * In force (active, or rectifying while an order is open: the order adds to the obligations, it
   * suspends none): wait for the next deadline, work off what is due, and end the run after a month
   * closes. Returns when the contract ends: expired, terminated or revoked.
   */
  async runTerm(): Promise<void> {
    const term = this.term;
    if (!term) return this.awaitExpiryWithoutObligations();
    while (this.inForce) {
      this.agendaChanged = false;
      // An open renewal proposal lapses at the end of its deadline day, which may come before the agenda's next event.
      const wakeAtMs = Math.min(term.next().atMs, this.renewals.lapsesAtMs() ?? Infinity);
      await wf.condition(
        () => !this.inForce || this.agendaChanged,
        realDelayUntil(this.input.clock, Date.now(), wakeAtMs),
      );
      if (!this.inForce) return;
      await this.renewals.lapseIfDue();
      const monthClosed = await this.workOffDueEvents(term);
      if (monthClosed && this.inForce) await this.continueAsNewAtMonthEnd(term);
    }
  }

  /**
   * One event at a time from a fresh agenda: after a long outage the backlog is worked off in
   * calendar order, so no month is skipped and the term's end is never handled early.
   * A month's close ends the run, once everything due at that same instant is done too.
   */
  private async workOffDueEvents(term: ContractTerm): Promise<boolean> {
    let monthClosedAt: number | undefined;
    for (;;) {
      const due = term.next();
      const ready =
        due.atMs <= policyNow(this.input.clock, Date.now()) &&
        (monthClosedAt === undefined || due.atMs <= monthClosedAt);
      if (!this.inForce || !ready) break;
      if (due.kind === 'expiry') await this.expire(due);
      else await term.handle(due);
      if (due.kind === 'obligation-close' && due.obligation === 'visit') monthClosedAt = due.atMs;
    }
    return monthClosedAt !== undefined;
  }

  private async expire(event: Extract<AgendaEvent, { kind: 'expiry' }>): Promise<void> {
    const id = this.input.contractId;
    await this.changeStatus('expired', { actor: SYSTEM, reason: `the term ended on ${event.termEnd}` });
    const stamp = new Date(event.atMs).toISOString();
    await acts.notify({
      contractId: id,
      notice: 'contract-expired',
      eventKey: `contract:${id}:expired`,
      audience: 'liaisons-and-regulators',
      params: { termEnd: event.termEnd },
      stamp,
    });
  }

  /** Bounds history: each month is one run. Facts are re-read from Postgres so a lost signal loses nothing. */
  private async continueAsNewAtMonthEnd(term: ContractTerm): Promise<void> {
    await term.prepareNextRun();
    await wf.condition(wf.allHandlersFinished);
    if (!this.inForce) return;
    const openRectifications = [...this.openRectifications];
    const carried = {
      status: this.status,
      signatures: this.signatures,
      active: term.carry,
      ...(openRectifications.length ? { openRectifications } : {}),
      ...(this.renewals.open ? { renewalProposal: this.renewals.open } : {}),
    };
    await wf.continueAsNew<ContractWorkflow>({ ...this.input, termEnd: term.termEnd, carried });
  }

  // ── Runs activated before obligations were tracked: kept so they (and their recorded histories) replay unchanged.

  /** No agenda: such a contract only waits for its term's end, unless it ends sooner. */
  private async awaitExpiryWithoutObligations(): Promise<void> {
    await wf.condition(() => isTerminal(this.status), Math.max(1, this.expiresAtMs() - Date.now()));
    await wf.condition(wf.allHandlersFinished);
    if (!this.inForce) return;
    const id = this.input.contractId;
    await this.changeStatus('expired', { actor: SYSTEM, reason: 'the term ended' });
    await acts.notifyContractParties({
      contractId: id,
      template: 'contract-expired',
      eventKey: `contract:${id}:expired`,
    });
  }
}
