import { rectificationWorkflowId } from '../../messages/evaluation-messages';
import { countRows } from '../support/db-counts';
import { scores } from '../support/evaluation-fixtures';
import { eventually } from '../support/fixtures';
import { findingEvidence, itemizedOrder, planBody } from '../support/finding-fixtures';
import { type Order, stepOf } from '../support/rectification-fixtures';
import { recordHistory } from '../support/record-history';
import { startStack, TestStack } from '../support/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

const orderOf = (order: Order) =>
  stack.call('GET', `/rectifications/${order.rectificationId}`, { token: order.world.regulatorToken });
const plan = (order: Order, token: string, findingId: string, completionDate: string) =>
  stack.call('POST', `/rectifications/${order.rectificationId}/findings/${findingId}/plan`, {
    token,
    body: planBody(completionDate),
  });
const review = (
  order: Order,
  token: string,
  findingId: string,
  submissionId: string,
  decision: string,
  reasons: string,
) =>
  stack.call('POST', `/rectifications/${order.rectificationId}/findings/${findingId}/review`, {
    token,
    body: { submissionId, decision, reasons },
  });
const stateOf = async (order: Order, findingId: string, state: string) =>
  eventually(
    async () => (await orderOf(order)).body.findings.find((f: any) => f.id === findingId)?.state === state,
    `${findingId} ${state}`,
  );

async function partyEmails(order: Order) {
  const w = order.world;
  const parties = await stack
    .db('users')
    .whereIn('institution_id', [w.medical.institutionId, w.care.institutionId])
    .where({ role: 'party' })
    .pluck('email');
  return [...parties, w.medical.liaisonEmail, w.care.liaisonEmail];
}

it('three findings for two sides: plans by the right side, evidence and review per finding, one rejected then accepted; the re-evaluation closes the order', async () => {
  const order = await itemizedOrder(stack);
  const { medical, care } = order.world;
  const regulator = order.world.regulatorToken;

  // Deadlines run from the order's delivery, shown with how they were computed.
  const opened = await eventually(async () => {
    const body = (await orderOf(order)).body;
    return body.deliveredAt && body;
  }, 'the deadlines from delivery');
  expect(opened.findings.map((f: any) => [f.id, f.responsibleSide, f.state])).toEqual([
    ['F1', 'medical', 'awaiting-plan'],
    ['F2', 'care', 'awaiting-plan'],
    ['F3', 'both', 'awaiting-plan'],
  ]);
  expect(opened.deadlines[0]).toMatchObject({
    date: opened.planDeadline,
    computedFrom: { sentAt: opened.deliveredAt, policyDays: 10 },
  });
  expect(opened.deadlines[1]).toMatchObject({
    date: opened.deadline,
    computedFrom: { sentAt: opened.deliveredAt, policyDays: 60 },
  });
  const row = await stack.db('rectification_orders').where({ id: order.rectificationId }).first();
  expect(row.origin).toBe('evaluation');
  expect(row.findings[0]).toMatchObject({
    id: 'F1',
    indicator: 'home visits per month',
    finding: 'Only one home visit in three months',
  });

  // The work queue: each side's plans, with the consequence at the plan deadline.
  const tasksOf = async (token: string, kind: string) =>
    (await stack.call('GET', `/me/tasks?kind=${kind}`, { token })).body.items
      .filter((t: any) => t.rectificationId === order.rectificationId)
      .map((t: any) => [t.subject.slice(0, 2), t.dueDate, t.consequence.kind])
      .sort();
  const planTask = (id: string) => [id, opened.planDeadline, 'finding-revocation-notice'];
  // The live view can show the findings a moment before the rows the work queue reads are written.
  const medicalPlans = await eventually(async () => {
    const tasks = await tasksOf(medical.partyToken, 'plan-of-correction');
    return tasks.length > 0 && tasks;
  }, 'the plan tasks');
  expect(medicalPlans).toEqual([planTask('F1'), planTask('F3')]);
  expect(await tasksOf(care.liaisonToken, 'plan-of-correction')).toEqual([planTask('F2'), planTask('F3')]);
  expect(await tasksOf(medical.partyToken, 'evidence')).toEqual([]);

  // The wrong side is refused; evidence before a plan is refused; nothing changes.
  const wrongSide = await plan(order, care.partyToken, 'F1', opened.deadline);
  expect(wrongSide.status).toBe(403);
  expect(wrongSide.body.type).toBe('/problems/not-responsible-side');
  const tooEarly = await findingEvidence(stack, medical.partyToken, order.rectificationId, ['F1']);
  expect(tooEarly.status).toBe(409);
  expect(tooEarly.body.type).toBe('/problems/plan-required');
  const late = await plan(order, medical.partyToken, 'F1', '2099-01-01');
  expect(late.status).toBe(422);
  expect(late.body.type).toBe('/problems/completion-after-deadline');
  expect(await countRows(stack.db, 'evidence_submissions', { rectification_id: order.rectificationId })).toBe(0);

  expect((await plan(order, medical.partyToken, 'F1', opened.deadline)).status).toBe(200);
  expect((await plan(order, care.liaisonToken, 'F2', opened.deadline)).status).toBe(200);
  const both = await plan(order, care.partyToken, 'F3', opened.deadline);
  expect(both.status).toBe(200);
  expect(both.body.findings.map((f: any) => f.state)).toEqual([
    'awaiting-evidence',
    'awaiting-evidence',
    'awaiting-evidence',
  ]);
  const again = await plan(order, medical.partyToken, 'F3', opened.deadline);
  expect(again.status).toBe(409);
  expect(again.body.type).toBe('/problems/finding-wrong-state');

  const careForF1 = await findingEvidence(stack, care.partyToken, order.rectificationId, ['F1']);
  expect(careForF1.status).toBe(403);
  const f1 = await findingEvidence(stack, medical.partyToken, order.rectificationId, ['F1']);
  expect(f1.status).toBe(201);
  await stateOf(order, 'F1', 'evidence-under-review');
  const f2f3 = await findingEvidence(stack, care.partyToken, order.rectificationId, ['F2', 'F3']);
  expect(f2f3.status).toBe(201);
  await stepOf(stack, order, 'evidence-under-review');

  expect(await tasksOf(regulator, 'finding-review')).toEqual(
    ['F1', 'F2', 'F3'].map((id) => [id, opened.deadline, 'revocation-notice-if-rejected']),
  );
  expect(await tasksOf(regulator, 'evidence-review')).toEqual([]);

  // Review per finding, by a regulator: never the evaluator, never for the whole order.
  const byEvaluator = await review(order, order.org.token, 'F1', f1.body.submissionId, 'accepted', 'fine');
  expect(byEvaluator.status).toBe(403);
  const whole = await stack.call('POST', `/rectifications/${order.rectificationId}/reviews`, {
    token: regulator,
    body: { submissionId: f1.body.submissionId, decision: 'accepted', reasons: 'all fine' },
  });
  expect(whole.status).toBe(409);
  expect(whole.body.type).toBe('/problems/review-per-finding');
  const wrongSubmission = await review(order, regulator, 'F1', f2f3.body.submissionId, 'accepted', 'fine');
  expect(wrongSubmission.status).toBe(422);
  expect(await countRows(stack.db, 'finding_reviews', { rectification_id: order.rectificationId })).toBe(0);

  const rejected = await review(order, regulator, 'F1', f1.body.submissionId, 'rejected', 'The rota is not signed');
  expect(rejected.status).toBe(200);
  expect(rejected.body.findings[0]).toMatchObject({ id: 'F1', state: 'awaiting-evidence', rejections: 1 });
  expect(rejected.body.step).toBe('awaiting-evidence');
  expect((await review(order, regulator, 'F2', f2f3.body.submissionId, 'accepted', 'Records handed over')).status).toBe(
    200,
  );
  expect((await review(order, regulator, 'F3', f2f3.body.submissionId, 'accepted', 'Drill minutes seen')).status).toBe(
    200,
  );
  await eventually(
    async () =>
      JSON.stringify(await tasksOf(medical.partyToken, 'finding-evidence')) ===
      JSON.stringify([['F1', opened.deadline, 'finding-revocation-notice']]),
    'the rejected finding back in the medical queue',
  );
  const f1Again = await findingEvidence(stack, medical.liaisonToken, order.rectificationId, ['F1']);
  expect(f1Again.status).toBe(201);
  await stateOf(order, 'F1', 'evidence-under-review');
  expect((await review(order, regulator, 'F1', f1Again.body.submissionId, 'accepted', 'Signed rota seen')).status).toBe(
    200,
  );

  await stepOf(stack, order, 're-evaluation');
  const reEvaluationId = await eventually(async () => (await orderOf(order)).body.reEvaluationId, 'the re-evaluation');
  const reScored = await stack.call('POST', `/evaluations/${reEvaluationId}/scores`, {
    token: order.org.token,
    body: scores(75),
  });
  expect(reScored.body).toMatchObject({ grade: 'qualified' });
  const closed = await stepOf(stack, order, 'closed');
  expect(closed.findings.map((f: any) => [f.id, f.state, f.reviews.map((r: any) => r.decision)])).toEqual([
    ['F1', 'accepted', ['rejected', 'accepted']],
    ['F2', 'accepted', ['accepted']],
    ['F3', 'accepted', ['accepted']],
  ]);
  expect(closed.findings[2].plan).toMatchObject({ side: 'care', completionDate: opened.deadline });

  // Rows.
  const findingRows = await stack
    .db('rectification_findings')
    .where({ rectification_id: order.rectificationId })
    .orderBy('finding_id');
  expect(findingRows.map((r) => [r.finding_id, r.responsible_side, r.state, r.rejections, r.plan.side])).toEqual([
    ['F1', 'medical', 'accepted', 1, 'medical'],
    ['F2', 'care', 'accepted', 0, 'care'],
    ['F3', 'both', 'accepted', 0, 'care'],
  ]);
  expect(await countRows(stack.db, 'finding_reviews', { rectification_id: order.rectificationId })).toBe(4);
  expect(await countRows(stack.db, 'evidence_submissions', { rectification_id: order.rectificationId })).toBe(3);
  expect(await countRows(stack.db, 'rectification_reviews', { rectification_id: order.rectificationId })).toBe(0);
  await eventually(
    async () =>
      (await stack.db('rectification_orders').where({ id: order.rectificationId }).first()).outcome === 'closed',
    'the order recorded closed',
  );

  // The exact mails.
  const parties = await partyEmails(order);
  const everyone = [...parties, order.world.regulatorEmail];
  const expected = [
    ...everyone.map((to) => `rectification-ordered → ${to}`),
    ...parties.map((to) => `finding-deadlines → ${to}`),
    ...[1, 2, 3].flatMap(() => everyone.map((to) => `plan-of-correction-received → ${to}`)),
    ...[1, 2, 3].flatMap(() => parties.map((to) => `evidence-received → ${to}`)),
    ...[1, 2, 3, 4].flatMap(() => parties.map((to) => `finding-reviewed → ${to}`)),
    ...everyone.map((to) => `rectification-closed → ${to}`),
  ].sort();
  const mails = await eventually(async () => {
    const about = stack.mail.mails().filter((m) => m.text!.includes(order.rectificationId));
    return about.length >= expected.length && about;
  }, 'every mail of the order');
  expect(mails.map((m) => `${m.headers['x-carepact-template']} → ${m.envelopeTo[0]}`).sort()).toEqual(expected);
  const ordered = mails.find(
    (m) => m.headers['x-carepact-template'] === 'rectification-ordered' && m.envelopeTo[0] === parties[0],
  )!;
  expect(ordered.text).toContain('F1 [home visits per month] Only one home visit in three months');
  expect(ordered.text).toContain('Responsible: either side');
  const zhOrdered = mails.find(
    (m) =>
      m.headers['x-carepact-template'] === 'rectification-ordered' && m.envelopeTo[0] === order.world.regulatorEmail,
  )!;
  expect(zhOrdered.text).toContain('F2【health records】');
  expect(zhOrdered.text).toContain('责任方：养老机构');
  const dates = mails.find(
    (m) => m.headers['x-carepact-template'] === 'finding-deadlines' && m.envelopeTo[0] === medical.liaisonEmail,
  )!;
  expect(dates.text).toContain(`Plans of correction are due by ${opened.planDeadline}`);
  expect(dates.attachments.map((a) => a.content.toString())).toEqual([
    expect.stringContaining(`DTSTART;VALUE=DATE:${opened.planDeadline.replaceAll('-', '')}`),
    expect.stringContaining(`DTSTART;VALUE=DATE:${opened.deadline.replaceAll('-', '')}`),
  ]);
  const rejection = mails.find(
    (m) => m.headers['x-carepact-template'] === 'finding-reviewed' && m.text!.includes('The rota is not signed'),
  );
  expect(rejection?.subject).toMatch(/F1/);
  await recordHistory(stack, rectificationWorkflowId(order.rectificationId), 'rectification-itemized-closed');
});

it('a plan missing at the plan deadline brings the notice of intended revocation, naming the failed findings', async () => {
  const order = await itemizedOrder(stack, [
    { indicator: 'home visits', problem: 'Visits missed', requiredCorrection: 'A rota', responsibleSide: 'medical' },
    { indicator: 'records', problem: 'Records missing', requiredCorrection: 'Records kept', responsibleSide: 'care' },
  ]);
  const opened = await eventually(async () => {
    const body = (await orderOf(order)).body;
    return body.deliveredAt && body;
  }, 'the deadlines from delivery');
  expect((await plan(order, order.world.medical.partyToken, 'F1', opened.deadline)).status).toBe(200);
  const notice = await stepOf(stack, order, 'notice-of-revocation', 30_000);
  expect(notice.failedFindingIds).toEqual(['F2']);
  expect(notice.findings.find((f: any) => f.id === 'F2')).toMatchObject({ state: 'awaiting-plan', failed: true });
  const row = await eventually(async () => {
    const r = await stack.db('rectification_orders').where({ id: order.rectificationId }).first();
    return r.status === 'notice-of-revocation' && r;
  }, 'the notice recorded');
  expect(row.failed_finding_ids).toEqual(['F2']);
  const late = await plan(order, order.world.care.partyToken, 'F2', opened.deadline);
  expect(late.status).toBe(409);
});
