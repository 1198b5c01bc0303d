import { migrateLatest } from '../migrations';
import { createConfig, requireSetting } from '../platform/config';
import { createDb } from '../platform/db';

async function main() {
  const db = createDb(requireSetting(createConfig().databaseUrl, 'DATABASE_URL'));
  try {
    await migrateLatest(db);
    console.log('migrations are up to date');
  } finally {
    await db.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
