import { signIn, useBrowser, fillSignIn } from '../support/browser';
import { withPassword } from '../support/console-people';
import { text } from '../support/console-text';
import { createEvaluatorOrg } from '../support/evaluation-fixtures';
import { activeContract, createWorld, eventually, type World } from '../support/fixtures';
import { startStack, type TestStack } from '../support/stack';

/**
 * Issue 13, demonstrable: a mail's link names the console page of what it is about, and opened
 * signed out it asks for sign-in first, then lands on that page. A link mailed before mails named
 * the console (the API's own address) still opens the page in a browser.
 */
let stack: TestStack;
let world: World;
const browser = useBrowser();

beforeAll(async () => {
  stack = await startStack();
  world = await createWorld(stack);
});
afterAll(async () => {
  await stack?.stop();
});

const linkIn = (body: string | undefined) => body?.match(/https?:\/\/\S+/g) ?? [];

test('the activation mail links to the contract page, which asks for sign-in and then opens', async () => {
  const contract = await activeContract(stack, world);
  const [mail] = await stack.mail.waitFor(
    (m) => Boolean(m.headers.to?.includes(world.medical.liaisonEmail)) && (m.text ?? '').includes(contract.id),
    { timeoutMs: 30_000 },
  );
  const links = linkIn(mail!.text).filter((l) => l.includes(contract.id));
  expect(links).toEqual([`${stack.browserUrl}/console/contracts/${contract.id}`]);

  const password = await withPassword(stack, stack.adminToken, world.medical.liaisonId);
  const { page } = await browser.newUser(stack.browserUrl);
  await page.goto(links[0]!);
  await page.waitForURL((url) => url.pathname === '/console/sign-in');
  expect(new URL(page.url()).searchParams.get('next')).toBe(`/contracts/${contract.id}`);
  await fillSignIn(page, world.medical.liaisonEmail, password);
  await page.waitForURL((url) => url.pathname === `/console/contracts/${contract.id}`);
  await page.getByRole('heading', { level: 2, name: text('zh-CN', 'contracts.parties'), exact: true }).waitFor();
  const status = await stack.db('contracts').where({ id: contract.id }).first('status');
  expect(status.status).toBe('active');
  await expect(
    page.getByText(text('zh-CN', 'contractStatus.active'), { exact: true }).first().isVisible(),
  ).resolves.toBe(true);
});

test("an evaluator's assignment mail opens the cycle's assignments after sign-in, and from there the scoring page", async () => {
  const org = await createEvaluatorOrg(stack, world, '第三方评估中心（邮件链接）');
  const [evaluatorId] = await stack.db('users').where({ email: org.email }).pluck('id');
  const password = await withPassword(stack, stack.adminToken, evaluatorId);
  const contract = await activeContract(stack, world);
  const cycle = await stack.call('POST', '/evaluation-cycles', {
    token: world.regulatorToken,
    body: { regionCode: world.regionCode, half: '2026-H2' },
  });
  expect(cycle.status).toBe(201);
  const evaluation = await eventually(
    () => stack.db('evaluations').where({ contract_id: contract.id, evaluator_organization_id: org.id }).first(),
    'the assignment',
  );
  const [mail] = await stack.mail.waitFor(
    (m) => Boolean(m.headers.to?.includes(org.email)) && m.headers['x-carepact-template'] === 'evaluation-assigned',
    { timeoutMs: 30_000 },
  );
  const links = linkIn(mail!.text).filter((l) => l.includes(cycle.body.id));
  expect(links).toEqual([`${stack.browserUrl}/console/evaluations?cycleId=${cycle.body.id}`]);

  const { page } = await browser.newUser(stack.browserUrl);
  await page.goto(links[0]!);
  await page.waitForURL((url) => url.pathname === '/console/sign-in');
  await fillSignIn(page, org.email, password);
  await page.waitForURL(
    (url) => url.pathname === '/console/evaluations' && url.searchParams.get('cycleId') === cycle.body.id,
  );
  await page.locator(`a[href="/console/evaluations/${evaluation.id}"]`).first().click();
  await page.waitForURL((url) => url.pathname === `/console/evaluations/${evaluation.id}`);
  const [medical] = await stack.db('institutions').where({ id: world.medical.institutionId }).pluck('name');
  await page.locator('#evaluation-heading', { hasText: medical }).waitFor();
  expect(evaluation.status).toBe('assigned');
});

test("an older mail's API link opens the page in a browser, while API clients still get JSON", async () => {
  const contract = await activeContract(stack, world);
  const password = await withPassword(stack, stack.adminToken, world.care.liaisonId);
  const { page } = await browser.newUser(stack.browserUrl);
  await signIn(page, world.care.liaisonEmail, password);
  await page.goto(`/contracts/${contract.id}`);
  await page.waitForURL((url) => url.pathname === `/console/contracts/${contract.id}`);

  const asClient = await stack.call('GET', `/contracts/${contract.id}`, { token: world.care.liaisonToken });
  expect(asClient.status).toBe(200);
  expect(asClient.body.id).toBe(contract.id);
  const plain = await fetch(`${stack.baseUrl}/contracts/${contract.id}`, { redirect: 'manual' });
  expect(plain.status).toBe(401);
});
