import type { DbOrTx } from '../platform/db';
import type { CapacityWarning } from '../domain/capacity';
import { inForceStatuses } from '../domain/contract';
import { CONTRACTS_TABLE } from './contract-store';

export const CAPACITY_WARNINGS_TABLE = 'capacity_warnings';

export type CapacityStage = 'draft' | 'sign';

export interface CapacityWarningRow extends CapacityWarning {
  contractId: string;
  institutionId: string;
  stage: CapacityStage;
  at: string;
}

function mapRow(row: Record<string, any>): CapacityWarningRow {
  return {
    contractId: row.contract_id,
    institutionId: row.institution_id,
    stage: row.stage,
    at: new Date(row.at).toISOString(),
    visitsPerMonth: row.visits_this_contract,
    otherContractsVisitsPerMonth: row.visits_other_contracts,
    committedStaff: row.committed_staff,
    maxVisitsPerStaff: row.max_visits_per_staff,
    capacity: row.capacity,
    exceededBy: row.exceeded_by,
  };
}

/**
 * Home visits a month agreed by the hospital's other contracts that bind or may soon bind its
 * staff: those drafted, awaiting approval and in force, in every region (the staff serve them all).
 */
export async function otherContractsVisitsPerMonth(
  db: DbOrTx,
  medicalInstitutionId: string,
  exceptContractId: string,
): Promise<number> {
  const [{ total }] = (await db(CONTRACTS_TABLE)
    .where({ medical_institution_id: medicalInstitutionId })
    .whereNot({ id: exceptContractId })
    .whereIn('status', ['draft', 'pending-approval', ...inForceStatuses])
    .select(db.raw(`COALESCE(SUM((terms->'visitFrequency'->>'homeVisitsPerMonth')::int), 0) AS total`))) as [
    { total: string | number },
  ];
  return Number(total);
}

/** Records the warning once per contract and stage; a repeat keeps the first and answers it. */
export async function insertCapacityWarning(db: DbOrTx, w: CapacityWarningRow): Promise<CapacityWarningRow> {
  await db(CAPACITY_WARNINGS_TABLE)
    .insert({
      contract_id: w.contractId,
      stage: w.stage,
      institution_id: w.institutionId,
      visits_this_contract: w.visitsPerMonth,
      visits_other_contracts: w.otherContractsVisitsPerMonth,
      committed_staff: w.committedStaff,
      max_visits_per_staff: w.maxVisitsPerStaff,
      capacity: w.capacity,
      exceeded_by: w.exceededBy,
      at: w.at,
    })
    .onConflict(['contract_id', 'stage'])
    .ignore();
  return (await findCapacityWarning(db, w.contractId, w.stage))!;
}

export async function findCapacityWarning(
  db: DbOrTx,
  contractId: string,
  stage: CapacityStage,
): Promise<CapacityWarningRow | undefined> {
  const row = await db(CAPACITY_WARNINGS_TABLE).where({ contract_id: contractId, stage }).first();
  return row ? mapRow(row) : undefined;
}

/** The contract's latest warning: signing's, when it raised one, supersedes drafting's. */
export async function latestCapacityWarning(db: DbOrTx, contractId: string): Promise<CapacityWarningRow | undefined> {
  const row = await db(CAPACITY_WARNINGS_TABLE)
    .where({ contract_id: contractId })
    .orderBy([
      { column: 'at', order: 'desc' },
      { column: 'stage', order: 'desc' },
    ])
    .first();
  return row ? mapRow(row) : undefined;
}
