import type { Db } from '../../platform/db';

export async function countRows(db: Db, table: string, where: Record<string, unknown> = {}): Promise<number> {
  const [row] = await db(table).where(where).count({ count: '*' });
  return Number(row?.count ?? 0);
}

/** Row counts of everything a contract command could write, to prove a refused request wrote nothing. */
export async function contractDraftingCount(db: Db) {
  return {
    contracts: await countRows(db, 'contracts'),
    signatures: await countRows(db, 'contract_signatures'),
    audit: await countRows(db, 'audit_log'),
  };
}
