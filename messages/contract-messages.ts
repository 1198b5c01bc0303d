import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { AgreementTerms } from '../domain/agreement';
import type { PolicyClock } from '../domain/clock';
import type { ContractStatus, SignatureRecord } from '../domain/contract';
import type { AgendaState } from '../domain/contract-agenda';
import type { OpenRenewalProposal } from '../domain/renewal-proposal';
import type { Obligation } from '../domain/obligations';
import type { DeepPartial, Policy } from '../domain/policy';

export interface SignArgs {
  institutionId: string;
  userId: string;
}

export interface TerminateArgs {
  reason: string;
  userId: string;
  role: string;
}

export interface RenewArgs {
  newTermEnd: string;
  userId: string;
}

export interface ApprovalDecisionArgs {
  decision: 'approve' | 'return';
  reasons?: string;
  userId: string;
}

export interface ProposeRenewalArgs {
  proposalId: string;
  institutionId: string;
  termEnd: string;
  /** Changed terms of the agreement, if the proposal changes them (stored with the proposal, not carried). */
  terms?: AgreementTerms;
  userId: string;
}

export interface AnswerRenewalArgs {
  proposalId: string;
  institutionId: string;
  answer: 'countersign' | 'decline';
  reason?: string;
  userId: string;
}

export interface NextDeadline {
  what: string;
  /** Policy-calendar date (Asia/Shanghai) on which it falls due. */
  dueDate: string;
  /** The real instant it fires (differs from the date when policy time is compressed). */
  firesAt: string;
}

/** Per tracked obligation: one a run does not track yet (it began before the obligation existed) has no entry. */
export interface ComplianceCounters {
  consecutiveMisses: Partial<Record<Obligation, number>>;
  totalMisses: Partial<Record<Obligation, number>>;
  periodsClosed: number;
}

export interface ContractProcessView {
  contractId: string;
  status: ContractStatus;
  signingDeadline: string;
  signatures: SignatureRecord[];
  expiresAt?: string;
  termEnd?: string;
  policyVersion?: number;
  nextDeadlines?: NextDeadline[];
  compliance?: ComplianceCounters;
  /** While pending approval: the round (1 for the first signing) and the last day for the decision, once told. */
  approval?: { round: number; deadline?: string };
  renewalProposal?: OpenRenewalProposal;
}

export interface ContractWorkflowInput {
  contractId: string;
  regionCode: string;
  medicalInstitutionId: string;
  careInstitutionId: string;
  signingDeadline: string;
  termStart?: string;
  termEnd: string;
  policy: Policy;
  clock: PolicyClock;
  /** The agreement as drafted: its quantities are what the obligations are held to. Absent in contracts started before. */
  terms?: AgreementTerms;
  /** Carried over by continue-as-new once the contract is active. */
  carried?: {
    status: ContractStatus;
    signatures: SignatureRecord[];
    active: ActiveCarry;
    openRectifications?: string[];
    renewalProposal?: OpenRenewalProposal;
  };
}

/** The active phase's state, carried from one run to the next by continue-as-new. */
export interface ActiveCarry {
  agenda: AgendaState;
  obligationsStart: string;
  consecutiveMisses: Partial<Record<Obligation, number>>;
  totalMisses: Partial<Record<Obligation, number>>;
  periodsClosed: number;
  pendingPolicy?: Policy;
}

/**
 * The contract workflow's signature: it is started and continued
 * by name, so nothing needs to import the workflow itself.
 */
export type ContractWorkflow = (input: ContractWorkflowInput) => Promise<string>;

export const signUpdate = defineUpdate<ContractProcessView, [SignArgs]>('sign');
export const terminateUpdate = defineUpdate<ContractProcessView, [TerminateArgs]>('terminate');
/** The unilateral renewal of before issue 12: the API no longer sends it; registered so running contracts and their histories replay. */
export const renewUpdate = defineUpdate<ContractProcessView, [RenewArgs]>('renew');
/** A regulator approves or returns a contract pending approval (备案). */
export const approvalDecisionUpdate = defineUpdate<ContractProcessView, [ApprovalDecisionArgs]>('decideApproval');
export const proposeRenewalUpdate = defineUpdate<ContractProcessView, [ProposeRenewalArgs]>('proposeRenewal');
export const answerRenewalUpdate = defineUpdate<ContractProcessView, [AnswerRenewalArgs]>('answerRenewal');
export const contractStateQuery = defineQuery<ContractProcessView>('state');

/**
 * Facts the API has just written to Postgres. A lost signal
 * loses nothing: the workflow re-reads at each period boundary.
 */
export const requestRaisedSignal = defineSignal<[{ requestId: string; dueDate: string }]>('requestRaised');
export const actionItemsAddedSignal = defineSignal<[{ items: { id: string; dueDate: string }[] }]>('actionItemsAdded');
export const itemClosedSignal = defineSignal<[{ kind: 'request' | 'action-item'; id: string }]>('itemClosed');
/** A regulator applies a new policy version to running contracts; it takes effect at the next period boundary. */
export const policyChangedSignal = defineSignal<[{ policy: Policy; overrides?: DeepPartial<Policy> }]>('policyChanged');

/** A rectification that failed has revoked the medical institution's qualification: the contract ends. */
export const qualificationRevokedSignal =
  defineSignal<[{ reason: string; rectificationId: string }]>('qualificationRevoked');

/** A rectification order for this contract has begun: the contract is rectifying until every open order closes. */
export const rectificationOpenedSignal = defineSignal<[{ rectificationId: string }]>('rectificationOpened');
/** An order closed without revocation (re-evaluation passed, or the intended revocation withdrawn). */
export const rectificationClosedSignal =
  defineSignal<[{ rectificationId: string; outcome: 'closed' | 'withdrawn' }]>('rectificationClosed');
/** An evaluation of this contract was graded: the contract carries its latest grade as a search attribute. */
export const contractGradedSignal = defineSignal<[{ evaluationId: string; grade: string }]>('contractGraded');

export const contractWorkflowId = (contractId: string) => `contract-${contractId}`;
