import type { Knex } from 'knex';

/**
 * The work queue shows what missing each owed period brings, which depends on the misses in a row
 * before it: the latest closed period of each contract and obligation, one index probe each
 * (the primary key orders by period_key, which does not say which period closed last).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    `CREATE INDEX obligation_periods_latest_index
       ON obligation_periods (contract_id, obligation, end_date DESC) INCLUDE (consecutive_misses)`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX obligation_periods_latest_index');
}
