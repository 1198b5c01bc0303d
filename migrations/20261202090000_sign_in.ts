import type { Knex } from 'knex';

/**
 * Sign-in for people (issue 11): a password hash per user, server-side sessions, single-use
 * password links (invitation, reset) and sign-in attempts. Secrets are stored only as SHA-256
 * (256-bit random, so no salt is needed); attempts live here so a limit holds across API processes.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.text('password_hash').nullable();
    t.timestamp('password_changed_at', { useTz: true }).nullable();
  });
  await knex.schema.createTable('user_sessions', (t) => {
    t.uuid('id').primary();
    t.uuid('user_id').notNullable().references('users.id');
    t.text('session_sha256').notNullable().unique();
    t.text('csrf_token').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('last_seen_at', { useTz: true }).notNullable();
    t.timestamp('absolute_expires_at', { useTz: true }).notNullable();
    t.text('user_agent').nullable();
    t.timestamp('revoked_at', { useTz: true }).nullable();
    t.index(['user_id'], 'user_sessions_user_index');
  });
  await knex.schema.createTable('password_links', (t) => {
    t.uuid('id').primary();
    t.uuid('user_id').notNullable().references('users.id');
    t.text('secret_sha256').notNullable().unique();
    t.text('purpose').notNullable().checkIn(['invitation', 'reset'], 'password_links_purpose_check');
    t.uuid('issued_by').nullable().references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('used_at', { useTz: true }).nullable();
    t.timestamp('revoked_at', { useTz: true }).nullable();
    t.index(['user_id'], 'password_links_user_index');
  });
  await knex.schema.createTable('sign_in_attempts', (t) => {
    t.bigIncrements('id');
    t.text('email').notNullable();
    t.text('ip').notNullable();
    t.text('outcome')
      .notNullable()
      .checkIn(['failed', 'succeeded', 'throttled', 'password-set'], 'sign_in_attempts_outcome_check');
    t.timestamp('attempted_at', { useTz: true }).notNullable();
    t.index(['email', 'attempted_at'], 'sign_in_attempts_email_index');
    t.index(['ip', 'attempted_at'], 'sign_in_attempts_ip_index');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sign_in_attempts');
  await knex.schema.dropTable('password_links');
  await knex.schema.dropTable('user_sessions');
  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('password_changed_at');
    t.dropColumn('password_hash');
  });
}
