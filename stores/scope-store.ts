import type { DbOrTx } from '../platform/db';
import { CONTRACTS_TABLE } from './contract-store';
import { EVALUATIONS_TABLE } from './evaluation-store';
import { EVALUATOR_ORGANIZATIONS_TABLE } from './evaluator-store';
import { INSTITUTIONS_TABLE } from './institution-store';

/** A contract as the scope rules need it: where it is supervised and who its parties are. */
export interface ContractParties {
  id: string;
  regionCode: string;
  medicalInstitutionId: string;
  careInstitutionId: string;
}

const partyColumns = {
  id: 'c.id',
  regionCode: 'c.region_code',
  medicalInstitutionId: 'c.medical_institution_id',
  careInstitutionId: 'c.care_institution_id',
};

/** Contracts the institution is a party to, whatever their state. */
export async function contractsOfInstitution(db: DbOrTx, institutionId: string): Promise<ContractParties[]> {
  return db(`${CONTRACTS_TABLE} as c`)
    .where((q) => q.where('c.medical_institution_id', institutionId).orWhere('c.care_institution_id', institutionId))
    .select(partyColumns);
}

/** Contracts the organization was ever assigned to evaluate (cycle evaluations and re-evaluations). */
export async function contractsEvaluatedBy(db: DbOrTx, organizationId: string): Promise<ContractParties[]> {
  return db(`${CONTRACTS_TABLE} as c`)
    .whereIn('c.id', db(EVALUATIONS_TABLE).where({ evaluator_organization_id: organizationId }).select('contract_id'))
    .select(partyColumns);
}

/**
 * Institutions outside the regions that are a party to a contract supervised in them (a hospital of another district).
 */
export async function outsideParties(db: DbOrTx, regionCodes: string[]): Promise<string[]> {
  if (regionCodes.length === 0) return [];
  const parties = db(`${CONTRACTS_TABLE} as c`)
    .whereIn('c.region_code', regionCodes)
    .select('c.medical_institution_id as id')
    .union((q) =>
      q.from(`${CONTRACTS_TABLE} as c2`).whereIn('c2.region_code', regionCodes).select('c2.care_institution_id as id'),
    );
  return db(INSTITUTIONS_TABLE).whereIn('id', parties).whereNotIn('region_code', regionCodes).pluck('id');
}

/** The region an institution or evaluator organization belongs to. */
export async function regionOfInstitution(db: DbOrTx, id: string): Promise<string | undefined> {
  return (await db(INSTITUTIONS_TABLE).where({ id }).first('region_code'))?.region_code;
}

export async function regionOfOrganization(db: DbOrTx, id: string): Promise<string | undefined> {
  return (await db(EVALUATOR_ORGANIZATIONS_TABLE).where({ id }).first('region_code'))?.region_code;
}
