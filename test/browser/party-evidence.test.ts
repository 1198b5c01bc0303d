import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { checkPage, type Lang, signIn, switchLanguage, useBrowser } from '../support/browser';
import { withPassword } from '../support/console-people';
import { text } from '../support/console-text';
import { eventually, type World } from '../support/fixtures';
import { itemizedOrder, threeFindings } from '../support/finding-fixtures';
import { noticePolicy, orderUnderNotice, pdfBytes, stepOf } from '../support/rectification-fixtures';
import { startStack, type TestStack } from '../support/stack';

/**
 * A contracting party on its rectification order: reads the clock, plans a finding's correction,
 * has files refused before they are sent, drops a PDF and a PNG, keeps the receipt; under notice,
 * makes representations.
 */
let stack: TestStack;
const browser = useBrowser();
const MAX_FILE_BYTES = 64 * 1024;

beforeAll(async () => {
  stack = await startStack({ evidence: { maxFileBytes: MAX_FILE_BYTES } });
});
afterAll(async () => {
  await stack?.stop();
});

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const PDF = Buffer.from(pdfBytes('rota signed by both liaison officers'));
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

async function inLanguage(page: Page, lang: Lang): Promise<void> {
  const now = await page.evaluate(() => (globalThis as any).document.documentElement.lang as string);
  if (now !== lang) await switchLanguage(page, lang);
}

async function partyPage(world: World, institutionId: string): Promise<Page> {
  const user = await stack.db('users').where({ institution_id: institutionId, role: 'party' }).first();
  const password = await withPassword(stack, world.regulatorToken, user.id);
  const { page } = await browser.newUser(stack.browserUrl);
  await signIn(page, user.email, password);
  return page;
}

const dayAfter = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

test('the party reads the clock, plans a finding, sends evidence by drag and drop and keeps the receipt', async () => {
  const order = await itemizedOrder(stack, threeFindings, { timeScale: 1 });
  const { world, rectificationId } = order;
  const clock = await eventually(async () => {
    const res = await stack.call('GET', `/rectifications/${rectificationId}`, { token: world.regulatorToken });
    return res.body.step === 'awaiting-evidence' && res.body.planDeadline && res.body;
  }, 'the order to be delivered');
  const page = await partyPage(world, world.medical.institutionId);
  await page.goto(`/console/rectifications/${rectificationId}`);

  for (const lang of ['zh-CN', 'en'] as const) {
    await inLanguage(page, lang);
    const headline = text(lang, 'party.clock.headline', { d1: clock.deadline, d2: dayAfter(clock.deadline) });
    await page.getByText(headline, { exact: true }).waitFor();
    expect(await checkPage(page, 'party-rectification', lang)).toEqual([]);
  }
  const lang: Lang = 'en';

  // The plan of correction for F1, the hospital's finding.
  const plan = page.getByRole('form', { name: text(lang, 'party.plan.for', { id: 'F1' }) });
  await plan.getByLabel(text(lang, 'party.plan.affected'), { exact: true }).fill('All residents of the home');
  await plan.getByLabel(text(lang, 'party.plan.changes'), { exact: true }).fill('A fixed monthly visit rota');
  await plan.getByLabel(text(lang, 'party.plan.responsible'), { exact: true }).fill('The liaison officer');
  await plan.getByLabel(text(lang, 'party.plan.monitoring'), { exact: true }).fill('Monthly check of the rota');
  await plan.getByLabel(text(lang, 'party.plan.completionDate'), { exact: true }).fill(clock.deadline);
  await plan.getByRole('button', { name: text(lang, 'party.plan.submit') }).click();
  await plan.waitFor({ state: 'detached' });
  const f1 = await stack
    .db('rectification_findings')
    .where({ rectification_id: rectificationId, finding_id: 'F1' })
    .first();
  expect(f1.plan).toMatchObject({ responsible: 'The liaison officer', completionDate: clock.deadline });
  expect(f1.state).toBe('awaiting-evidence');

  // Refused before anything is sent, with the reason.
  await page.getByLabel(text(lang, 'party.evidence.forFinding'), { exact: true }).selectOption('F1');
  const input = page.getByTestId('party-dropzone').locator('input[type=file]');
  await input.setInputFiles([
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not evidence') },
    { name: 'huge.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(MAX_FILE_BYTES + 1, 1) },
  ]);
  const refusals = page.getByRole('alert').filter({ hasText: 'notes.txt' });
  await expect(refusals.textContent()).resolves.toContain(
    text(lang, 'party.evidence.refusedType', {
      name: 'notes.txt',
      type: 'text/plain',
      allowed: stack.evidence.allowedTypes.join(', '),
    }),
  );
  await expect(refusals.textContent()).resolves.toContain(
    text(lang, 'party.evidence.refusedSize', { name: 'huge.pdf', size: '64.0 KiB', max: '64.0 KiB' }),
  );
  expect(await page.getByRole('progressbar').count()).toBe(0);

  // A PDF dropped on the zone, a PNG chosen through its input.
  const dataTransfer = await page.evaluateHandle((bytes) => {
    const transfer = new (globalThis as any).DataTransfer();
    transfer.items.add(new File([new Uint8Array(bytes)], 'rota.pdf', { type: 'application/pdf' }));
    return transfer;
  }, Array.from(PDF));
  await page.getByTestId('party-dropzone').dispatchEvent('drop', { dataTransfer });
  await input.setInputFiles({ name: 'rota-photo.png', mimeType: 'image/png', buffer: PNG });
  const bars = page.getByRole('progressbar');
  await expect(bars.count()).resolves.toBe(2);
  await page.getByRole('button', { name: text(lang, 'party.evidence.send') }).click();
  await page
    .getByRole('status')
    .filter({ hasText: text(lang, 'party.evidence.received') })
    .waitFor();
  for (const name of ['rota.pdf', 'rota-photo.png'])
    await expect(
      page.getByRole('progressbar', { name: text(lang, 'party.evidence.progress', { name }) }).getAttribute('value'),
    ).resolves.toBe('100');
  expect(await stack.db('evidence_submissions').where({ rectification_id: rectificationId })).toHaveLength(1);

  await page
    .getByRole('link', { name: text(lang, 'party.receipt.open') })
    .first()
    .click();
  await page.waitForURL(`**/console/rectifications/${rectificationId}/receipt`);
  const rows = await stack
    .db('evidence_files as f')
    .join('evidence_submissions as s', 's.id', 'f.submission_id')
    .where({ 's.rectification_id': rectificationId })
    .select('f.filename', 'f.sha256');
  expect(Object.fromEntries(rows.map((r) => [r.filename, r.sha256]))).toEqual({
    'rota.pdf': sha256(PDF),
    'rota-photo.png': sha256(PNG),
  });
  for (const [name, bytes] of [
    ['rota.pdf', PDF],
    ['rota-photo.png', PNG],
  ] as const) {
    const row = page.getByRole('row').filter({ hasText: name });
    await expect(row.locator('code').textContent()).resolves.toBe(sha256(bytes));
  }
  for (const l of ['en', 'zh-CN'] as const) {
    await inLanguage(page, l);
    await page.getByRole('heading', { name: text(l, 'party.receipt.title') }).waitFor();
    expect(await checkPage(page, 'party-receipt', l)).toEqual([]);
  }
});

test('under notice, a party makes representations: they show in the list and in the database', async () => {
  const { order } = await orderUnderNotice(stack, noticePolicy(300));
  const page = await partyPage(order.world, order.world.care.institutionId);
  await page.goto(`/console/rectifications/${order.rectificationId}`);
  await inLanguage(page, 'zh-CN');
  const said = '我院已于本月起每周安排巡诊，附巡诊记录。';
  await page.getByLabel(text('zh-CN', 'party.representations.text'), { exact: true }).fill(said);
  await page.getByRole('button', { name: text('zh-CN', 'party.representations.submit') }).click();
  await page.getByText(said, { exact: true }).waitFor();
  const rows = await eventually(async () => {
    const found = await stack.db('representations').where({ rectification_id: order.rectificationId });
    return found.length > 0 && found;
  }, 'the representation recorded');
  expect(rows).toEqual([expect.objectContaining({ kind: 'filed', text: said })]);
  await stepOf(stack, order, 'notice-of-revocation');
});
