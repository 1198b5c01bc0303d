import type { Knex } from 'knex';

/**
 * Issue 12 items 5 and 9: a region's versioned standard agreements, the version a contract started
 * from, the medical staff a hospital commits to cooperation, and the capacity warnings raised.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('agreement_templates', (t) => {
    t.text('region_code').notNullable().references('regions.code');
    t.integer('version').notNullable().checkPositive('agreement_templates_version_check');
    t.jsonb('terms').notNullable();
    t.text('note').nullable();
    t.uuid('published_by').notNullable().references('users.id');
    t.timestamp('published_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['region_code', 'version']);
  });
  // A published version is what contracts cite: it never changes, whoever holds the database.
  await knex.raw(`
    CREATE FUNCTION agreement_templates_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'agreement template % version % is published and cannot change', OLD.region_code, OLD.version;
    END $$`);
  await knex.raw(`CREATE TRIGGER agreement_templates_immutable BEFORE UPDATE OR DELETE ON agreement_templates
    FOR EACH ROW EXECUTE FUNCTION agreement_templates_immutable()`);

  await knex.schema.alterTable('contracts', (t) => t.integer('template_version').nullable());
  await knex.raw(`ALTER TABLE contracts ADD CONSTRAINT contracts_template_fk
    FOREIGN KEY (region_code, template_version) REFERENCES agreement_templates (region_code, version)`);

  await knex.schema.alterTable('institutions', (t) => {
    t.integer('committed_medical_staff').nullable();
  });
  await knex.raw(`ALTER TABLE institutions ADD CONSTRAINT institutions_committed_staff_check CHECK (
    committed_medical_staff IS NULL OR (kind = 'medical' AND committed_medical_staff >= 0))`);

  await knex.schema.createTable('capacity_warnings', (t) => {
    t.uuid('contract_id').notNullable().references('contracts.id');
    t.text('stage').notNullable().checkIn(['draft', 'sign'], 'capacity_warnings_stage_check');
    t.uuid('institution_id').notNullable().references('institutions.id');
    t.integer('visits_this_contract').notNullable();
    t.integer('visits_other_contracts').notNullable();
    t.integer('committed_staff').notNullable();
    t.integer('max_visits_per_staff').notNullable();
    t.integer('capacity').notNullable();
    t.integer('exceeded_by').notNullable();
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    // One warning per contract and stage: a retried request finds it there.
    t.primary(['contract_id', 'stage']);
    t.index(['institution_id', 'at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('capacity_warnings');
  await knex.raw('ALTER TABLE institutions DROP CONSTRAINT institutions_committed_staff_check');
  await knex.schema.alterTable('institutions', (t) => t.dropColumn('committed_medical_staff'));
  await knex.raw('ALTER TABLE contracts DROP CONSTRAINT contracts_template_fk');
  await knex.schema.alterTable('contracts', (t) => t.dropColumn('template_version'));
  await knex.schema.dropTable('agreement_templates');
  await knex.raw('DROP FUNCTION agreement_templates_immutable()');
}
