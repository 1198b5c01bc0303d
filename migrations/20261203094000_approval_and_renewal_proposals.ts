import type { Knex } from 'knex';

/**
 * Issue 12 items 6 and 7. contract_approvals: one row per round of regulator approval (备案) — when
 * the regulators were told, the last day to decide, and how the round ended (a return voids both
 * signatures: they are kept here, and the contract is signed again). renewal_proposals: a renewal
 * one side proposes and the other countersigns or declines by a deadline, or lets lapse.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('contract_approvals', (t) => {
    t.uuid('contract_id').notNullable().references('contracts.id');
    t.integer('round').notNullable();
    t.timestamp('requested_at', { useTz: true });
    t.date('decision_deadline');
    t.text('outcome').checkIn(['approved', 'returned', 'deemed-approved'], 'contract_approvals_outcome_check');
    t.text('reasons');
    t.uuid('decided_by').references('users.id');
    t.timestamp('decided_at', { useTz: true });
    t.jsonb('voided_signatures');
    t.timestamp('new_signing_deadline', { useTz: true });
    t.primary(['contract_id', 'round']);
  });

  await knex.schema.createTable('renewal_proposals', (t) => {
    t.uuid('id').primary();
    t.uuid('contract_id').notNullable().references('contracts.id');
    t.text('side').notNullable().checkIn(['medical', 'care'], 'renewal_proposals_side_check');
    t.uuid('institution_id').notNullable().references('institutions.id');
    t.uuid('proposed_by').notNullable().references('users.id');
    t.date('previous_term_end').notNullable();
    t.date('term_end').notNullable();
    t.jsonb('terms');
    t.date('countersign_deadline').notNullable();
    t.text('status')
      .notNullable()
      .defaultTo('open')
      .checkIn(['open', 'countersigned', 'declined', 'lapsed'], 'renewal_proposals_status_check');
    t.uuid('answered_by').references('users.id');
    t.timestamp('answered_at', { useTz: true });
    t.text('reason');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['contract_id', 'created_at']);
  });
  // At most one open proposal per contract, as the workflow keeps it.
  await knex.raw(
    `CREATE UNIQUE INDEX renewal_proposals_open_index ON renewal_proposals (contract_id) WHERE status = 'open'`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('renewal_proposals');
  await knex.schema.dropTable('contract_approvals');
}
