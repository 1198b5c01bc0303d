import type { DbOrTx } from '../platform/db';
import { DeepPartial, Policy, resolvePolicy } from '../domain/policy';

export const REGIONS_TABLE = 'regions';

export interface Region {
  code: string;
  name: string;
  remote: boolean;
  policyOverrides: DeepPartial<Policy>;
  policyVersion: number;
  createdAt: string;
}

function mapRow(row: Record<string, any>): Region {
  return {
    code: row.code,
    name: row.name,
    remote: row.remote,
    policyOverrides: row.policy_overrides,
    policyVersion: row.policy_version,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export async function insertRegion(db: DbOrTx, region: Omit<Region, 'createdAt' | 'policyVersion'>): Promise<Region> {
  const [row] = await db(REGIONS_TABLE)
    .insert({
      code: region.code,
      name: region.name,
      remote: region.remote,
      policy_overrides: JSON.stringify(region.policyOverrides),
    })
    .returning('*');
  return mapRow(row);
}

export async function findRegion(db: DbOrTx, code: string): Promise<Region | undefined> {
  const row = await db(REGIONS_TABLE).where({ code }).first();
  return row ? mapRow(row) : undefined;
}

export async function listRegions(db: DbOrTx, codes?: string[]): Promise<Region[]> {
  const query = db(REGIONS_TABLE).orderBy('code');
  if (codes) query.whereIn('code', codes);
  return (await query).map(mapRow);
}

export async function updateRegionPolicy(db: DbOrTx, code: string, overrides: DeepPartial<Policy>): Promise<Region> {
  const [row] = await db(REGIONS_TABLE)
    .where({ code })
    .update({ policy_overrides: JSON.stringify(overrides), policy_version: db.raw('policy_version + 1') })
    .returning('*');
  return mapRow(row);
}

/** The region's effective policy, stamped with the region's policy version. */
export function effectivePolicy(region: Region): Policy {
  return { ...resolvePolicy(region.policyOverrides), version: region.policyVersion };
}
