import knex, { Knex } from 'knex';
import pg from 'pg';

export type Db = Knex;
export type DbOrTx = Knex | Knex.Transaction;

// DATE columns are calendar dates (Asia/Shanghai business days), not instants: keep them as 'YYYY-MM-DD'.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

export function createDb(databaseUrl: string, pool = { min: 0, max: 10 }): Db {
  return knex({ client: 'pg', connection: databaseUrl, pool });
}
