import { periodFromKey } from '../../domain/calendar';
import { policyToday } from '../../domain/obligations';
import type { CapturedMail } from '../../platform/mail-catcher';
import { contractWorkflowId } from '../../messages/contract-messages';
import { activeContract, createWorld, eventually, World } from '../support/fixtures';
import { policyClockOf } from '../support/policy-time';
import { recordHistory } from '../support/record-history';
import { startStack, TestStack } from '../support/stack';
import { termFromToday } from '../support/term-dates';

// One policy day passes in 80 ms: a month in ~2.4 s, the two-year term in about a minute.
const TIME_SCALE = 1_080_000;

// The policy calendar starts at today's real date, so the term is placed relative to it and every
// date below is an offset into the term. It starts on a 1 January so that the 24 months hold 8
// whole quarters and 2 whole calendar years (the survey period): up to ~14 months of policy time
// (~34 s) pass idle before it, the price of a test that holds on any date. Drafting and signing
// must end before the term starts: 60 policy days give them 4.8 s.
const {
  termStart: TERM_START,
  termEnd: TERM_END,
  dayIn,
  monthOf,
  monthEndOf,
  quarterOf,
} = termFromToday({
  startsOn: 'year',
  headStartDays: 60,
  months: 24,
});

const MISSED_VISIT_MONTHS = [monthOf(1), monthOf(5), monthOf(6)];
const MISSED_MEETING_QUARTERS = [quarterOf(1)];
// Set at the first quarter's meeting, due mid-way through the second, never closed.
const ACTION_ITEM_DUE = dayIn(3, 15);

let stack: TestStack;
let world: World;

beforeAll(async () => {
  stack = await startStack({ workerProcess: 'child' });
  world = await createWorld(stack, { timeScale: TIME_SCALE, signing: { windowDays: 60 } });
});
afterAll(async () => stack?.stop());

const template = (m: CapturedMail) => m.headers['x-carepact-template'];

it('drives a contract through two policy years: verdicts, escalations, requests, referrals, renewal reminder, expiry — each mail once', async () => {
  const contract = await activeContract(stack, world, { termStart: TERM_START, termEnd: TERM_END });
  const time = policyClockOf(contract, TIME_SCALE);
  // Activated after the term began, the contract owes nothing for its first month (ContractTerm.begin).
  // The margin is at least the 60 policy days of headStartDays above. Said plainly here rather than as one
  // period missing at the end.
  const { activatedAt } = (await stack.call('GET', `/contracts/${contract.id}`, { token: world.regulatorToken })).body;
  const activatedOn = policyToday(time.clock, Date.parse(activatedAt));
  if (activatedOn > TERM_START)
    throw new Error(
      `activated on policy day ${activatedOn}, after the term start ${TERM_START}: signing took too long`,
    );
  const handle = stack.temporal.workflow.getHandle(contractWorkflowId(contract.id));
  const firstRunId = (await handle.describe()).runId;
  const as = (token: string) => ({
    post: async (route: string, body: unknown) => {
      const res = await stack.call('POST', `/contracts/${contract.id}${route}`, { token, body });
      if (res.status >= 300) throw new Error(`POST ${route} → ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
  });
  const care = as(world.care.liaisonToken);
  const medical = as(world.medical.liaisonToken);
  const attendees = [
    { name: 'Dr Li', side: 'medical' },
    { name: '王主任', side: 'care' },
  ];

  const script: { on: string; run: () => Promise<unknown> }[] = [];
  for (let month = 0; month < 24; month++) {
    const day = dayIn(month, 2);
    if (!MISSED_VISIT_MONTHS.includes(monthOf(month))) {
      script.push({
        on: day,
        run: () =>
          medical.post('/visits', {
            visitDate: day,
            staff: [{ name: 'Dr Li', title: '主治医师' }],
            services: ['巡诊', '慢病随访'],
            residentsSeen: 12,
            chronicDiseaseReexams: 3,
            hours: 3,
          }),
      });
    }
  }
  for (let q = 0; q < 8; q++) {
    const quarter = quarterOf(q);
    if (MISSED_MEETING_QUARTERS.includes(quarter)) continue;
    const day = `${periodFromKey(quarter).start.slice(0, 8)}03`;
    const actionItems =
      q === 0
        ? [
            {
              description: 'Set up the referral green channel',
              ownerSide: 'medical',
              ownerName: 'Dr Li',
              dueDate: ACTION_ITEM_DUE,
            },
          ]
        : [];
    script.push({
      on: day,
      run: () =>
        care.post('/meetings', {
          meetingDate: day,
          attendees,
          minutes: `Quarterly docking meeting ${quarter}`,
          actionItems,
        }),
    });
  }
  let answeredRequestId = '';
  script.push(
    {
      on: dayIn(2, 4),
      run: () =>
        care.post('/surveys', {
          surveyDate: dayIn(2, 4),
          respondents: 48,
          summary: 'Demand for rehabilitation',
          needs: ['rehabilitation'],
        }),
    },
    {
      on: dayIn(14, 6),
      run: () =>
        care.post('/surveys', {
          surveyDate: dayIn(14, 6),
          respondents: 51,
          summary: 'Demand for dementia care',
          needs: ['dementia care'],
        }),
    },
    {
      on: dayIn(2, 8),
      run: async () =>
        (answeredRequestId = (
          await care.post('/requests', { subject: 'Add a night on-call number', body: '请提供夜间值班电话' })
        ).id),
    },
    {
      on: dayIn(2, 9),
      run: () => medical.post(`/requests/${answeredRequestId}/answer`, { answer: 'On-call: 023-1234' }),
    },
    {
      on: dayIn(4, 10),
      run: () =>
        care.post('/referrals', {
          residentRef: 'R-17',
          reason: 'chest pain',
          requestedAt: `${dayIn(4, 10)}T02:00:00+08:00`,
          respondedAt: `${dayIn(4, 10)}T02:40:00+08:00`,
        }),
    },
    {
      on: dayIn(4, 11),
      run: () =>
        care.post('/referrals', {
          residentRef: 'R-21',
          reason: 'fall',
          requestedAt: `${dayIn(4, 11)}T03:00:00+08:00`,
          respondedAt: `${dayIn(4, 11)}T03:10:00+08:00`,
        }),
    },
    {
      // Due 10 working days later (policy default), still within this month whatever weekday the 6th is.
      on: dayIn(8, 6),
      run: () =>
        medical.post('/requests', {
          subject: 'Share the residents list',
          body: 'Please share the updated list of residents.',
        }),
    },
    // The worker dies as a crash would and stays down across the September/Q3 close.
    { on: dayIn(8, 28), run: () => stack.killWorker() },
    { on: dayIn(9, 8), run: () => stack.startWorker() },
  );
  script.sort((a, b) => a.on.localeCompare(b.on));
  for (const step of script) {
    await time.sleepUntil(step.on);
    await step.run();
  }

  const expired = await eventually(
    async () => {
      const res = await stack.call('GET', `/contracts/${contract.id}`, { token: world.regulatorToken });
      return res.body.status === 'expired' && res.body;
    },
    'the contract to expire',
    60_000,
  );
  expect(expired.closeReason).toContain(TERM_END);

  const compliance = (await stack.call('GET', `/contracts/${contract.id}/compliance`, { token: world.regulatorToken }))
    .body;
  expect(compliance.obligations.visit.periods).toHaveLength(24);
  expect(
    compliance.obligations.visit.periods
      .filter((p: { met: boolean }) => !p.met)
      .map((p: { periodKey: string }) => p.periodKey),
  ).toEqual(MISSED_VISIT_MONTHS);
  expect(
    compliance.obligations.visit.periods.find((p: { periodKey: string }) => p.periodKey === monthOf(6))
      .consecutiveMisses,
  ).toBe(2);
  expect(compliance.obligations.meeting).toMatchObject({ met: 7, missed: 1 });
  expect(compliance.obligations.survey).toMatchObject({ met: 2, missed: 0 });
  expect(compliance.visitsPerMonth).toHaveLength(21);
  expect(compliance.referrals).toMatchObject({ count: 2, withinTarget: 1, overTarget: 1 });
  expect(compliance.referrals.responses.map((r: { responseMinutes: number }) => r.responseMinutes)).toEqual([40, 10]);
  expect(compliance.answeredRequests).toBe(1);
  expect(compliance.openRequests.map((r: { subject: string }) => r.subject)).toEqual(['Share the residents list']);
  expect(compliance.openActionItems.map((a: { dueDate: string }) => a.dueDate)).toEqual([ACTION_ITEM_DUE]);
  expect(
    compliance.escalations
      .map((e: { level: string; subject: string }) => `${e.level} ${e.subject.replace(/:[0-9a-f-]{36}$/, '')}`)
      .sort(),
  ).toEqual(
    [
      'action-item-overdue action-item',
      `regulator-notice visit:${monthOf(6)}`,
      'request-overdue request',
      `warning meeting:${quarterOf(1)}`,
      // The 40-minute response in the fifth month breaks the agreed 15 minutes: the referral month is missed.
      `warning referral:${monthOf(4)}`,
      `warning visit:${monthOf(1)}`,
      `warning visit:${monthOf(5)}`,
    ].sort(),
  );

  const liaisons = [world.medical.liaisonEmail, world.care.liaisonEmail];
  const everyone = [...liaisons, world.regulatorEmail];
  const expected = [
    ['contract-activated', liaisons, 1],
    ['obligation-reminder', liaisons, MISSED_VISIT_MONTHS.length + MISSED_MEETING_QUARTERS.length],
    ['obligation-missed-warning', liaisons, 4],
    ['obligation-missed-regulator-notice', everyone, 1],
    ['action-item-reminder', liaisons, 1],
    ['action-item-overdue', liaisons, 1],
    ['request-reminder', liaisons, 1],
    ['request-overdue', everyone, 1],
    ['renewal-reminder', liaisons, 1],
    ['contract-expired', everyone, 1],
  ] as const;
  const expectedList = expected
    .flatMap(([name, to, times]) => Array.from({ length: times }, () => to.map((addr) => `${name} → ${addr}`)).flat())
    .sort();
  // Invitations to set a password went to every user the world created (issue 11): not this process's mail.
  const aboutContract = (m: CapturedMail) => template(m) !== 'user-invitation';
  await stack.mail.waitFor(aboutContract, { count: expectedList.length, timeoutMs: 20_000 });
  await new Promise((resolve) => setTimeout(resolve, 1500)); // anything late or doubled would arrive now
  const received = stack.mail.mails().filter(aboutContract);
  // The worker killed on the ninth month's 28th may die between the SMTP server's reply and the outbox commit
  // (that day the request falls overdue): that one mail is then sent again under the same
  // Message-ID, its outbox key, so a receiver can drop the copy. No other repeat is allowed.
  const mails = [...new Map(received.map((m) => [m.messageId, m])).values()];
  expect(received.length - mails.length).toBeLessThanOrEqual(1);
  expect(mails.map((m) => `${template(m)} → ${m.envelopeTo[0]}`).sort()).toEqual(expectedList);

  for (const m of mails) {
    const zh = m.envelopeTo[0] !== world.medical.liaisonEmail;
    expect(m.subject.startsWith(zh ? '【CarePact】' : '[CarePact]')).toBe(true);
    const isReminder = /-reminder$/.test(template(m)!);
    expect(m.attachments.some((a) => a.contentType.startsWith('text/calendar'))).toBe(isReminder);
  }
  const visitReminder = mails.find(
    (m) =>
      template(m) === 'obligation-reminder' &&
      m.envelopeTo[0] === world.medical.liaisonEmail &&
      m.text!.includes(monthOf(1)),
  )!;
  // Due on the month's last day: the 28th, or the 29th in a leap year.
  const visitDue = monthEndOf(1).replace(/-/g, '');
  expect(visitReminder.attachments[0]!.content.toString()).toContain(`DTSTART;VALUE=DATE:${visitDue}`);

  expect((await handle.describe()).runId).not.toBe(firstRunId);
  const lastRun = await handle.fetchHistory();
  expect(lastRun.events!.length).toBeLessThan(200);
  await recordHistory(stack, contractWorkflowId(contract.id), 'contract-active-final-month');
});
