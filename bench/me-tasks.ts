import { startLocalStack } from '../scripts/local-stack';
import { explainTasks } from './me-tasks-explain';
import { seedTaskBench, type Shape } from './me-tasks-seed';

/**
 * GET /me/tasks for a liaison officer whose institution is a party to 500 contracts (50 drafts to
 * sign, 450 in force), among 4,500 contracts of nine other homes (bench/me-tasks-seed.ts; --shape=
 * worst, the default, or realistic). p50/p95 of the API against one bare SQL
 * statement reading the same rows in the same run. Goal (issue 11): p95 ≤ 100 ms.
 */
const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback) || fallback;
const CONTRACTS = arg('contracts', 500);
const OTHER_HOMES = arg('other-homes', 9);
const RUNS = arg('runs', 300);
const SHAPE: Shape = process.argv.includes('--shape=realistic') ? 'realistic' : 'worst';
/** --explain: EXPLAIN (ANALYZE, BUFFERS) of every statement one GET /me/tasks runs, before timing. */
const EXPLAIN = process.argv.includes('--explain');

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;

async function main() {
  const stack = await startLocalStack();
  try {
    const db = stack.db;
    const { seed, summary } = await seedTaskBench(stack, {
      contracts: CONTRACTS,
      otherHomes: OTHER_HOMES,
      shape: SHAPE,
    });
    console.log(`${summary} (shape ${SHAPE}, ${CONTRACTS} contracts of the liaison's home); ${RUNS} runs each…`);
    if (EXPLAIN) await explainTasks(stack, seed.homeLiaison.user.id);

    const token = seed.homeLiaison.token;
    const api = async () => {
      const res = await fetch(`${stack.apiUrl}/me/tasks?pageSize=50`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!res.ok) throw new Error(`GET /me/tasks → ${res.status}`);
      return (await res.json()) as { total: number };
    };
    // The same rows, read by one statement with no policy arithmetic: contracts, counterparts,
    // signatures, facts of the current periods, open requests and action items.
    const bare = () =>
      db.raw(
        `SELECT c.id, c.status, c.policy, m.name, k.name,
                ARRAY(SELECT s.side FROM contract_signatures s WHERE s.contract_id = c.id) AS signed,
                (SELECT count(*) FROM visits v WHERE v.contract_id = c.id
                   AND v.visit_date >= date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')::date) AS visits,
                (SELECT count(*) FROM meetings g WHERE g.contract_id = c.id
                   AND g.meeting_date >= date_trunc('quarter', now() AT TIME ZONE 'Asia/Shanghai')::date) AS meetings,
                (SELECT count(*) FROM surveys s WHERE s.contract_id = c.id
                   AND s.survey_date >= date_trunc('year', now() AT TIME ZONE 'Asia/Shanghai')::date) AS surveys,
                (SELECT json_agg(json_build_object('id', r.id, 'due', r.answer_due_date, 'from', r.from_side))
                   FROM requests r WHERE r.contract_id = c.id AND r.answered_at IS NULL) AS requests,
                (SELECT json_agg(json_build_object('id', a.id, 'due', a.due_date, 'owner', a.owner_side))
                   FROM action_items a WHERE a.contract_id = c.id AND a.completed_at IS NULL) AS items
           FROM contracts c
           JOIN institutions m ON m.id = c.medical_institution_id
           JOIN institutions k ON k.id = c.care_institution_id
          WHERE (c.medical_institution_id = ? OR c.care_institution_id = ?)
            AND c.status IN ('draft', 'active', 'rectifying')`,
        [seed.home.id, seed.home.id],
      );
    const measure = async (run: () => Promise<unknown>, times: number[]) => {
      for (let i = 0; i < RUNS / 2; i++) {
        const t0 = process.hrtime.bigint();
        await run();
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    };
    const { total } = await api();
    for (let i = 0; i < 20; i++) await Promise.all([api(), bare()]);
    // In alternating halves, so neither side gets the quieter moments of a shared machine.
    const apiTimes: number[] = [];
    const bareTimes: number[] = [];
    await measure(api, apiTimes);
    await measure(bare, bareTimes);
    await measure(api, apiTimes);
    await measure(bare, bareTimes);
    apiTimes.sort((x, y) => x - y);
    bareTimes.sort((x, y) => x - y);
    const p = (t: number[], q: number) => percentile(t, q).toFixed(1);
    const p95 = percentile(apiTimes, 0.95);
    console.log(`
GET /me/tasks, liaison officer of an institution with ${CONTRACTS} contracts (${total} open tasks; page of 50):
  API (HTTP, auth, SQL, policy rules, sort)   p50 ${p(apiTimes, 0.5)} ms   p95 ${p(apiTimes, 0.95)} ms
  bare SQL over the same rows                 p50 ${p(bareTimes, 0.5)} ms   p95 ${p(bareTimes, 0.95)} ms
  ratio API / bare (p95)                      ${(p95 / percentile(bareTimes, 0.95)).toFixed(2)}
  goal p95 ≤ 100 ms: ${p95 <= 100 ? 'met' : 'NOT met'}
`);
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
