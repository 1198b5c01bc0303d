import { randomUUID } from 'node:crypto';
import { addDays, shanghaiDateOf } from '../domain/calendar';
import { defaultPolicy } from '../domain/policy';
import { apiClient, sampleTerms, seedRegion } from '../scripts/api-client';
import { startLocalStack } from '../scripts/local-stack';

/**
 * GET /me/tasks for a liaison officer whose institution is a party to 500 contracts (50 drafts to
 * sign, 450 in force with open requests, action items, periods part met), among 4,500 contracts of
 * nine other homes, all seeded straight into PostgreSQL. p50/p95 of the API against one bare SQL
 * statement reading the same rows in the same run. Goal (issue 11): p95 ≤ 100 ms.
 */
const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback) || fallback;
const CONTRACTS = arg('contracts', 500);
const OTHER_HOMES = arg('other-homes', 9);
const RUNS = arg('runs', 300);
const HOSPITALS = 50;

type Row = Record<string, unknown>;

async function insertChunked(db: Awaited<ReturnType<typeof startLocalStack>>['db'], table: string, rows: Row[]) {
  for (let i = 0; i < rows.length; i += 1000) await db(table).insert(rows.slice(i, i + 1000));
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;

async function main() {
  const stack = await startLocalStack();
  try {
    const call = apiClient(stack.apiUrl);
    const seed = await seedRegion(call, stack.adminToken, 'TASKS', {});
    const db = stack.db;
    const today = shanghaiDateOf(Date.now());
    const now = Date.now();
    const institution = (kind: 'medical' | 'elderly_care', name: string) => ({
      id: randomUUID(),
      region_code: 'TASKS',
      kind,
      name,
      ...(kind === 'medical'
        ? { medical_level: 'secondary', medical_type: 'hospital' }
        : { care_ownership: 'public', beds: 100, residents: 80 }),
    });
    const hospitals = Array.from({ length: HOSPITALS }, (_, i) => institution('medical', `Bench hospital ${i}`));
    const homes = Array.from({ length: OTHER_HOMES }, (_, i) => institution('elderly_care', `Bench home ${i}`));
    await insertChunked(db, 'institutions', [...hospitals, ...homes]);

    const contracts: Row[] = [];
    const signatures: Row[] = [];
    const meetings: Row[] = [];
    const items: Row[] = [];
    const requests: Row[] = [];
    const visits: Row[] = [];
    const recorder = seed.regulator.user.id;
    for (const careId of [seed.home.id, ...homes.map((h) => h.id)]) {
      for (let i = 0; i < CONTRACTS; i++) {
        const id = randomUUID();
        const hospital = hospitals[i % HOSPITALS]!;
        const draft = i % 10 === 0;
        contracts.push({
          id,
          region_code: 'TASKS',
          medical_institution_id: hospital.id,
          care_institution_id: careId,
          medical_liaison_user_id: seed.hospitalLiaison.user.id,
          care_liaison_user_id: seed.homeLiaison.user.id,
          status: draft ? 'draft' : 'active',
          terms: JSON.stringify(sampleTerms),
          term_start: '2026-01-01',
          term_end: '2029-12-31',
          policy: JSON.stringify(defaultPolicy),
          policy_version: 1,
          signing_deadline: new Date(now + 20 * 86_400_000).toISOString(),
          clock_anchor: new Date(now - 90 * 86_400_000).toISOString(),
          activated_at: draft ? null : new Date(now - 60 * 86_400_000).toISOString(),
          drafted_by: recorder,
        });
        if (draft) {
          signatures.push({
            contract_id: id,
            side: 'medical',
            institution_id: hospital.id,
            user_id: recorder,
            signed_at: new Date(now).toISOString(),
          });
          continue;
        }
        const fact = () => ({ id: randomUUID(), contract_id: id, recorded_by: recorder });
        const meeting = { ...fact(), meeting_date: addDays(today, -20), attendees: '[]', minutes: 'bench' };
        meetings.push(meeting);
        for (const [k, owner] of (['care', 'medical', 'both'] as const).entries())
          items.push({
            id: randomUUID(),
            meeting_id: meeting.id,
            contract_id: id,
            description: `item ${k}`,
            owner_side: owner,
            owner_name: 'bench',
            due_date: addDays(today, k * 5 - 3),
            completed_at: k === 2 && i % 2 === 0 ? new Date(now).toISOString() : null,
          });
        for (const [k, from] of (['medical', 'care', 'medical'] as const).entries())
          requests.push({
            ...fact(),
            from_side: from,
            subject: `request ${k}`,
            body: 'bench',
            raised_date: addDays(today, -k),
            answer_due_date: addDays(today, 12 - k * 6),
            answered_at: k === 2 ? new Date(now).toISOString() : null,
          });
        if (i % 2 === 0)
          visits.push({
            ...fact(),
            visit_date: today,
            staff: '[]',
            services: ['check-up'],
            residents_seen: 5,
            chronic_reexams: 1,
            hours: 2,
          });
      }
    }
    await insertChunked(db, 'contracts', contracts);
    await insertChunked(db, 'contract_signatures', signatures);
    await insertChunked(db, 'meetings', meetings);
    await insertChunked(db, 'action_items', items);
    await insertChunked(db, 'requests', requests);
    await insertChunked(db, 'visits', visits);
    await db.raw('ANALYZE');
    console.log(
      `${contracts.length} contracts (${CONTRACTS} of the liaison's home), ${requests.length} requests, ` +
        `${items.length} action items, ${visits.length} visits; ${RUNS} runs each…`,
    );

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
