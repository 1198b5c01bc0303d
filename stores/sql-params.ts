import type { DbOrTx } from '../platform/db';

/**
 * Runs SQL written with `:name` parameters (a `::type` cast is left alone) as a knex raw
 * query, so a long aggregate can name each value once instead of counting question marks.
 */
export async function queryNamed<T>(db: DbOrTx, sql: string, params: Record<string, unknown>): Promise<T[]> {
  const values: unknown[] = [];
  const text = sql.replace(/(?<![:\w]):([a-zA-Z]\w*)/g, (_match, name: string) => {
    if (!Object.hasOwn(params, name)) throw new Error(`no value for :${name}`);
    values.push(params[name]);
    return '?';
  });
  return (await db.raw(text, values as never[])).rows as T[];
}

/** Trusted constants (domain lists) as an SQL list of string literals. */
export const sqlList = (values: readonly string[]) => values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');

/** `q` as an ILIKE pattern matching it anywhere, its own % and _ taken literally. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
