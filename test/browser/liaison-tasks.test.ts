import type { Page } from 'playwright-core';
import { expectNoSeriousAxeViolations, signIn, useBrowser } from '../support/browser';
import { withPassword } from '../support/console-people';
import { text } from '../support/console-text';
import { activeContract, createParty, createWorld, draftContract } from '../support/fixtures';
import { startStack, type TestStack } from '../support/stack';

/**
 * Issue 11, demonstrable: a liaison officer signs in and the home page lists exactly the tasks
 * this test set up for their institution, each with its due date and what follows if it is missed.
 */
let stack: TestStack;
const browser = useBrowser();

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

interface Task {
  id: string;
  kind: string;
  contractId?: string;
  subject: string;
  dueDate: string;
  dueAt: string;
  state: string;
  consequence: { kind: string; on: string; description: { 'zh-CN': string; en: string } };
}

/** Calendar dates as the console shows them: Chromium's own Intl, in Chinese, the day in China Standard Time. */
function formatDates(page: Page, dates: string[]): Promise<string[]> {
  return page.evaluate(
    (days) =>
      days.map((day) =>
        new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'medium' }).format(
          new Date(`${day}T12:00:00+08:00`),
        ),
      ),
    dates,
  );
}

test('a liaison officer sees exactly the tasks set up for their institution, with due dates and consequences', async () => {
  const world = await createWorld(stack);
  const otherHome = await createParty(
    stack,
    world.regulatorToken,
    world.regionCode,
    'elderly_care',
    `夕阳红养老院 ${world.regionCode}`,
    'zh-CN',
  );
  // An active contract with a request from the home the hospital must answer, and a contract it has yet to sign.
  const active = await activeContract(stack, world);
  const raised = await stack.call('POST', `/contracts/${active.id}/requests`, {
    token: world.care.liaisonToken,
    body: { subject: '请增加每月上门巡诊次数', body: '入住老人增多，希望每月巡诊由两次增加到四次。' },
  });
  expect(raised.status).toBe(201);
  const unsigned = await draftContract(stack, { ...world, care: otherHome });

  // What the database says is owed: the request's answer date, the unsigned contract's signing deadline.
  const [request] = await stack
    .db('requests')
    .where({ contract_id: active.id })
    .select('subject', stack.db.raw(`to_char(answer_due_date, 'YYYY-MM-DD') AS due`));
  const [draft] = await stack.db('contracts').where({ id: unsigned.id }).select('status', 'signing_deadline');
  expect(draft.status).toBe('draft');

  const listed = await stack.call('GET', '/me/tasks?pageSize=100', { token: world.medical.liaisonToken });
  expect(listed.status).toBe(200);
  const tasks: Task[] = listed.body.items;
  expect(listed.body.total).toBe(tasks.length);
  expect(new Set(tasks.map((t) => t.contractId))).toEqual(new Set([active.id, unsigned.id]));
  expect(tasks.filter((t) => t.contractId === unsigned.id).map((t) => [t.kind, t.dueAt])).toEqual([
    ['signature', draft.signing_deadline.toISOString()],
  ]);
  expect(tasks.filter((t) => t.kind === 'request-answer').map((t) => [t.contractId, t.dueDate])).toEqual([
    [active.id, request.due],
  ]);
  // The rest are what the active contract's terms require of the hospital: obligations of its periods.
  const obligations = tasks.filter((t) => t.contractId === active.id && t.kind !== 'request-answer');
  expect(obligations.map((t) => t.kind).every((k) => ['visit', 'meeting', 'survey'].includes(k))).toBe(true);

  const password = await withPassword(stack, stack.adminToken, world.medical.liaisonId);
  const { page } = await browser.newUser(stack.browserUrl);
  await signIn(page, world.medical.liaisonEmail, password);
  expect(new URL(page.url()).pathname).toBe('/console/tasks');

  await page
    .getByRole('status')
    .filter({ hasText: text('zh-CN', 'tasks.count', { count: tasks.length }) })
    .waitFor();
  const cards = page.getByRole('list', { name: text('zh-CN', 'tasks.title') }).getByRole('listitem');
  await expect(cards.count()).resolves.toBe(tasks.length);
  for (const [i, task] of tasks.entries()) {
    const card = cards.nth(i);
    const [due, on] = await formatDates(page, [task.dueDate, task.consequence.on]);
    await expect(card.getByRole('heading', { level: 2 }).innerText()).resolves.toBe(task.subject);
    // The due day for people, the instant the engine acts in the markup.
    await expect(card.locator('time').innerText()).resolves.toBe(due);
    await expect(card.locator('time').getAttribute('datetime')).resolves.toBe(task.dueAt);
    const shown = await card.innerText();
    expect(shown).toContain(text('zh-CN', `tasks.kinds.${task.kind}`));
    // What follows a miss, and when: the API's sentence names the day, or the console adds it.
    const consequence = task.consequence.description['zh-CN'];
    expect(shown).toContain(consequence);
    if (!consequence.includes(task.consequence.on))
      expect(shown).toContain(text('zh-CN', 'tasks.consequenceOn', { date: on! }));
  }
  await expectNoSeriousAxeViolations(page, 'tasks');
});
