import { lightConditions, litColours, type LightSignals } from '../domain/contract-lights';
import type { DashboardPolicy } from '../domain/policy';

/**
 * The domain's light rule (domain/contract-lights.ts lightConditions) as an SQL CASE over the columns
 * holding each signal, so a table can be filtered and paged by light in PostgreSQL. Generated from the
 * same conditions lightOf applies, thresholds bound as values; the service checks the two agree on
 * every row it returns.
 */
export function lightSql(
  policy: Pick<DashboardPolicy, 'lights'>,
  column: Record<keyof LightSignals, string>,
): { sql: string; bindings: number[] } {
  const conditions = lightConditions(policy);
  const bindings: number[] = [];
  const branches = litColours.flatMap((colour) => {
    const holding = conditions
      .filter((c) => c.light === colour)
      .map((c) => {
        bindings.push(c.atLeast);
        return `${column[c.signal]} >= ?::int`;
      });
    return holding.length === 0 ? [] : [`WHEN ${holding.join(' OR ')} THEN '${colour}'`];
  });
  return { sql: `CASE ${branches.join(' ')} ELSE 'green' END`, bindings };
}
