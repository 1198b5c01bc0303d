import { addDays, shanghaiDateOf } from '../../domain/calendar';
import { checkPage, signIn, switchLanguage, useBrowser } from '../support/browser';
import { withPassword } from '../support/console-people';
import { text } from '../support/console-text';
import { createEvaluatorOrg, scores } from '../support/evaluation-fixtures';
import { activeContract, createWorld, eventually, type World } from '../support/fixtures';
import { startStack, type TestStack } from '../support/stack';

/**
 * A regulator's evaluation cycle from the console: launched in the browser over a region with four
 * active contracts, its progress followed live as two evaluator organizations score, its report read
 * (grade distribution, a lenient and a harsh organization flagged, an overdue evaluation), and the
 * region's automatic schedule put in place, paused and resumed.
 */
let stack: TestStack;
let world: World;
let password: string;
let orgA: Awaited<ReturnType<typeof createEvaluatorOrg>>;
let orgB: Awaited<ReturnType<typeof createEvaluatorOrg>>;
const browser = useBrowser();

beforeAll(async () => {
  stack = await startStack();
  // Real time and a 60-day scoring window: no deadline passes on its own while the test runs.
  world = await createWorld(stack, {
    signing: { windowDays: 365 },
    obligations: { visitsPerMonth: 0 },
    evaluation: { deadlineDays: 60, consistencyMaxDeviation: 10, consistencyMinScores: 1 },
  });
  orgA = await createEvaluatorOrg(stack, world, '宽松评估所');
  orgB = await createEvaluatorOrg(stack, world, '严格评估所');
  for (let i = 0; i < 4; i++) await activeContract(stack, world);
  const [regulator] = await stack.db('users').where({ email: world.regulatorEmail }).pluck('id');
  password = await withPassword(stack, stack.adminToken, regulator);
});
afterAll(async () => {
  await stack?.stop();
});

const zh = (key: string, vars?: Record<string, string | number>) => text('zh-CN', key, vars);

test('a regulator launches a cycle, follows its progress and reads its report', async () => {
  const { page } = await browser.newUser(stack.browserUrl);
  await signIn(page, world.regulatorEmail, password);
  await page.goto('/console/cycles');
  await page.getByRole('heading', { level: 1, name: zh('cycles.title'), exact: true }).waitFor();
  await page.getByText(zh('cycles.none'), { exact: true }).waitFor();

  // A malformed half-year: the API's problem shows beside the field, and nothing is launched.
  const half = page.getByLabel(zh('cycles.launch.half'), { exact: true });
  await half.fill('2026-H3');
  await page.getByRole('button', { name: zh('cycles.launch.submit'), exact: true }).click();
  await page.locator('.field-invalid .field-problems').first().waitFor();
  expect(await half.getAttribute('aria-invalid')).toBe('true');
  expect(await stack.db('evaluation_cycles').where({ region_code: world.regionCode })).toHaveLength(0);

  expect(await checkPage(page, 'cycles-list', 'zh-CN')).toEqual([]);
  await switchLanguage(page, 'en');
  expect(await checkPage(page, 'cycles-list', 'en')).toEqual([]);
  await switchLanguage(page, 'zh-CN');

  const deadline = addDays(shanghaiDateOf(Date.now()), 90);
  await half.fill('2026-H2');
  await page.getByLabel(zh('cycles.launch.deadline'), { exact: true }).fill(deadline);
  await page.getByRole('button', { name: zh('cycles.launch.submit'), exact: true }).click();
  await page.waitForURL((url) => /^\/console\/cycles\/[0-9a-f-]{36}$/.test(url.pathname));
  const cycleId = page.url().split('/').pop()!;
  const [regulatorId] = await stack.db('users').where({ email: world.regulatorEmail }).pluck('id');
  expect(await stack.db('evaluation_cycles').where({ id: cycleId }).first()).toMatchObject({
    region_code: world.regionCode,
    half: '2026-H2',
    deadline,
    launched_by: regulatorId,
  });

  // The page follows the fan-out on its own.
  const count = (name: string) => page.getByTestId(`count-${name}`);
  await page.waitForFunction(
    () => (globalThis as any).document.querySelector('[data-testid="count-assigned"]')?.textContent === '4',
    undefined,
    { timeout: 30_000 },
  );
  expect(await count('graded').textContent()).toBe('0');

  const evaluations = await eventually(async () => {
    const rows = await stack.db('evaluations').where({ cycle_id: cycleId });
    return rows.length === 4 && rows;
  }, 'four evaluations');
  const ofA = evaluations.filter((e: any) => e.evaluator_organization_id === orgA.id);
  const ofB = evaluations.filter((e: any) => e.evaluator_organization_id === orgB.id);
  expect([ofA.length, ofB.length]).toEqual([2, 2]);
  const submit = (id: string, token: string, score: number) =>
    eventually(async () => {
      const res = await stack.call('POST', `/evaluations/${id}/scores`, { token, body: scores(score) });
      return res.status === 200 && res;
    }, `scores for ${id}`);
  await submit(ofA[0].id, orgA.token, 95);
  await page.waitForFunction(
    () => (globalThis as any).document.querySelector('[data-testid="count-graded"]')?.textContent === '1',
    undefined,
    { timeout: 20_000 },
  );
  await submit(ofA[1].id, orgA.token, 95);
  await submit(ofB[0].id, orgB.token, 60);
  await page.waitForFunction(
    () => (globalThis as any).document.querySelector('[data-testid="count-graded"]')?.textContent === '3',
    undefined,
    { timeout: 20_000 },
  );
  expect(await page.locator('progress').getAttribute('value')).toBe('3');
  expect(await page.locator('progress').getAttribute('max')).toBe('4');
  await page
    .getByText(zh('cycles.progress.valueText', { graded: 3, inScope: 4, percent: 75 }), { exact: true })
    .waitFor();

  // The report: the chart comes with a table of the same counts.
  await page
    .getByText(zh('cycles.report.chartSummary', { table: zh('cycles.report.table') }), { exact: true })
    .waitFor();
  await page.waitForFunction(
    () =>
      (globalThis as any).document.querySelector('[data-testid="distribution-table"] td[data-grade="qualified"]')
        ?.textContent === '1',
    undefined,
    { timeout: 20_000 },
  );
  const cell = (grade: string) => page.locator(`[data-testid="distribution-table"] td[data-grade="${grade}"]`);
  expect([await cell('excellent').textContent(), await cell('unqualified').textContent()]).toEqual(['2', '0']);
  expect(await page.locator('.chart canvas').count()).toBeGreaterThan(0);
  // Region mean 83.33: the lenient organization +11.67, the strict one −23.33, both beyond 10 points.
  const consistency = page.getByTestId('consistency-table');
  await consistency
    .getByRole('row', { name: /宽松评估所/ })
    .getByText(zh('cycles.report.lenient'))
    .waitFor();
  await consistency
    .getByRole('row', { name: /严格评估所/ })
    .getByText(zh('cycles.report.harsh'))
    .waitFor();
  expect(await consistency.getByRole('row', { name: /宽松评估所/ }).textContent()).toContain('+11.67');

  // The last evaluation passes its deadline (moved in the database rather than waiting out a window).
  await page.getByText(zh('cycles.overdue.none'), { exact: true }).waitFor();
  await stack
    .db('evaluations')
    .where({ id: ofB[1].id })
    .update({ deadline: addDays(shanghaiDateOf(Date.now()), -1) });
  await page.reload();
  const overdue = page.getByTestId('overdue-table');
  await overdue.getByRole('row', { name: /严格评估所/ }).waitFor();
  expect(await overdue.locator('tbody tr').count()).toBe(1);
  expect(await overdue.textContent()).toContain(`幸福养老院 ${world.regionCode}`);
  const evaluationsLink = page.getByRole('link', { name: zh('cycles.evaluationsLink'), exact: true });
  expect(await evaluationsLink.getAttribute('href')).toBe(`/console/evaluations?cycleId=${cycleId}`);

  expect(await checkPage(page, 'cycles-cycle', 'zh-CN')).toEqual([]);
  await switchLanguage(page, 'en');
  await page.getByRole('heading', { level: 2, name: text('en', 'cycles.report.title'), exact: true }).waitFor();
  expect(await checkPage(page, 'cycles-cycle', 'en')).toEqual([]);
  await switchLanguage(page, 'zh-CN');
});

test("a regulator puts the region's cycles on a schedule, pauses and resumes it", async () => {
  const { page } = await browser.newUser(stack.browserUrl);
  await signIn(page, world.regulatorEmail, password);
  await page.goto('/console/cycles');
  await page.getByText(zh('cycles.schedule.none'), { exact: true }).waitFor();
  await page.getByRole('button', { name: zh('cycles.schedule.put'), exact: true }).click();
  await page.getByText(zh('cycles.schedule.active'), { exact: true }).waitFor();
  const handle = stack.temporal.schedule.getHandle(`evaluation-schedule-${world.regionCode}`);
  expect((await handle.describe()).state.paused).toBe(false);

  await page.getByLabel(zh('cycles.schedule.note'), { exact: true }).fill('春节期间暂停');
  await page.getByRole('button', { name: zh('cycles.schedule.pause'), exact: true }).click();
  await page.getByText(zh('cycles.schedule.paused'), { exact: true }).waitFor();
  await page.getByText(zh('cycles.schedule.lastNote', { note: '春节期间暂停' }), { exact: true }).waitFor();
  expect((await handle.describe()).state).toMatchObject({ paused: true, note: '春节期间暂停' });

  await page.getByRole('button', { name: zh('cycles.schedule.resume'), exact: true }).click();
  await page.getByText(zh('cycles.schedule.active'), { exact: true }).waitFor();
  expect((await handle.describe()).state.paused).toBe(false);
  const actions = await stack
    .db('audit_log')
    .where({ entity_type: 'region', entity_id: world.regionCode })
    .whereLike('action', 'evaluation-schedule.%')
    .orderBy('id')
    .pluck('action');
  expect(actions).toEqual(['evaluation-schedule.created', 'evaluation-schedule.paused', 'evaluation-schedule.resumed']);
});
