import type { Page } from 'playwright-core';
import { checkPage, type Lang, signIn, switchLanguage, useBrowser } from '../support/browser';
import { withPassword } from '../support/console-people';
import { text } from '../support/console-text';
import { createWorld, draftContract, eventually, type World } from '../support/fixtures';
import { startStack, type TestStack } from '../support/stack';

/** Each contracting party signs a draft from the contract page; the second signature makes it active. */
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

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The console follows the user's language once signed in: match either. */
const either = (key: string) => new RegExp(`^(${escape(text('zh-CN', key))}|${escape(text('en', key))})$`);

async function inLanguage(page: Page, lang: Lang): Promise<void> {
  const now = await page.evaluate(() => (globalThis as any).document.documentElement.lang as string);
  if (now !== lang) await switchLanguage(page, lang);
}

async function partyOf(institutionId: string): Promise<{ email: string; password: string }> {
  const user = await stack.db('users').where({ institution_id: institutionId, role: 'party' }).first();
  return { email: user.email, password: await withPassword(stack, world.regulatorToken, user.id) };
}

async function signInBrowser(institutionId: string): Promise<Page> {
  const { page } = await browser.newUser(stack.browserUrl);
  const party = await partyOf(institutionId);
  await signIn(page, party.email, party.password);
  return page;
}

test('the medical and the care party each sign a draft; it is active once both signed', async () => {
  const contract = await draftContract(stack, world);

  const medical = await signInBrowser(world.medical.institutionId);
  await medical.goto(`/console/contracts/${contract.id}`);
  await medical.getByRole('heading', { name: either('party.signing.title') }).waitFor();
  for (const lang of ['zh-CN', 'en'] as const) {
    await inLanguage(medical, lang);
    await medical.getByRole('heading', { name: text(lang, 'party.signing.title') }).waitFor();
    expect(await checkPage(medical, 'party-signing', lang)).toEqual([]);
  }
  await medical.getByRole('button', { name: either('party.signing.sign') }).click();
  await medical.getByText(either('party.signing.signed')).waitFor();
  const afterFirst = await stack.db('contract_signatures').where({ contract_id: contract.id });
  expect(afterFirst.map((s) => s.institution_id)).toEqual([world.medical.institutionId]);
  expect((await stack.db('contracts').where({ id: contract.id }).first()).status).toBe('draft');

  const care = await signInBrowser(world.care.institutionId);
  await care.goto(`/console/contracts/${contract.id}`);
  await care.getByRole('button', { name: either('party.signing.sign') }).click();
  await eventually(
    async () => (await stack.db('contracts').where({ id: contract.id }).first()).status === 'active',
    'the contract to become active',
  );
  const signatures = await stack.db('contract_signatures').where({ contract_id: contract.id }).orderBy('signed_at');
  expect(signatures.map((s) => s.institution_id)).toEqual([world.medical.institutionId, world.care.institutionId]);
  // Once active, there is nothing left to sign: the panel gives way to renewal proposals.
  await care.reload();
  await care.getByRole('heading', { name: either('party.renewal.title') }).waitFor();
  expect(await care.getByRole('button', { name: either('party.signing.sign') }).count()).toBe(0);
});
