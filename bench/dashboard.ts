import { startLocalStack } from '../scripts/local-stack';
import { apiClient, seedRegion } from '../scripts/api-client';
import { seedDashboardRegion } from './dashboard-seed';

/**
 * Issue 11: the regional dashboard over a region of 10,000 contracts with three years of facts,
 * p50/p95 of the API against a bare SQL aggregate over the same rows in the same run
 * (goal: p95 ≤ 300 ms and ≤ 3× bare). Also times the per-contract table and its export.
 */
const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]) || fallback;
const CONTRACTS = arg('contracts', 10_000);
const RUNS = arg('runs', 40);
const REGION = 'DASH';
const WINDOW = { from: '2025-12', to: '2026-11', startDate: '2025-12-01', endDate: '2026-11-30' };

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
async function timed(runs: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn(); // warm-up: plans cached, pages in memory
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: quantile(ms, 0.5), p95: quantile(ms, 0.95) };
}

async function main() {
  const stack = await startLocalStack();
  try {
    const call = apiClient(stack.apiUrl);
    const seed = await seedRegion(call, stack.adminToken, REGION, {});
    const org = await call('POST', '/evaluator-organizations', seed.regulator.token, {
      regionCode: REGION,
      name: 'Bench evaluators',
    });
    const t0 = Date.now();
    await seedDashboardRegion(stack.db, {
      regionCode: REGION,
      regulatorId: seed.regulator.user.id,
      liaisonId: seed.homeLiaison.user.id,
      organizationId: org.id,
      contracts: CONTRACTS,
    });
    const counts = await stack.db.raw(`SELECT
      (SELECT count(*) FROM contracts) AS contracts, (SELECT count(*) FROM obligation_periods) AS periods,
      (SELECT count(*) FROM visits) AS visits, (SELECT count(*) FROM meetings) AS meetings,
      (SELECT count(*) FROM requests) AS requests, (SELECT count(*) FROM referrals) AS referrals,
      (SELECT count(*) FROM evaluations) AS evaluations`);
    console.log(`seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s:`, counts.rows[0]);

    const get = async (path: string) => {
      const res = await fetch(`${stack.apiUrl}${path}`, {
        headers: { authorization: `Bearer ${seed.regulator.token}` },
      });
      if (!res.ok) throw new Error(`${path} → ${res.status} ${await res.text()}`);
      return res.arrayBuffer();
    };
    const window = `from=${WINDOW.from}&to=${WINDOW.to}`;
    const dashboard = await timed(RUNS, () => get(`/regions/${REGION}/dashboard?${window}`));
    // The floor: one plain aggregate over the same rows the dashboard reads (the window's periods, visits,
    // requests and referrals of the region's contracts), straight to PostgreSQL, no HTTP, no JSON.
    const bare = await timed(RUNS, () =>
      stack.db.raw(
        `WITH rc AS (SELECT id FROM contracts WHERE region_code = ?)
         SELECT (SELECT count(*) FILTER (WHERE met) FROM obligation_periods op JOIN rc ON rc.id = op.contract_id
                  WHERE op.end_date BETWEEN ?::date AND ?::date) AS periods_met,
                (SELECT count(*) FROM visits v JOIN rc ON rc.id = v.contract_id
                  WHERE v.visit_date BETWEEN ?::date AND ?::date) AS visits,
                (SELECT count(answered_at) FROM requests q JOIN rc ON rc.id = q.contract_id
                  WHERE q.raised_date BETWEEN ?::date AND ?::date) AS answered,
                (SELECT count(*) FILTER (WHERE within_target) FROM referrals f JOIN rc ON rc.id = f.contract_id
                  WHERE f.requested_at >= ?::date AND f.requested_at < ?::date + 1) AS within`,
        [REGION, ...Array(4).fill([WINDOW.startDate, WINDOW.endDate]).flat()],
      ),
    );
    const rows = await timed(Math.min(RUNS, 20), () =>
      get(`/regions/${REGION}/dashboard/contracts?${window}&light=red&pageSize=50`),
    );
    const xlsx = await timed(5, () => get(`/regions/${REGION}/dashboard/contracts/export?${window}&format=xlsx`));
    const ratio = dashboard.p95 / bare.p95;
    const met = dashboard.p95 <= 300 && ratio <= 3;
    const f = (x: { p50: number; p95: number }) =>
      `p50 ${x.p50.toFixed(0).padStart(5)} ms   p95 ${x.p95.toFixed(0).padStart(5)} ms`;
    console.log(`
regional dashboard, ${CONTRACTS} contracts with three years of facts, window ${WINDOW.from}..${WINDOW.to}, ${RUNS} runs:
  GET /regions/${REGION}/dashboard            ${f(dashboard)}
  bare SQL aggregate, same rows            ${f(bare)}
  ratio p95 dashboard / bare               ${ratio.toFixed(2)}   (goal p95 ≤ 300 ms and ≤ 3× bare: ${met ? 'met' : 'NOT met'})
  GET …/dashboard/contracts?light=red      ${f(rows)}
  GET …/dashboard/contracts/export (xlsx)  ${f(xlsx)}
`);
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
