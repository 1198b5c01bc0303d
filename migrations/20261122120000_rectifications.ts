import type { Knex } from 'knex';

/** Rectification after an Unqualified grade, and revocation when it fails (000_… §3.3). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('rectification_orders', (t) => {
    t.uuid('id').primary();
    t.uuid('contract_id').notNullable().references('contracts.id');
    t.uuid('evaluation_id').notNullable().unique().references('evaluations.id');
    t.text('region_code').notNullable().references('regions.code');
    t.text('status').notNullable().defaultTo('issued');
    t.jsonb('findings').notNullable(); // [{ id, finding, requiredCorrection }]
    t.date('issued_on').notNullable();
    t.date('original_deadline').notNullable();
    t.date('deadline').notNullable();
    t.integer('extensions').notNullable().defaultTo(0);
    t.text('extension_reason').nullable();
    t.date('representations_deadline').nullable();
    t.uuid('re_evaluation_id').nullable().references('evaluations.id');
    t.text('outcome').nullable(); // closed | revoked | withdrawn
    t.jsonb('policy').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('closed_at', { useTz: true }).nullable();
    t.index(['contract_id']);
  });

  await knex.schema.createTable('evidence_submissions', (t) => {
    t.uuid('id').primary();
    t.uuid('rectification_id').notNullable().references('rectification_orders.id');
    t.uuid('submitted_by').notNullable().references('users.id');
    t.timestamp('received_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.jsonb('texts').notNullable().defaultTo('[]'); // [{ findingId, text }] — no length limit
    t.text('idempotency_key').nullable();
    t.unique(['rectification_id', 'idempotency_key']);
  });

  await knex.schema.createTable('evidence_files', (t) => {
    t.uuid('id').primary();
    t.uuid('submission_id').notNullable().references('evidence_submissions.id');
    t.text('finding_id').nullable();
    t.text('filename').notNullable();
    t.text('content_type').notNullable(); // detected from the content, not the name
    t.bigInteger('size').notNullable();
    t.text('sha256').notNullable(); // content address of the stored file
  });

  await knex.schema.createTable('rectification_reviews', (t) => {
    t.bigIncrements('id');
    t.uuid('rectification_id').notNullable().references('rectification_orders.id');
    t.uuid('submission_id').notNullable().unique().references('evidence_submissions.id');
    t.text('decision').notNullable().checkIn(['accepted', 'rejected'], 'rectification_reviews_decision_check');
    t.text('reasons').notNullable();
    t.uuid('reviewed_by').notNullable().references('users.id');
    t.timestamp('reviewed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('qualification_revocations', (t) => {
    t.bigIncrements('id');
    t.uuid('institution_id').notNullable().references('institutions.id');
    t.text('region_code').notNullable().references('regions.code');
    t.uuid('rectification_id').notNullable().unique().references('rectification_orders.id');
    t.timestamp('revoked_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.uuid('revoked_by').notNullable().references('users.id');
    t.timestamp('reinstated_at', { useTz: true }).nullable();
    t.uuid('reinstated_by').nullable().references('users.id');
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'qualification_revocations',
    'rectification_reviews',
    'evidence_files',
    'evidence_submissions',
    'rectification_orders',
  ]) {
    await knex.schema.dropTable(table);
  }
}
