import type { Page } from 'playwright-core';
import { fillSignIn, signIn, signOut, useBrowser } from '../support/browser';
import { newPassword, withPassword } from '../support/console-people';
import { text } from '../support/console-text';
import { createWorld, type World } from '../support/fixtures';
import { startStack, type TestStack } from '../support/stack';

/**
 * Issue 11, demonstrable: signing out ends the session for real; five wrong passwords are answered
 * by a refusal that says how long to wait; a cookie-authenticated write without the CSRF token fails.
 */
let stack: TestStack;
const browser = useBrowser();

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

/** The hospital's liaison officer of a fresh region, with a password, signed in to the console. */
async function signedInLiaison(): Promise<{ world: World; page: Page; userId: string }> {
  const world = await createWorld(stack);
  const userId = world.medical.liaisonId;
  const password = await withPassword(stack, stack.adminToken, userId);
  const { page } = await browser.newUser(stack.browserUrl);
  await signIn(page, world.medical.liaisonEmail, password);
  return { world, page, userId };
}

const liveSessions = (userId: string) =>
  stack.db('user_sessions').where({ user_id: userId }).whereNull('revoked_at').pluck('id');

test('signing out ends the session: a protected page then leads to sign-in, and the old cookie opens nothing', async () => {
  const { page, userId } = await signedInLiaison();
  expect(await liveSessions(userId)).toHaveLength(1);
  const [cookie] = (await page.context().cookies()).filter((c) => c.name === '__Host-carepact_session');
  expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });

  const [user] = await stack.db('users').where({ id: userId }).pluck('name');
  await signOut(page, user);
  expect(await liveSessions(userId)).toEqual([]);
  expect((await page.context().cookies()).filter((c) => c.name === '__Host-carepact_session')).toEqual([]);

  await page.goto('/console/tasks');
  await page.waitForURL((url) => url.pathname === '/console/sign-in' && url.searchParams.get('next') === '/tasks');
  await page.getByRole('heading', { level: 1, name: text('zh-CN', 'signIn.title') }).waitFor();

  // The old cookie, sent again by hand, is no session any more.
  await page.context().addCookies([cookie!]);
  expect((await page.request.get('/me')).status()).toBe(401);
});

test('five wrong passwords: each is refused plainly, then even the right one is refused with a time to wait', async () => {
  const world = await createWorld(stack);
  const userId = world.care.liaisonId;
  const email = world.care.liaisonEmail;
  const password = await withPassword(stack, stack.adminToken, userId);
  const { page } = await browser.newUser(stack.browserUrl);
  await page.goto('/console/sign-in');
  const alert = page.getByRole('alert');

  for (let attempt = 1; attempt <= 5; attempt++) {
    const answered = page.waitForResponse((r) => r.url().endsWith('/session') && r.request().method() === 'POST');
    await fillSignIn(page, email, newPassword());
    expect((await answered).status()).toBe(401);
    await alert.filter({ hasText: text('zh-CN', 'problems.sign-in-failed') }).waitFor();
  }
  const answered = page.waitForResponse((r) => r.url().endsWith('/session') && r.request().method() === 'POST');
  await fillSignIn(page, email, password);
  const refused = await answered;
  expect(refused.status()).toBe(429);
  const seconds = Number(refused.headers()['retry-after']);
  expect(seconds).toBeGreaterThan(0);
  // The wait as the console words it: seconds under two minutes, whole minutes above.
  const wait =
    seconds < 120
      ? text('zh-CN', 'time.seconds', { count: seconds })
      : text('zh-CN', 'time.minutes', { count: Math.ceil(seconds / 60) });
  await alert.filter({ hasText: text('zh-CN', 'problems.sign-in-throttled', { wait }) }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/console/sign-in');

  const attempts = await stack.db('sign_in_attempts').where({ email }).orderBy('id').pluck('outcome');
  expect(attempts.slice(-6)).toEqual(['failed', 'failed', 'failed', 'failed', 'failed', 'throttled']);
  expect(await liveSessions(userId)).toEqual([]);
});

test('a cookie-authenticated write without the CSRF token is refused and changes nothing; with it, it is done', async () => {
  const { page, userId } = await signedInLiaison();
  const body = { name: '本月逾期', filter: { states: ['overdue'] }, shared: false };
  const post = (headers: Record<string, string>) =>
    page.evaluate(
      async ({ body, headers }) => {
        const res = await fetch('/me/task-filters', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        });
        return { status: res.status, body: (await res.json()) as { type?: string } };
      },
      { body, headers },
    );

  const refused = await post({});
  expect(refused.status).toBe(403);
  expect(refused.body.type).toMatch(/csrf-token-invalid$/);
  const forged = await post({ 'X-CSRF-Token': 'not-the-token' });
  expect(forged.status).toBe(403);
  // The same through Playwright's request API, which shares the page's cookies but is no page script.
  const fromOutside = await page.request.post('/me/task-filters', { data: body });
  expect(fromOutside.status()).toBe(403);
  expect(await stack.db('task_filters').where({ owner_user_id: userId }).count()).toEqual([{ count: '0' }]);

  const session = await page.evaluate(async () => (await (await fetch('/session')).json()) as { csrfToken: string });
  const accepted = await post({ 'X-CSRF-Token': session.csrfToken });
  expect(accepted.status).toBe(201);
  expect(await stack.db('task_filters').where({ owner_user_id: userId }).pluck('name')).toEqual([body.name]);
});
