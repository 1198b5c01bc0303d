import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('regions', (t) => {
    t.text('code').primary();
    t.text('name').notNullable();
    t.boolean('remote').notNullable().defaultTo(false);
    t.jsonb('policy_overrides').notNullable().defaultTo('{}');
    t.integer('policy_version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('institutions', (t) => {
    t.uuid('id').primary();
    t.text('region_code').notNullable().references('regions.code');
    t.text('kind').notNullable().checkIn(['medical', 'elderly_care'], 'institutions_kind_check');
    t.text('name').notNullable();
    t.text('medical_level').nullable().checkIn(['primary', 'secondary', 'tertiary'], 'institutions_level_check');
    t.text('medical_type')
      .nullable()
      .checkIn(['hospital', 'community_health_centre', 'township_health_centre'], 'institutions_type_check');
    t.text('care_ownership')
      .nullable()
      .checkIn(['public', 'private_non_profit', 'private_for_profit'], 'institutions_ownership_check');
    t.integer('beds').nullable().checkPositive('institutions_beds_check');
    t.integer('residents').nullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['region_code', 'name']);
  });
  await knex.raw(`ALTER TABLE institutions ADD CONSTRAINT institutions_kind_fields_check CHECK (
    (kind = 'medical' AND medical_level IS NOT NULL AND medical_type IS NOT NULL AND care_ownership IS NULL)
    OR (kind = 'elderly_care' AND care_ownership IS NOT NULL AND beds IS NOT NULL AND residents IS NOT NULL AND medical_level IS NULL))`);

  await knex.schema.createTable('users', (t) => {
    t.uuid('id').primary();
    t.text('name').notNullable();
    t.text('email').notNullable().unique();
    t.text('locale').notNullable().defaultTo('zh-CN').checkIn(['zh-CN', 'en'], 'users_locale_check');
    t.text('role').notNullable().checkIn(['admin', 'regulator', 'liaison', 'party', 'evaluator'], 'users_role_check');
    t.uuid('institution_id').nullable().references('institutions.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`ALTER TABLE users ADD CONSTRAINT users_institution_scope_check CHECK (
    (role IN ('liaison', 'party')) = (institution_id IS NOT NULL))`);

  await knex.schema.createTable('user_regions', (t) => {
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('region_code').notNullable().references('regions.code');
    t.primary(['user_id', 'region_code']);
  });

  await knex.schema.createTable('api_tokens', (t) => {
    t.uuid('id').primary();
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('token_sha256').notNullable().unique();
    t.text('label').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('revoked_at', { useTz: true }).nullable();
  });

  await knex.schema.createTable('contracts', (t) => {
    t.uuid('id').primary();
    t.text('region_code').notNullable().references('regions.code');
    t.uuid('medical_institution_id').notNullable().references('institutions.id');
    t.uuid('care_institution_id').notNullable().references('institutions.id');
    t.uuid('medical_liaison_user_id').notNullable().references('users.id');
    t.uuid('care_liaison_user_id').notNullable().references('users.id');
    t.text('status').notNullable().defaultTo('draft');
    t.jsonb('terms').notNullable();
    t.date('term_start').notNullable();
    t.date('term_end').notNullable();
    t.jsonb('policy').notNullable();
    t.integer('policy_version').notNullable();
    t.timestamp('signing_deadline', { useTz: true }).notNullable();
    t.uuid('drafted_by').notNullable().references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('activated_at', { useTz: true }).nullable();
    t.timestamp('closed_at', { useTz: true }).nullable();
    t.text('close_reason').nullable();
    t.index(['region_code', 'status']);
  });
  await knex.raw(`ALTER TABLE contracts ADD CONSTRAINT contracts_term_check CHECK (term_end > term_start)`);
  await knex.raw(
    'ALTER TABLE contracts ADD CONSTRAINT contracts_parties_check ' +
      'CHECK (medical_institution_id <> care_institution_id)',
  );

  await knex.schema.createTable('contract_signatures', (t) => {
    t.uuid('contract_id').notNullable().references('contracts.id');
    t.text('side').notNullable().checkIn(['medical', 'care'], 'contract_signatures_side_check');
    t.uuid('institution_id').notNullable().references('institutions.id');
    t.uuid('user_id').notNullable().references('users.id');
    t.timestamp('signed_at', { useTz: true }).notNullable();
    t.primary(['contract_id', 'side']);
  });

  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.uuid('actor_user_id').nullable().references('users.id');
    t.text('actor').notNullable();
    t.text('action').notNullable();
    t.text('entity_type').notNullable();
    t.text('entity_id').notNullable();
    t.jsonb('details').notNullable().defaultTo('{}');
    t.text('idempotency_key').nullable().unique();
    t.index(['entity_type', 'entity_id']);
  });
  // Append-only: the audit log is evidence, so no row may change or vanish.
  await knex.raw(`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`);
  await knex.raw(`CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);

  await knex.schema.createTable('mail_outbox', (t) => {
    t.text('idempotency_key').primary();
    t.text('to_address').notNullable();
    t.text('locale').notNullable();
    t.text('template').notNullable();
    t.text('subject').notNullable();
    t.text('body_text').notNullable();
    t.jsonb('attachments').notNullable().defaultTo('[]');
    t.text('status').notNullable().defaultTo('pending').checkIn(['pending', 'sent'], 'mail_outbox_status_check');
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('last_error').nullable();
    t.text('message_id').nullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('sent_at', { useTz: true }).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('mail_outbox');
  await knex.raw('DROP TRIGGER audit_log_no_change ON audit_log');
  await knex.schema.dropTable('audit_log');
  await knex.raw('DROP FUNCTION audit_log_append_only()');
  for (const table of [
    'contract_signatures',
    'contracts',
    'api_tokens',
    'user_regions',
    'users',
    'institutions',
    'regions',
  ]) {
    await knex.schema.dropTable(table);
  }
}
