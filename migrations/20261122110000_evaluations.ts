import type { Knex } from 'knex';

/** Third-party evaluation (000_… §3.3): organizations, cycles, evaluations, grades on the contract. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('evaluator_organizations', (t) => {
    t.uuid('id').primary();
    t.text('region_code').notNullable().references('regions.code');
    t.text('name').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['region_code', 'name']);
  });

  // Conflict of interest: an organization never evaluates an institution it is related to.
  await knex.schema.createTable('evaluator_relations', (t) => {
    t.uuid('organization_id').notNullable().references('evaluator_organizations.id');
    t.uuid('institution_id').notNullable().references('institutions.id');
    t.text('relation').notNullable();
    t.timestamp('declared_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['organization_id', 'institution_id']);
  });

  await knex.schema.alterTable('users', (t) => {
    t.uuid('evaluator_organization_id').nullable().references('evaluator_organizations.id');
  });
  await knex.raw(
    'ALTER TABLE users ADD CONSTRAINT users_evaluator_scope_check ' +
      "CHECK ((role = 'evaluator') = (evaluator_organization_id IS NOT NULL))",
  );

  await knex.schema.createTable('evaluation_cycles', (t) => {
    t.uuid('id').primary();
    t.text('region_code').notNullable().references('regions.code');
    t.text('half').notNullable(); // 2026-H2
    t.date('deadline').notNullable();
    t.text('status')
      .notNullable()
      .defaultTo('running')
      .checkIn(['running', 'closed'], 'evaluation_cycles_status_check');
    t.uuid('launched_by').nullable().references('users.id'); // null: launched by the region's schedule
    t.jsonb('policy').notNullable();
    t.integer('contracts_in_scope').nullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('fanout_completed_at', { useTz: true }).nullable();
    t.timestamp('closed_at', { useTz: true }).nullable();
    t.jsonb('report').nullable();
    t.unique(['region_code', 'half']);
  });

  await knex.schema.createTable('evaluations', (t) => {
    t.uuid('id').primary();
    t.uuid('cycle_id').nullable().references('evaluation_cycles.id'); // null for a re-evaluation after rectification
    t.uuid('contract_id').notNullable().references('contracts.id');
    t.text('kind').notNullable().defaultTo('regular').checkIn(['regular', 're-evaluation'], 'evaluations_kind_check');
    t.uuid('evaluator_organization_id').notNullable().references('evaluator_organizations.id');
    t.text('status').notNullable().defaultTo('assigned').checkIn(['assigned', 'graded'], 'evaluations_status_check');
    t.date('deadline').notNullable();
    t.boolean('overdue').notNullable().defaultTo(false);
    t.jsonb('evidence').notNullable().defaultTo('{}'); // the obligation record, attached automatically
    t.jsonb('scores').nullable(); // { serviceQuality: { score, indicators, comments }, … }
    t.date('onsite_date').nullable();
    t.text('findings').nullable();
    t.decimal('weighted_score', 6, 2).nullable();
    t.text('grade').nullable().checkIn(['excellent', 'qualified', 'unqualified'], 'evaluations_grade_check');
    t.integer('policy_version').nullable();
    t.uuid('submitted_by').nullable().references('users.id');
    t.timestamp('submitted_at', { useTz: true }).nullable();
    t.timestamp('graded_at', { useTz: true }).nullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['cycle_id', 'contract_id']);
    t.index(['cycle_id', 'status']);
    t.index(['evaluator_organization_id', 'status']);
  });

  await knex.schema.alterTable('contracts', (t) => {
    t.text('last_grade').nullable();
    t.uuid('last_evaluation_id').nullable().references('evaluations.id');
    t.integer('grade_subsidy_factor_bp').nullable();
    t.boolean('model_priority').notNullable().defaultTo(false);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('contracts', (t) => {
    t.dropColumn('model_priority');
    t.dropColumn('grade_subsidy_factor_bp');
    t.dropColumn('last_evaluation_id');
    t.dropColumn('last_grade');
  });
  await knex.schema.dropTable('evaluations');
  await knex.schema.dropTable('evaluation_cycles');
  await knex.raw('ALTER TABLE users DROP CONSTRAINT users_evaluator_scope_check');
  await knex.schema.alterTable('users', (t) => t.dropColumn('evaluator_organization_id'));
  await knex.schema.dropTable('evaluator_relations');
  await knex.schema.dropTable('evaluator_organizations');
}
