import type { Page } from 'playwright-core';
import { checkPage, signIn, switchLanguage, useBrowser } from '../support/browser';
import { withPassword } from '../support/console-people';
import { text } from '../support/console-text';
import { agreementTerms, createWorld, type World } from '../support/fixtures';
import { startStack, type TestStack } from '../support/stack';

/**
 * A region's settings: the regulator changes a policy number (a bad value is refused beside its
 * field), rolls the policy out and publishes an agreement template; the admin registers a region
 * and invites its regulator.
 */
let stack: TestStack;
let world: World;
let password: string;
const browser = useBrowser();

beforeAll(async () => {
  stack = await startStack();
  world = await createWorld(stack);
  const [regulator] = await stack.db('users').where({ email: world.regulatorEmail }).pluck('id');
  password = await withPassword(stack, stack.adminToken, regulator);
});
afterAll(async () => {
  await stack?.stop();
});

const zh = (key: string, vars?: Record<string, string | number>) => text('zh-CN', key, vars);

async function bothLanguages(page: Page, name: string) {
  expect(await checkPage(page, name, 'zh-CN')).toEqual([]);
  await switchLanguage(page, 'en');
  expect(await checkPage(page, name, 'en')).toEqual([]);
  await switchLanguage(page, 'zh-CN');
}

const region = () => stack.db('regions').where({ code: world.regionCode }).first();

test('a regulator changes a policy number, rolls the policy out and publishes a template', async () => {
  const { page } = await browser.newUser(stack.browserUrl);
  await signIn(page, world.regulatorEmail, password);
  await page.goto(`/console/regions/${world.regionCode}/settings`);
  await page.getByRole('heading', { level: 2, name: zh('directory.policy.title'), exact: true }).waitFor();
  await bothLanguages(page, 'directory-region-settings');
  const before = await region();

  const visits = page.getByLabel(zh('directory.policy.numbers.visitsPerMonth'), { exact: true });
  await visits.fill('40');
  await page.getByRole('button', { name: zh('directory.policy.save'), exact: true }).click();
  await page.locator('.field-invalid .field-problems').first().waitFor();
  expect(await visits.getAttribute('aria-invalid')).toBe('true');
  const problemId = (await visits.getAttribute('aria-describedby'))!.split(' ').pop()!;
  expect(await page.locator(`[id="${problemId}"]`).innerText()).not.toBe('');
  expect((await region()).policy_version).toBe(before.policy_version);

  await visits.fill('2');
  await page.getByRole('button', { name: zh('directory.policy.save'), exact: true }).click();
  const version = before.policy_version + 1;
  await page.getByRole('status').getByText(zh('directory.policy.saved', { version })).waitFor();
  const after = await region();
  expect(after.policy_version).toBe(version);
  expect(after.policy_overrides.obligations.visitsPerMonth).toBe(2);
  expect(await visits.getAttribute('aria-invalid')).toBeNull();

  await page.getByRole('button', { name: zh('directory.rollout.submit', { version }), exact: true }).click();
  await page
    .getByRole('alert')
    .getByText(zh('directory.rollout.confirm', { version, name: after.name }))
    .waitFor();
  expect(
    await stack.db('audit_log').where({ action: 'region.policy-rolled-out', entity_id: world.regionCode }),
  ).toEqual([]);
  await page.getByRole('button', { name: zh('directory.rollout.confirmSubmit'), exact: true }).click();
  await page
    .getByRole('status')
    .getByText(zh('directory.rollout.done', { version, contracts: 0, failed: 0 }))
    .waitFor();
  expect(
    await stack.db('audit_log').where({ action: 'region.policy-rolled-out', entity_id: world.regionCode }),
  ).toHaveLength(1);

  // The region has no template yet: the first version is published from the JSON terms.
  await page.getByLabel(zh('directory.templates.terms'), { exact: true }).fill(JSON.stringify(agreementTerms, null, 2));
  await page.getByLabel(zh('directory.templates.note'), { exact: true }).fill('首版');
  await page.getByRole('button', { name: zh('directory.templates.publish', { version: 1 }), exact: true }).click();
  await page
    .getByRole('status')
    .getByText(zh('directory.templates.published', { version: 1 }))
    .waitFor();
  await page.getByRole('heading', { level: 3, name: zh('directory.templates.shown', { version: 1 }) }).waitFor();
  const template = await stack.db('agreement_templates').where({ region_code: world.regionCode, version: 1 }).first();
  expect(template).toMatchObject({ note: '首版' });
  await page.getByRole('button', { name: zh('directory.templates.publish', { version: 2 }), exact: true }).waitFor();
});

test('the admin registers a region and invites its regulator', async () => {
  const admin = await stack.db('users').where({ role: 'admin' }).first();
  const adminPassword = await withPassword(stack, stack.adminToken, admin.id);
  const { page } = await browser.newUser(stack.browserUrl);
  await signIn(page, admin.email, adminPassword);
  await page.goto('/console/regions');
  await page.getByRole('heading', { level: 1, name: zh('directory.regions.title'), exact: true }).waitFor();
  await page.getByRole('rowheader', { name: new RegExp(world.regionCode) }).waitFor();
  await bothLanguages(page, 'directory-regions');

  const code = `N${world.regionCode}`.slice(0, 32);
  const name = `新区 ${code}`;
  await page.getByLabel(zh('directory.regions.code'), { exact: true }).fill(code);
  await page.getByLabel(zh('directory.name'), { exact: true }).first().fill(name);
  await page.getByRole('button', { name: zh('directory.regions.create'), exact: true }).click();
  await page.getByRole('status').getByText(zh('directory.regions.created', { name })).waitFor();
  expect(await stack.db('regions').where({ code }).first()).toMatchObject({ name, remote: false });

  const email = `reg.${code.toLowerCase()}@example.test`;
  const invite = page.getByRole('region', { name: zh('directory.users.inviteRegulator') });
  await invite.getByLabel(zh('directory.name'), { exact: true }).fill('王监管');
  await invite.getByLabel(zh('directory.users.email'), { exact: true }).fill(email);
  await invite.getByLabel(zh('directory.region'), { exact: true }).selectOption(code);
  await invite.getByRole('button', { name: zh('directory.users.sendInvitation'), exact: true }).click();
  await invite.getByRole('status').getByText(zh('directory.users.tokenOnce')).waitFor();
  const regulator = await stack.db('users').where({ email }).first();
  expect(regulator).toMatchObject({ role: 'regulator' });
  expect(await stack.db('user_regions').where({ user_id: regulator.id }).pluck('region_code')).toEqual([code]);
  await page.getByRole('cell', { name: '王监管' }).waitFor();
  await stack.mail.waitFor((m) => m.envelopeTo.includes(email), { timeoutMs: 30_000 });
});
