import type { ApprovalOutcome } from '../domain/contract-approval';
import type { DbOrTx } from '../platform/db';

export const APPROVALS_TABLE = 'contract_approvals';

/** One round of regulator approval (备案) of a contract. */
export interface ApprovalRound {
  contractId: string;
  round: number;
  requestedAt?: string;
  decisionDeadline?: string;
  outcome?: ApprovalOutcome;
  reasons?: string;
  decidedBy?: string;
  decidedAt?: string;
  voidedSignatures?: unknown[];
  newSigningDeadline?: string;
}

const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : undefined);

function mapRow(r: Record<string, any>): ApprovalRound {
  return {
    contractId: r.contract_id,
    round: r.round,
    requestedAt: iso(r.requested_at),
    decisionDeadline: r.decision_deadline ?? undefined,
    outcome: r.outcome ?? undefined,
    reasons: r.reasons ?? undefined,
    decidedBy: r.decided_by ?? undefined,
    decidedAt: iso(r.decided_at),
    voidedSignatures: r.voided_signatures ?? undefined,
    newSigningDeadline: iso(r.new_signing_deadline),
  };
}

export async function listApprovalRounds(db: DbOrTx, contractId: string): Promise<ApprovalRound[]> {
  return (await db(APPROVALS_TABLE).where({ contract_id: contractId }).orderBy('round')).map(mapRow);
}

/** When the regulators were told and the last day to decide; a retry writes the same values. */
export async function upsertApprovalRequest(
  db: DbOrTx,
  r: { contractId: string; round: number; requestedAt: string; decisionDeadline: string },
): Promise<void> {
  await db(APPROVALS_TABLE)
    .insert({
      contract_id: r.contractId,
      round: r.round,
      requested_at: r.requestedAt,
      decision_deadline: r.decisionDeadline,
    })
    .onConflict(['contract_id', 'round'])
    .merge(['requested_at', 'decision_deadline']);
}

/** How the round ended. A decision may come before the request row (the regulator was quicker than delivery). */
export async function upsertApprovalOutcome(
  db: DbOrTx,
  r: {
    contractId: string;
    round: number;
    outcome: ApprovalOutcome;
    reasons?: string;
    decidedBy?: string;
    decidedAt: string;
    voidedSignatures?: unknown[];
    newSigningDeadline?: string;
  },
): Promise<void> {
  await db(APPROVALS_TABLE)
    .insert({
      contract_id: r.contractId,
      round: r.round,
      outcome: r.outcome,
      reasons: r.reasons ?? null,
      decided_by: r.decidedBy ?? null,
      decided_at: r.decidedAt,
      voided_signatures: r.voidedSignatures ? JSON.stringify(r.voidedSignatures) : null,
      new_signing_deadline: r.newSigningDeadline ?? null,
    })
    .onConflict(['contract_id', 'round'])
    .merge(['outcome', 'reasons', 'decided_by', 'decided_at', 'voided_signatures', 'new_signing_deadline']);
}

export async function approvalOutcomeOf(
  db: DbOrTx,
  contractId: string,
  round: number,
): Promise<ApprovalOutcome | undefined> {
  const row = await db(APPROVALS_TABLE).where({ contract_id: contractId, round }).first('outcome');
  return row?.outcome ?? undefined;
}
