import type { Knex } from 'knex';

const CHECK = 'obligation_periods_obligation_check';
const before = ['visit', 'meeting', 'survey'];
const after = [...before, 'monthly-meeting', 'reexam', 'health-talk', 'referral'];
const checkOf = (kinds: string[]) =>
  `ALTER TABLE obligation_periods ADD CONSTRAINT ${CHECK} CHECK (obligation IN (${kinds.map((k) => `'${k}'`).join(', ')}))`;

/**
 * The agreement as signed is enforced (issue 12): every quantified item is its own obligation.
 * Health talks become a fact; a meeting says whether it is a monthly or a quarterly one (meetings
 * recorded before were the quarterly docking meetings the policy required).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE obligation_periods DROP CONSTRAINT ${CHECK}`);
  await knex.raw(checkOf(after));

  await knex.schema.alterTable('meetings', (t) => {
    t.text('cadence').notNullable().defaultTo('quarterly').checkIn(['monthly', 'quarterly'], 'meetings_cadence_check');
  });

  await knex.schema.createTable('health_talks', (t) => {
    t.uuid('id').primary();
    t.uuid('contract_id').notNullable().references('contracts.id');
    t.uuid('recorded_by').notNullable().references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('idempotency_key').nullable();
    t.text('request_sha256').nullable();
    t.unique(['contract_id', 'idempotency_key']);
    t.date('talk_date').notNullable();
    t.text('topic').notNullable();
    t.integer('attendees').notNullable();
    t.text('speaker').nullable();
    t.index(['contract_id', 'talk_date']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('health_talks');
  await knex.schema.alterTable('meetings', (t) => t.dropColumn('cadence'));
  await knex('obligation_periods').whereNotIn('obligation', before).delete();
  await knex.raw(`ALTER TABLE obligation_periods DROP CONSTRAINT ${CHECK}`);
  await knex.raw(checkOf(before));
}
