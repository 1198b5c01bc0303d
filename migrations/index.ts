import type { Knex } from 'knex';
import * as foundation from './20261122090000_foundation';
import * as obligations from './20261122100000_obligations';
import * as evaluations from './20261122110000_evaluations';
import * as rectifications from './20261122120000_rectifications';
import * as evidenceFileAddresses from './20261122130000_evidence_file_addresses';
import * as userDeactivation from './20261123090000_user_deactivation';
import * as auditHashChain from './20261123100000_audit_hash_chain';
import * as signIn from './20261202090000_sign_in';
import * as workQueue from './20261202091000_work_queue';
import * as dashboardIndexes from './20261202100000_dashboard_indexes';
import * as workQueueMisses from './20261202110000_work_queue_misses';
import * as representations from './20261203090000_representations';
import * as itemizedFindings from './20261203091000_itemized_findings';
import * as agreementObligations from './20261203092000_agreement_obligations';
import * as agreementTemplatesCapacity from './20261203093000_agreement_templates_capacity';
import * as approvalAndRenewalProposals from './20261203094000_approval_and_renewal_proposals';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/** Listed explicitly so migrations run the same from ts source (tests) and compiled js (production). */
const migrations: Record<string, Migration> = {
  '20261122090000_foundation': foundation,
  '20261122100000_obligations': obligations,
  '20261122110000_evaluations': evaluations,
  '20261122120000_rectifications': rectifications,
  '20261122130000_evidence_file_addresses': evidenceFileAddresses,
  '20261123090000_user_deactivation': userDeactivation,
  '20261123100000_audit_hash_chain': auditHashChain,
  '20261202090000_sign_in': signIn,
  '20261202091000_work_queue': workQueue,
  '20261202100000_dashboard_indexes': dashboardIndexes,
  '20261202110000_work_queue_misses': workQueueMisses,
  '20261203090000_representations': representations,
  '20261203091000_itemized_findings': itemizedFindings,
  '20261203092000_agreement_obligations': agreementObligations,
  '20261203093000_agreement_templates_capacity': agreementTemplatesCapacity,
  '20261203094000_approval_and_renewal_proposals': approvalAndRenewalProposals,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations).sort(),
  getMigrationName: (name) => name,
  getMigration: async (name) => {
    const migration = migrations[name];
    if (!migration) throw new Error(`unknown migration ${name}`);
    return migration;
  },
};

export async function migrateLatest(db: Knex): Promise<void> {
  await db.migrate.latest({ migrationSource });
}
