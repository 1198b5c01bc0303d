import type { LocalStack } from '../scripts/local-stack';

const eventTimes = (
  events: { eventType?: unknown; eventTime?: { seconds?: unknown; nanos?: number | null } | null }[],
) =>
  events.map(
    (e) =>
      `${e.eventType}@` +
      new Date(Number(e.eventTime!.seconds) * 1000 + Math.round((e.eventTime!.nanos ?? 0) / 1e6))
        .toISOString()
        .slice(14, 23),
  );

/**
 * BENCH_DEBUG=1: where a cycle's fan-out spent its time — pages by second, the last run's events,
 * one child's history, and the server counters per child that differ most from the bare fan-out.
 */
export async function printCycleDiagnostics(
  stack: LocalStack,
  cycleId: string,
  started: number,
  children: number,
  bare: Map<string, number>,
  cycle: Map<string, number>,
) {
  const pages = await stack
    .db('evaluations')
    .where({ cycle_id: cycleId })
    .select(stack.db.raw("date_trunc('second', created_at) as s"))
    .count({ n: '*' })
    .groupBy('s')
    .orderBy('s');
  console.log(
    'launched',
    new Date(started).toISOString(),
    'evaluation rows by second',
    pages.map((p: any) => `${new Date(p.s).toISOString().slice(11, 19)}:${p.n}`).join(' '),
  );
  const run = await stack.temporal.workflow.getHandle(`evaluation-cycle-${cycleId}`).fetchHistory();
  console.log(
    'last run events',
    eventTimes(run.events!)
      .filter((_, i, a) => i < 12 || i > a.length - 8)
      .join(' '),
  );
  const anEvaluation = await stack.db('evaluations').where({ cycle_id: cycleId }).first();
  const child = await stack.temporal.workflow
    .getHandle(`evaluation-${cycleId}-${anEvaluation.contract_id}`)
    .fetchHistory();
  console.log(
    'an evaluation child:',
    JSON.stringify(child).length,
    'bytes of history,',
    eventTimes(child.events!).join(' '),
  );
  const rows = [...new Set([...cycle.keys(), ...bare.keys()])].map((k) => ({
    k,
    bare: (bare.get(k) ?? 0) / children,
    cycle: (cycle.get(k) ?? 0) / children,
  }));
  rows.sort((a, b) => Math.abs(b.cycle - b.bare) - Math.abs(a.cycle - a.bare));
  console.log(
    'server counters per child (bare before → cycle), largest differences first:\n' +
      rows
        .slice(0, 40)
        .map((r) => `  ${r.bare.toFixed(2).padStart(12)} → ${r.cycle.toFixed(2).padStart(12)}  ${r.k}`)
        .join('\n'),
  );
}
