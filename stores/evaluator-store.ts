import { randomUUID } from 'node:crypto';
import type { DbOrTx } from '../platform/db';
import { findUsers, User, USERS_TABLE } from './user-store';

export const EVALUATOR_ORGANIZATIONS_TABLE = 'evaluator_organizations';
export const EVALUATOR_RELATIONS_TABLE = 'evaluator_relations';

/** A third-party evaluator entrusted by a region's regulator (000_… §3.3). */
export interface EvaluatorOrganization {
  id: string;
  regionCode: string;
  name: string;
  createdAt: string;
}

/** A declared conflict of interest: the organization never evaluates this institution's contracts. */
export interface EvaluatorRelation {
  organizationId: string;
  institutionId: string;
  relation: string;
  declaredAt: string;
}

function mapRow(row: Record<string, any>): EvaluatorOrganization {
  return { id: row.id, regionCode: row.region_code, name: row.name, createdAt: new Date(row.created_at).toISOString() };
}

function mapRelationRow(row: Record<string, any>): EvaluatorRelation {
  return {
    organizationId: row.organization_id,
    institutionId: row.institution_id,
    relation: row.relation,
    declaredAt: new Date(row.declared_at).toISOString(),
  };
}

/**
 * Undefined when the region already has an organization of that
 * name (the unique key decides, so races cannot slip through).
 */
export async function insertOrganization(
  db: DbOrTx,
  org: { id?: string; regionCode: string; name: string },
): Promise<EvaluatorOrganization | undefined> {
  const [row] = await db(EVALUATOR_ORGANIZATIONS_TABLE)
    .insert({ id: org.id ?? randomUUID(), region_code: org.regionCode, name: org.name })
    .onConflict(['region_code', 'name'])
    .ignore()
    .returning('*');
  return row ? mapRow(row) : undefined;
}

export async function findOrganization(db: DbOrTx, id: string): Promise<EvaluatorOrganization | undefined> {
  const row = await db(EVALUATOR_ORGANIZATIONS_TABLE).where({ id }).first();
  return row ? mapRow(row) : undefined;
}

export async function findOrganizationByName(
  db: DbOrTx,
  regionCode: string,
  name: string,
): Promise<EvaluatorOrganization | undefined> {
  const row = await db(EVALUATOR_ORGANIZATIONS_TABLE).where({ region_code: regionCode, name }).first();
  return row ? mapRow(row) : undefined;
}

/** A region's organizations, by name. */
export async function listOrganizations(db: DbOrTx, regionCode: string): Promise<EvaluatorOrganization[]> {
  return listOrganizationsWhere(db, { regionCodes: [regionCode] });
}

export async function listOrganizationsWhere(
  db: DbOrTx,
  filter: { regionCodes?: string[]; ids?: string[] },
): Promise<EvaluatorOrganization[]> {
  const query = db(EVALUATOR_ORGANIZATIONS_TABLE).orderBy([{ column: 'region_code' }, { column: 'name' }]);
  if (filter.regionCodes) query.whereIn('region_code', filter.regionCodes);
  if (filter.ids) query.whereIn('id', filter.ids);
  return (await query).map(mapRow);
}

/** An organization's declared conflicts of interest, oldest first. */
export async function listRelations(db: DbOrTx, organizationId: string): Promise<EvaluatorRelation[]> {
  const rows = await db(EVALUATOR_RELATIONS_TABLE)
    .where({ organization_id: organizationId })
    .orderBy([{ column: 'declared_at' }, { column: 'institution_id' }]);
  return rows.map(mapRelationRow);
}

/** Idempotent: declaring the same pair again keeps the first declaration and reports created: false. */
export async function declareRelation(
  db: DbOrTx,
  relation: Omit<EvaluatorRelation, 'declaredAt'>,
): Promise<{ relation: EvaluatorRelation; created: boolean }> {
  const [row] = await db(EVALUATOR_RELATIONS_TABLE)
    .insert({
      organization_id: relation.organizationId,
      institution_id: relation.institutionId,
      relation: relation.relation,
    })
    .onConflict(['organization_id', 'institution_id'])
    .ignore()
    .returning('*');
  if (row) return { relation: mapRelationRow(row), created: true };
  const existing = await db(EVALUATOR_RELATIONS_TABLE)
    .where({ organization_id: relation.organizationId, institution_id: relation.institutionId })
    .first();
  return { relation: mapRelationRow(existing), created: false };
}

/**
 * For each institution asked about (every one gets an entry, maybe empty): the organizations that may not evaluate it.
 */
export async function conflictedOrganizationIds(
  db: DbOrTx,
  institutionIds: string[],
): Promise<Map<string, Set<string>>> {
  const conflicts = new Map<string, Set<string>>(institutionIds.map((id) => [id, new Set<string>()]));
  if (institutionIds.length === 0) return conflicts;
  const rows = await db(EVALUATOR_RELATIONS_TABLE)
    .whereIn('institution_id', institutionIds)
    .select('institution_id', 'organization_id');
  for (const row of rows) conflicts.get(row.institution_id)!.add(row.organization_id);
  return conflicts;
}

/** The organization's evaluator users, oldest first: they receive its assignments. */
export async function evaluatorsOf(db: DbOrTx, organizationId: string): Promise<User[]> {
  const ids: string[] = await db(USERS_TABLE)
    .where({ evaluator_organization_id: organizationId, role: 'evaluator' })
    .whereNull('deactivated_at')
    .orderBy([{ column: 'created_at' }, { column: 'id' }])
    .pluck('id');
  const byId = new Map((await findUsers(db, ids)).map((u) => [u.id, u]));
  return ids.map((id) => byId.get(id)!);
}
