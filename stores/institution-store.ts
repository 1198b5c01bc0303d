import type { DbOrTx } from '../platform/db';

export const INSTITUTIONS_TABLE = 'institutions';

export type InstitutionKind = 'medical' | 'elderly_care';
export type CareOwnership = 'public' | 'private_non_profit' | 'private_for_profit';

export interface Institution {
  id: string;
  regionCode: string;
  kind: InstitutionKind;
  name: string;
  medical?: { level: 'primary' | 'secondary' | 'tertiary'; type: 'hospital' | 'community_health_centre' | 'township_health_centre' };
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
      ? { medical: { level: row.medical_level, type: row.medical_type } }
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
      care_ownership: institution.care?.ownership ?? null,
      beds: institution.care?.beds ?? null,
      residents: institution.care?.residents ?? null,
    })
    .returning('*');
  return mapRow(row);
}

export async function findInstitution(db: DbOrTx, id: string): Promise<Institution | undefined> {
  const row = await db(INSTITUTIONS_TABLE).where({ id }).first();
  return row ? mapRow(row) : undefined;
}

export async function findInstitutionByName(db: DbOrTx, regionCode: string, name: string): Promise<Institution | undefined> {
  const row = await db(INSTITUTIONS_TABLE).where({ region_code: regionCode, name }).first();
  return row ? mapRow(row) : undefined;
}
