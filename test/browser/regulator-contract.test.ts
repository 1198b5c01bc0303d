import { addDays } from '../../domain/calendar';
import { countRows } from '../support/db-counts';
import type { Page } from 'playwright-core';
import { checkPage, signIn, switchLanguage, useBrowser } from '../support/browser';
import { withPassword } from '../support/console-people';
import { text } from '../support/console-text';
import { agreementTerms, createWorld, defaultTerm, eventually, type World } from '../support/fixtures';
import { startStack, type TestStack } from '../support/stack';

/**
 * A regulator's contract from the console: drafted on the region's agreement template, filed for
 * approval (备案) once both parties sign, approved in the browser; another one ended early.
 */
let stack: TestStack;
let world: World;
let password: string;
const browser = useBrowser();

beforeAll(async () => {
  stack = await startStack();
  world = await createWorld(stack, { approval: { required: true } });
  const published = await stack.call('POST', `/regions/${world.regionCode}/agreement-templates`, {
    token: world.regulatorToken,
    body: { terms: agreementTerms, note: '标准协议' },
  });
  if (published.status !== 201) throw new Error(`template: ${published.status} ${JSON.stringify(published.body)}`);
  const [regulator] = await stack.db('users').where({ email: world.regulatorEmail }).pluck('id');
  password = await withPassword(stack, stack.adminToken, regulator);
});
afterAll(async () => {
  await stack?.stop();
});

const zh = (key: string, vars?: Record<string, string | number>) => text('zh-CN', key, vars);

async function draftInBrowser(page: Page): Promise<string> {
  await page.goto('/console/contracts');
  await page.getByRole('link', { name: zh('contract.new.title'), exact: true }).click();
  await page
    .getByLabel(zh('contract.sides.medical'), { exact: true })
    .selectOption({ label: `Central Hospital ${world.regionCode}` });
  await page.getByLabel(zh('contract.new.medicalLiaison'), { exact: true }).selectOption(world.medical.liaisonId);
  await page
    .getByLabel(zh('contract.sides.care'), { exact: true })
    .selectOption({ label: `幸福养老院 ${world.regionCode}` });
  await page.getByLabel(zh('contract.new.careLiaison'), { exact: true }).selectOption(world.care.liaisonId);
  // A term still to come: the contract must be active once approved, not already past its end.
  await page.getByLabel(zh('contract.new.termStart'), { exact: true }).fill(defaultTerm.termStart);
  // A term ending before it starts: the API's own check, worded in Chinese beside the end date.
  const drafts = await countRows(stack.db, 'contracts', { region_code: world.regionCode });
  await page.getByLabel(zh('contract.new.termEnd'), { exact: true }).fill(addDays(defaultTerm.termStart, -1));
  await page.getByRole('button', { name: zh('contract.new.submit'), exact: true }).click();
  await page.getByText(zh('validation.after-term-start'), { exact: true }).first().waitFor();
  expect(await countRows(stack.db, 'contracts', { region_code: world.regionCode })).toBe(drafts);
  await page.getByLabel(zh('contract.new.termEnd'), { exact: true }).fill(defaultTerm.termEnd);
  await page.getByRole('button', { name: zh('contract.new.submit'), exact: true }).click();
  await page.waitForURL((url) => /^\/console\/contracts\/[0-9a-f-]{36}$/.test(url.pathname));
  return page.url().split('/').pop()!;
}

test('a regulator drafts a contract on the template, and approves it once both parties have signed', async () => {
  const { page } = await browser.newUser(stack.browserUrl);
  await signIn(page, world.regulatorEmail, password);
  const contractId = await draftInBrowser(page);
  const row = await stack.db('contracts').where({ id: contractId }).first();
  expect(row).toMatchObject({ status: 'draft', medical_institution_id: world.medical.institutionId });

  for (const token of [world.medical.partyToken, world.care.partyToken])
    expect((await stack.call('POST', `/contracts/${contractId}/signatures`, { token })).status).toBe(201);
  await eventually(
    async () =>
      (await stack.db('contract_approvals').where({ contract_id: contractId }).whereNotNull('decision_deadline'))[0],
    'approval round requested',
  );
  await page.reload();
  await page.getByRole('heading', { level: 2, name: zh('contract.approval.title'), exact: true }).waitFor();
  expect(await checkPage(page, 'contract-pending-approval', 'zh-CN')).toEqual([]);
  await switchLanguage(page, 'en');
  expect(await checkPage(page, 'contract-pending-approval', 'en')).toEqual([]);
  await switchLanguage(page, 'zh-CN');

  // Returning needs reasons: the API's problem shows next to the field.
  await page.getByLabel(zh('contract.approval.decisions.return'), { exact: true }).check();
  await page.getByRole('button', { name: zh('contract.approval.submit'), exact: true }).click();
  await page.getByRole('alert').first().waitFor();
  expect(await stack.db('contracts').where({ id: contractId }).first('status')).toEqual({ status: 'pending-approval' });

  await page.getByLabel(zh('contract.approval.decisions.approve'), { exact: true }).check();
  await page.getByRole('button', { name: zh('contract.approval.submit'), exact: true }).click();
  await page.getByText(zh('contract.approval.outcomes.approved'), { exact: true }).waitFor({ timeout: 30_000 });
  await eventually(
    async () => (await stack.db('contracts').where({ id: contractId, status: 'active' }))[0],
    'the contract to be active',
  );
  const [round] = await stack.db('contract_approvals').where({ contract_id: contractId });
  expect(round.outcome).toBe('approved');
});

test('a regulator ends a draft early, confirming first, with the reason recorded', async () => {
  const { page } = await browser.newUser(stack.browserUrl);
  await signIn(page, world.regulatorEmail, password);
  const contractId = await draftInBrowser(page);
  await page.getByLabel(zh('contract.termination.reason'), { exact: true }).fill('双方协商一致，改签新协议');
  await page.getByRole('button', { name: zh('contract.termination.submit'), exact: true }).click();
  expect(await stack.db('contracts').where({ id: contractId }).first('status')).toEqual({ status: 'draft' });
  await page.getByRole('button', { name: zh('contract.termination.confirmSubmit'), exact: true }).click();
  const ended = await eventually(
    async () => (await stack.db('contracts').where({ id: contractId }).whereNot({ status: 'draft' }))[0],
    'the contract to end',
  );
  expect(ended.close_reason).toContain('双方协商一致');
});
