import { randomUUID } from 'node:crypto';
import { shanghaiDateOf } from '../../domain/calendar';
import { activeContract, createParty, createWorld, draftContract, Party, World } from './fixtures';
import type { TestStack } from './stack';

/**
 * One region whose dashboard figures are known in advance, over the window 2026-01..2026-06.
 * Through the API: the region, its institutions and users, the contracts (three signed, one
 * draft) and a request raised today. Straight SQL, because the workflows would take months to
 * produce them: closed obligation periods, dated visits, requests and referrals of the past,
 * evaluation cycles with grades, rectification orders, revocations, and one contract's status.
 */
export interface DashboardWorld {
  world: World;
  homeB: Party;
  homeC: Party;
  riverside: Party;
  /** C1 yellow (overdue request), C2 red (missed periods), C3 red (overdue rectification), C4 a green draft. */
  c1: string;
  c2: string;
  c3: string;
  c4: string;
}

export const today = () => shanghaiDateOf(Date.now());
export const daysSince = (date: string) => Math.round((Date.parse(today()) - Date.parse(date)) / 86_400_000);

const months = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
const monthEnd = (m: string) =>
  new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5)), 0)).toISOString().slice(0, 10);

export async function dashboardWorld(stack: TestStack): Promise<DashboardWorld> {
  const world = await createWorld(stack);
  const r = world.regionCode;
  const [homeB, homeC, riverside] = await Promise.all([
    createParty(stack, world.regulatorToken, r, 'elderly_care', `Sunrise home ${r}`, 'en'),
    createParty(stack, world.regulatorToken, r, 'elderly_care', `Lonely home ${r}`, 'en'),
    createParty(stack, world.regulatorToken, r, 'medical', `Riverside Hospital ${r}`, 'en'),
  ]);
  const c1 = (await activeContract(stack, world)).id;
  const signed = async (overrides: Record<string, unknown>, tokens: string[]) => {
    const draft = await draftContract(stack, world, overrides);
    for (const token of tokens) {
      const res = await stack.call('POST', `/contracts/${draft.id}/signatures`, { token });
      if (res.status !== 201) throw new Error(`signature: ${res.status} ${JSON.stringify(res.body)}`);
    }
    return draft.id as string;
  };
  const c2 = await signed({ careInstitutionId: homeB.institutionId, careLiaisonUserId: homeB.liaisonId }, [
    world.medical.partyToken,
    homeB.partyToken,
  ]);
  const c3 = await signed(
    { medicalInstitutionId: riverside.institutionId, medicalLiaisonUserId: riverside.liaisonId },
    [riverside.partyToken, world.care.partyToken],
  );
  const c4 = await signed({ careInstitutionId: homeC.institutionId, careLiaisonUserId: homeC.liaisonId }, []);
  await seedHistory(stack, { world, c1, c2, c3, c4, homeB });
  return { world, homeB, homeC, riverside, c1, c2, c3, c4 };
}

async function seedHistory(
  stack: TestStack,
  s: { world: World; c1: string; c2: string; c3: string; c4: string; homeB: Party },
): Promise<void> {
  const db = stack.db;
  const by = s.world.care.liaisonId;
  const regulator = (await db('user_regions').where({ region_code: s.world.regionCode }).first()).user_id;
  const period = (contractId: string, obligation: string, key: string, start: string, end: string, met: boolean) => ({
    contract_id: contractId,
    obligation,
    period_key: key,
    start_date: start,
    end_date: end,
    required: 1,
    actual: met ? 1 : 0,
    met,
    consecutive_misses: met ? 0 : 1,
  });
  const missed: Record<string, string[]> = { [s.c2]: ['2026-01', '2026-02'] };
  const rows = [s.c1, s.c2, s.c3].flatMap((c) => [
    ...months.map((m) => period(c, 'visit', m, `${m}-01`, monthEnd(m), !missed[c]?.includes(m))),
    period(c, 'meeting', '2026-Q1', '2026-01-01', '2026-03-31', c !== s.c2),
    period(c, 'meeting', '2026-Q2', '2026-04-01', '2026-06-30', true),
  ]);
  await db('obligation_periods').insert(rows);
  const visit = (contractId: string, date: string) => ({
    id: randomUUID(),
    contract_id: contractId,
    recorded_by: by,
    visit_date: date,
    staff: JSON.stringify([{ name: 'Dr Li', title: '主治医师' }]),
    services: ['check-up'],
    residents_seen: 5,
    chronic_reexams: 1,
    hours: 2,
  });
  await db('visits').insert([
    ...months.map((m) => visit(s.c1, `${m}-10`)),
    ...months.map((m) => visit(s.c3, `${m}-12`)),
    ...months.slice(2).map((m) => visit(s.c2, `${m}-15`)),
    visit(s.c2, '2026-07-01'), // after the window
  ]);
  const request = (contractId: string, raised: string, due: string, answeredAt: string | null) => ({
    id: randomUUID(),
    contract_id: contractId,
    recorded_by: by,
    from_side: 'care',
    subject: 'Rehabilitation nursing',
    body: 'Please add rehabilitation nursing',
    raised_date: raised,
    answer_due_date: due,
    answered_at: answeredAt,
    answered_by: answeredAt ? by : null,
    answer: answeredAt ? 'Added' : null,
  });
  await db('requests').insert([
    request(s.c1, '2025-11-20', '2025-12-04', '2026-01-05T10:00:00+08:00'), // waited 46 days into the window
    request(s.c1, '2026-03-02', '2026-03-16', null), // still open: the longest wait
    request(s.c2, '2026-02-02', '2026-02-16', '2026-02-10T09:00:00+08:00'),
    request(s.c2, '2026-04-01', '2026-04-15', '2026-05-01T09:00:00+08:00'),
  ]);
  const referral = (contractId: string, at: string, seconds: number) => ({
    id: randomUUID(),
    contract_id: contractId,
    recorded_by: by,
    resident_ref: 'R-1',
    reason: 'fall',
    requested_at: at,
    responded_at: new Date(Date.parse(at) + seconds * 1000).toISOString(),
    response_seconds: seconds,
    target_minutes: 15,
    within_target: seconds <= 900,
  });
  await db('referrals').insert([
    referral(s.c1, '2026-02-10T09:00:00+08:00', 600),
    referral(s.c2, '2026-03-10T09:00:00+08:00', 1200),
    referral(s.c3, '2026-05-10T09:00:00+08:00', 300),
    referral(s.c1, '2025-12-31T23:50:00+08:00', 60), // 2025 in Shanghai
    referral(s.c1, '2026-07-01T00:10:00+08:00', 60), // July in Shanghai, still June in UTC
  ]);

  const [org] = await db('evaluator_organizations')
    .insert({ id: randomUUID(), region_code: s.world.regionCode, name: `Evaluators ${s.world.regionCode}` })
    .returning('id');
  const cycle = async (half: string) =>
    (
      await db('evaluation_cycles')
        .insert({ id: randomUUID(), region_code: s.world.regionCode, half, deadline: '2026-06-30', policy: '{}' })
        .returning('id')
    )[0].id as string;
  const [h1, h2prev] = [await cycle('2026-H1'), await cycle('2025-H2')];
  // Each grade given in 2025 or 2026, and each contract's current grade its last one: the year 2026
  // goes by the same grades once it is over (a subsidy year that is over goes by the grades given
  // by its end) as while it runs.
  const evaluation = async (cycleId: string | null, contractId: string, grade: string | null, gradedAt?: string) =>
    (
      await db('evaluations')
        .insert({
          id: randomUUID(),
          cycle_id: cycleId,
          contract_id: contractId,
          kind: cycleId ? 'regular' : 're-evaluation',
          evaluator_organization_id: org.id,
          deadline: '2026-06-30',
          status: grade ? 'graded' : 'assigned',
          grade,
          graded_at: gradedAt ?? null,
        })
        .returning('id')
    )[0].id as string;
  const e1old = await evaluation(h2prev, s.c1, 'unqualified', '2025-12-20T10:00:00+08:00');
  await evaluation(h1, s.c1, 'excellent', '2026-06-20T10:00:00+08:00');
  const e2 = await evaluation(h1, s.c2, 'unqualified', '2026-06-20T10:00:00+08:00');
  const e3 = await evaluation(h1, s.c3, 'unqualified', '2026-06-20T10:00:00+08:00');
  await evaluation(h1, s.c4, null);
  await db('contracts').where({ id: s.c1 }).update({ last_grade: 'excellent' });
  await db('contracts').where({ id: s.c2 }).update({ last_grade: 'unqualified' });
  // Rectifying and graded Qualified since by a re-evaluation (the workflow would take a
  // rectification's months to get here).
  await evaluation(null, s.c3, 'qualified', '2026-09-15T10:00:00+08:00');
  await db('contracts').where({ id: s.c3 }).update({ last_grade: 'qualified', status: 'rectifying' });
  const order = async (contractId: string, evaluationId: string, deadline: string, closed: boolean) =>
    (
      await db('rectification_orders')
        .insert({
          id: randomUUID(),
          contract_id: contractId,
          evaluation_id: evaluationId,
          region_code: s.world.regionCode,
          status: closed ? 'closed' : 'issued',
          outcome: closed ? 'closed' : null,
          closed_at: closed ? '2026-03-01T00:00:00+08:00' : null,
          findings: '[]',
          issued_on: '2026-01-10',
          original_deadline: deadline,
          deadline,
          policy: '{}',
        })
        .returning('id')
    )[0].id as string;
  const closed = await order(s.c1, e1old, '2026-03-10', true);
  const open = await order(s.c2, e2, '2099-03-31', false);
  await order(s.c3, e3, '2026-10-31', false);
  const revocation = (rectificationId: string, at: string) => ({
    institution_id: s.homeB.institutionId,
    region_code: s.world.regionCode,
    rectification_id: rectificationId,
    revoked_at: at,
    revoked_by: regulator,
  });
  await db('qualification_revocations').insert([
    revocation(open, '2026-04-01T10:00:00+08:00'),
    revocation(closed, '2025-12-15T10:00:00+08:00'),
  ]);
}
