import type { Db } from '../platform/db';
import { defaultPolicy } from '../domain/policy';
import { queryNamed } from '../stores/sql-params';
import { sampleTerms } from '../scripts/api-client';

/**
 * A region of `contracts` contracts with three years (2024-01 to 2026-11) of closed obligation
 * periods, visits, docking meetings, requests, referrals, evaluation cycles and rectifications,
 * written straight into PostgreSQL with generate_series: the dashboard's aggregates are what is
 * measured, not the workflows that would have recorded these rows over three years. Ids are
 * md5 of a name, so every statement can find the rows of the ones before without a lookup.
 */
export async function seedDashboardRegion(
  db: Db,
  seed: { regionCode: string; regulatorId: string; liaisonId: string; organizationId: string; contracts: number },
): Promise<void> {
  const n = seed.contracts;
  const params = {
    r: seed.regionCode,
    n,
    homes: Math.round(n * 0.9),
    contractedHomes: Math.round(n * 0.8),
    hospitals: Math.max(1, Math.round(n / 50)),
    liaison: seed.liaisonId,
    regulator: seed.regulatorId,
    org: seed.organizationId,
    terms: JSON.stringify(sampleTerms),
    policy: JSON.stringify(defaultPolicy),
  };
  const id = (kind: string, i: string) => `md5(:r || '-${kind}-' || (${i}))::uuid`;
  const run = (sql: string) => queryNamed(db, sql, params);

  await run(`INSERT INTO institutions (id, region_code, kind, name, medical_level, medical_type)
    SELECT ${id('hospital', 'i')}, :r, 'medical', 'Hospital ' || i, 'secondary', 'hospital'
    FROM generate_series(1, :hospitals) i`);
  await run(`INSERT INTO institutions (id, region_code, kind, name, care_ownership, beds, residents)
    SELECT ${id('home', 'i')}, :r, 'elderly_care', '养老院 ' || i,
           (ARRAY['public', 'private_non_profit', 'private_for_profit'])[1 + i % 3], 100, 40 + i % 60
    FROM generate_series(1, :homes) i`);
  // A tenth of the homes hold no contract (coverage below 1); some hold two.
  await run(`INSERT INTO contracts (id, region_code, medical_institution_id, care_institution_id,
      medical_liaison_user_id, care_liaison_user_id, status, terms, term_start, term_end, policy, policy_version,
      signing_deadline, clock_anchor, drafted_by, activated_at, last_grade)
    SELECT ${id('contract', 'i')}, :r, ${id('hospital', '1 + i % :hospitals')}, ${id('home', '1 + i % :contractedHomes')},
           :liaison, :liaison,
           CASE WHEN i % 50 = 0 THEN 'terminated' WHEN i % 33 = 0 THEN 'rectifying' ELSE 'active' END,
           :terms::jsonb, '2024-01-01', '2028-12-31', :policy::jsonb, 1, '2023-12-01', '2023-12-01', :regulator,
           '2024-01-01', (ARRAY['excellent', 'qualified', 'qualified', 'unqualified'])[1 + i % 4]
    FROM generate_series(1, :n) i`);
  // One visit period a month, one meeting period a quarter, one survey a year; about one in nine missed.
  await run(`INSERT INTO obligation_periods
      (contract_id, obligation, period_key, start_date, end_date, required, actual, met, consecutive_misses)
    SELECT c.id, p.obligation, p.key, p.start_date, p.end_date, 1, m.met::int, m.met, (NOT m.met)::int
    FROM contracts c
    CROSS JOIN LATERAL (
      SELECT 'visit' AS obligation, to_char(d, 'YYYY-MM') AS key, d::date AS start_date,
             (d + interval '1 month' - interval '1 day')::date AS end_date
        FROM generate_series('2024-01-01'::date, '2026-11-01'::date, interval '1 month') d
      UNION ALL
      SELECT 'meeting', to_char(d, 'YYYY') || '-Q' || extract(quarter FROM d), d::date,
             (d + interval '3 months' - interval '1 day')::date
        FROM generate_series('2024-01-01'::date, '2026-07-01'::date, interval '3 months') d
      UNION ALL
      SELECT 'survey', to_char(d, 'YYYY'), d::date, (d + interval '1 year' - interval '1 day')::date
        FROM generate_series('2024-01-01'::date, '2025-01-01'::date, interval '1 year') d) p
    CROSS JOIN LATERAL (SELECT abs(hashtext(c.id::text || p.key || p.obligation)) % 9 <> 0 AS met) m
    WHERE c.region_code = :r`);
  await run(`INSERT INTO visits (id, contract_id, recorded_by, visit_date, staff, services, residents_seen,
      chronic_reexams, hours)
    SELECT md5(op.contract_id::text || op.period_key)::uuid, op.contract_id, :liaison, op.start_date + 9,
           '[{"name":"Dr Li","title":"主治医师"}]', ARRAY['check-up'], 5, 1, 2
    FROM obligation_periods op JOIN contracts c ON c.id = op.contract_id
    WHERE c.region_code = :r AND op.obligation = 'visit' AND op.met`);
  await run(`INSERT INTO meetings (id, contract_id, recorded_by, meeting_date, attendees, minutes)
    SELECT md5(op.contract_id::text || op.period_key)::uuid, op.contract_id, :liaison, op.start_date + 20,
           '[{"name":"A","side":"medical"},{"name":"B","side":"care"}]', 'minutes'
    FROM obligation_periods op JOIN contracts c ON c.id = op.contract_id
    WHERE c.region_code = :r AND op.obligation = 'meeting' AND op.met`);
  // Four requests a contract a year: most answered in time, some late, a few never.
  await run(`INSERT INTO requests (id, contract_id, recorded_by, from_side, subject, body, raised_date,
      answer_due_date, answered_at, answered_by, answer)
    SELECT md5(c.id::text || 'request' || k)::uuid, c.id, :liaison, 'care', 'Request ' || k, 'Please',
           d::date, d::date + 14,
           CASE WHEN h % 20 = 0 THEN NULL ELSE d + make_interval(days => h % 25) END,
           CASE WHEN h % 20 = 0 THEN NULL ELSE :liaison::uuid END, CASE WHEN h % 20 = 0 THEN NULL ELSE 'ok' END
    FROM contracts c CROSS JOIN generate_series(0, 11) k
    CROSS JOIN LATERAL (SELECT '2024-01-05'::date + k * 91 AS d, abs(hashtext(c.id::text || k)) AS h) x
    WHERE c.region_code = :r`);
  await run(`INSERT INTO referrals (id, contract_id, recorded_by, resident_ref, reason, requested_at, responded_at,
      response_seconds, target_minutes, within_target)
    SELECT md5(c.id::text || 'referral' || k)::uuid, c.id, :liaison, 'R-' || k, 'fall', x.at,
           x.at + make_interval(secs => x.s), x.s, 15, x.s <= 900
    FROM contracts c CROSS JOIN generate_series(0, 5) k
    CROSS JOIN LATERAL (SELECT '2024-02-10 09:00+08'::timestamptz + k * interval '182 days' AS at,
                               300 + abs(hashtext(c.id::text || k)) % 1200 AS s) x
    WHERE c.region_code = :r`);
  await run(`INSERT INTO evaluation_cycles (id, region_code, half, deadline, status, launched_by, policy)
    SELECT ${id('cycle', 'h')}, :r, h, '2026-01-01', 'closed', :regulator, '{}'
    FROM unnest(ARRAY['2024-H1', '2024-H2', '2025-H1', '2025-H2', '2026-H1', '2026-H2']) h`);
  await run(`INSERT INTO evaluations (id, cycle_id, contract_id, evaluator_organization_id, status, deadline, grade)
    SELECT md5(c.id::text || h)::uuid, ${id('cycle', 'h')}, c.id, :org, 'graded', '2026-01-01',
           (ARRAY['excellent', 'qualified', 'qualified', 'unqualified'])[1 + abs(hashtext(c.id::text || h)) % 4]
    FROM contracts c CROSS JOIN unnest(ARRAY['2024-H1', '2024-H2', '2025-H1', '2025-H2', '2026-H1', '2026-H2']) h
    WHERE c.region_code = :r`);
  await run(`INSERT INTO rectification_orders (id, contract_id, evaluation_id, region_code, status, findings,
      issued_on, original_deadline, deadline, policy)
    SELECT md5(c.id::text || 'order')::uuid, c.id, md5(c.id::text || '2026-H1')::uuid, :r, 'issued', '[]',
           '2026-08-01', '2026-09-30', CASE WHEN abs(hashtext(c.id::text)) % 2 = 0 THEN '2026-09-30' ELSE '2027-01-31' END
           ::date, '{}'
    FROM contracts c WHERE c.region_code = :r AND c.status = 'rectifying'`);
  // What autovacuum would have done by now: statistics, and the visibility map index-only scans rely on.
  await db.raw('VACUUM ANALYZE');
}
