import { cite } from '../../domain/sources';
import { contractWorkflowId } from '../../messages/contract-messages';
import type { CapturedMail } from '../../platform/mail-catcher';
import { countRows } from '../support/db-counts';
import { activeContract, agreementTerms, contractBody, createWorld, eventually, World } from '../support/fixtures';
import { policyClockOf } from '../support/policy-time';
import { recordHistory } from '../support/record-history';
import { startStack, TestStack } from '../support/stack';
import { termFromToday } from '../support/term-dates';

// A policy day passes in 50 ms: a month in ~1.5 s, the year-long term in ~18 s.
const TIME_SCALE = 1_728_000;
// Each contract's calendar starts at today's date, so its term starts on the first 1 January at
// least 60 policy days (3 s, time to sign) after it: the months are January, February… as the
// mails name them, and the year-long term holds whole quarters and one calendar year. Up to ~14
// months of policy time (~21 s) pass idle before it.
const { termStart, termEnd, dayIn, monthOf, monthEndOf, quarterOf } = termFromToday({
  startsOn: 'year',
  headStartDays: 60,
  months: 12,
});
const YEAR = termStart.slice(0, 4);

let stack: TestStack;
let world: World;

beforeAll(async () => {
  stack = await startStack();
  world = await createWorld(stack, { timeScale: TIME_SCALE, signing: { windowDays: 60 } });
  // The first contract of a fresh stack is slow to start; the tests' contracts must be active before their term.
  await activeContract(stack, world, { termStart, termEnd: monthEndOf(0) });
});
afterAll(async () => stack?.stop());

const template = (m: CapturedMail) => m.headers['x-carepact-template'];

function termsWith(visitFrequency: Partial<typeof agreementTerms.visitFrequency>, communication?: object) {
  return {
    ...agreementTerms,
    visitFrequency: { ...agreementTerms.visitFrequency, ...visitFrequency },
    ...(communication ? { communication } : {}),
  };
}

function recorder(contractId: string) {
  return async (token: string, route: string, body: unknown) => {
    const res = await stack.call('POST', `/contracts/${contractId}${route}`, { token, body });
    if (res.status !== 201) throw new Error(`POST ${route} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
}

const visit = (visitDate: string, chronicDiseaseReexams = 0) => ({
  visitDate,
  staff: [{ name: 'Dr Li', title: '主治医师' }],
  services: ['巡诊'],
  residentsSeen: 10,
  chronicDiseaseReexams,
  hours: 2,
});

const meeting = (meetingDate: string, cadence: 'monthly' | 'quarterly') => ({
  meetingDate,
  cadence,
  attendees: [
    { name: 'Dr Li', side: 'medical' },
    { name: '王主任', side: 'care' },
  ],
  minutes: `${cadence} docking meeting`,
});

async function periodRow(contractId: string, obligation: string, periodKey: string, timeoutMs = 30_000) {
  return eventually(
    () => stack.db('obligation_periods').where({ contract_id: contractId, obligation, period_key: periodKey }).first(),
    `${obligation} ${periodKey} to close`,
    timeoutMs,
  );
}

const row = (r: Record<string, unknown>) => ({ required: r.required, actual: r.actual, met: r.met });

it("holds a contract agreeing 2 visits a month to 2: one visit misses the month and the warning says '2 required, 1 recorded'", async () => {
  const contract = await activeContract(stack, world, {
    termStart,
    termEnd: monthEndOf(2),
    terms: termsWith({ homeVisitsPerMonth: 2, emergencyReferralResponseMinutes: 10 }),
  });
  const time = policyClockOf(contract, TIME_SCALE);
  const post = recorder(contract.id);
  const handle = stack.temporal.workflow.getHandle(contractWorkflowId(contract.id));
  const firstRunId = (await handle.describe()).runId;
  await time.sleepUntil(dayIn(0, 5));
  await post(world.medical.liaisonToken, '/visits', visit(dayIn(0, 5)));
  // A fact may not lie after the contract's today: the referral waits for its day.
  await time.sleepUntil(dayIn(0, 6));
  // The referral is judged against the 10 minutes the contract agreed, not the policy's 15.
  const referral = await post(world.care.liaisonToken, '/referrals', {
    residentRef: 'R-3',
    reason: 'fall',
    requestedAt: `${dayIn(0, 6)}T02:00:00+08:00`,
    respondedAt: `${dayIn(0, 6)}T02:12:00+08:00`,
  });
  expect(referral).toMatchObject({ targetMinutes: 10, withinTarget: false, responseMinutes: 12 });

  expect(row(await periodRow(contract.id, 'visit', monthOf(0)))).toEqual({ required: 2, actual: 1, met: false });
  expect(row(await periodRow(contract.id, 'referral', monthOf(0)))).toEqual({ required: 1, actual: 0, met: false });

  const aboutVisits = (m: CapturedMail) =>
    template(m) === 'obligation-missed-warning' &&
    m.text!.includes(contract.id) &&
    m.text!.includes(monthOf(0)) &&
    /home visits|上门服务/.test(m.subject);
  const warnings = await stack.mail.waitFor(aboutVisits, { count: 2, timeoutMs: 20_000 });
  const to = Object.fromEntries(warnings.map((m) => [m.envelopeTo[0], m]));
  expect(Object.keys(to).sort()).toEqual([world.care.liaisonEmail, world.medical.liaisonEmail].sort());
  const en = to[world.medical.liaisonEmail]!;
  const parties = `Central Hospital ${world.regionCode} — 幸福养老院 ${world.regionCode}`;
  expect(en.subject).toBe(`[CarePact] Warning: home visits for January ${YEAR} missed (${parties})`);
  expect(en.text).toContain(
    `The home visits for January ${YEAR} (${YEAR}-01) were not completed by ${YEAR}-01-31 (2 required, 1 recorded), ` +
      'so the period is recorded as missed. This warning goes to both liaison officers.',
  );
  expect(en.text).toContain(
    `What is required: make sure the home visits for the next period, February ${YEAR} (${YEAR}-02), are done on time`,
  );
  const zh = to[world.care.liaisonEmail]!;
  expect(zh.subject).toBe(`【CarePact】未履行警告：${YEAR}年1月上门服务（巡诊）未按要求完成（${parties}）`);
  expect(zh.text).toContain(
    `${YEAR}年1月（${YEAR}-01）的上门服务（巡诊）在截止时间${YEAR}年1月31日（${YEAR}-01-31）前未按要求完成` +
      '（应完成2次，实际登记1次），本期已记为未履行。',
  );

  const referralWarning = await stack.mail.waitFor(
    (m) =>
      template(m) === 'obligation-missed-warning' &&
      m.envelopeTo[0] === world.medical.liaisonEmail &&
      m.text!.includes(contract.id) &&
      m.subject.includes('emergency referral'),
    { timeoutMs: 20_000 },
  );
  expect(referralWarning[0]!.subject).toBe(
    `[CarePact] Warning: emergency referral responses for January ${YEAR} missed (${parties})`,
  );
  expect(referralWarning[0]!.text).toContain('(0 of 1 referrals answered within the agreed time)');

  const escalations = await stack.db('escalations').where({ contract_id: contract.id }).orderBy('subject');
  expect(escalations.map((e) => `${e.level} ${e.subject}`)).toEqual(
    expect.arrayContaining([`warning referral:${monthOf(0)}`, `warning visit:${monthOf(0)}`]),
  );
  // Runs held to an agreement replay: the first (activated under agreement-obligations-v1) and the last, to expiry.
  await eventually(async () => (await handle.describe()).status.name === 'COMPLETED', 'the contract to expire', 20_000);
  await recordHistory(stack, handle.workflowId, 'contract-agreement-activated', { runId: firstRunId });
  await recordHistory(stack, handle.workflowId, 'contract-agreement-final-month');
});

it('counts re-examinations on visits, monthly and quarterly meetings by cadence, and health talks over the year', async () => {
  const contract = await activeContract(stack, world, {
    termStart,
    termEnd,
    terms: termsWith(
      { homeVisitsPerMonth: 1, chronicDiseaseReexamsPerQuarter: 2, healthTalksPerYear: 1 },
      { monthlyMeetings: 1, quarterlyMeetings: 1, demandSurveysPerYear: 1 },
    ),
  });
  const time = policyClockOf(contract, TIME_SCALE);
  const post = recorder(contract.id);
  const { medical, care } = world;
  const script: [string, () => Promise<unknown>][] = [
    [dayIn(0, 4), () => post(medical.liaisonToken, '/visits', visit(dayIn(0, 4), 1))],
    [dayIn(0, 5), () => post(care.liaisonToken, '/meetings', meeting(dayIn(0, 5), 'monthly'))],
    [
      dayIn(0, 6),
      () =>
        post(care.liaisonToken, '/health-talks', {
          talkDate: dayIn(0, 6),
          topic: '冬季心脑血管疾病预防',
          attendees: 35,
          speaker: 'Dr Li',
        }),
    ],
    [dayIn(1, 3), () => post(medical.liaisonToken, '/visits', visit(dayIn(1, 3), 1))],
    [dayIn(2, 3), () => post(medical.liaisonToken, '/visits', visit(dayIn(2, 3)))],
    [dayIn(2, 4), () => post(care.liaisonToken, '/meetings', meeting(dayIn(2, 4), 'quarterly'))],
  ];
  for (const [day, run] of script) {
    await time.sleepUntil(day);
    await run();
  }

  expect(row(await periodRow(contract.id, 'reexam', quarterOf(0)))).toEqual({ required: 2, actual: 2, met: true });
  // The quarterly meeting is also March's monthly one; January's monthly meeting does not make the quarter's.
  expect(row(await periodRow(contract.id, 'meeting', quarterOf(0)))).toEqual({ required: 1, actual: 1, met: true });
  const monthly = await Promise.all(
    [0, 1, 2].map(async (i) => row(await periodRow(contract.id, 'monthly-meeting', monthOf(i)))),
  );
  expect(monthly).toEqual([
    { required: 1, actual: 1, met: true },
    { required: 1, actual: 0, met: false },
    { required: 1, actual: 1, met: true },
  ]);
  const missedMeeting = await stack.mail.waitFor(
    (m) =>
      template(m) === 'obligation-missed-warning' &&
      m.envelopeTo[0] === world.medical.liaisonEmail &&
      m.text!.includes(contract.id) &&
      m.subject.includes('monthly docking meeting'),
    { timeoutMs: 20_000 },
  );
  expect(missedMeeting[0]!.subject).toBe(
    `[CarePact] Warning: monthly docking meeting for February ${YEAR} missed (Central Hospital ${world.regionCode} — 幸福养老院 ${world.regionCode})`,
  );
  // February ends on the 28th, or on the 29th in a leap year.
  expect(missedMeeting[0]!.text).toContain(
    `The monthly docking meeting for February ${YEAR} (${YEAR}-02) was not completed by ${monthEndOf(1)} (1 required, 0 recorded)`,
  );

  expect(row(await periodRow(contract.id, 'health-talk', YEAR, 60_000))).toEqual({
    required: 1,
    actual: 1,
    met: true,
  });
  const compliance = (await stack.call('GET', `/contracts/${contract.id}/compliance`, { token: world.regulatorToken }))
    .body;
  expect(compliance.agreed).toMatchObject({
    chronicDiseaseReexamsPerQuarter: 2,
    healthTalksPerYear: 1,
    monthlyMeetings: 1,
  });
  expect(compliance.healthTalks).toEqual([
    expect.objectContaining({ talkDate: dayIn(0, 6), topic: '冬季心脑血管疾病预防', attendees: 35 }),
  ]);
  expect(compliance.obligations['health-talk']).toMatchObject({ met: 1, missed: 0 });
  expect(compliance.obligations.reexam.periods.map((p: { periodKey: string }) => p.periodKey)).toEqual([
    quarterOf(0),
    quarterOf(1),
    quarterOf(2),
    quarterOf(3),
  ]);
});

it("refuses a draft below the region's floors with 422 naming each floor and its source, and stores nothing", async () => {
  // Other tests' contracts run on meanwhile: count what drafting this one would have written.
  const drafted = async () => ({
    contracts: await countRows(stack.db, 'contracts', { region_code: world.regionCode }),
    audit: await countRows(stack.db, 'audit_log', { action: 'contract.drafted' }),
  });
  const before = await drafted();
  const res = await stack.call('POST', '/contracts', {
    token: world.regulatorToken,
    body: contractBody(world, {
      terms: termsWith(
        { emergencyReferralResponseMinutes: 20 },
        { monthlyMeetings: 0, quarterlyMeetings: 0, demandSurveysPerYear: 1 },
      ),
    }),
  });
  expect(res.status).toBe(422);
  expect(res.body.type).toBe('/problems/agreement-below-floor');
  expect(res.body.detail).toBe(
    "the agreement falls short of the region's policy: " +
      `visitFrequency.emergencyReferralResponseMinutes 20 is above the limit of 15 (${cite('chongqingContracting', '1')}); ` +
      `communication.quarterlyMeetings 0 is below the floor of 1 (${cite('chongqingContracting', '3.2')})`,
  );
  expect(res.body.floors.map((f: { item: string; floor: number }) => [f.item, f.floor])).toEqual([
    ['terms.visitFrequency.emergencyReferralResponseMinutes', 15],
    ['terms.communication.quarterlyMeetings', 1],
  ]);
  expect(await drafted()).toEqual(before);
});
