import type { Page } from 'playwright-core';
import { scores } from '../support/evaluation-fixtures';
import { checkPage, signIn, switchLanguage, useBrowser } from '../support/browser';
import { withPassword } from '../support/console-people';
import { text } from '../support/console-text';
import { findingEvidence, itemizedOrder, planBody, threeFindings } from '../support/finding-fixtures';
import { activeContract, createWorld, eventually } from '../support/fixtures';
import { fileRepresentations, noticePolicy, orderUnderNotice, stepOf } from '../support/rectification-fixtures';
import { startStack, type TestStack } from '../support/stack';

/**
 * The regulator's rectification desk: an order on the desk list with its light, its evidence
 * previewed inline, each finding reviewed in the browser until the re-evaluation closes it; another
 * order under notice decided beside the party's representations, then the institution reinstated.
 */
let stack: TestStack;
const browser = useBrowser();

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const zh = (key: string, vars?: Record<string, string | number>) => text('zh-CN', key, vars);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

async function regulatorPage(regulatorEmail: string) {
  const [regulator] = await stack.db('users').where({ email: regulatorEmail }).pluck('id');
  const password = await withPassword(stack, stack.adminToken, regulator);
  const { page } = await browser.newUser(stack.browserUrl);
  await signIn(page, regulatorEmail, password);
  return page;
}

async function bothLanguages(page: Page, name: string) {
  expect(await checkPage(page, name, 'zh-CN')).toEqual([]);
  await switchLanguage(page, 'en');
  expect(await checkPage(page, name, 'en')).toEqual([]);
  await switchLanguage(page, 'zh-CN');
}

const findingForm = (page: Page, id: string) =>
  page.getByRole('form', { name: zh('desk.review.findingForm', { id }), exact: true });

async function reviewInBrowser(page: Page, id: string, decision: 'accepted' | 'rejected', reasons: string) {
  const form = findingForm(page, id);
  await form.getByLabel(zh(`desk.review.decisions.${decision}`), { exact: true }).check();
  await form.getByLabel(zh('desk.review.reasons'), { exact: true }).fill(reasons);
  await form.getByRole('button', { name: zh('desk.review.submitFinding', { id }), exact: true }).click();
  await form.waitFor({ state: 'detached' });
}

const findingStates = async (rectificationId: string) =>
  Object.fromEntries(
    (await stack.db('rectification_findings').where({ rectification_id: rectificationId })).map((r) => [
      r.finding_id,
      r.state,
    ]),
  );

test('two findings: seen on the desk with its light, evidence previewed, one rejected and one accepted, then the resubmission accepted and the re-evaluation closes the order', async () => {
  // Policy time at the wall clock's pace; the region shows orders due within 90 days yellow (60-day deadline).
  const order = await itemizedOrder(stack, [threeFindings[0], threeFindings[1]], {
    timeScale: 1,
    desk: { yellowDueWithinDays: 90 },
  });
  const { world, rectificationId } = order;
  const opened = await eventually(async () => {
    const body = (await stack.call('GET', `/rectifications/${rectificationId}`, { token: world.regulatorToken })).body;
    return body.deliveredAt && body;
  }, 'the order delivered');
  for (const [token, id] of [
    [world.medical.partyToken, 'F1'],
    [world.care.partyToken, 'F2'],
  ] as const) {
    const planned = await stack.call('POST', `/rectifications/${rectificationId}/findings/${id}/plan`, {
      token,
      body: planBody(opened.deadline),
    });
    expect(planned.status).toBe(200);
  }
  const photo = new FormData();
  photo.append('text:F1', '巡诊排班表已签字。');
  photo.append('file:F1', new Blob([PNG]), 'rota.png');
  const f1 = await fetch(`${stack.baseUrl}/rectifications/${rectificationId}/evidence`, {
    method: 'POST',
    headers: { authorization: `Bearer ${world.medical.partyToken}` },
    body: photo,
  });
  expect(f1.status).toBe(201);
  expect((await findingEvidence(stack, world.care.partyToken, rectificationId, ['F2'])).status).toBe(201);
  await stepOf(stack, order, 'evidence-under-review');
  await eventually(
    async () => Object.values(await findingStates(rectificationId)).every((s) => s === 'evidence-under-review'),
    'both findings under review',
  );

  const page = await regulatorPage(world.regulatorEmail);
  await page.goto('/console/rectifications');
  const row = page.locator(`tr[data-rectification="${rectificationId}"]`);
  await row.waitFor();
  await expect(row.textContent()).resolves.toContain(zh('lights.yellow'));
  await expect(row.textContent()).resolves.toContain(zh('desk.steps.evidence-under-review'));
  await bothLanguages(page, 'desk-rectifications');

  await row.getByRole('link').click();
  await page.waitForURL((url) => url.pathname === `/console/rectifications/${rectificationId}`);
  await page.getByRole('heading', { level: 2, name: zh('desk.evidence.title'), exact: true }).waitFor();
  const photoItem = page
    .getByRole('region', { name: zh('desk.evidence.title'), exact: true })
    .locator('li li', { hasText: 'rota.png' });
  await photoItem.getByRole('button', { name: zh('desk.evidence.preview'), exact: true }).click();
  const image = page.getByRole('img', { name: zh('desk.evidence.alt', { name: 'rota.png' }), exact: true });
  await image.waitFor();
  await page.waitForFunction(
    (alt) => {
      const img = (globalThis as any).document.querySelector(`img[alt="${alt}"]`);
      return img?.complete && img.naturalWidth > 0;
    },
    zh('desk.evidence.alt', { name: 'rota.png' }),
  );
  await expect(
    photoItem.getByRole('link', { name: zh('desk.evidence.download'), exact: true }).getAttribute('href'),
  ).resolves.toMatch(/\/evidence\/files\/[0-9a-f]{64}$/);
  await findingForm(page, 'F1').waitFor();
  await bothLanguages(page, 'desk-rectification');

  await reviewInBrowser(page, 'F1', 'rejected', '排班表缺少养老院签字');
  await reviewInBrowser(page, 'F2', 'accepted', '健康档案交接记录齐全');
  await eventually(
    async () => JSON.stringify(await findingStates(rectificationId)) === '{"F1":"awaiting-evidence","F2":"accepted"}',
    'F1 rejected, F2 accepted',
  );
  expect(
    (await stack.db('finding_reviews').where({ rectification_id: rectificationId }).orderBy('finding_id')).map((r) => [
      r.finding_id,
      r.decision,
      r.reasons,
    ]),
  ).toEqual([
    ['F1', 'rejected', '排班表缺少养老院签字'],
    ['F2', 'accepted', '健康档案交接记录齐全'],
  ]);

  // The party submits again; the regulator accepts, and the re-evaluation follows.
  expect((await findingEvidence(stack, world.medical.liaisonToken, rectificationId, ['F1'])).status).toBe(201);
  await eventually(
    async () => (await findingStates(rectificationId)).F1 === 'evidence-under-review',
    'F1 under review again',
  );
  await page.reload();
  await reviewInBrowser(page, 'F1', 'accepted', '签字排班表已核实');
  const reEvaluating = await stepOf(stack, order, 're-evaluation');
  const reEvaluationId =
    reEvaluating.reEvaluationId ??
    (await eventually(
      async () =>
        (await stack.call('GET', `/rectifications/${rectificationId}`, { token: world.regulatorToken })).body
          .reEvaluationId,
      'the re-evaluation',
    ));
  const reScored = await stack.call('POST', `/evaluations/${reEvaluationId}/scores`, {
    token: order.org.token,
    body: scores(75),
  });
  expect(reScored.body).toMatchObject({ grade: 'qualified' });
  await stepOf(stack, order, 'closed');
  await eventually(
    async () => (await stack.db('rectification_orders').where({ id: rectificationId }).first()).outcome === 'closed',
    'the order recorded closed',
  );
  expect(await findingStates(rectificationId)).toEqual({ F1: 'accepted', F2: 'accepted' });
  await page.reload();
  await page.getByRole('heading', { level: 2, name: zh('desk.review.findingsTitle'), exact: true }).waitFor();
  expect(await findingForm(page, 'F1').count()).toBe(0);
});

test('under notice: the representations beside the decision, revocation confirmed in the browser, then reinstatement', async () => {
  // Representations for 30 policy days (6 s): filed at once, the decision falls due when the window closes.
  const { order } = await orderUnderNotice(stack, noticePolicy(30));
  const { world, rectificationId } = order;
  const representation = '暴雨导致巡诊记录遗失，已补做全部巡诊。';
  const filed = await fileRepresentations(stack, world.medical.partyToken, rectificationId, { text: representation });
  expect(filed.status).toBe(201);
  await eventually(
    async () =>
      stack.mail
        .mails()
        .some(
          (m) => m.headers['x-carepact-template'] === 'revocation-decision-due' && m.text!.includes(rectificationId),
        ),
    'the decision due',
    30_000,
  );

  const page = await regulatorPage(world.regulatorEmail);
  await page.goto(`/console/rectifications/${rectificationId}`);
  await page.getByRole('heading', { level: 2, name: zh('desk.revocation.title'), exact: true }).waitFor();
  const filedItem = page.locator(`[data-representation="${filed.body.representationId}"]`);
  await expect(filedItem.textContent()).resolves.toContain(representation);
  await bothLanguages(page, 'desk-revocation-decision');

  await page.getByLabel(zh('desk.revocation.decisions.confirm'), { exact: true }).check();
  await page
    .getByLabel(zh('desk.revocation.consideration', { name: `Central Hospital ${world.regionCode}` }), { exact: true })
    .fill('记录遗失不能替代整改证据');
  await page.getByLabel(zh('desk.revocation.reasons'), { exact: true }).fill('逾期未提交整改材料');
  await page.getByRole('button', { name: zh('desk.revocation.submit'), exact: true }).click();
  await eventually(
    async () => (await stack.db('revocation_decisions').where({ rectification_id: rectificationId }).first())?.reach,
    'the decision and its reach recorded',
  );
  expect(await stack.db('revocation_decisions').where({ rectification_id: rectificationId }).first()).toMatchObject({
    decision: 'confirm',
    reasons: '逾期未提交整改材料',
    institution_ids: [world.medical.institutionId],
  });
  expect(
    await stack.db('representation_considerations').where({ rectification_id: rectificationId }).pluck('consideration'),
  ).toEqual(['记录遗失不能替代整改证据']);
  const revocation = () => stack.db('qualification_revocations').where({ rectification_id: rectificationId }).first();
  expect(await revocation()).toMatchObject({ institution_id: world.medical.institutionId, reinstated_at: null });

  // Reinstatement, where the regulator finds it: on the order after the revocation.
  const name = `Central Hospital ${world.regionCode}`;
  await page.reload();
  await page.getByLabel(zh('desk.reinstatement.reason', { name }), { exact: true }).fill('整改复查合格');
  await page.getByRole('button', { name: zh('desk.reinstatement.submit', { name }), exact: true }).click();
  await page
    .getByRole('status')
    .filter({ hasText: zh('desk.reinstatement.done', { name }) })
    .waitFor();
  expect((await revocation()).reinstated_at).not.toBeNull();
});

test('a direct order from a contract page: findings, legal basis and reason', async () => {
  const world = await createWorld(stack, { signing: { windowDays: 365 }, obligations: { visitsPerMonth: 0 } });
  const contract = await activeContract(stack, world);
  const page = await regulatorPage(world.regulatorEmail);
  await page.goto(`/console/contracts/${contract.id}`);
  await page.getByRole('link', { name: zh('desk.order.link'), exact: true }).click();
  await page.waitForURL((url) => url.pathname.endsWith('/rectification-orders/new'));
  // Nothing filled: the API's problems show beside the fields, and nothing is recorded.
  await page.getByRole('button', { name: zh('desk.order.submit'), exact: true }).click();
  await page.getByRole('alert').first().waitFor();
  expect(await stack.db('rectification_orders').where({ contract_id: contract.id })).toEqual([]);
  await bothLanguages(page, 'desk-new-order');

  await page.getByLabel(zh('desk.order.indicator'), { exact: true }).fill('每月巡诊');
  await page.getByLabel(zh('desk.order.problem'), { exact: true }).fill('连续三个月未巡诊');
  await page.getByLabel(zh('desk.order.correction'), { exact: true }).fill('恢复每月巡诊并提交记录');
  await page.getByLabel(zh('desk.order.side'), { exact: true }).selectOption('medical');
  await page.getByLabel(zh('desk.order.legalBasis'), { exact: true }).fill('合作协议第三条');
  await page.getByLabel(zh('desk.order.reason'), { exact: true }).fill('多次未履行巡诊义务');
  await page.getByRole('button', { name: zh('desk.order.submit'), exact: true }).click();
  await page.waitForURL((url) => /^\/console\/rectifications\/[0-9a-f-]{36}$/.test(url.pathname));
  const id = page.url().split('/').pop();
  const row = await stack.db('rectification_orders').where({ id }).first();
  expect(row).toMatchObject({ contract_id: contract.id, origin: 'regulator', legal_basis: '合作协议第三条' });
  expect(row.findings).toEqual([
    expect.objectContaining({ indicator: '每月巡诊', finding: '连续三个月未巡诊', responsibleSide: 'medical' }),
  ]);
});
