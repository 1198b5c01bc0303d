import type { Knex } from 'knex';

/**
 * Due process before a revocation (issue 12): the parties' representations (or declarations of
 * none) against a notice of intended revocation, the decision with how each was considered, and a
 * revocation per institution at stake (one order may take both institutions' qualifications).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('representations', (t) => {
    t.uuid('id').primary();
    t.uuid('rectification_id').notNullable().references('rectification_orders.id');
    t.text('kind').notNullable().checkIn(['filed', 'waived'], 'representations_kind_check');
    t.uuid('institution_id').notNullable().references('institutions.id');
    t.uuid('submitted_by').notNullable().references('users.id');
    t.timestamp('received_at', { useTz: true }).notNullable();
    t.text('text').nullable(); // no length limit
    t.text('text_sha256').nullable();
    t.integer('text_length').nullable();
    t.index(['rectification_id']);
  });

  await knex.schema.createTable('representation_files', (t) => {
    t.uuid('id').primary();
    t.uuid('representation_id').notNullable().references('representations.id');
    t.integer('position').notNullable();
    t.text('filename').notNullable();
    t.text('content_type').notNullable(); // detected from the content
    t.bigInteger('size').notNullable();
    t.text('sha256').notNullable(); // content address in evidence storage
    t.unique(['representation_id', 'position']);
    t.index(['sha256'], 'representation_files_sha256_index');
  });

  await knex.schema.createTable('revocation_decisions', (t) => {
    t.uuid('rectification_id').primary().references('rectification_orders.id');
    t.text('decision').notNullable().checkIn(['confirm', 'withdraw'], 'revocation_decisions_decision_check');
    t.text('reasons').notNullable();
    t.uuid('decided_by').notNullable().references('users.id');
    t.timestamp('decided_at', { useTz: true }).notNullable();
    t.text('reach').nullable(); // institution-in-region | this-contract, when confirmed
    t.jsonb('institution_ids').nullable(); // the qualifications revoked
    t.jsonb('ended_contract_ids').nullable(); // the institution's other contracts the reach ended
  });

  await knex.schema.createTable('representation_considerations', (t) => {
    t.uuid('representation_id').primary().references('representations.id');
    t.uuid('rectification_id').notNullable().references('revocation_decisions.rectification_id');
    t.text('consideration').notNullable();
  });

  // When the notice of intended revocation left the outbox: its representations deadline runs from then.
  await knex.schema.alterTable('rectification_orders', (t) => {
    t.timestamp('revocation_notice_sent_at', { useTz: true }).nullable();
  });

  await knex.schema.alterTable('qualification_revocations', (t) => {
    t.dropUnique(['rectification_id']);
    t.unique(['rectification_id', 'institution_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('qualification_revocations', (t) => {
    t.dropUnique(['rectification_id', 'institution_id']);
    t.unique(['rectification_id']);
  });
  await knex.schema.alterTable('rectification_orders', (t) => t.dropColumn('revocation_notice_sent_at'));
  for (const table of [
    'representation_considerations',
    'revocation_decisions',
    'representation_files',
    'representations',
  ])
    await knex.schema.dropTable(table);
}
