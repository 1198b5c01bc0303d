import { addDays, nextPeriod, periodContaining } from '../../domain/calendar';
import { realInstantOf } from '../../domain/clock';
import { endOfDayMs } from '../../domain/contract-agenda';
import { createEvaluatorOrg } from '../support/evaluation-fixtures';
import { activeContract, createParty, createWorld, draftContract, eventually, World } from '../support/fixtures';
import { meetingBody, termEnd, termStart, today } from '../support/contract-facts';
import { Order, submitEvidence, unqualifiedOrder } from '../support/rectification-fixtures';
import { policyClockOf } from '../support/policy-time';
import { startStack, TestStack } from '../support/stack';

/**
 * Issue 11 item 2: a liaison officer's work queue holds exactly the open steps the test set up,
 * with due dates, states and consequences; nobody else's; filters, pages and saved filters.
 */
let stack: TestStack;
let a: World;
let b: Order;
let active: { id: string };
let draft: { id: string };
let requestDue = '';
const B_TIME_SCALE = 1440;

const tasksOf = async (token: string, query = '') => {
  const res = await stack.call('GET', `/me/tasks${query}`, { token });
  expect(res.status).toBe(200);
  return res.body as { items: any[]; total: number; page: number; pageSize: number };
};
const byKind = (items: any[], kind: string) => items.filter((t) => t.kind === kind);

beforeAll(async () => {
  stack = await startStack();
  a = await createWorld(stack);
  // Policy time runs 1440× in b: one policy day a real minute, so its 60-day order stays open for the test.
  [b, active, draft] = await Promise.all([
    unqualifiedOrder(stack, { timeScale: B_TIME_SCALE }),
    activeContract(stack, a, { termStart, termEnd }),
    draftContract(stack, a),
  ]);
  const post = (path: string, token: string, body?: unknown) => stack.call('POST', path, { token, body });
  expect((await post(`/contracts/${draft.id}/signatures`, a.medical.partyToken)).status).toBe(201);
  const request = await post(`/contracts/${active.id}/requests`, a.medical.partyToken, {
    subject: '排班',
    body: '请确认',
  });
  requestDue = request.body.answerDueDate;
  await post(`/contracts/${active.id}/requests`, a.care.partyToken, { subject: 'Roster', body: 'Please send' });
  const meetingDate = addDays(today, -10);
  const item = (description: string, ownerSide: string, dueDate: string) => ({
    description,
    ownerSide,
    ownerName: 'owner',
    dueDate,
  });
  const meeting = await post(
    `/contracts/${active.id}/meetings`,
    a.care.liaisonToken,
    meetingBody({
      meetingDate,
      actionItems: [
        item('late item', 'care', addDays(today, -2)),
        item('soon item', 'care', addDays(today, 1)),
        item('shared item', 'both', addDays(today, 20)),
        item('medical item', 'medical', addDays(today, 14)),
      ],
    }),
  );
  expect(meeting.status).toBe(201);
}, 120_000);
afterAll(async () => stack?.stop());

it("a liaison officer sees exactly its side's open steps, with due dates, states and consequences, sorted", async () => {
  const { items, total } = await tasksOf(a.care.liaisonToken);
  expect(items.map((t) => t.kind).sort()).toEqual(
    ['action-item', 'action-item', 'action-item', 'meeting', 'request-answer', 'signature', 'survey', 'visit'].sort(),
  );
  expect(total).toBe(8);
  const items3 = byKind(items, 'action-item');
  expect(items3.map((t) => [t.subject.split(': ')[1], t.dueDate, t.state])).toEqual([
    ['late item', addDays(today, -2), 'overdue'],
    ['soon item', addDays(today, 1), 'due-soon'],
    ['shared item', addDays(today, 20), 'upcoming'],
  ]);
  expect(items3[0]).toMatchObject({
    contractId: active.id,
    link: `/console/contracts/${active.id}`,
    consequence: { kind: 'action-item-escalation', on: addDays(today, -1) },
    dueAt: new Date(endOfDayMs(addDays(today, -2))).toISOString(),
  });
  expect(items[0].subject).toContain('late item');
  const [request] = byKind(items, 'request-answer');
  expect(request).toMatchObject({
    subject: `Central Hospital ${a.regionCode}: 排班`,
    dueDate: requestDue,
    state: 'upcoming',
    consequence: { kind: 'request-escalation', on: addDays(requestDue, 1) },
  });
  expect(request.consequence.description['zh-CN']).toContain('上报监管部门');
  // Activated today: the first whole month, quarter and year are owed.
  const month = nextPeriod(periodContaining('month', today));
  const [visit] = byKind(items, 'visit');
  expect(visit).toMatchObject({
    id: `visit:${active.id}:${month.key}`,
    dueDate: month.end,
    dueAt: new Date(month.endMs).toISOString(),
    consequence: { kind: 'warning', on: addDays(month.end, 1) },
  });
  expect(visit.consequence.description.en).toContain(`both liaison officers are warned on ${addDays(month.end, 1)}`);
  expect(byKind(items, 'meeting')[0].dueDate).toBe(nextPeriod(periodContaining('quarter', today)).end);
  expect(byKind(items, 'survey')[0].dueDate).toBe(nextPeriod(periodContaining('year', today)).end);
  const contract = (await stack.call('GET', `/contracts/${draft.id}`, { token: a.regulatorToken })).body;
  expect(byKind(items, 'signature')[0]).toMatchObject({
    contractId: draft.id,
    dueAt: new Date(contract.signingDeadline).toISOString(),
    consequence: { kind: 'lapse' },
  });
  // Overdue first, then least time left.
  const rank = (t: any) => [t.state === 'overdue' ? 0 : 1, Date.parse(t.dueAt)];
  const sorted = [...items].sort((x, y) => rank(x)[0]! - rank(y)[0]! || rank(x)[1]! - rank(y)[1]!);
  expect(items.map((t) => t.id)).toEqual(sorted.map((t) => t.id));

  const medical = (await tasksOf(a.medical.liaisonToken)).items;
  expect(medical.map((t) => t.kind).sort()).toEqual(
    ['action-item', 'action-item', 'meeting', 'request-answer', 'survey', 'visit'].sort(),
  );
  expect(byKind(medical, 'request-answer')[0].subject).toContain('Roster');
});

it('filters by kind (list or repeated), state and contract, and pages', async () => {
  const token = a.care.liaisonToken;
  expect((await tasksOf(token, '?kind=visit,meeting')).items.map((t) => t.kind).sort()).toEqual(['meeting', 'visit']);
  expect((await tasksOf(token, '?kind=visit&kind=signature')).total).toBe(2);
  expect((await tasksOf(token, '?state=overdue')).items.map((t) => t.subject)).toEqual([
    `Central Hospital ${a.regionCode}: late item`,
  ]);
  expect((await tasksOf(token, `?contractId=${draft.id}`)).items.map((t) => t.kind)).toEqual(['signature']);
  const all = (await tasksOf(token)).items;
  const page = await tasksOf(token, '?page=2&pageSize=3');
  expect(page).toMatchObject({ total: 8, page: 2, pageSize: 3 });
  expect(page.items.map((t) => t.id)).toEqual(all.slice(3, 6).map((t) => t.id));
  const bad = await stack.call('GET', '/me/tasks?kind=visit,nap', { token });
  expect(bad.status).toBe(400);
});

it("nobody else sees them: another institution's liaison, another region's", async () => {
  const stranger = await createParty(stack, a.regulatorToken, a.regionCode, 'medical', 'Other clinic', 'en');
  expect((await tasksOf(stranger.liaisonToken)).total).toBe(0);
  const other = await tasksOf(b.world.care.liaisonToken);
  expect(other.items.some((t) => [active.id, draft.id].includes(t.contractId))).toBe(false);
  expect((await tasksOf(a.regulatorToken)).total).toBe(0);
});

it('rectification: the parties owe evidence by the deadline, the regulator then reviews it; an evaluator scores', async () => {
  const order = (await stack.call('GET', `/rectifications/${b.rectificationId}`, { token: b.world.regulatorToken }))
    .body;
  const contract = (await stack.call('GET', `/contracts/${b.contractId}`, { token: b.world.regulatorToken })).body;
  const [evidence] = byKind((await tasksOf(b.world.care.liaisonToken)).items, 'evidence');
  expect(evidence).toMatchObject({
    rectificationId: b.rectificationId,
    dueDate: order.deadline,
    dueAt: new Date(
      realInstantOf(policyClockOf(contract, B_TIME_SCALE).clock, endOfDayMs(order.deadline)),
    ).toISOString(),
    consequence: { kind: 'revocation-notice', on: addDays(order.deadline, 1) },
    link: `/console/rectifications/${b.rectificationId}`,
  });
  expect((await submitEvidence(stack, b.world.care.partyToken, b.rectificationId)).status).toBe(201);
  const review = await eventually(
    async () => byKind((await tasksOf(b.world.regulatorToken)).items, 'evidence-review')[0],
    'the review task',
  );
  expect(review).toMatchObject({ rectificationId: b.rectificationId, dueDate: order.deadline });
  expect(byKind((await tasksOf(b.world.care.liaisonToken)).items, 'evidence')).toEqual([]);

  const org = await createEvaluatorOrg(stack, a, 'Queue evaluators');
  const cycle = await stack.call('POST', '/evaluation-cycles', {
    token: a.regulatorToken,
    body: { regionCode: a.regionCode, half: '2026-H2' },
  });
  const [score] = await eventually(async () => {
    const items = (await tasksOf(org.token)).items;
    return items.length > 0 && items;
  }, 'the evaluation task');
  const evaluation = (await stack.call('GET', `/evaluations/${score.evaluationId}`, { token: org.token })).body;
  expect(evaluation.cycleId).toBe(cycle.body.id);
  expect(score).toMatchObject({
    kind: 'evaluation-score',
    contractId: active.id,
    dueDate: evaluation.deadline,
    consequence: { kind: 'evaluation-overdue', on: addDays(evaluation.deadline, 1) },
    link: `/console/evaluations/${score.evaluationId}`,
  });
});

it('saved filters: shared within the role and scope, not across; only the owner deletes', async () => {
  const save = (token: string, name: string, shared: boolean) =>
    stack.call('POST', '/me/task-filters', { token, body: { name, filter: { kinds: ['visit'] }, shared } });
  const shared = await save(a.care.liaisonToken, 'Visits (team)', true);
  expect(shared.status).toBe(201);
  expect((await save(a.care.liaisonToken, 'Mine', false)).status).toBe(201);
  expect((await save(a.care.liaisonToken, 'Mine', false)).status).toBe(409);
  const colleague = await stack.call('POST', '/users', {
    token: a.regulatorToken,
    body: {
      name: 'Second liaison',
      email: `second-${a.regionCode}@example.test`,
      role: 'liaison',
      institutionId: a.care.institutionId,
    },
  });
  const names = async (token: string) =>
    (await stack.call('GET', '/me/task-filters', { token })).body.items.map((f: any) => f.name);
  expect(await names(colleague.body.token)).toEqual(['Visits (team)']);
  expect(await names(a.care.liaisonToken)).toEqual(['Mine', 'Visits (team)']);
  expect(await names(a.care.partyToken)).toEqual([]); // same institution, another role
  expect(await names(a.medical.liaisonToken)).toEqual([]); // same role, another institution
  const path = `/me/task-filters/${shared.body.id}`;
  expect((await stack.call('DELETE', path, { token: colleague.body.token })).status).toBe(403);
  expect((await stack.call('DELETE', path, { token: a.medical.liaisonToken })).status).toBe(404);
  expect((await stack.call('DELETE', path, { token: a.care.liaisonToken })).status).toBe(204);
  expect(await names(colleague.body.token)).toEqual([]);
});
