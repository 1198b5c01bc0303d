import { randomUUID } from 'node:crypto';
import { addDays, periodContaining, type PeriodKind, previousPeriod, shanghaiDateOf } from '../domain/calendar';
import { defaultPolicy } from '../domain/policy';
import { apiClient, sampleTerms, seedRegion } from '../scripts/api-client';
import type { startLocalStack } from '../scripts/local-stack';

/**
 * The work-queue bench's data, seeded straight into PostgreSQL: the liaison officer's home is a
 * party to `contracts` contracts (one in ten a draft to sign), among as many of each other home.
 * Shape 'worst': every contract in force owes all three obligations, has two open requests
 * and two or three open action items (about 4.7 open tasks per contract). Shape 'realistic':
 * most periods met, one open request on a third of the contracts and one open action item on
 * half of them, in force for a year (about 1.3 per contract). Both carry a year of closed
 * periods, some missed.
 */
export type Shape = 'worst' | 'realistic';
type Stack = Awaited<ReturnType<typeof startLocalStack>>;
type Row = Record<string, unknown>;

async function insertChunked(db: Stack['db'], table: string, rows: Row[]) {
  for (let i = 0; i < rows.length; i += 1000) await db(table).insert(rows.slice(i, i + 1000));
}

/** The last `count` closed periods before today's, every fourth one missed. */
function closedPeriods(contractId: string, obligation: string, kind: PeriodKind, today: string, count: number): Row[] {
  const rows: Row[] = [];
  let period = previousPeriod(periodContaining(kind, today));
  for (let k = 0; k < count; k++, period = previousPeriod(period)) {
    const met = k % 4 !== 1;
    rows.push({
      contract_id: contractId,
      obligation,
      period_key: period.key,
      start_date: period.start,
      end_date: period.end,
      required: 1,
      actual: met ? 1 : 0,
      met,
      consecutive_misses: met ? 0 : 1,
    });
  }
  return rows;
}

export async function seedTaskBench(stack: Stack, opts: { contracts: number; otherHomes: number; shape: Shape }) {
  const call = apiClient(stack.apiUrl);
  const seed = await seedRegion(call, stack.adminToken, 'TASKS', {});
  const db = stack.db;
  const today = shanghaiDateOf(Date.now());
  const now = Date.now();
  const worst = opts.shape === 'worst';
  const institution = (kind: 'medical' | 'elderly_care', name: string) => ({
    id: randomUUID(),
    region_code: 'TASKS',
    kind,
    name,
    ...(kind === 'medical'
      ? { medical_level: 'secondary', medical_type: 'hospital' }
      : { care_ownership: 'public', beds: 100, residents: 80 }),
  });
  const hospitals = Array.from({ length: 50 }, (_, i) => institution('medical', `Bench hospital ${i}`));
  const homes = Array.from({ length: opts.otherHomes }, (_, i) => institution('elderly_care', `Bench home ${i}`));
  await insertChunked(db, 'institutions', [...hospitals, ...homes]);

  const t: Record<string, Row[]> = {};
  const add = (table: string, ...rows: Row[]) => (t[table] ??= []).push(...rows);
  const recorder = seed.regulator.user.id;
  for (const careId of [seed.home.id, ...homes.map((h) => h.id)]) {
    for (let i = 0; i < opts.contracts; i++) {
      const id = randomUUID();
      const hospital = hospitals[i % hospitals.length]!;
      const draft = i % 10 === 0;
      add('contracts', {
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
        clock_anchor: new Date(now - (worst ? 90 : 400) * 86_400_000).toISOString(),
        activated_at: draft ? null : new Date(now - (worst ? 60 : 380) * 86_400_000).toISOString(),
        drafted_by: recorder,
      });
      if (draft) {
        add('contract_signatures', {
          contract_id: id,
          side: 'medical',
          institution_id: hospital.id,
          user_id: recorder,
          signed_at: new Date(now).toISOString(),
        });
        continue;
      }
      add('obligation_periods', ...closedPeriods(id, 'visit', 'month', today, 12));
      add('obligation_periods', ...closedPeriods(id, 'meeting', 'quarter', today, 4));
      const fact = () => ({ id: randomUUID(), contract_id: id, recorded_by: recorder });
      const meeting = { ...fact(), meeting_date: addDays(today, -20), attendees: '[]', minutes: 'bench' };
      if (worst || i % 5 !== 1) add('meetings', meeting);
      else add('meetings', { ...meeting, meeting_date: addDays(today, -200) });
      for (const [k, owner] of (['care', 'medical', 'both'] as const).entries())
        add('action_items', {
          id: randomUUID(),
          meeting_id: meeting.id,
          contract_id: id,
          description: `item ${k}`,
          owner_side: worst ? owner : 'care',
          owner_name: 'bench',
          due_date: addDays(today, k * 5 - 3),
          completed_at: (worst ? k === 2 && i % 2 === 0 : k > 0 || i % 2 === 1) ? new Date(now).toISOString() : null,
        });
      for (const [k, from] of (['medical', 'care', 'medical'] as const).entries())
        add('requests', {
          ...fact(),
          from_side: from,
          subject: `request ${k}`,
          body: 'bench',
          raised_date: addDays(today, -k),
          answer_due_date: addDays(today, 12 - k * 6),
          answered_at: (worst ? k === 2 : k > 0 || i % 3 !== 0) ? new Date(now).toISOString() : null,
        });
      if (worst ? i % 2 === 0 : i % 5 !== 0)
        add('visits', {
          ...fact(),
          visit_date: today,
          staff: '[]',
          services: ['check-up'],
          residents_seen: 5,
          chronic_reexams: 1,
          hours: 2,
        });
      if (!worst && i % 10 !== 2) add('surveys', { ...fact(), survey_date: today, respondents: 30, summary: 'bench' });
    }
  }
  for (const table of [
    'contracts',
    'contract_signatures',
    'obligation_periods',
    'meetings',
    'action_items',
    'requests',
    'visits',
    'surveys',
  ])
    await insertChunked(db, table, t[table] ?? []);
  await db.raw('ANALYZE');
  const counts = Object.entries(t).map(([table, rows]) => `${rows.length} ${table}`);
  return { seed, summary: counts.join(', ') };
}
