import type { DbOrTx } from '../platform/db';
import { likePattern } from './sql-params';

export const INSTITUTIONS_TABLE = 'institutions';

export type InstitutionKind = 'medical' | 'elderly_care';
export type CareOwnership = 'public' | 'private_non_profit' | 'private_for_profit';

export interface Institution {
  id: string;
  regionCode: string;
  kind: InstitutionKind;
  name: string;
  medical?: {
    level: 'primary' | 'secondary' | 'tertiary';
    type: 'hospital' | 'community_health_centre' | 'township_health_centre';
    /** Medical staff committed to cooperation (capacity check, domain/capacity.ts); absent when none declared. */
    committedMedicalStaff?: number;
  };
  care?: { ownership: CareOwnership; beds: number; residents: number };
  createdAt: string;
}

function mapRow(row: Record<string, any>): Institution {
  return {
    id: row.id,
    regionCode: row.region_code,
    kind: row.kind,
    name: row.name,
    ...(row.kind === 'medical'
      ? {
          medical: {
            level: row.medical_level,
            type: row.medical_type,
            ...(row.committed_medical_staff === null || row.committed_medical_staff === undefined
              ? {}
              : { committedMedicalStaff: row.committed_medical_staff }),
          },
        }
      : { care: { ownership: row.care_ownership, beds: row.beds, residents: row.residents } }),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export async function insertInstitution(db: DbOrTx, institution: Omit<Institution, 'createdAt'>): Promise<Institution> {
  const [row] = await db(INSTITUTIONS_TABLE)
    .insert({
      id: institution.id,
      region_code: institution.regionCode,
      kind: institution.kind,
      name: institution.name,
      medical_level: institution.medical?.level ?? null,
      medical_type: institution.medical?.type ?? null,
      committed_medical_staff: institution.medical?.committedMedicalStaff ?? null,
      care_ownership: institution.care?.ownership ?? null,
      beds: institution.care?.beds ?? null,
      residents: institution.care?.residents ?? null,
    })
    .returning('*');
  return mapRow(row);
}

/** Declares (or, with null, withdraws) the medical staff a hospital commits to cooperation. */
export async function updateCommittedMedicalStaff(db: DbOrTx, id: string, staff: number | null): Promise<Institution> {
  const [row] = await db(INSTITUTIONS_TABLE).where({ id }).update({ committed_medical_staff: staff }).returning('*');
  return mapRow(row);
}

export async function findInstitution(db: DbOrTx, id: string): Promise<Institution | undefined> {
  const row = await db(INSTITUTIONS_TABLE).where({ id }).first();
  return row ? mapRow(row) : undefined;
}

export async function findInstitutionByName(
  db: DbOrTx,
  regionCode: string,
  name: string,
): Promise<Institution | undefined> {
  const row = await db(INSTITUTIONS_TABLE).where({ region_code: regionCode, name }).first();
  return row ? mapRow(row) : undefined;
}

/** Which institutions a list may hold: each filter narrows it; within one, regionCodes and ids add up. */
export interface InstitutionListFilter {
  regionCodes?: string[];
  ids?: string[];
  kind?: InstitutionKind;
  /** text searched in the name */
  q?: string;
}

/** One page of institutions by name, after the (name, id) of the previous page's last row; total counts every page. */
export async function listInstitutionsPage(
  db: DbOrTx,
  filters: InstitutionListFilter[],
  page: { limit: number; after?: { name: string; id: string } },
): Promise<{ items: Institution[]; total: number }> {
  const query = db(INSTITUTIONS_TABLE);
  for (const f of filters) {
    if (f.regionCodes || f.ids)
      query.where((q) => q.whereIn('region_code', f.regionCodes ?? []).orWhereIn('id', f.ids ?? []));
    if (f.kind) query.where('kind', f.kind);
    if (f.q) query.whereILike('name', likePattern(f.q));
  }
  const [{ n }] = (await query.clone().count({ n: '*' })) as [{ n: string | number }];
  if (page.after) query.whereRaw('(name, id) > (?, ?::uuid)', [page.after.name, page.after.id]);
  const rows = await query.orderBy([{ column: 'name' }, { column: 'id' }]).limit(page.limit);
  return { items: rows.map(mapRow), total: Number(n) };
}
