import { createTaskService } from '../api/features/tasks/task-service';
import type { ApiDeps } from '../api/api-deps';
import type { Db } from '../platform/db';
import type { startLocalStack } from '../scripts/local-stack';
import { findUsers } from '../stores/user-store';

/**
 * Runs the work queue once for the user through a connection that first has PostgreSQL explain
 * each statement (EXPLAIN ANALYZE, BUFFERS), then runs it for real, so the plans printed are the
 * plans of exactly the statements GET /me/tasks sends, with its bindings.
 */
export async function explainTasks(stack: Awaited<ReturnType<typeof startLocalStack>>, userId: string) {
  const db = stack.db;
  const explaining = {
    raw: async (sql: string, bindings: unknown) => {
      const { rows } = await db.raw(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, bindings as never);
      const plan = rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
      console.log(`\n--- ${sql.replace(/\s+/g, ' ').slice(0, 110)}…\n${plan}`);
      return db.raw(sql, bindings as never);
    },
  } as unknown as Db;
  const [user] = await findUsers(db, [userId]);
  const tasks = createTaskService({ db: explaining } as ApiDeps);
  const page = await tasks.list(user!, { page: 1, pageSize: 50 });
  console.log(`\n${page.total} open tasks explained.\n`);
}
