import type { Page } from 'playwright-core';
import { checkPage, type Lang, type NewUserOptions, signIn, switchLanguage, useBrowser } from '../support/browser';
import { invite, withPassword } from '../support/console-people';
import { text } from '../support/console-text';
import { activeContract, createWorld, draftContract, type World } from '../support/fixtures';
import { startStack, type TestStack } from '../support/stack';

/**
 * Issue 11, demonstrable: every console page, in Chinese and in English (switched with the
 * console's own switcher), passes axe with no serious or critical issue, is photographed to
 * test/.run/screenshots/<lang>/, and at a 375 px phone width does not scroll sideways.
 */
let stack: TestStack;
let world: World;
let contractId: string;
const passwords = { regulator: '', liaison: '' };
const browser = useBrowser();

beforeAll(async () => {
  stack = await startStack();
  world = await createWorld(stack);
  // Something on every page: an active contract with a request to answer, and one awaiting signatures.
  const contract = await activeContract(stack, world);
  contractId = contract.id;
  const raised = await stack.call('POST', `/contracts/${contractId}/requests`, {
    token: world.care.liaisonToken,
    body: { subject: '请安排季度对接会议', body: '希望本季度内召开对接会议，讨论慢病随访安排。' },
  });
  if (raised.status !== 201) throw new Error(`request: ${raised.status} ${JSON.stringify(raised.body)}`);
  await draftContract(stack, world);
  const [regulator] = await stack.db('users').where({ email: world.regulatorEmail }).pluck('id');
  passwords.regulator = await withPassword(stack, stack.adminToken, regulator);
  passwords.liaison = await withPassword(stack, stack.adminToken, world.medical.liaisonId);
});
afterAll(async () => {
  await stack?.stop();
});

type Who = 'nobody' | 'regulator' | 'liaison';
interface ConsolePage {
  name: string;
  who: Who;
  path(): Promise<string>;
  /** What shows once the page has its data, in `lang`. */
  ready(page: Page, lang: Lang): Promise<void>;
}

const h1 = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
const h2 = (page: Page, name: string) => page.getByRole('heading', { level: 2, name, exact: true }).waitFor();

const consolePages: ConsolePage[] = [
  {
    name: 'sign-in',
    who: 'nobody',
    path: async () => '/console/sign-in',
    ready: (p, l) => h1(p, text(l, 'signIn.title')),
  },
  {
    name: 'forgot-password',
    who: 'nobody',
    path: async () => '/console/forgot-password',
    ready: (p, l) => h1(p, text(l, 'forgot.title')),
  },
  {
    name: 'password',
    who: 'nobody',
    // A fresh invitation each time: opening the page does not spend the link, but a newer one replaces it.
    path: () => invite(stack, stack.adminToken, world.care.liaisonId),
    ready: (p, l) => p.getByLabel(text(l, 'password.new'), { exact: true }).waitFor(),
  },
  {
    name: 'tasks',
    who: 'liaison',
    path: async () => '/console/tasks',
    ready: (p, l) =>
      p
        .getByRole('list', { name: text(l, 'tasks.title') })
        .getByRole('listitem')
        .first()
        .waitFor(),
  },
  {
    name: 'dashboard',
    who: 'regulator',
    path: async () => `/console/regions/${world.regionCode}/dashboard`,
    ready: (p, l) => p.getByRole('table', { name: text(l, 'dashboard.contractsCaption', { count: 2 }) }).waitFor(),
  },
  {
    name: 'contracts',
    who: 'regulator',
    path: async () => '/console/contracts',
    ready: (p, l) =>
      p
        .getByRole('table', { name: text(l, 'contracts.caption') })
        .getByRole('row')
        .nth(2)
        .waitFor(),
  },
  {
    name: 'contract',
    who: 'regulator',
    path: async () => `/console/contracts/${contractId}`,
    ready: async (p, l) => {
      await h2(p, text(l, 'agenda.title'));
      await h2(p, text(l, 'audit.title'));
    },
  },
  {
    name: 'contract-new',
    who: 'regulator',
    path: async () => '/console/contracts/new',
    // Its choices come from the API: the region's care homes fill the select.
    ready: (p) =>
      p.getByRole('option', { name: `幸福养老院 ${world.regionCode}`, exact: true }).waitFor({ state: 'attached' }),
  },
  {
    name: 'sessions',
    who: 'regulator',
    path: async () => '/console/sessions',
    ready: (p, l) => p.getByText(text(l, 'sessions.current')).waitFor(),
  },
];

type SavedState = NonNullable<NewUserOptions['storageState']>;
const signedIn: Partial<Record<Who, SavedState>> = {};

/**
 * A browser user of each kind reading the console in `lang`. Each signs in once for the file; the
 * other language's test reuses that session (signing in costs a memory-hard hash on a busy machine).
 */
async function usersIn(lang: Lang) {
  const pages = {} as Record<Who, Page>;
  for (const who of ['nobody', 'regulator', 'liaison'] as const) {
    const { context, page } = await browser.newUser(stack.browserUrl, { storageState: signedIn[who] });
    if (who === 'nobody' || signedIn[who]) await page.goto('/console/sign-in');
    else if (who === 'regulator') await signIn(page, world.regulatorEmail, passwords.regulator);
    else await signIn(page, world.medical.liaisonEmail, passwords.liaison);
    if (who !== 'nobody') signedIn[who] ??= await context.storageState();
    const shown = await page.evaluate(() => (globalThis as any).document.documentElement.lang);
    if (shown !== lang) await switchLanguage(page, lang);
    pages[who] = page;
  }
  return pages;
}

async function open(page: Page, target: ConsolePage, lang: Lang) {
  await page.goto(await target.path());
  await target.ready(page, lang);
  await page.waitForLoadState('networkidle');
  expect(await page.evaluate(() => (globalThis as any).document.documentElement.lang)).toBe(lang);
}

test.each(['zh-CN', 'en'] as const)(
  'every page in %s: no serious accessibility issue, screenshots, and no sideways scrolling at 375 px',
  async (lang) => {
    const users = await usersIn(lang);
    const problems: string[] = [];
    for (const target of consolePages) {
      const page = users[target.who];
      await open(page, target, lang);
      problems.push(...(await checkPage(page, target.name, lang)));
    }
    expect(problems).toEqual([]);
  },
);
