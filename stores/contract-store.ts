import type { DbOrTx } from '../platform/db';
import type { AgreementTerms } from '../domain/agreement';
import { type ContractStatus, inForceStatuses, type Side } from '../domain/contract';
import type { Grade } from '../domain/grading';
import type { Policy } from '../domain/policy';
import { findInstitution } from './institution-store';
import { likePattern } from './sql-params';

export const CONTRACTS_TABLE = 'contracts';
export const SIGNATURES_TABLE = 'contract_signatures';

export interface Contract {
  id: string;
  regionCode: string;
  medicalInstitutionId: string;
  careInstitutionId: string;
  medicalLiaisonUserId: string;
  careLiaisonUserId: string;
  status: ContractStatus;
  terms: AgreementTerms;
  /** The version of the region's agreement template the draft started from (stores/agreement-template-store.ts). */
  templateVersion?: number;
  termStart: string;
  termEnd: string;
  policy: Policy;
  signingDeadline: string;
  /** Policy time starts here (domain/clock.ts). */
  clockAnchor: string;
  draftedBy: string;
  createdAt: string;
  updatedAt: string;
  activatedAt?: string;
  closedAt?: string;
  closeReason?: string;
  lastGrade?: Grade;
  lastEvaluationId?: string;
  gradeSubsidyFactorBp?: number;
  modelPriority: boolean;
  signatures: { side: Side; institutionId: string; userId: string; signedAt: string }[];
}

const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : undefined);

function mapRow(row: Record<string, any>, signatures: Contract['signatures']): Contract {
  return {
    id: row.id,
    regionCode: row.region_code,
    medicalInstitutionId: row.medical_institution_id,
    careInstitutionId: row.care_institution_id,
    medicalLiaisonUserId: row.medical_liaison_user_id,
    careLiaisonUserId: row.care_liaison_user_id,
    status: row.status,
    terms: row.terms,
    templateVersion: row.template_version ?? undefined,
    termStart: row.term_start,
    termEnd: row.term_end,
    policy: row.policy,
    signingDeadline: iso(row.signing_deadline)!,
    clockAnchor: iso(row.clock_anchor)!,
    draftedBy: row.drafted_by,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    activatedAt: iso(row.activated_at),
    closedAt: iso(row.closed_at),
    closeReason: row.close_reason ?? undefined,
    lastGrade: row.last_grade ?? undefined,
    lastEvaluationId: row.last_evaluation_id ?? undefined,
    gradeSubsidyFactorBp: row.grade_subsidy_factor_bp ?? undefined,
    modelPriority: row.model_priority ?? false,
    signatures,
  };
}

export type NewContract = Omit<
  Contract,
  | 'status'
  | 'createdAt'
  | 'updatedAt'
  | 'activatedAt'
  | 'closedAt'
  | 'closeReason'
  | 'signatures'
  | 'lastGrade'
  | 'lastEvaluationId'
  | 'gradeSubsidyFactorBp'
  | 'modelPriority'
>;

export async function insertContract(db: DbOrTx, c: NewContract): Promise<void> {
  await db(CONTRACTS_TABLE).insert({
    id: c.id,
    region_code: c.regionCode,
    medical_institution_id: c.medicalInstitutionId,
    care_institution_id: c.careInstitutionId,
    medical_liaison_user_id: c.medicalLiaisonUserId,
    care_liaison_user_id: c.careLiaisonUserId,
    terms: JSON.stringify(c.terms),
    template_version: c.templateVersion ?? null,
    term_start: c.termStart,
    term_end: c.termEnd,
    policy: JSON.stringify(c.policy),
    policy_version: c.policy.version,
    signing_deadline: c.signingDeadline,
    clock_anchor: c.clockAnchor,
    drafted_by: c.draftedBy,
  });
}

async function signaturesOf(db: DbOrTx, contractIds: string[]): Promise<Map<string, Contract['signatures']>> {
  const rows = await db(SIGNATURES_TABLE).whereIn('contract_id', contractIds).orderBy('signed_at');
  const byContract = new Map<string, Contract['signatures']>();
  for (const r of rows) {
    const list = byContract.get(r.contract_id) ?? [];
    list.push({ side: r.side, institutionId: r.institution_id, userId: r.user_id, signedAt: iso(r.signed_at)! });
    byContract.set(r.contract_id, list);
  }
  return byContract;
}

export async function findContract(db: DbOrTx, id: string): Promise<Contract | undefined> {
  const row = await db(CONTRACTS_TABLE).where({ id }).first();
  if (!row) return undefined;
  return mapRow(row, (await signaturesOf(db, [id])).get(id) ?? []);
}

export interface ContractFilter {
  regionCodes?: string[];
  institutionId?: string;
  ids?: string[];
  status?: ContractStatus;
  /** Text searched in both institutions' names. */
  q?: string;
  limit: number;
  offset: number;
}

export async function listContracts(db: DbOrTx, filter: ContractFilter): Promise<Contract[]> {
  const query = db(CONTRACTS_TABLE).orderBy('created_at', 'desc').limit(filter.limit).offset(filter.offset);
  if (filter.regionCodes) query.whereIn('region_code', filter.regionCodes);
  if (filter.institutionId) {
    const inst = filter.institutionId;
    query.where((q) => q.where('medical_institution_id', inst).orWhere('care_institution_id', inst));
  }
  if (filter.ids) query.whereIn('id', filter.ids);
  if (filter.status) query.where('status', filter.status);
  if (filter.q) {
    const pattern = likePattern(filter.q);
    query.whereExists((q) =>
      q
        .from('institutions as i')
        .whereRaw('i.id IN (contracts.medical_institution_id, contracts.care_institution_id)')
        .whereILike('i.name', pattern),
    );
  }
  const rows = await query;
  const signatures = await signaturesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => mapRow(r, signatures.get(r.id) ?? []));
}

/** Idempotent: a retried activity finds the signature already there and changes nothing. */
export async function insertSignature(
  db: DbOrTx,
  s: { contractId: string; side: Side; institutionId: string; userId: string; signedAt: string },
): Promise<void> {
  await db(SIGNATURES_TABLE)
    .insert({
      contract_id: s.contractId,
      side: s.side,
      institution_id: s.institutionId,
      user_id: s.userId,
      signed_at: s.signedAt,
    })
    .onConflict(['contract_id', 'side'])
    .ignore();
}

export async function updateContractStatus(
  db: DbOrTx,
  id: string,
  status: ContractStatus,
  at: string,
  reason?: string,
): Promise<void> {
  const patch: Record<string, unknown> = { status, updated_at: at };
  if (status === 'active') patch.activated_at = db.raw('COALESCE(activated_at, ?)', [at]);
  if (['lapsed', 'expired', 'terminated', 'revoked'].includes(status)) {
    patch.closed_at = db.raw('COALESCE(closed_at, ?)', [at]);
    patch.close_reason = reason ?? null;
  }
  await db(CONTRACTS_TABLE).where({ id }).update(patch);
}

/** A returned contract is signed again from scratch: its signatures are removed, and returned to be kept elsewhere. */
export async function voidSignatures(db: DbOrTx, contractId: string): Promise<Contract['signatures']> {
  const rows = await db(SIGNATURES_TABLE).where({ contract_id: contractId }).del().returning('*');
  return rows
    .sort((a: any, b: any) => Date.parse(a.signed_at) - Date.parse(b.signed_at))
    .map((r: any) => ({
      side: r.side,
      institutionId: r.institution_id,
      userId: r.user_id,
      signedAt: iso(r.signed_at)!,
    }));
}

export async function updateSigningDeadline(
  db: DbOrTx,
  id: string,
  signingDeadline: string,
  at: string,
): Promise<void> {
  await db(CONTRACTS_TABLE).where({ id }).update({ signing_deadline: signingDeadline, updated_at: at });
}

/** The agreed terms as both parties last signed them (a countersigned renewal may change them). */
export async function updateContractTerms(db: DbOrTx, id: string, terms: AgreementTerms, at: string): Promise<void> {
  await db(CONTRACTS_TABLE)
    .where({ id })
    .update({ terms: JSON.stringify(terms), updated_at: at });
}

export async function updateTermEnd(db: DbOrTx, id: string, termEnd: string, at: string): Promise<void> {
  await db(CONTRACTS_TABLE).where({ id }).update({ term_end: termEnd, updated_at: at });
}

export async function updateContractPolicy(db: DbOrTx, id: string, policy: Policy): Promise<void> {
  await db(CONTRACTS_TABLE)
    .where({ id })
    .update({ policy: JSON.stringify(policy), policy_version: policy.version, updated_at: db.fn.now() });
}

/** Contracts in force (active or rectifying): those a new policy version reaches. */
export async function listActiveContractIds(db: DbOrTx, regionCode: string): Promise<string[]> {
  return db(CONTRACTS_TABLE)
    .where({ region_code: regionCode })
    .whereIn('status', [...inForceStatuses])
    .orderBy('created_at')
    .pluck('id');
}

/**
 * A page of a region's contracts in force in id order, for a cycle's fan-out (keyset paging: stable under inserts).
 * A rectifying contract is evaluated too: the twice-yearly evaluation does not pause while an order runs.
 */
export async function listActiveContractPage(db: DbOrTx, regionCode: string, afterId: string | null, limit: number) {
  const query = db(CONTRACTS_TABLE)
    .where({ region_code: regionCode })
    .whereIn('status', [...inForceStatuses])
    .orderBy('id')
    .limit(limit)
    .select('id', 'medical_institution_id', 'care_institution_id');
  if (afterId) query.where('id', '>', afterId);
  return (await query).map((r) => ({
    id: r.id as string,
    medicalInstitutionId: r.medical_institution_id as string,
    careInstitutionId: r.care_institution_id as string,
  }));
}

export async function recordGradeOnContract(
  db: DbOrTx,
  id: string,
  g: { evaluationId: string; grade: string; subsidyFactorBp: number; modelPriority: boolean },
): Promise<void> {
  await db(CONTRACTS_TABLE).where({ id }).update({
    last_grade: g.grade,
    last_evaluation_id: g.evaluationId,
    grade_subsidy_factor_bp: g.subsidyFactorBp,
    model_priority: g.modelPriority,
    updated_at: db.fn.now(),
  });
}

/**
 * The grade of the contract's last evaluation (written by the evaluation workflow); lastGrade is null before the first.
 */
export async function findContractGrade(
  db: DbOrTx,
  id: string,
): Promise<{ lastGrade: Grade | null; gradeSubsidyFactorBp: number | null; modelPriority: boolean } | undefined> {
  const row = await db(CONTRACTS_TABLE).where({ id }).first('last_grade', 'grade_subsidy_factor_bp', 'model_priority');
  return row
    ? {
        lastGrade: row.last_grade ?? null,
        gradeSubsidyFactorBp: row.grade_subsidy_factor_bp ?? null,
        modelPriority: row.model_priority,
      }
    : undefined;
}

/** A contract with the names of its two institutions, as every notice about it needs them. */
export async function findContractWithNames(
  db: DbOrTx,
  id: string,
): Promise<{ contract: Contract; medicalName: string; careName: string } | undefined> {
  const contract = await findContract(db, id);
  if (!contract) return undefined;
  const [medical, care] = await Promise.all([
    findInstitution(db, contract.medicalInstitutionId),
    findInstitution(db, contract.careInstitutionId),
  ]);
  return {
    contract,
    medicalName: medical?.name ?? contract.medicalInstitutionId,
    careName: care?.name ?? contract.careInstitutionId,
  };
}
