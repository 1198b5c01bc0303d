import type { Knex } from 'knex';

/** Facts recorded under an active contract, and what the engine concluded from them. */
export async function up(knex: Knex): Promise<void> {
  // Policy time starts here (domain/clock.ts): kept so API and workflow agree on "now" for the contract.
  await knex.schema.alterTable('contracts', (t) => {
    t.timestamp('clock_anchor', { useTz: true }).nullable();
  });
  await knex.raw('UPDATE contracts SET clock_anchor = created_at');
  await knex.raw('ALTER TABLE contracts ALTER COLUMN clock_anchor SET NOT NULL');

  const fact = (t: Knex.CreateTableBuilder) => {
    t.uuid('id').primary();
    t.uuid('contract_id').notNullable().references('contracts.id');
    t.uuid('recorded_by').notNullable().references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    // A client retry with the same Idempotency-Key finds its first record instead of adding one.
    t.text('idempotency_key').nullable();
    t.text('request_sha256').nullable();
    t.unique(['contract_id', 'idempotency_key']);
  };

  await knex.schema.createTable('visits', (t) => {
    fact(t);
    t.date('visit_date').notNullable();
    t.jsonb('staff').notNullable(); // [{ name, title }]
    t.specificType('services', 'text[]').notNullable();
    t.integer('residents_seen').notNullable();
    t.integer('chronic_reexams').notNullable();
    t.decimal('hours', 6, 2).notNullable();
    t.text('notes').nullable();
    t.index(['contract_id', 'visit_date']);
  });

  await knex.schema.createTable('meetings', (t) => {
    fact(t);
    t.date('meeting_date').notNullable();
    t.jsonb('attendees').notNullable(); // [{ name, side, role }]
    t.text('minutes').notNullable();
    t.index(['contract_id', 'meeting_date']);
  });

  await knex.schema.createTable('action_items', (t) => {
    t.uuid('id').primary();
    t.uuid('meeting_id').notNullable().references('meetings.id');
    t.uuid('contract_id').notNullable().references('contracts.id');
    t.text('description').notNullable();
    t.text('owner_side').notNullable().checkIn(['medical', 'care', 'both'], 'action_items_owner_side_check');
    t.text('owner_name').notNullable();
    t.date('due_date').notNullable();
    t.timestamp('completed_at', { useTz: true }).nullable();
    t.uuid('completed_by').nullable().references('users.id');
    t.index(['contract_id', 'due_date']);
  });

  await knex.schema.createTable('surveys', (t) => {
    fact(t);
    t.date('survey_date').notNullable();
    t.integer('respondents').notNullable();
    t.text('summary').notNullable();
    t.jsonb('needs').notNullable().defaultTo('[]');
    t.index(['contract_id', 'survey_date']);
  });

  await knex.schema.createTable('requests', (t) => {
    fact(t);
    t.text('from_side').notNullable().checkIn(['medical', 'care'], 'requests_from_side_check');
    t.text('subject').notNullable();
    t.text('body').notNullable();
    t.date('raised_date').notNullable();
    t.date('answer_due_date').notNullable();
    t.timestamp('answered_at', { useTz: true }).nullable();
    t.uuid('answered_by').nullable().references('users.id');
    t.text('answer').nullable();
    t.index(['contract_id', 'answer_due_date']);
  });

  await knex.schema.createTable('referrals', (t) => {
    fact(t);
    t.text('resident_ref').notNullable();
    t.text('reason').notNullable();
    t.timestamp('requested_at', { useTz: true }).notNullable();
    t.timestamp('responded_at', { useTz: true }).notNullable();
    t.integer('response_seconds').notNullable();
    t.integer('target_minutes').notNullable();
    t.boolean('within_target').notNullable();
    t.text('destination').nullable();
    t.index(['contract_id', 'requested_at']);
  });

  await knex.schema.createTable('obligation_periods', (t) => {
    t.uuid('contract_id').notNullable().references('contracts.id');
    t.text('obligation').notNullable().checkIn(['visit', 'meeting', 'survey'], 'obligation_periods_obligation_check');
    t.text('period_key').notNullable();
    t.date('start_date').notNullable();
    t.date('end_date').notNullable();
    t.integer('required').notNullable();
    t.integer('actual').notNullable();
    t.boolean('met').notNullable();
    t.integer('consecutive_misses').notNullable();
    t.timestamp('closed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['contract_id', 'obligation', 'period_key']);
  });

  await knex.schema.createTable('escalations', (t) => {
    t.bigIncrements('id');
    t.uuid('contract_id').notNullable().references('contracts.id');
    t.text('level').notNullable(); // warning | regulator-notice | request-overdue | action-item-overdue
    t.text('subject').notNullable(); // e.g. visit:2027-03, request:<id>
    t.jsonb('details').notNullable().defaultTo('{}');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['contract_id', 'level', 'subject']);
  });

  await knex.schema.createTable('renewals', (t) => {
    t.bigIncrements('id');
    t.uuid('contract_id').notNullable().references('contracts.id');
    t.date('previous_term_end').notNullable();
    t.date('new_term_end').notNullable();
    t.uuid('renewed_by').notNullable().references('users.id');
    t.timestamp('renewed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['contract_id', 'new_term_end']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'renewals',
    'escalations',
    'obligation_periods',
    'referrals',
    'requests',
    'surveys',
    'action_items',
    'meetings',
    'visits',
  ]) {
    await knex.schema.dropTable(table);
  }
  await knex.schema.alterTable('contracts', (t) => t.dropColumn('clock_anchor'));
}
