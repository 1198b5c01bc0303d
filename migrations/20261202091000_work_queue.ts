import type { Knex } from 'knex';

/**
 * The work queue (GET /me/tasks) reads the workflows' own records per caller; these indexes keep
 * it to index lookups for an institution with hundreds of contracts. Saved task filters belong to
 * their owner and may be shared with users of the same role and scope.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX contracts_medical_institution_index ON contracts (medical_institution_id, status)');
  await knex.raw('CREATE INDEX contracts_care_institution_index ON contracts (care_institution_id, status)');
  await knex.raw('CREATE INDEX requests_open_index ON requests (contract_id) WHERE answered_at IS NULL');
  await knex.raw('CREATE INDEX action_items_open_index ON action_items (contract_id) WHERE completed_at IS NULL');
  await knex.raw('CREATE INDEX rectification_orders_region_status_index ON rectification_orders (region_code, status)');
  await knex.schema.createTable('task_filters', (t) => {
    t.uuid('id').primary();
    t.uuid('owner_user_id').notNullable().references('users.id');
    t.text('name').notNullable();
    t.jsonb('filter').notNullable(); // { kinds?, states?, contractId? }
    t.boolean('shared').notNullable().defaultTo(false);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['owner_user_id', 'name']);
    t.index(['shared']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('task_filters');
  for (const index of [
    'rectification_orders_region_status_index',
    'action_items_open_index',
    'requests_open_index',
    'contracts_care_institution_index',
    'contracts_medical_institution_index',
  ])
    await knex.raw(`DROP INDEX ${index}`);
}
