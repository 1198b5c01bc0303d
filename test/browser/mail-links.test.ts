import { signIn, useBrowser, fillSignIn } from '../support/browser';
import { withPassword } from '../support/console-people';
import { text } from '../support/console-text';
import { activeContract, createWorld, type World } from '../support/fixtures';
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
