import { bootstrapSignInLink } from '../../api/features/session/password-link-writer';
import { sessionHelpers, tokenOfLink } from '../support/session-client';
import { startStack, TestStack } from '../support/stack';

/** Issue 11: invitation and reset links (single use, no account enumeration) and sign-in throttling (ASVS V2). */
let stack: TestStack;
let helpers: ReturnType<typeof sessionHelpers>;
const PASSWORD = 'a long enough passphrase';

beforeAll(async () => {
  stack = await startStack({ publicBaseUrl: 'https://carepact.example' });
  helpers = sessionHelpers(stack);
});
afterAll(async () => stack?.stop());

const template = (name: string, to: string) => (m: { headers: Record<string, string>; envelopeTo: string[] }) =>
  m.headers['x-carepact-template'] === name && m.envelopeTo[0] === to;

it('mails a new user an invitation in its locale; the link works once, and a reused one answers 410', async () => {
  const email = `zh-${Date.now()}@example.test`;
  const created = await stack.call('POST', '/users', {
    token: stack.adminToken,
    body: { name: '王主任', email, role: 'admin' },
  });
  expect(created.status).toBe(201);
  expect(created.body.token).toMatch(/^cp_/);
  const [mail] = await stack.mail.waitFor(template('user-invitation', email));
  expect(mail!.subject).toContain('【CarePact】');
  const link = /https:\/\/carepact\.example\/console\/password#token=[A-Za-z0-9_-]+/.exec(mail!.text!)![0];
  const token = tokenOfLink(link);

  const inspected = await stack.call('POST', '/password-links/inspection', { body: { token } });
  expect(inspected.status).toBe(200);
  expect(inspected.body).toMatchObject({ email, purpose: 'invitation' });
  expect((await stack.call('POST', '/password-links/redemption', { body: { token, password: 'short' } })).status).toBe(
    400,
  );
  const redeemed = await stack.call('POST', '/password-links/redemption', { body: { token, password: PASSWORD } });
  expect(redeemed.status).toBe(200);
  expect((await helpers.signIn(email, PASSWORD)).res.status).toBe(201);

  for (const [path, body] of [
    ['/password-links/redemption', { token, password: 'another long passphrase' }],
    ['/password-links/inspection', { token }],
  ] as const) {
    const reused = await stack.call('POST', path, { body });
    expect(reused.status).toBe(410);
    expect(reused.body.type).toBe('/problems/link-used');
  }
  const unknown = await stack.call('POST', '/password-links/inspection', { body: { token: 'x'.repeat(43) } });
  expect(unknown.status).toBe(404);
});

it('a newer invitation replaces the older one, which then answers 410', async () => {
  const p = await helpers.createPerson();
  const first = await stack.call('POST', `/users/${p.id}/invitation`, { token: stack.adminToken });
  const second = await stack.call('POST', `/users/${p.id}/invitation`, { token: stack.adminToken });
  expect(second.status).toBe(201);
  const old = await stack.call('POST', '/password-links/inspection', { body: { token: tokenOfLink(first.body.link) } });
  expect(old.status).toBe(410);
  const fresh = await stack.call('POST', '/password-links/inspection', {
    body: { token: tokenOfLink(second.body.link) },
  });
  expect(fresh.status).toBe(200);
});

it('answers a reset request alike for any address, mails only an owner, and the reset ends every session', async () => {
  const p = await helpers.createPerson();
  await helpers.setPassword(p.id, PASSWORD);
  const signedIn = await helpers.signIn(p.email, PASSWORD);
  const unknown = await stack.call('POST', '/password-resets', { body: { email: 'nobody@example.test' } });
  const known = await stack.call('POST', '/password-resets', { body: { email: p.email } });
  expect(unknown.status).toBe(202);
  expect(known.status).toBe(202);
  expect(known.body).toEqual(unknown.body);

  const [mail] = await stack.mail.waitFor(template('password-reset', p.email));
  expect(mail!.subject).toBe('[CarePact] Reset your password');
  expect(stack.mail.mails().some((m) => m.envelopeTo[0] === 'nobody@example.test')).toBe(false);
  const token = tokenOfLink(/https:\S+#token=[A-Za-z0-9_-]+/.exec(mail!.text!)![0]);
  expect((await stack.call('POST', '/password-links/inspection', { body: { token } })).body.purpose).toBe('reset');
  const newPassword = 'a brand new passphrase';
  expect(
    (await stack.call('POST', '/password-links/redemption', { body: { token, password: newPassword } })).status,
  ).toBe(200);
  expect((await helpers.send(signedIn.browser, 'GET', '/me')).status).toBe(401);
  expect((await helpers.signIn(p.email, PASSWORD)).res.status).toBe(401);
  expect((await helpers.signIn(p.email, newPassword)).res.status).toBe(201);
});

it('throttles an account after 5 failures: 429 with Retry-After, even for the right password; a reset lifts it', async () => {
  const p = await helpers.createPerson();
  await helpers.setPassword(p.id, PASSWORD);
  for (let i = 0; i < 5; i++) expect((await helpers.signIn(p.email, `wrong guess ${i}`)).res.status).toBe(401);
  const refused = await helpers.signIn(p.email, PASSWORD);
  expect(refused.res.status).toBe(429);
  expect(refused.res.body.type).toBe('/problems/sign-in-throttled');
  expect(refused.res.body.detail).toMatch(/try again in \d+ minutes.*reset your password/);
  expect(Number(refused.res.headers.get('retry-after'))).toBeGreaterThan(800);
  expect(refused.cookie).toBeUndefined();
  expect(await stack.db('user_sessions').where({ user_id: p.id })).toHaveLength(0);

  await helpers.setPassword(p.id, 'the reset passphrase');
  expect((await helpers.signIn(p.email, 'the reset passphrase')).res.status).toBe(201);
});

it('invites again on request: the link, valid for the configured 7 days, is answered and mailed', async () => {
  const p = await helpers.createPerson();
  const self = await stack.call('POST', `/users/${p.id}/invitation`, { token: p.token });
  expect(self.status).toBe(201);
  expect(self.body.link).toMatch(/^https:\/\/carepact\.example\/console\/password#token=/);
  expect(Date.parse(self.body.expiresAt)).toBeGreaterThan(Date.now() + 6 * 86_400_000);
  await stack.mail.waitFor(template('user-invitation', p.email), { count: 2 });
});

it('gives the bootstrap admin a fresh sign-in link on each start, retiring the last unused one', async () => {
  const settings = { publicBaseUrl: 'http://localhost:3000', invitationLinkSeconds: 600 };
  const first = await bootstrapSignInLink(stack.db, stack.adminToken, settings);
  const second = await bootstrapSignInLink(stack.db, stack.adminToken, settings);
  expect(second.url).toMatch(/^http:\/\/localhost:3000\/console\/password#token=/);
  const inspect = (url: string) =>
    stack.call('POST', '/password-links/inspection', { body: { token: tokenOfLink(url) } });
  expect((await inspect(first.url)).status).toBe(410);
  expect((await inspect(second.url)).body).toMatchObject({ email: first.email, purpose: 'invitation' });
});
