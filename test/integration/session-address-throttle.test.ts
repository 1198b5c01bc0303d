import { hashPassword } from '../../platform/password-hash';
import { setPasswordHash } from '../../stores/user-store';
import { sessionHelpers } from '../support/session-client';
import { startStack, TestStack } from '../support/stack';

/**
 * Issue 11: the per-address sign-in limit (OWASP ASVS 4.0 2.2.1). Its own stack: once the test's
 * address is throttled, every other sign-in from it would be refused, whatever order tests run in.
 */
let stack: TestStack;
let helpers: ReturnType<typeof sessionHelpers>;
const PASSWORD = 'a long enough passphrase';

beforeAll(async () => {
  stack = await startStack({ auth: { ipMaxFailures: 3 } });
  helpers = sessionHelpers(stack);
});
afterAll(async () => stack?.stop());

it('throttles an address after its failures across accounts; a success in between does not reset it', async () => {
  const known = await helpers.createPerson();
  await setPasswordHash(stack.db, known.id, await hashPassword(PASSWORD), new Date());
  expect((await helpers.signIn('first@example.test', 'guess one')).res.status).toBe(401);
  expect((await helpers.signIn('second@example.test', 'guess two')).res.status).toBe(401);
  expect((await helpers.signIn(known.email, PASSWORD)).res.status).toBe(201);
  expect((await helpers.signIn('third@example.test', 'guess three')).res.status).toBe(401);
  const refused = await helpers.signIn(known.email, PASSWORD);
  expect(refused.res.status).toBe(429);
  expect(Number(refused.res.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(await stack.db('sign_in_attempts').where({ outcome: 'throttled' })).toHaveLength(1);
});
