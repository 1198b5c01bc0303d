import { createConfig } from '../platform/config';
import { createDb } from '../platform/db';
import { embeddedPgUrl } from '../platform/embedded-postgres';
import { verifyAuditChain } from '../stores/audit-chain';

/** Exit codes: 0 the chain holds, 1 it is broken (the first broken row is named), 2 it could not be read. */
async function main(): Promise<number> {
  const config = createConfig();
  const databaseUrl = config.databaseUrl ?? embeddedPgUrl(config.embeddedPgPort, 'carepact');
  const where = databaseUrl.replace(/:[^:@/]+@/, ':***@');
  const db = createDb(databaseUrl, { min: 0, max: 1 });
  try {
    const verdict = await verifyAuditChain(db);
    if (verdict.ok) {
      console.log(
        `audit chain OK: ${verdict.rows} rows verified in ${where}; head hash ${verdict.headHash ?? '(empty log)'}`,
      );
      return 0;
    }
    const { broken } = verdict;
    console.error(
      `audit chain BROKEN at row id ${broken.id} (${broken.entityType} ${broken.entityId}): ${broken.problem}`,
    );
    console.error(`${verdict.rowsBeforeBreak} rows before it verify; nothing from row ${broken.id} on is proven.`);
    return 1;
  } catch (error) {
    const hint = config.databaseUrl
      ? ''
      : ' (DATABASE_URL is unset, so this is where `npm start` runs its embedded PostgreSQL: ' +
        'start it, or set DATABASE_URL)';
    console.error(`cannot read the audit log at ${where}${hint}: ${(error as Error).message}`);
    return 2;
  } finally {
    await db.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
