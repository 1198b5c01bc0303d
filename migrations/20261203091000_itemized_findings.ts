import type { Knex } from 'knex';

/**
 * Itemized findings (issue 12 item 3): an order's findings each carry a responsible side, a plan of
 * correction and their own reviews; a regulator may issue an order directly, without an evaluation.
 * Existing orders keep their single finding F1 and order-level reviews (rectification_reviews).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('rectification_orders', (t) => {
    t.uuid('evaluation_id').nullable().alter();
    t.text('origin').notNullable().defaultTo('evaluation');
    t.text('legal_basis').nullable();
    t.text('reason').nullable();
    t.uuid('issued_by').nullable().references('users.id');
    t.timestamp('delivered_at', { useTz: true }).nullable(); // when the order's mails were sent
    t.date('plan_deadline').nullable();
    t.jsonb('failed_finding_ids').nullable();
  });
  await knex.raw(
    `ALTER TABLE rectification_orders ADD CONSTRAINT rectification_orders_origin_check
       CHECK (origin IN ('evaluation', 'regulator') AND (origin = 'regulator' OR evaluation_id IS NOT NULL))`,
  );

  await knex.schema.createTable('rectification_findings', (t) => {
    t.uuid('rectification_id').notNullable().references('rectification_orders.id');
    t.text('finding_id').notNullable();
    t.text('responsible_side').notNullable().checkIn(['medical', 'care', 'both'], 'rectification_findings_side_check');
    t.text('state').notNullable();
    t.jsonb('plan').nullable(); // CMS ePOC: affected, changes, responsible, monitoring, completionDate
    t.uuid('plan_submitted_by').nullable().references('users.id');
    t.timestamp('plan_submitted_at', { useTz: true }).nullable();
    t.uuid('pending_submission_id').nullable().references('evidence_submissions.id');
    t.integer('rejections').notNullable().defaultTo(0);
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['rectification_id', 'finding_id']);
    t.index(['state']);
  });

  await knex.schema.createTable('finding_reviews', (t) => {
    t.bigIncrements('id');
    t.uuid('rectification_id').notNullable().references('rectification_orders.id');
    t.text('finding_id').notNullable();
    t.uuid('submission_id').notNullable().references('evidence_submissions.id');
    t.text('decision').notNullable().checkIn(['accepted', 'rejected'], 'finding_reviews_decision_check');
    t.text('reasons').notNullable();
    t.uuid('reviewed_by').notNullable().references('users.id');
    t.timestamp('reviewed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['submission_id', 'finding_id']);
    t.index(['rectification_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('finding_reviews');
  await knex.schema.dropTable('rectification_findings');
  await knex.raw('ALTER TABLE rectification_orders DROP CONSTRAINT rectification_orders_origin_check');
  // Direct orders have no evaluation: they cannot survive the way back.
  await knex('rectification_orders').where({ origin: 'regulator' }).del();
  await knex.schema.alterTable('rectification_orders', (t) => {
    t.dropColumn('failed_finding_ids');
    t.dropColumn('plan_deadline');
    t.dropColumn('delivered_at');
    t.dropColumn('issued_by');
    t.dropColumn('reason');
    t.dropColumn('legal_basis');
    t.dropColumn('origin');
  });
  await knex.schema.alterTable('rectification_orders', (t) => {
    t.uuid('evaluation_id').notNullable().alter();
  });
}
