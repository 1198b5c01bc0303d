import { rectificationWorkflowId, reEvaluationWorkflowId } from '../../messages/evaluation-messages';
import { countRows } from '../support/db-counts';
import { scores } from '../support/evaluation-fixtures';
import { contractBody, eventually } from '../support/fixtures';
import {
  Order,
  stepOf,
  submitEvidence,
  unqualifiedOrder,
  waiveRepresentations,
} from '../support/rectification-fixtures';
import { recordHistory } from '../support/record-history';
import { startStack, TestStack } from '../support/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

const mailsFor = (order: Order, template: string) =>
  stack.mail
    .mails()
    .filter((m) => m.headers['x-carepact-template'] === template && m.text!.includes(order.rectificationId));
const review = (
  order: Order,
  submissionId: string,
  decision: 'accepted' | 'rejected',
  reasons = 'Checked against the visit log',
) =>
  stack.call('POST', `/rectifications/${order.rectificationId}/reviews`, {
    token: order.world.regulatorToken,
    body: { submissionId, decision, reasons },
  });

async function reEvaluate(order: Order, score: number) {
  await stepOf(stack, order, 're-evaluation');
  // The order shows its re-evaluation once that has started.
  const evaluationId = await eventually(
    async () =>
      (await stack.call('GET', `/rectifications/${order.rectificationId}`, { token: order.world.regulatorToken })).body
        .reEvaluationId,
    'the re-evaluation',
  );
  // The order names its re-evaluation once the row exists; until the evaluation's workflow has assigned
  // it, scores get 409 evaluation-not-ready with Retry-After, and a client tries again, as here.
  const res = await eventually(async () => {
    const attempt = await stack.call('POST', `/evaluations/${evaluationId}/scores`, {
      token: order.org.token,
      body: scores(score),
    });
    return attempt.status === 409 && attempt.body.type === '/problems/evaluation-not-ready' ? undefined : attempt;
  }, 'the re-evaluation to accept scores');
  expect(res).toMatchObject({ status: 200 });
  return res.body;
}

it('accepted on first submission and re-evaluated Qualified: the order closes', async () => {
  const order = await unqualifiedOrder(stack);
  const clock = (
    await stack.call('GET', `/rectifications/${order.rectificationId}`, { token: order.world.care.partyToken })
  ).body;
  expect(clock.whatHappensNext).toMatch(
    /^accepted evidence by \d{4}-\d{2}-\d{2} or notice of revocation on \d{4}-\d{2}-\d{2}$/,
  );
  expect(clock.deadlines[0].computedFrom).toMatchObject({ policyDays: 60, extensionsAllowed: 1 });

  const receipt = await submitEvidence(stack, order.world.care.partyToken, order.rectificationId);
  expect(receipt.status).toBe(201);
  expect(receipt.body.files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
  await stepOf(stack, order, 'evidence-under-review');
  expect((await review(order, receipt.body.submissionId, 'accepted')).status).toBe(200);
  expect(await reEvaluate(order, 75)).toMatchObject({ grade: 'qualified' });
  await stepOf(stack, order, 'closed');
  await eventually(
    async () =>
      (await stack.db('rectification_orders').where({ id: order.rectificationId }).first()).outcome === 'closed',
    'the order to be recorded closed',
  );
  await eventually(
    async () =>
      (await stack.call('GET', `/contracts/${order.contractId}`, { token: order.world.regulatorToken })).body.status ===
      'active',
    'the contract to be active again',
  );
  await eventually(async () => mailsFor(order, 'rectification-closed').length === 5 && true, 'closing mails');
  const w = order.world;
  const parties = [
    w.medical.liaisonEmail,
    w.care.liaisonEmail,
    ...(await stack
      .db('users')
      .whereIn('institution_id', [w.medical.institutionId, w.care.institutionId])
      .where({ role: 'party' })
      .pluck('email')),
  ];
  const everyone = [...parties, w.regulatorEmail];
  const aboutThisOrder = stack.mail.mails().filter((m) => m.text!.includes(order.rectificationId));
  const expected = [
    ...everyone.map((to) => `rectification-ordered → ${to}`),
    ...parties.map((to) => `evidence-received → ${to}`),
    ...parties.map((to) => `evidence-reviewed → ${to}`),
    ...everyone.map((to) => `rectification-closed → ${to}`),
  ].sort();
  expect(aboutThisOrder.map((m) => `${m.headers['x-carepact-template']} → ${m.envelopeTo[0]}`).sort()).toEqual(
    expected,
  );
  expect(
    stack.mail
      .mails()
      .filter((m) => m.headers['x-carepact-template'] === 'evaluation-assigned' && m.envelopeTo[0] === order.org.email),
  ).toHaveLength(2); // the cycle, then the re-evaluation
  expect(mailsFor(order, 'evidence-received')[0]!.text).toContain(receipt.body.files[0].sha256);
  const audit = await stack
    .db('audit_log')
    .where({ entity_type: 'rectification', entity_id: order.rectificationId })
    .orderBy('id')
    .pluck('action');
  expect(audit).toEqual([
    'rectification.evidence-submitted',
    'rectification.evidence-accepted',
    'rectification.re-evaluation-assigned',
    'rectification.closed',
  ]);
  const reEvaluationId = (await stack.db('rectification_orders').where({ id: order.rectificationId }).first())
    .re_evaluation_id;
  await recordHistory(stack, rectificationWorkflowId(order.rectificationId), 'rectification-closed');
  await recordHistory(stack, reEvaluationWorkflowId(reEvaluationId), 're-evaluation-qualified');
});

it('rejected with reasons, then accepted; a decision in the wrong step or by another region is refused and changes nothing', async () => {
  // The other region's order first: the order under test has 12 s of evidence time, and needs them.
  const other = await unqualifiedOrder(stack);
  const order = await unqualifiedOrder(stack);
  const first = await submitEvidence(stack, order.world.medical.partyToken, order.rectificationId);
  await stepOf(stack, order, 'evidence-under-review');

  const foreign = await review({ ...order, world: other.world }, first.body.submissionId, 'accepted');
  expect(foreign.status).toBe(404);
  const noReasons = await stack.call('POST', `/rectifications/${order.rectificationId}/reviews`, {
    token: order.world.regulatorToken,
    body: { submissionId: first.body.submissionId, decision: 'rejected', reasons: ' ' },
  });
  expect(noReasons.status).toBe(400);
  const wrongStep = await stack.call('POST', `/rectifications/${order.rectificationId}/revocation-decision`, {
    token: order.world.regulatorToken,
    body: { decision: 'confirm', reasons: 'too early' },
  });
  expect(wrongStep.status).toBe(409);
  expect(wrongStep.body.type).toBe('/problems/rectification-wrong-step');
  expect(await countRows(stack.db, 'rectification_reviews', { rectification_id: order.rectificationId })).toBe(0);

  expect((await review(order, first.body.submissionId, 'rejected', 'The visit log has no signatures')).status).toBe(
    200,
  );
  await stepOf(stack, order, 'awaiting-evidence');
  const rejectedMail = await eventually(async () => mailsFor(order, 'evidence-reviewed')[0], 'the rejection mail');
  expect(rejectedMail.text).toContain('The visit log has no signatures');

  const second = await submitEvidence(stack, order.world.care.liaisonToken, order.rectificationId, {
    text: 'Signed visit log attached.',
  });
  expect(second).toMatchObject({ status: 201 }); // a refusal shows its problem
  expect((await review(order, second.body.submissionId, 'accepted')).status).toBe(200);
  expect(await reEvaluate(order, 88)).toMatchObject({ grade: 'excellent' });
  await stepOf(stack, order, 'closed');
  expect(await countRows(stack.db, 'evidence_submissions', { rectification_id: order.rectificationId })).toBe(2);
});

it('grants one extension with a reason and refuses a second', async () => {
  const order = await unqualifiedOrder(stack);
  const before = (
    await stack.call('GET', `/rectifications/${order.rectificationId}`, { token: order.world.regulatorToken })
  ).body.deadline;
  const granted = await stack.call('POST', `/rectifications/${order.rectificationId}/extension`, {
    token: order.world.regulatorToken,
    body: { reason: 'Renovation of the treatment room' },
  });
  expect(granted.status).toBe(200);
  expect(granted.body.extensions).toBe(1);
  const clock = (
    await stack.call('GET', `/rectifications/${order.rectificationId}`, { token: order.world.care.partyToken })
  ).body;
  expect(clock.deadline > before).toBe(true);
  expect(clock.deadlines[0].computedFrom.extensions).toEqual([
    { days: 30, reason: 'Renovation of the treatment room' },
  ]);
  const again = await stack.call('POST', `/rectifications/${order.rectificationId}/extension`, {
    token: order.world.regulatorToken,
    body: { reason: 'once more' },
  });
  expect(again.status).toBe(409);
  expect(again.body.type).toBe('/problems/extension-limit-reached');
  await eventually(async () => mailsFor(order, 'rectification-extended').length > 0, 'the extension mail');
});

it('deadline missed → notice of intended revocation → revocation: contract revoked, institution blocked until reinstated', async () => {
  const order = await unqualifiedOrder(stack);
  await stepOf(stack, order, 'notice-of-revocation', 40_000);
  // The representations deadline runs from the notice's delivery (issue 12): it shows once the mails are sent.
  const notice = await eventually(async () => {
    const res = await stack.call('GET', `/rectifications/${order.rectificationId}`, {
      token: order.world.regulatorToken,
    });
    return res.body.deadlines[1] && res.body;
  }, 'the representations deadline');
  expect(notice.deadlines[1]).toMatchObject({
    what: 'representations against the intended revocation',
    computedFrom: { policyDays: 15 },
  });
  expect(mailsFor(order, 'rectification-reminder').length).toBeGreaterThanOrEqual(2);
  const late = await submitEvidence(stack, order.world.care.partyToken, order.rectificationId);
  expect(late.status).toBe(409);
  expect(await countRows(stack.db, 'evidence_submissions', { rectification_id: order.rectificationId })).toBe(0);

  // Both parties declare they make no representations, so the regulator need not wait for the window (issue 12).
  await waiveRepresentations(stack, order);
  const decided = await stack.call('POST', `/rectifications/${order.rectificationId}/revocation-decision`, {
    token: order.world.regulatorToken,
    body: { decision: 'confirm', reasons: 'No evidence by the deadline' },
  });
  expect(decided.status).toBe(200);
  expect(decided.body.step).toBe('revoked');
  await eventually(
    async () =>
      (await stack.call('GET', `/contracts/${order.contractId}`, { token: order.world.regulatorToken })).body.status ===
      'revoked',
    'the contract to be revoked',
  );
  expect(await countRows(stack.db, 'qualification_revocations', { rectification_id: order.rectificationId })).toBe(1);
  const blocked = await stack.call('POST', '/contracts', {
    token: order.world.regulatorToken,
    body: contractBody(order.world),
  });
  expect(blocked.status).toBe(409);
  expect(blocked.body.type).toBe('/problems/qualification-revoked');
  await eventually(async () => mailsFor(order, 'qualification-revoked').length >= 5 && true, 'everyone to be told');

  const reinstated = await stack.call('POST', `/institutions/${order.world.medical.institutionId}/reinstatement`, {
    token: order.world.regulatorToken,
    body: { regionCode: order.world.regionCode, reason: 'Rectified under supervision' },
  });
  expect(reinstated.status).toBe(200);
  expect(
    (await stack.call('POST', '/contracts', { token: order.world.regulatorToken, body: contractBody(order.world) }))
      .status,
  ).toBe(201);
});

it('representations accepted: the intended revocation is withdrawn', async () => {
  const order = await unqualifiedOrder(stack);
  await stepOf(stack, order, 'notice-of-revocation', 40_000);
  const withdrawn = await stack.call('POST', `/rectifications/${order.rectificationId}/revocation-decision`, {
    token: order.world.regulatorToken,
    body: { decision: 'withdraw', reasons: 'The home was closed by flooding during the period' },
  });
  expect(withdrawn.body.step).toBe('withdrawn');
  await eventually(
    async () =>
      (await stack.call('GET', `/contracts/${order.contractId}`, { token: order.world.regulatorToken })).body.status ===
      'active',
    'the contract to be active again',
  );
  expect(await countRows(stack.db, 'qualification_revocations', { rectification_id: order.rectificationId })).toBe(0);
});

it('re-evaluation Unqualified → notice → revocation', async () => {
  const order = await unqualifiedOrder(stack);
  const receipt = await submitEvidence(stack, order.world.care.partyToken, order.rectificationId);
  await stepOf(stack, order, 'evidence-under-review');
  await review(order, receipt.body.submissionId, 'accepted');
  expect(await reEvaluate(order, 45)).toMatchObject({ grade: 'unqualified' });
  expect(await countRows(stack.db, 'rectification_orders', { contract_id: order.contractId })).toBe(1);
  await stepOf(stack, order, 'notice-of-revocation');
  await waiveRepresentations(stack, order);
  const decided = await stack.call('POST', `/rectifications/${order.rectificationId}/revocation-decision`, {
    token: order.world.regulatorToken,
    body: { decision: 'confirm', reasons: 'Failed the re-evaluation' },
  });
  expect(decided.body.step).toBe('revoked');
  await eventually(
    async () => (await stack.db('contracts').where({ id: order.contractId }).first()).status === 'revoked',
    'the contract to be revoked',
  );
});
