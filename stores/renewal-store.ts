import type { AgreementTerms } from '../domain/agreement';
import type { Side } from '../domain/contract';
import type { RenewalProposalStatus } from '../domain/renewal-proposal';
import type { DbOrTx } from '../platform/db';

export const RENEWALS_TABLE = 'renewals';

export interface RenewalRecord {
  previousTermEnd: string;
  newTermEnd: string;
  renewedBy: string;
  renewedAt: string;
}

export async function listRenewals(db: DbOrTx, contractId: string): Promise<RenewalRecord[]> {
  const rows = await db(RENEWALS_TABLE).where({ contract_id: contractId }).orderBy('id');
  return rows.map((r) => ({
    previousTermEnd: r.previous_term_end,
    newTermEnd: r.new_term_end,
    renewedBy: r.renewed_by,
    renewedAt: new Date(r.renewed_at).toISOString(),
  }));
}

export async function insertRenewal(
  db: DbOrTx,
  contractId: string,
  r: Omit<RenewalRecord, 'renewedAt'>,
): Promise<void> {
  await db(RENEWALS_TABLE)
    .insert({
      contract_id: contractId,
      previous_term_end: r.previousTermEnd,
      new_term_end: r.newTermEnd,
      renewed_by: r.renewedBy,
    })
    .onConflict(['contract_id', 'new_term_end'])
    .ignore();
}

export const RENEWAL_PROPOSALS_TABLE = 'renewal_proposals';

/** A renewal one side proposed for the other to countersign (issue 12 item 7). */
export interface RenewalProposal {
  id: string;
  contractId: string;
  side: Side;
  institutionId: string;
  proposedBy: string;
  previousTermEnd: string;
  termEnd: string;
  terms?: AgreementTerms;
  countersignDeadline: string;
  status: RenewalProposalStatus;
  answeredBy?: string;
  answeredAt?: string;
  reason?: string;
  createdAt: string;
}

function mapProposal(r: Record<string, any>): RenewalProposal {
  return {
    id: r.id,
    contractId: r.contract_id,
    side: r.side,
    institutionId: r.institution_id,
    proposedBy: r.proposed_by,
    previousTermEnd: r.previous_term_end,
    termEnd: r.term_end,
    terms: r.terms ?? undefined,
    countersignDeadline: r.countersign_deadline,
    status: r.status,
    answeredBy: r.answered_by ?? undefined,
    answeredAt: r.answered_at ? new Date(r.answered_at).toISOString() : undefined,
    reason: r.reason ?? undefined,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export async function listRenewalProposals(db: DbOrTx, contractId: string): Promise<RenewalProposal[]> {
  const rows = await db(RENEWAL_PROPOSALS_TABLE).where({ contract_id: contractId }).orderBy('created_at');
  return rows.map(mapProposal);
}

export async function findRenewalProposal(db: DbOrTx, id: string): Promise<RenewalProposal | undefined> {
  const row = await db(RENEWAL_PROPOSALS_TABLE).where({ id }).first();
  return row ? mapProposal(row) : undefined;
}

/** Idempotent by the proposal's id (a retried activity writes nothing twice). */
export async function insertRenewalProposal(
  db: DbOrTx,
  p: Omit<RenewalProposal, 'status' | 'answeredBy' | 'answeredAt' | 'reason' | 'createdAt'>,
): Promise<void> {
  await db(RENEWAL_PROPOSALS_TABLE)
    .insert({
      id: p.id,
      contract_id: p.contractId,
      side: p.side,
      institution_id: p.institutionId,
      proposed_by: p.proposedBy,
      previous_term_end: p.previousTermEnd,
      term_end: p.termEnd,
      terms: p.terms ? JSON.stringify(p.terms) : null,
      countersign_deadline: p.countersignDeadline,
    })
    .onConflict('id')
    .ignore();
}

/** Closes an open proposal; answers whether this call closed it (a retry finds it closed already). */
export async function closeRenewalProposalRow(
  db: DbOrTx,
  id: string,
  c: { status: Exclude<RenewalProposalStatus, 'open'>; answeredBy?: string; answeredAt: string; reason?: string },
): Promise<boolean> {
  const updated = await db(RENEWAL_PROPOSALS_TABLE)
    .where({ id, status: 'open' })
    .update({
      status: c.status,
      answered_by: c.answeredBy ?? null,
      answered_at: c.answeredAt,
      reason: c.reason ?? null,
    });
  return updated > 0;
}
