import { hashPassword } from '../../platform/password-hash';
import { setPasswordHash } from '../../stores/user-store';
import { sessionHelpers, tokenOfLink } from '../support/session-client';
import { startStack, TestStack } from '../support/stack';

/** Issue 11: idle and absolute session expiry, and expired links, with tiny configured lifetimes (no clock mocking). */
let stack: TestStack;
let helpers: ReturnType<typeof sessionHelpers>;
const PASSWORD = 'a long enough passphrase';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  stack = await startStack({
    auth: {
      idleTimeoutSeconds: 3,
      absoluteTimeoutSeconds: 6,
      touchIntervalSeconds: 1,
      invitationLinkSeconds: 1,
    },
  });
  helpers = sessionHelpers(stack);
});
afterAll(async () => stack?.stop());

async function signedIn() {
  const p = await helpers.createPerson();
  // Links here live 1 s, shorter than hashing may take on a busy machine: the password is stored directly.
  await setPasswordHash(stack.db, p.id, await hashPassword(PASSWORD), new Date());
  const { res, browser } = await helpers.signIn(p.email, PASSWORD);
  expect(res.status).toBe(201);
  return browser;
}

it('ends a session left idle longer than the idle timeout', async () => {
  const browser = await signedIn();
  expect((await helpers.send(browser, 'GET', '/me')).status).toBe(200);
  await sleep(3_500);
  expect((await helpers.send(browser, 'GET', '/me')).status).toBe(401);
});

it('keeps a busy session past the idle timeout, but ends it at the absolute expiry', async () => {
  const browser = await signedIn();
  const started = Date.now();
  let lastOk = 0;
  while (Date.now() - started < 8_000) {
    const res = await helpers.send(browser, 'GET', '/session');
    if (res.status !== 200) break;
    lastOk = Date.now() - started;
    await sleep(1_100);
  }
  expect(lastOk).toBeGreaterThan(3_500);
  expect(lastOk).toBeLessThan(6_500);
  expect((await helpers.send(browser, 'GET', '/me')).status).toBe(401);
});

it('answers 410 link-expired for an invitation used after its lifetime', async () => {
  const p = await helpers.createPerson();
  const invited = await stack.call('POST', `/users/${p.id}/invitation`, { token: stack.adminToken });
  await sleep(1_500);
  const token = tokenOfLink(invited.body.link);
  const expired = await stack.call('POST', '/password-links/redemption', { body: { token, password: PASSWORD } });
  expect(expired.status).toBe(410);
  expect(expired.body.type).toBe('/problems/link-expired');
  expect((await stack.db('users').where({ id: p.id }).first()).password_hash).toBeNull();
});
