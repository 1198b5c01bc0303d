import type { Knex } from 'knex';

/**
 * The regional dashboard reads a window of months across every contract of a region: each fact
 * table is read by date, and the covering columns let PostgreSQL answer from the index alone
 * (bench/dashboard.ts: 10,000 contracts, three years of facts).
 */
const indexes = [
  {
    name: 'obligation_periods_dashboard_index',
    sql: 'ON obligation_periods (end_date, obligation) INCLUDE (contract_id, met, actual, required)',
  },
  { name: 'visits_dashboard_index', sql: 'ON visits (visit_date) INCLUDE (contract_id)' },
  {
    name: 'requests_dashboard_index',
    sql: 'ON requests (raised_date) INCLUDE (contract_id, answer_due_date, answered_at)',
  },
  {
    name: 'requests_open_dashboard_index',
    sql: 'ON requests (contract_id, answer_due_date) INCLUDE (raised_date) WHERE answered_at IS NULL',
  },
  { name: 'requests_answered_index', sql: 'ON requests (answered_at) INCLUDE (contract_id, raised_date)' },
  {
    name: 'referrals_dashboard_index',
    sql: 'ON referrals (requested_at) INCLUDE (contract_id, within_target, response_seconds)',
  },
  {
    name: 'rectification_orders_open_index',
    sql: 'ON rectification_orders (region_code, deadline) WHERE closed_at IS NULL',
  },
  { name: 'qualification_revocations_region_index', sql: 'ON qualification_revocations (region_code, revoked_at)' },
];

export async function up(knex: Knex): Promise<void> {
  for (const index of indexes) await knex.raw(`CREATE INDEX ${index.name} ${index.sql}`);
}

export async function down(knex: Knex): Promise<void> {
  for (const index of [...indexes].reverse()) await knex.raw(`DROP INDEX ${index.name}`);
}
