import { lightOf, type LightSignals } from '../../domain/contract-lights';
import { defaultDashboardPolicy } from '../../domain/policy';
import { lightSql } from '../../stores/contract-light-sql';

/**
 * The SQL the per-contract table filters by is generated from the domain's conditions; here it is read back
 * (CASE WHEN a >= ? OR … THEN 'red' … ELSE 'green' END) and evaluated on every combination of small signals,
 * under two policies, against lightOf. test/integration/regional-dashboard.test.ts runs it in PostgreSQL.
 */
const column = { missedPeriods: 'missed', overdueRequests: 'requests', overdueRectifications: 'rectifications' };
const signalOf = Object.fromEntries(Object.entries(column).map(([signal, name]) => [name, signal])) as Record<
  string,
  keyof LightSignals
>;

function evaluate({ sql, bindings }: { sql: string; bindings: number[] }, signals: LightSignals): string {
  const match = /^CASE (.*) ELSE 'green' END$/.exec(sql);
  if (!match) throw new Error(`not a CASE: ${sql}`);
  let next = 0;
  for (const branch of match[1]!.split(/ ?WHEN /).filter(Boolean)) {
    const [, condition, colour] = /^(.*) THEN '(\w+)'$/.exec(branch)!;
    const holds = condition!.split(' OR ').map((term) => {
      const [, name] = /^(\w+) >= \?::int$/.exec(term)!;
      return signals[signalOf[name!]!] >= bindings[next++]!;
    });
    if (holds.some(Boolean)) return colour!;
  }
  return 'green';
}

describe('the light rule in SQL', () => {
  const lenient = {
    lights: { redOverdueRectifications: 2, redMissedPeriods: 4, yellowMissedPeriods: 3, yellowOverdueRequests: 2 },
  };
  it.each([
    ['the default policy', defaultDashboardPolicy],
    ['a lenient policy', lenient],
  ])('gives the light lightOf gives on every sample, under %s', (_name, policy) => {
    const sql = lightSql(policy, column);
    expect(sql.bindings).toHaveLength(4);
    for (let missedPeriods = 0; missedPeriods <= 5; missedPeriods++)
      for (let overdueRequests = 0; overdueRequests <= 3; overdueRequests++)
        for (let overdueRectifications = 0; overdueRectifications <= 3; overdueRectifications++) {
          const signals = { missedPeriods, overdueRequests, overdueRectifications };
          expect([signals, evaluate(sql, signals)]).toEqual([signals, lightOf(signals, policy).light]);
        }
  });
});
