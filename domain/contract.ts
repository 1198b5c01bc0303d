import { isValidLocalDate } from './calendar';

/** Contract lifecycle states (DOMAIN.md "The lifecycle the engine drives"). */
export const contractStatuses = [
  'draft',
  // Both parties signed where the region's policy requires approval (备案): a regulator decides.
  'pending-approval',
  'active',
  'lapsed',
  'rectifying',
  'expired',
  'terminated',
  'revoked',
] as const;
export type ContractStatus = (typeof contractStatuses)[number];

export const terminalStatuses: readonly ContractStatus[] = ['lapsed', 'expired', 'terminated', 'revoked'];

export function isTerminal(status: ContractStatus): boolean {
  return terminalStatuses.includes(status);
}

/**
 * A rectifying contract is still in force: its obligations,
 * facts, evaluations, expiry and termination run as when active.
 */
export const inForceStatuses: readonly ContractStatus[] = ['active', 'rectifying'];

export function isInForce(status: ContractStatus): boolean {
  return inForceStatuses.includes(status);
}

export type Side = 'medical' | 'care';

export interface SignatureRecord {
  side: Side;
  institutionId: string;
  userId: string;
  signedAt: string;
}

export interface SigningState {
  status: ContractStatus;
  medicalInstitutionId: string;
  careInstitutionId: string;
  signingDeadlineMs: number;
  signatures: SignatureRecord[];
  /** Sides whose signature is being recorded right now, so a concurrent duplicate is refused. */
  pendingSides: Side[];
}

export interface Rejection {
  type:
    | 'not-a-party'
    | 'already-signed'
    | 'signing-closed'
    | 'signing-deadline-passed'
    | 'contract-closed'
    | 'reason-required'
    | 'contract-not-active'
    | 'renewal-not-later'
    | 'not-pending-approval'
    | 'decision-in-progress'
    | 'renewal-proposal-open'
    | 'renewal-proposal-closed'
    | 'own-renewal-proposal'
    | 'countersign-deadline-passed';
  detail: string;
}

export function sideOf(
  state: Pick<SigningState, 'medicalInstitutionId' | 'careInstitutionId'>,
  institutionId: string,
): Side | undefined {
  if (institutionId === state.medicalInstitutionId) return 'medical';
  if (institutionId === state.careInstitutionId) return 'care';
  return undefined;
}

/** Why a signature by `institutionId` at `nowMs` must be refused, or undefined if it may proceed. */
export function signatureRejection(state: SigningState, institutionId: string, nowMs: number): Rejection | undefined {
  const side = sideOf(state, institutionId);
  if (!side) return { type: 'not-a-party', detail: `institution ${institutionId} is not a party to this contract` };
  if (state.signatures.some((s) => s.side === side) || state.pendingSides.includes(side)) {
    return { type: 'already-signed', detail: `the ${side} party has already signed this contract` };
  }
  if (state.status !== 'draft')
    return { type: 'signing-closed', detail: `the contract is ${state.status}; signatures are closed` };
  if (nowMs >= state.signingDeadlineMs) {
    return {
      type: 'signing-deadline-passed',
      detail: `the signing deadline ${new Date(state.signingDeadlineMs).toISOString()} has passed`,
    };
  }
  return undefined;
}

export function terminationRejection(status: ContractStatus, reason: string): Rejection | undefined {
  if (isTerminal(status)) return { type: 'contract-closed', detail: `the contract is already ${status}` };
  if (reason.trim().length === 0) return { type: 'reason-required', detail: 'a reason is required' };
  return undefined;
}

/**
 * Why renewing to `newTermEnd` must be refused: only a contract in force, only to a later date.
 * A rectifying contract may be renewed: revocation still ends it, and refusing would let the term
 * run out merely because an order is open, cutting the very service the order is meant to improve.
 */
export function renewalRejection(
  status: ContractStatus,
  currentTermEnd: string,
  newTermEnd: string,
): Rejection | undefined {
  if (!isInForce(status))
    return {
      type: 'contract-not-active',
      detail: `only a contract in force (active or rectifying) can be renewed; this one is ${status}`,
    };
  if (!isValidLocalDate(newTermEnd) || newTermEnd <= currentTermEnd) {
    return {
      type: 'renewal-not-later',
      detail: `the new term end must be a date after the current one (${currentTermEnd})`,
    };
  }
  return undefined;
}
