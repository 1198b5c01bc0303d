import type { Page } from 'playwright-core';
import { shanghaiDateOf } from '../../domain/calendar';
import { policyNow } from '../../domain/clock';
import { checkPage, signIn, switchLanguage, useBrowser, type Lang } from '../support/browser';
import { withPassword } from '../support/console-people';
import { text } from '../support/console-text';
import { activeContract, agreementTerms, createWorld, eventually, type World } from '../support/fixtures';
import { policyClockOf } from '../support/policy-time';
import { startStack, type TestStack } from '../support/stack';
import { shanghaiToday, termFromToday } from '../support/term-dates';

/**
 * Issue 13, the liaison officer's month: on a phone, the hospital's liaison officer records the
 * month of a one-month contract as it happens (compressed time: a policy day passes in 2 s) — two
 * home visits, a docking meeting whose action item is then completed, a request answered and one
 * raised, an emergency referral — and once the month closes the contract page shows it met.
 */
const TIME_SCALE = 43_200;
// The contract's calendar starts at today's date: the term is the first whole month at least 25
// policy days (48 s) ahead, time for signing and for every form checked before the term starts
// (20 s here on an idle machine).
const { termStart, termEnd, dayIn, monthOf } = termFromToday({ startsOn: 'month', headStartDays: 25, months: 1 });

let stack: TestStack;
let world: World;
const browser = useBrowser();

beforeAll(async () => {
  stack = await startStack();
  world = await createWorld(stack, { timeScale: TIME_SCALE, signing: { windowDays: 60 } });
});
afterAll(async () => {
  await stack?.stop();
});

const zh = (key: string, vars?: Record<string, string | number>) => text('zh-CN', key, vars);
const phone = { width: 375, height: 812 };

const forms = [
  ['visits/new', 'visit'],
  ['meetings/new', 'meeting'],
  ['requests/new', 'request'],
  ['referrals/new', 'referral'],
  ['health-talks/new', 'healthTalk'],
  ['surveys/new', 'survey'],
] as const;

async function openForm(page: Page, contractId: string, path: string, kind: string, lang: Lang = 'zh-CN') {
  await page.goto(`/console/contracts/${contractId}/${path}`);
  await page.getByRole('heading', { level: 1, name: text(lang, `liaison.forms.${kind}.title`) }).waitFor();
}

async function submitAndReturn(page: Page, contractId: string, submit: string) {
  await page.getByRole('button', { name: zh(submit), exact: true }).click();
  await page.waitForURL((url) => url.pathname === `/console/contracts/${contractId}`);
}

async function fillVisit(page: Page, visitDate: string) {
  await page.getByLabel(zh('liaison.forms.visit.date'), { exact: true }).fill(visitDate);
  await page.getByLabel(zh('liaison.forms.visit.staffName', { n: 1 }), { exact: true }).fill('李医生');
  await page.getByLabel(zh('liaison.forms.visit.staffTitle', { n: 1 }), { exact: true }).fill('主治医师');
  await page.getByRole('button', { name: zh('liaison.forms.visit.addStaff'), exact: true }).click();
  await page.getByLabel(zh('liaison.forms.visit.staffName', { n: 2 }), { exact: true }).fill('张护士');
  await page.getByLabel(zh('liaison.forms.visit.staffTitle', { n: 2 }), { exact: true }).fill('护师');
  await page.getByLabel(zh('liaison.forms.visit.services'), { exact: true }).fill('巡诊\n血压血糖监测');
  await page.getByLabel(zh('liaison.forms.visit.residentsSeen'), { exact: true }).fill('12');
  await page.getByLabel(zh('liaison.forms.visit.reexams'), { exact: true }).fill('3');
  await page.getByLabel(zh('liaison.forms.visit.hours'), { exact: true }).fill('2.5');
}

test('a liaison officer records a month of facts on a phone, and the month is met', async () => {
  const contract = await activeContract(stack, world, {
    termStart,
    termEnd,
    terms: {
      ...agreementTerms,
      visitFrequency: { ...agreementTerms.visitFrequency, homeVisitsPerMonth: 2 },
      communication: { monthlyMeetings: 1, quarterlyMeetings: 1, demandSurveysPerYear: 1 },
    },
  });
  const time = policyClockOf(contract, TIME_SCALE);
  const today = () => shanghaiDateOf(policyNow(time.clock, Date.now()));
  const password = await withPassword(stack, stack.adminToken, world.medical.liaisonId);
  const { page } = await browser.newUser(stack.browserUrl);
  await page.setViewportSize(phone);
  await signIn(page, world.medical.liaisonEmail, password);
  const contractPage = `/console/contracts/${contract.id}`;

  // Before the term starts in the contract's calendar: every form, checked in both languages.
  for (const lang of ['zh-CN', 'en'] as const) {
    if (lang === 'en') await switchLanguage(page, 'en');
    await page.goto(contractPage);
    await page.getByRole('heading', { level: 2, name: text(lang, 'liaison.panel.title') }).waitFor();
    await page.getByText(text(lang, 'liaison.actionItems.none')).waitFor();
    expect(await checkPage(page, 'liaison-contract-panel', lang)).toEqual([]);
    for (const [path, kind] of forms) {
      await openForm(page, contract.id, path, kind, lang);
      if (kind === 'meeting')
        await page
          .getByRole('button', { name: text(lang, 'liaison.forms.meeting.addActionItem'), exact: true })
          .click();
      expect(await checkPage(page, `liaison-${kind}`, lang)).toEqual([]);
    }
  }
  await switchLanguage(page, 'zh-CN');
  await page.setViewportSize(phone);

  // A visit dated in the term but after the contract's today: refused, the problem beside the date, in Chinese.
  await openForm(page, contract.id, 'visits/new', 'visit');
  await fillVisit(page, dayIn(0, 20));
  await page.getByRole('button', { name: zh('liaison.forms.visit.submit'), exact: true }).click();
  const visitDate = page.getByLabel(zh('liaison.forms.visit.date'), { exact: true });
  await page.locator('.field-invalid .field-problems').first().waitFor();
  await expect(visitDate.getAttribute('aria-invalid')).resolves.toBe('true');
  const problemId = (await visitDate.getAttribute('aria-describedby'))!.split(' ').pop()!;
  const problem = await page.locator(`[id="${problemId}"]`).innerText();
  const [before, after] = zh('validation.too_big', { limit: '@' }).split('@');
  expect(problem).toMatch(new RegExp(`^${before}\\d{4}-\\d{2}-\\d{2}${after!.replace('.', '\\.')}$`));
  // The limit is the contract's today: not before the real date, and still before the term.
  const limit = /\d{4}-\d{2}-\d{2}/.exec(problem)![0];
  expect({ limit, beforeTheTerm: limit >= shanghaiToday() && limit < termStart }).toEqual({
    limit,
    beforeTheTerm: true,
  });
  await expect(stack.db('visits').where({ contract_id: contract.id }).count('* as n')).resolves.toEqual([{ n: '0' }]);

  // Day 3: the first visit; its first response is lost on the way back, the officer submits again.
  await time.sleepUntil(dayIn(0, 3));
  await openForm(page, contract.id, 'visits/new', 'visit');
  await fillVisit(page, dayIn(0, 3));
  let lost = 0;
  await page.route(
    (url) => url.pathname === `/contracts/${contract.id}/visits`,
    async (route) => {
      if (route.request().method() !== 'POST' || lost > 0) return route.continue();
      lost += 1;
      await route.fetch(); // the API records the visit; the browser never hears back
      await route.abort('connectionreset');
    },
  );
  await page.getByRole('button', { name: zh('liaison.forms.visit.submit'), exact: true }).click();
  await page.getByRole('alert').first().waitFor();
  expect(lost).toBe(1);
  await submitAndReturn(page, contract.id, 'liaison.forms.visit.submit');
  await page.unrouteAll();
  const firstVisits = await stack.db('visits').where({ contract_id: contract.id });
  expect(firstVisits.map((v) => [v.visit_date, v.residents_seen])).toEqual([[dayIn(0, 3), 12]]);
  await page
    .getByRole('status')
    .filter({ hasText: zh('liaison.panel.recorded', { what: zh('liaison.forms.visit.title') }) })
    .waitFor();

  // Day 6: the second visit.
  await time.sleepUntil(dayIn(0, 6));
  await openForm(page, contract.id, 'visits/new', 'visit');
  await fillVisit(page, dayIn(0, 6));
  await submitAndReturn(page, contract.id, 'liaison.forms.visit.submit');

  // Day 9: the monthly docking meeting, with an action item for the home.
  await time.sleepUntil(dayIn(0, 9));
  await openForm(page, contract.id, 'meetings/new', 'meeting');
  await page.getByLabel(zh('liaison.forms.meeting.date'), { exact: true }).fill(dayIn(0, 9));
  await page.getByLabel(zh('liaison.forms.meeting.cadence'), { exact: true }).selectOption('monthly');
  await page.getByLabel(zh('liaison.forms.meeting.attendeeName', { n: 1 }), { exact: true }).fill('李医生');
  await page.getByLabel(zh('liaison.forms.meeting.attendeeName', { n: 2 }), { exact: true }).fill('王主任');
  await page.getByLabel(zh('liaison.forms.meeting.attendeeSide', { n: 2 }), { exact: true }).selectOption('care');
  await page.getByLabel(zh('liaison.forms.meeting.minutes'), { exact: true }).fill('一月对接会：巡诊安排与转诊流程。');
  await page.getByRole('button', { name: zh('liaison.forms.meeting.addActionItem'), exact: true }).click();
  const item = '整理老人慢病档案';
  await page.getByLabel(zh('liaison.forms.meeting.itemDescription', { n: 1 }), { exact: true }).fill(item);
  await page.getByLabel(zh('liaison.forms.meeting.itemOwnerSide', { n: 1 }), { exact: true }).selectOption('care');
  await page.getByLabel(zh('liaison.forms.meeting.itemOwnerName', { n: 1 }), { exact: true }).fill('王主任');
  await page.getByLabel(zh('liaison.forms.meeting.itemDueDate', { n: 1 }), { exact: true }).fill(dayIn(0, 20));
  await submitAndReturn(page, contract.id, 'liaison.forms.meeting.submit');
  const [openItem] = await stack.db('action_items').where({ contract_id: contract.id });
  expect(openItem).toMatchObject({ description: item, owner_name: '王主任', completed_at: null });

  // The action item is done: completed from the contract page.
  await page
    .getByRole('button', { name: zh('liaison.actionItems.completeNamed', { description: item }), exact: true })
    .click();
  await page.getByText(zh('liaison.actionItems.none')).waitFor();
  const [doneItem] = await stack.db('action_items').where({ contract_id: contract.id });
  expect(doneItem.completed_at).not.toBeNull();

  // Day 11: the home's request is answered, and the hospital raises one of its own.
  await time.sleepUntil(dayIn(0, 11));
  const subject = '请增加每月上门巡诊次数';
  const raised = await stack.call('POST', `/contracts/${contract.id}/requests`, {
    token: world.care.liaisonToken,
    body: { subject, body: '入住老人增多，希望每月巡诊由两次增加到四次。' },
  });
  expect(raised.status).toBe(201);
  await page.reload();
  await page.getByLabel(zh('liaison.requests.answer', { subject }), { exact: true }).fill('自二月起每月巡诊四次。');
  await page.getByRole('button', { name: zh('liaison.requests.submitAnswer'), exact: true }).click();
  await page.getByText(zh('liaison.requests.none')).waitFor();
  await openForm(page, contract.id, 'requests/new', 'request');
  await page.getByLabel(zh('liaison.forms.request.subject'), { exact: true }).fill('请提供老人近期用药清单');
  await page.getByLabel(zh('liaison.forms.request.body'), { exact: true }).fill('巡诊前需核对用药。');
  await submitAndReturn(page, contract.id, 'liaison.forms.request.submit');
  await page.getByText(zh('liaison.requests.awaiting')).waitFor();
  const requests = await stack.db('requests').where({ contract_id: contract.id }).orderBy('created_at');
  expect(requests.map((r) => [r.from_side, r.subject, r.answered_at !== null])).toEqual([
    ['care', subject, true],
    ['medical', '请提供老人近期用药清单', false],
  ]);

  // Day 14: an emergency referral answered in 8 minutes (the contract agrees 15).
  await time.sleepUntil(dayIn(0, 14), 0.5);
  await openForm(page, contract.id, 'referrals/new', 'referral');
  await page.getByLabel(zh('liaison.forms.referral.residentRef'), { exact: true }).fill('R-0301');
  await page.getByLabel(zh('liaison.forms.referral.reason'), { exact: true }).fill('夜间跌倒，疑似骨折');
  await page.getByLabel(zh('liaison.forms.referral.requestedAt'), { exact: true }).fill(`${dayIn(0, 14)}T09:30`);
  await page.getByLabel(zh('liaison.forms.referral.respondedAt'), { exact: true }).fill(`${dayIn(0, 14)}T09:38`);
  await submitAndReturn(page, contract.id, 'liaison.forms.referral.submit');
  const [referral] = await stack.db('referrals').where({ contract_id: contract.id });
  expect(referral.requested_at.toISOString()).toBe(new Date(`${dayIn(0, 14)}T09:30:00+08:00`).toISOString());
  expect(today() <= termEnd).toBe(true);

  // The month closes: the database and the contract page both say it was met.
  const period = (obligation: string) =>
    eventually(
      () =>
        stack
          .db('obligation_periods')
          .where({ contract_id: contract.id, obligation, period_key: monthOf(0) })
          .first(),
      `${obligation} ${monthOf(0)} to close`,
      90_000,
    );
  const visits = await period('visit');
  expect(visits).toMatchObject({ required: 2, actual: 2, met: true });
  await expect(period('monthly-meeting')).resolves.toMatchObject({ required: 1, actual: 1, met: true });
  await expect(period('referral')).resolves.toMatchObject({ met: true });
  await page.goto(contractPage);
  const visitPeriod = page
    .locator('li.met')
    .filter({ hasText: zh('agenda.obligations.visit') })
    .filter({ hasText: zh('agenda.actualOfRequired', { actual: 2, required: 2 }) });
  await visitPeriod.waitFor();
  await expect(visitPeriod.innerText()).resolves.toContain(zh('agenda.met'));
  const rows = await stack.db('visits').where({ contract_id: contract.id }).count('* as n');
  expect(rows).toEqual([{ n: '2' }]);
}, 300_000);
