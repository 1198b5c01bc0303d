import type { Page } from 'playwright-core';
import { download, expectNoSeriousAxeViolations, fillSignIn, useBrowser } from '../support/browser';
import { newPassword } from '../support/console-people';
import { text } from '../support/console-text';
import { activeContract, createParty, createWorld, draftContract } from '../support/fixtures';
import { startStack, type TestStack } from '../support/stack';

// The package's types are its ES module's; jest runs the CommonJS build beside it (as api/ does write-excel-file).
type ReadSheet = typeof import('read-excel-file/node', { with: { 'resolution-mode': 'import' } }).readSheet;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readSheet } = require('read-excel-file/node') as { readSheet: ReadSheet };

/**
 * Issue 11, demonstrable: a regulator is invited by mail, sets a password, signs in, reads the
 * region's dashboard built from the rows this test creates, and exports its table as CSV and Excel.
 */
let stack: TestStack;
const browser = useBrowser();

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

/** Three homes in a fresh region: two under active contracts, one with a contract still unsigned. */
async function regionWithThreeHomes() {
  const world = await createWorld(stack);
  const code = world.regionCode;
  const second = await createParty(stack, world.regulatorToken, code, 'elderly_care', `康乐养老院 ${code}`, 'zh-CN');
  const third = await createParty(stack, world.regulatorToken, code, 'elderly_care', `安宁养老院 ${code}`, 'zh-CN');
  await activeContract(stack, world);
  await activeContract(stack, { ...world, care: second });
  await draftContract(stack, { ...world, care: third });
  return world;
}

/** The card of one headline figure, found by its name. */
const figureCard = (page: Page, name: string) =>
  page.getByRole('listitem').filter({ has: page.getByRole('heading', { name, exact: true }) });

const percent = (page: Page, value: number) =>
  page.evaluate((v) => new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 1 }).format(v), value);

test('an invited regulator sets a password, signs in, reads the dashboard of the rows set up, and exports it', async () => {
  const world = await regionWithThreeHomes();
  const code = world.regionCode;
  const email = `inspector-${code.toLowerCase()}@example.test`;
  const created = await stack.call('POST', '/users', {
    token: stack.adminToken,
    body: { name: '区卫健委督查员', email, role: 'regulator', regionCodes: [code], locale: 'zh-CN' },
  });
  expect(created.status).toBe(201);
  const userId = created.body.user.id;
  const invitation = await stack.call('POST', `/users/${userId}/invitation`, { token: stack.adminToken });
  expect(invitation.status).toBe(201);
  const link: string = invitation.body.link;
  expect(link.startsWith(`${stack.browserUrl}/console/password#token=`)).toBe(true);
  // The same link comes by mail (a newer invitation replaces any earlier one, so it is this one that works).
  await stack.mail.waitFor((m) => m.envelopeTo.includes(email) && (m.text ?? '').includes(link));

  const { page } = await browser.newUser(stack.browserUrl);
  await page.goto(link);
  await page.getByText(email).waitFor();
  await expectNoSeriousAxeViolations(page, 'password page (invitation)');
  const password = newPassword();
  await page.getByLabel(text('zh-CN', 'password.new'), { exact: true }).fill(password);
  await page.getByLabel(text('zh-CN', 'password.repeat'), { exact: true }).fill(password);
  await page.getByRole('button', { name: text('zh-CN', 'password.submit'), exact: true }).click();

  // Back on the sign-in page, told the password is set, the e-mail already filled in.
  await page.waitForURL((url) => url.pathname === '/console/sign-in');
  await page
    .getByRole('status')
    .filter({ hasText: text('zh-CN', 'password.done') })
    .waitFor();
  expect(await page.getByLabel(text('zh-CN', 'signIn.email'), { exact: true }).inputValue()).toBe(email);
  const [user] = await stack.db('users').where({ id: userId }).select('password_hash');
  expect(user.password_hash).toEqual(expect.any(String));
  expect(user.password_hash).not.toContain(password);
  // The link is spent, and no other link of this user still works.
  const links = await stack.db('password_links').where({ user_id: userId }).orderBy('created_at');
  expect(links.at(-1)).toMatchObject({ purpose: 'invitation', used_at: expect.any(Date) });
  expect(links.filter((l) => !l.used_at && !l.revoked_at)).toEqual([]);

  await fillSignIn(page, email, password);
  await page.waitForURL((url) => url.pathname === '/console/tasks');
  expect(await stack.db('user_sessions').where({ user_id: userId }).whereNull('revoked_at').count()).toEqual([
    { count: '1' },
  ]);

  // The navigation leads to the region's dashboard.
  await page.getByRole('link', { name: `${text('zh-CN', 'nav.dashboard')} · ${code}` }).click();
  await page.waitForURL((url) => url.pathname === `/console/regions/${code}/dashboard`);
  await page.getByRole('heading', { level: 1, name: text('zh-CN', 'dashboard.title', { region: code }) }).waitFor();

  // Coverage: homes of the region with a contract in force, over all its homes, as the database holds them.
  const homes = await stack.db('institutions').where({ region_code: code, kind: 'elderly_care' }).count().first();
  const covered = await stack
    .db('contracts')
    .where({ region_code: code, status: 'active' })
    .countDistinct('care_institution_id as n')
    .first();
  expect([Number(homes?.count), Number(covered?.n)]).toEqual([3, 2]);
  const coverage = figureCard(page, text('zh-CN', 'dashboard.figures.coverage'));
  await coverage.getByText(await percent(page, 2 / 3), { exact: true }).waitFor();
  await coverage
    .getByText(text('zh-CN', 'dashboard.fraction', { numerator: 2, denominator: 3 }), { exact: true })
    .waitFor();
  const openRectifications = figureCard(page, text('zh-CN', 'dashboard.figures.rectificationsOpen'));
  expect(await stack.db('rectification_orders').where({ region_code: code }).count()).toEqual([{ count: '0' }]);
  await openRectifications.getByText('0', { exact: true }).waitFor();

  // The per-contract table: one row per contract of the region, drafts included.
  const contracts = await stack
    .db('contracts as c')
    .join('institutions as ci', 'ci.id', 'c.care_institution_id')
    .where('c.region_code', code)
    .select('c.id', 'c.status', 'ci.name as care')
    .orderBy('ci.name');
  expect(contracts.map((c) => c.status).sort()).toEqual(['active', 'active', 'draft']);
  const table = page.getByRole('table', { name: text('zh-CN', 'dashboard.contractsCaption', { count: 3 }) });
  await table.waitFor();
  for (const c of contracts) await table.getByRole('rowheader').filter({ hasText: c.care }).getByRole('link').waitFor();
  await expectNoSeriousAxeViolations(page, 'dashboard');

  // Both exports hold exactly those contracts, with their status as the database has it.
  const csv = await download(page, () =>
    page.getByRole('link', { name: text('zh-CN', 'dashboard.exportCsv') }).click(),
  );
  expect(csv.filename).toMatch(/\.csv$/);
  const lines = csv.content
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r\n/);
  expect(lines[0]!.split(',').slice(0, 4)).toEqual(['合同编号', '医疗机构', '养老机构', '状态']);
  const csvRows = lines.slice(1).map((line) => line.split(','));
  expect(csvRows.map((r) => [r[0], r[2], r[3]]).sort()).toEqual(contracts.map((c) => [c.id, c.care, c.status]).sort());

  const xlsx = await download(page, () =>
    page.getByRole('link', { name: text('zh-CN', 'dashboard.exportXlsx') }).click(),
  );
  expect(xlsx.filename).toMatch(/\.xlsx$/);
  const sheet = await readSheet(xlsx.content);
  expect(sheet[0]!.slice(0, 4)).toEqual(['合同编号', '医疗机构', '养老机构', '状态']);
  expect(
    sheet
      .slice(1)
      .map((r) => [r[0], r[2], r[3]])
      .sort(),
  ).toEqual(contracts.map((c) => [c.id, c.care, c.status]).sort());
});
