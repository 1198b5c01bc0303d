import type { Knex } from 'knex';

/**
 * A departed user is deactivated (never deleted: audit rows and
 * contracts refer to it), and a token is revoked by someone, on record.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.timestamp('deactivated_at', { useTz: true }).nullable();
    t.uuid('deactivated_by').nullable().references('users.id');
    t.text('deactivation_reason').nullable();
  });
  await knex.raw(
    'ALTER TABLE users ADD CONSTRAINT users_deactivation_check ' +
      'CHECK ((deactivated_at IS NULL) = (deactivation_reason IS NULL))',
  );
  await knex.schema.alterTable('api_tokens', (t) => {
    t.uuid('issued_by').nullable().references('users.id');
    t.uuid('revoked_by').nullable().references('users.id');
    t.index(['user_id'], 'api_tokens_user_index');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('api_tokens', (t) => {
    t.dropIndex(['user_id'], 'api_tokens_user_index');
    t.dropColumn('revoked_by');
    t.dropColumn('issued_by');
  });
  await knex.raw('ALTER TABLE users DROP CONSTRAINT users_deactivation_check');
  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('deactivation_reason');
    t.dropColumn('deactivated_by');
    t.dropColumn('deactivated_at');
  });
}
