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

/**
 * Row counts of every table in the public schema (migration bookkeeping
 * aside), in one query: a refused request changes none of them.
 */
export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const { rows } = await db.raw<{ rows: { table_name: string }[] }>(
    'select table_name from information_schema.tables ' +
      "where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'knex\\_%' " +
      'order by table_name',
  );
  if (rows.length === 0) return {};
  const select = rows.map(() => '(select count(*) from ??) as ??').join(', ');
  const bindings = rows.flatMap(({ table_name: table }, i) => [table, `t${i}`]);
  const {
    rows: [counts],
  } = await db.raw<{ rows: Record<string, string>[] }>(`select ${select}`, bindings);
  return Object.fromEntries(rows.map(({ table_name: table }, i) => [table, Number(counts![`t${i}`])]));
}
