import type { Side } from '../domain/contract';
import type { DbOrTx } from '../platform/db';
import { APPROVALS_TABLE } from './approval-store';
import { CONTRACTS_TABLE } from './contract-store';
import { RENEWAL_PROPOSALS_TABLE } from './renewal-store';
import {
  bindings,
  contractColumns,
  inForceOf,
  type InstitutionScope,
  mapContract,
  pgArray,
  policiesOf,
  type TaskContract,
} from './task-store';

/** Work-queue reads of approval (备案) and renewal proposals: the rows the contract workflow writes. */

export interface PendingApprovalRow {
  contract: TaskContract;
  round: number;
  decisionDeadline: string;
}

/** Contracts pending approval whose regulators were told (the deadline is set), of regions (undefined: every region). */
export async function pendingApprovalsWhere(
  db: DbOrTx,
  where: { regionCodes?: string[]; contractId?: string },
): Promise<PendingApprovalRow[]> {
  if (where.regionCodes?.length === 0) return [];
  const { rows } = await db.raw(
    `SELECT a.round, a.decision_deadline, ${contractColumns}
       FROM ${CONTRACTS_TABLE} c
       JOIN ${APPROVALS_TABLE} a ON a.contract_id = c.id AND a.outcome IS NULL AND a.decision_deadline IS NOT NULL
       JOIN institutions m ON m.id = c.medical_institution_id
       JOIN institutions k ON k.id = c.care_institution_id
      WHERE c.status = 'pending-approval'
        AND (CAST(:regionCodes AS text[]) IS NULL OR c.region_code = ANY(CAST(:regionCodes AS text[])))
        AND (CAST(:contractId AS uuid) IS NULL OR c.id = CAST(:contractId AS uuid))`,
    {
      regionCodes: where.regionCodes ? pgArray(where.regionCodes) : null,
      contractId: where.contractId ?? null,
    },
  );
  const policyOf = policiesOf(rows);
  return rows.map((r: any) => ({
    contract: mapContract(r, policyOf),
    round: r.round,
    decisionDeadline: r.decision_deadline,
  }));
}

export interface OpenProposalRow {
  id: string;
  contract: TaskContract;
  side: Side;
  termEnd: string;
  countersignDeadline: string;
}

/** Open renewal proposals of the institution's contracts in force (the builder keeps those of the other side). */
export async function openProposalsOf(db: DbOrTx, scope: InstitutionScope): Promise<OpenProposalRow[]> {
  const { rows } = await db.raw(
    `SELECT p.id AS proposal_id, p.side AS proposal_side, p.term_end AS proposed_term_end, p.countersign_deadline,
            ${contractColumns}
       FROM ${CONTRACTS_TABLE} c
       JOIN ${RENEWAL_PROPOSALS_TABLE} p ON p.contract_id = c.id AND p.status = 'open'
       JOIN institutions m ON m.id = c.medical_institution_id
       JOIN institutions k ON k.id = c.care_institution_id
      WHERE ${inForceOf('c')}`,
    bindings(scope),
  );
  const policyOf = policiesOf(rows);
  return rows.map((r: any) => ({
    id: r.proposal_id,
    contract: mapContract(r, policyOf),
    side: r.proposal_side,
    termEnd: r.proposed_term_end,
    countersignDeadline: r.countersign_deadline,
  }));
}
