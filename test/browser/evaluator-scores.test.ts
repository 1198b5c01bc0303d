import type { Page } from 'playwright-core';
import { checkPage, type Lang, signIn, switchLanguage, useBrowser } from '../support/browser';
import { withPassword } from '../support/console-people';
import { text } from '../support/console-text';
import { createEvaluatorOrg } from '../support/evaluation-fixtures';
import { activeContract, createWorld, eventually, type World } from '../support/fixtures';
import { startStack, type TestStack } from '../support/stack';

/**
 * Issue 13: a third-party evaluator signs in, finds the evaluation assigned to it with its deadline,
 * scores it on site beside the contract's obligation record, Unqualified with two itemized findings;
 * the page then shows what was submitted, read-only, with the grade, and a rectification order opens.
 */
let stack: TestStack;
let world: World;
const browser = useBrowser();

beforeAll(async () => {
  stack = await startStack();
  world = await createWorld(stack, { signing: { windowDays: 365 }, obligations: { visitsPerMonth: 0 } });
});
afterAll(async () => {
  await stack?.stop();
});

const en = (key: string, vars?: Record<string, string | number>) => text('en', key, vars);

/** A calendar date as the console shows it: Chromium's own Intl, the day in China Standard Time. */
const formatDate = (page: Page, day: string, lang: Lang) =>
  page.evaluate(
    ([d, l]) =>
      new Intl.DateTimeFormat(l, { timeZone: 'Asia/Shanghai', dateStyle: 'medium' }).format(
        new Date(`${d}T12:00:00+08:00`),
      ),
    [day, lang] as const,
  );

const twoFindings = [
  {
    indicator: 'Home visits by doctors',
    problem: 'Only one home visit in the last three months',
    requiredCorrection: 'A monthly visit rota signed by both liaison officers',
    side: 'medical',
  },
  {
    indicator: 'Emergency referrals',
    problem: 'No emergency referral drill held this year',
    requiredCorrection: 'A joint referral drill with minutes',
    side: 'both',
  },
] as const;

test('an evaluator scores its assigned evaluation Unqualified with two itemized findings, and sees the grade', async () => {
  const org = await createEvaluatorOrg(stack, world, '渝中第三方评估中心');
  const [evaluatorId] = await stack.db('users').where({ email: org.email }).pluck('id');
  const password = await withPassword(stack, stack.adminToken, evaluatorId);
  const contract = await activeContract(stack, world);
  const cycle = await stack.call('POST', '/evaluation-cycles', {
    token: world.regulatorToken,
    body: { regionCode: world.regionCode, half: '2026-H2' },
  });
  expect(cycle.status).toBe(201);
  await eventually(
    async () =>
      (await stack.call('GET', `/evaluation-cycles/${cycle.body.id}`, { token: world.regulatorToken })).body
        .fanOutCompletedAt,
    'the fan-out',
  );
  const evaluation = await stack
    .db('evaluations')
    .where({ contract_id: contract.id })
    .first('id', 'status', 'evaluator_organization_id', stack.db.raw(`to_char(deadline, 'YYYY-MM-DD') AS deadline`));
  expect(evaluation).toMatchObject({ status: 'assigned', evaluator_organization_id: org.id });
  const names = Object.fromEntries(
    (
      await stack
        .db('institutions')
        .whereIn('id', [world.care.institutionId, world.medical.institutionId])
        .select('id', 'name')
    ).map((i) => [i.id, i.name]),
  );
  const parties = `${names[world.care.institutionId]} – ${names[world.medical.institutionId]}`;

  // The list: the assignment, its deadline and state, in both languages.
  const { page } = await browser.newUser(stack.browserUrl);
  await signIn(page, org.email, password);
  await page.goto('/console/evaluations');
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: parties, exact: true }) });
  await row.waitFor();
  expect(await row.getByRole('cell').nth(1).innerText()).toContain(
    await formatDate(page, evaluation.deadline, 'zh-CN'),
  );
  expect(await row.innerText()).toContain(text('zh-CN', 'evaluator.status.assigned'));
  expect(await checkPage(page, 'evaluator-evaluations', 'zh-CN')).toEqual([]);
  await switchLanguage(page, 'en');
  await row.getByText(en('evaluator.status.assigned')).waitFor();
  expect(await row.getByRole('cell').nth(1).innerText()).toContain(await formatDate(page, evaluation.deadline, 'en'));
  expect(await checkPage(page, 'evaluator-evaluations', 'en')).toEqual([]);

  // The form, beside the contract's obligation record as the API holds it.
  await row.getByRole('link', { name: parties, exact: true }).click();
  await page.waitForURL(`**/console/evaluations/${evaluation.id}`);
  const record = (await stack.call('GET', `/contracts/${contract.id}/compliance`, { token: world.regulatorToken }))
    .body;
  const record_ = page.getByRole('complementary', { name: en('evaluator.page.record'), exact: true });
  await record_.getByRole('heading', { level: 2, name: en('agenda.title'), exact: true }).waitFor();
  await record_
    .getByText(
      en('agenda.summary', {
        obligation: en('agenda.obligations.visit'),
        met: record.obligations.visit.met,
        missed: record.obligations.visit.missed,
      }),
      { exact: true },
    )
    .waitFor();
  expect(await checkPage(page, 'evaluator-evaluation', 'en')).toEqual([]);
  await switchLanguage(page, 'zh-CN');
  await page.getByRole('heading', { level: 2, name: text('zh-CN', 'evaluator.form.title'), exact: true }).waitFor();
  expect(await checkPage(page, 'evaluator-evaluation', 'zh-CN')).toEqual([]);
  await switchLanguage(page, 'en');

  // Submitted empty, the API's problems show beside the fields, and nothing is recorded.
  await page.getByRole('button', { name: en('evaluator.form.submit'), exact: true }).click();
  await page
    .getByLabel(en('evaluator.form.onsiteDate'), { exact: true })
    .and(page.locator('[aria-invalid="true"]'))
    .waitFor();
  expect((await stack.db('evaluations').where({ id: evaluation.id }).first()).status).toBe('assigned');

  await page.getByLabel(en('evaluator.form.onsiteDate'), { exact: true }).fill('2026-11-20');
  for (const dimension of ['serviceQuality', 'satisfaction', 'cooperation']) {
    const group = page.getByRole('group', { name: en(`evaluator.dimensions.${dimension}`), exact: true });
    await group.getByLabel(en('evaluator.form.dimensionScore'), { exact: true }).fill('40');
    const scores = group.getByLabel(/\(0–100\)$/);
    const count = await scores.count();
    // The dimension score and each suggested indicator.
    expect(count).toBeGreaterThan(1);
    for (let i = 0; i < count; i++) await scores.nth(i).fill('40');
    await group
      .getByLabel(en('evaluator.form.comments'), { exact: true })
      .fill(`${dimension}: well below the agreement`);
  }
  const findings = page.getByRole('group', { name: en('evaluator.findings.legend'), exact: true });
  for (const [i, f] of twoFindings.entries()) {
    await findings.getByRole('button', { name: en('evaluator.findings.add'), exact: true }).click();
    const item = findings
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: en('evaluator.findings.item', { n: i + 1 }), exact: true }) });
    await item.getByLabel(en('evaluator.findings.indicator'), { exact: true }).fill(f.indicator);
    await item.getByLabel(en('evaluator.findings.problem'), { exact: true }).fill(f.problem);
    await item.getByLabel(en('evaluator.findings.requiredCorrection'), { exact: true }).fill(f.requiredCorrection);
    await item.getByLabel(en('evaluator.findings.responsibleSide'), { exact: true }).selectOption(f.side);
  }
  await page.getByRole('button', { name: en('evaluator.form.submit'), exact: true }).click();

  // Graded: what was submitted, read-only, with the grade; no form any more.
  const submitted = page.getByRole('region', { name: en('evaluator.view.title'), exact: true });
  await submitted.getByText(en('grades.unqualified'), { exact: true }).waitFor();
  expect(await submitted.innerText()).toContain(twoFindings[1].problem);
  expect(await page.getByRole('button', { name: en('evaluator.form.submit') }).count()).toBe(0);

  // The database: the scores, the grade, both findings, and the rectification order they opened.
  const graded = await stack.db('evaluations').where({ id: evaluation.id }).first();
  expect(graded).toMatchObject({ status: 'graded', grade: 'unqualified', onsite_date: '2026-11-20' });
  expect(Number(graded.weighted_score)).toBe(40);
  expect(graded.scores.serviceQuality).toMatchObject({
    score: 40,
    comments: 'serviceQuality: well below the agreement',
  });
  expect(graded.scores.cooperation.indicators.map((x: { score: number }) => x.score)).toEqual([40, 40, 40]);
  expect(graded.findings.split('\n')).toEqual([
    `F1 [${twoFindings[0].indicator}] ${twoFindings[0].problem} → ${twoFindings[0].requiredCorrection} (medical)`,
    `F2 [${twoFindings[1].indicator}] ${twoFindings[1].problem} → ${twoFindings[1].requiredCorrection} (both)`,
  ]);
  const order = await eventually(
    async () => stack.db('rectification_orders').where({ evaluation_id: evaluation.id }).first(),
    'the rectification order',
  );
  expect(order.contract_id).toBe(contract.id);
  const orderFindings = await eventually(async () => {
    const rows = await stack
      .db('rectification_findings')
      .where({ rectification_id: order.id })
      .orderBy('finding_id')
      .select('finding_id', 'responsible_side');
    return rows.length === 2 ? rows : undefined;
  }, 'the order’s two findings');
  expect(orderFindings).toEqual([
    { finding_id: 'F1', responsible_side: 'medical' },
    { finding_id: 'F2', responsible_side: 'both' },
  ]);

  // Back on the list, the evaluation is graded.
  await page.getByRole('link', { name: en('evaluator.page.back'), exact: true }).click();
  await row.getByText(en('evaluator.status.graded')).waitFor();
  expect(await row.innerText()).toContain(en('grades.unqualified'));
});
