import type { Page } from 'playwright-core';
import { checkPage, signIn, switchLanguage, useBrowser } from '../support/browser';
import { withPassword } from '../support/console-people';
import { text } from '../support/console-text';
import { createWorld, type World } from '../support/fixtures';
import { startStack, type TestStack } from '../support/stack';

/**
 * A regulator's directory: registers an institution, invites a user (the mail links to the
 * console), deactivates that user after confirming, entrusts an evaluator organization and
 * records its conflict of interest.
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

test('a regulator keeps the directory of its region', async () => {
  const { page } = await browser.newUser(stack.browserUrl);
  await signIn(page, world.regulatorEmail, password);
  await page.goto('/console/directory');
  await page.getByRole('heading', { level: 1, name: zh('directory.title'), exact: true }).waitFor();
  await page
    .getByRole('cell', { name: zh('directory.kinds.medical') })
    .first()
    .waitFor();
  await bothLanguages(page, 'directory-institutions');

  // An institution registered from the form.
  const clinic = `东华社区卫生服务中心 ${world.regionCode}`;
  await page.getByLabel(zh('directory.name'), { exact: true }).fill(clinic);
  await page.getByLabel(zh('directory.institutions.committedStaff'), { exact: true }).first().fill('6');
  await page.getByRole('button', { name: zh('directory.institutions.create'), exact: true }).click();
  await page
    .getByRole('status')
    .getByText(zh('directory.institutions.created', { name: clinic }))
    .waitFor();
  await page.getByRole('rowheader', { name: clinic }).waitFor();
  const institution = await stack.db('institutions').where({ name: clinic }).first();
  expect(institution).toMatchObject({ region_code: world.regionCode, kind: 'medical' });

  // A user invited for it: the invitation mail links to the console.
  await page.getByRole('link', { name: zh('directory.tabs.users'), exact: true }).click();
  await page.getByRole('heading', { level: 2, name: zh('directory.users.invite'), exact: true }).waitFor();
  await bothLanguages(page, 'directory-users');
  const email = `zhou.${world.regionCode.toLowerCase()}@example.test`;
  await page.getByLabel(zh('directory.name'), { exact: true }).fill('周晓');
  await page.getByLabel(zh('directory.users.email'), { exact: true }).fill(email);
  await page.getByLabel(zh('directory.users.role'), { exact: true }).selectOption('liaison');
  await page.getByLabel(zh('directory.users.institution'), { exact: true }).selectOption({ label: clinic });
  await page.getByRole('button', { name: zh('directory.users.sendInvitation'), exact: true }).click();
  await page.getByRole('status').getByText(zh('directory.users.tokenOnce')).waitFor();
  const user = await stack.db('users').where({ email }).first();
  expect(user).toMatchObject({ role: 'liaison', institution_id: institution.id, deactivated_at: null });
  const [mail] = await stack.mail.waitFor((m) => m.envelopeTo.includes(email), { timeoutMs: 30_000 });
  const links = (mail!.text ?? '').match(/https?:\/\/\S+/g) ?? [];
  expect(links.some((l) => l.startsWith(`${stack.browserUrl}/console/password#token=`))).toBe(true);

  // Found by e-mail, and deactivated only after confirming.
  await page.getByLabel(zh('directory.users.search'), { exact: true }).fill(email);
  await page.getByRole('button', { name: zh('common.search'), exact: true }).click();
  await page.getByRole('link', { name: '周晓', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: '周晓', exact: true }).waitFor();
  await bothLanguages(page, 'directory-user');
  await page.getByLabel(zh('directory.users.reason'), { exact: true }).fill('已离职');
  await page.getByRole('button', { name: zh('directory.users.deactivate'), exact: true }).click();
  await page
    .getByRole('alert')
    .getByText(zh('directory.users.deactivateConfirm', { name: '周晓' }))
    .waitFor();
  expect((await stack.db('users').where({ id: user.id }).first()).deactivated_at).toBeNull();
  await page.getByRole('button', { name: zh('directory.users.deactivateConfirmSubmit'), exact: true }).click();
  await page
    .getByText(zh('directory.users.deactivatedOn', { date: new Date().toISOString().slice(0, 10), reason: '已离职' }))
    .waitFor();
  expect(await stack.db('users').where({ id: user.id }).first()).toMatchObject({ deactivation_reason: '已离职' });
  expect((await stack.db('users').where({ id: user.id }).first()).deactivated_at).not.toBeNull();

  // An evaluator organization, and its conflict of interest with the new clinic.
  await page.goto('/console/directory?tab=organizations');
  await page.getByRole('heading', { level: 2, name: zh('directory.organizations.new'), exact: true }).waitFor();
  const organization = `渝卫评估中心 ${world.regionCode}`;
  await page.getByLabel(zh('directory.name'), { exact: true }).fill(organization);
  await page.getByRole('button', { name: zh('directory.organizations.create'), exact: true }).click();
  await page.getByRole('heading', { level: 3, name: organization, exact: true }).waitFor();
  await page.getByText(zh('directory.organizations.declare', { name: organization })).click();
  await page.getByLabel(zh('directory.users.institution'), { exact: true }).selectOption({ label: clinic });
  await page.getByLabel(zh('directory.organizations.relation'), { exact: true }).fill('同属一个集团');
  await page.getByRole('button', { name: zh('directory.organizations.record'), exact: true }).click();
  await page
    .getByText(zh('directory.organizations.conflict', { institution: clinic, relation: '同属一个集团' }))
    .waitFor();
  await bothLanguages(page, 'directory-organizations');
  const org = await stack.db('evaluator_organizations').where({ name: organization }).first();
  expect(org).toMatchObject({ region_code: world.regionCode });
  expect(await stack.db('evaluator_relations').where({ organization_id: org.id })).toEqual([
    expect.objectContaining({ institution_id: institution.id, relation: '同属一个集团' }),
  ]);
});
