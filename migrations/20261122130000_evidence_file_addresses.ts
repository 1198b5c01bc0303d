import type { Knex } from 'knex';

/**
 * Looking a stored file up by its content address: downloads, and the storage sweep asking what is still referred to.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('evidence_files', (t) => t.index(['sha256'], 'evidence_files_sha256_index'));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('evidence_files', (t) => t.dropIndex(['sha256'], 'evidence_files_sha256_index'));
}
