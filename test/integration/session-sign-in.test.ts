import { sessionHelpers } from '../support/session-client';
import { startStack, TestStack } from '../support/stack';

/** Issue 11: signing in with a password, the session cookie, CSRF, fixation, signing out (ASVS 4.0 V3). */
let stack: TestStack;
let helpers: ReturnType<typeof sessionHelpers>;
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  stack = await startStack();
  helpers = sessionHelpers(stack);
});
afterAll(async () => stack?.stop());

async function person() {
  const p = await helpers.createPerson();
  await helpers.setPassword(p.id, PASSWORD);
  return p;
}

it('signs in with a secure __Host- cookie, answers GET /session and /me, and signs out', async () => {
  const p = await person();
  const { res, browser, cookie } = await helpers.signIn(p.email.toUpperCase(), PASSWORD);
  expect(res.status).toBe(201);
  expect(res.body.user).toMatchObject({ id: p.id, email: p.email, role: 'admin', locale: 'en' });
  expect(cookie!.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(cookie!.attributes).toEqual(expect.arrayContaining(['Path=/', 'Secure', 'HttpOnly', 'SameSite=Lax']));
  expect(cookie!.attributes.some((a) => /^domain=/i.test(a))).toBe(false);
  const stored = await stack.db('user_sessions').where({ user_id: p.id });
  expect(stored).toHaveLength(1);
  expect(JSON.stringify(stored)).not.toContain(cookie!.value);

  const session = await helpers.send(browser, 'GET', '/session');
  expect(session.status).toBe(200);
  expect(session.body.csrfToken).toBe(browser.csrfToken);
  expect(Date.parse(session.body.absoluteExpiresAt) - Date.parse(session.body.idleExpiresAt)).toBeGreaterThan(0);
  expect((await helpers.send(browser, 'GET', '/me')).body.id).toBe(p.id);

  const out = await helpers.send(browser, 'DELETE', '/session');
  expect(out.status).toBe(204);
  expect(out.headers.getSetCookie().join()).toContain('Max-Age=0');
  expect((await helpers.send(browser, 'GET', '/me')).status).toBe(401);
  const after = await helpers.send(browser, 'GET', '/session');
  expect(after.status).toBe(401);
  expect(after.body.detail).toContain('signed-in session or a bearer token');
});

it('answers the same 401 for an unknown e-mail, a wrong password, no password yet and a deactivated user', async () => {
  const p = await person();
  const fresh = await helpers.createPerson();
  const gone = await person();
  const deactivated = await stack.call('POST', `/users/${gone.id}/deactivation`, {
    token: stack.adminToken,
    body: { reason: 'left' },
  });
  expect(deactivated.status).toBe(200);
  const answers = await Promise.all([
    helpers.signIn('nobody@example.test', PASSWORD),
    helpers.signIn(p.email, 'wrong password, sorry'),
    helpers.signIn(fresh.email, PASSWORD),
    helpers.signIn(gone.email, PASSWORD),
  ]);
  for (const { res, cookie } of answers) {
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ type: '/problems/sign-in-failed', detail: answers[0]!.res.body.detail });
    expect(cookie).toBeUndefined();
  }
});

it('never adopts a planted cookie: sign-in issues a new id, and the planted one stays unknown', async () => {
  const p = await person();
  const planted = 'A'.repeat(43);
  const { res, browser } = await helpers.signIn(p.email, PASSWORD, planted);
  expect(res.status).toBe(201);
  expect(browser.cookie).not.toBe(planted);
  expect((await helpers.send({ cookie: planted }, 'GET', '/me')).status).toBe(401);

  // A second sign-in of the same person gets yet another id; the first session stays its own.
  const again = await helpers.signIn(p.email, PASSWORD, browser.cookie);
  expect(again.browser.cookie).not.toBe(browser.cookie);
  expect(again.browser.csrfToken).not.toBe(browser.csrfToken);
  expect((await stack.db('user_sessions').where({ user_id: p.id })).length).toBe(2);
});

it('refuses an unsafe request of a cookie session without its CSRF token, with a wrong one, or from another origin', async () => {
  const p = await person();
  const { browser } = await helpers.signIn(p.email, PASSWORD);
  const body = { label: 'from the console' };
  const path = `/users/${p.id}/tokens`;
  const before = await stack.db('api_tokens').where({ user_id: p.id }).count({ n: '*' });
  for (const attempt of [
    await helpers.send(browser, 'POST', path, { body, csrf: null }),
    await helpers.send(browser, 'POST', path, { body, csrf: 'not-the-token' }),
    await helpers.send(browser, 'POST', path, { body, headers: { origin: 'https://evil.example' } }),
    await helpers.send(browser, 'DELETE', '/session', { csrf: null }),
  ]) {
    expect(attempt.status).toBe(403);
    expect(attempt.body.type).toBe('/problems/csrf-token-invalid');
  }
  expect(await stack.db('api_tokens').where({ user_id: p.id }).count({ n: '*' })).toEqual(before);
  expect((await helpers.send(browser, 'GET', '/session')).status).toBe(200);

  const accepted = await helpers.send(browser, 'POST', path, { body });
  expect(accepted.status).toBe(201);
  expect(accepted.body.token.userId).toBe(p.id);
});

it('refuses a sign-in posted from another origin, before any password is checked', async () => {
  const p = await person();
  const res = await stack.call('POST', '/session', {
    body: { email: p.email, password: PASSWORD },
    headers: { origin: 'https://evil.example' },
  });
  expect(res.status).toBe(403);
  expect(res.body.type).toBe('/problems/csrf-token-invalid');
  expect(await stack.db('sign_in_attempts').where({ email: p.email }).whereNot({ outcome: 'password-set' })).toEqual(
    [],
  );
});

it('lists sessions, ends one, and signs out everywhere; bearer tokens keep working and win over a cookie', async () => {
  const p = await person();
  const first = await helpers.signIn(p.email, PASSWORD);
  const second = await helpers.signIn(p.email, PASSWORD);
  const third = await helpers.signIn(p.email, PASSWORD);
  const listed = await helpers.send(first.browser, 'GET', '/me/sessions');
  expect(listed.body.items).toHaveLength(3);
  expect(listed.body.items.filter((s: { current: boolean }) => s.current)).toHaveLength(1);

  const secondId = (await helpers.send(second.browser, 'GET', '/me/sessions')).body.items.find(
    (s: { current: boolean }) => s.current,
  ).id;
  expect((await helpers.send(first.browser, 'DELETE', `/me/sessions/${secondId}`)).status).toBe(204);
  expect((await helpers.send(second.browser, 'GET', '/me')).status).toBe(401);
  expect((await helpers.send(third.browser, 'GET', '/me')).status).toBe(200);

  // A bearer token wins: with it, a cookie's missing CSRF token does not matter.
  const withBoth = await stack.call('GET', '/me', {
    token: p.token,
    headers: { cookie: `__Host-carepact_session=${first.browser.cookie}` },
  });
  expect(withBoth.status).toBe(200);

  expect((await helpers.send(first.browser, 'DELETE', '/me/sessions')).status).toBe(204);
  for (const b of [first, third]) expect((await helpers.send(b.browser, 'GET', '/me')).status).toBe(401);
  expect((await stack.call('GET', '/me', { token: p.token })).body.id).toBe(p.id);
  expect((await stack.call('GET', '/session', { token: p.token })).status).toBe(401);
});

it("ends a deactivated user's sessions from the next request on", async () => {
  const p = await person();
  const { browser } = await helpers.signIn(p.email, PASSWORD);
  expect((await helpers.send(browser, 'GET', '/me')).status).toBe(200);
  const deactivated = await stack.call('POST', `/users/${p.id}/deactivation`, {
    token: stack.adminToken,
    body: { reason: 'left the commission' },
  });
  expect(deactivated.status).toBe(200);
  expect((await helpers.send(browser, 'GET', '/me')).status).toBe(401);
});
