import type { WorkflowExecutionInfo } from '@temporalio/client';
import { addDays, addMonthsClamped, shanghaiDateOf } from '../../domain/calendar';
import { policyToday } from '../../domain/obligations';
import { contractKey, gradeKey, kindKey, regionKey, statusKey } from '../../domain/search-attributes';
import { contractWorkflowId } from '../../messages/contract-messages';
import { rectificationWorkflowId, reEvaluationWorkflowId } from '../../messages/evaluation-messages';
import { scores } from '../support/evaluation-fixtures';
import { defaultTerm, eventually } from '../support/fixtures';
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

const contractOf = async (order: Order) =>
  (await stack.call('GET', `/contracts/${order.contractId}`, { token: order.world.regulatorToken })).body;
const statusRow = async (order: Order) =>
  (await stack.db('contracts').where({ id: order.contractId }).first()).status as string;
const statusActions = async (order: Order) =>
  (
    await stack
      .db('audit_log')
      .where({ entity_type: 'contract', entity_id: order.contractId })
      .orderBy('id')
      .pluck('action')
  ).filter((a: string) => /^contract\.(active|rectifying|expired|terminated|revoked)$/.test(a));
const attributesOf = async (workflowId: string) =>
  (await stack.temporal.workflow.getHandle(workflowId).describe()).typedSearchAttributes;

/** The contract is `status` in the API, its row, and its workflow's CarePactStatus. */
async function contractIs(order: Order, status: string, timeoutMs = 15_000) {
  await eventually(
    async () => (await contractOf(order)).status === status,
    `the contract to be ${status} in the API`,
    timeoutMs,
  );
  expect(await statusRow(order)).toBe(status);
  await eventually(
    async () => (await attributesOf(contractWorkflowId(order.contractId))).get(statusKey) === status,
    `CarePactStatus=${status} on the contract workflow`,
  );
}

/** Visibility is eventually consistent: the ids a query finds, once `expected` says they are all there. */
async function listed(
  query: string,
  expected: (ids: string[]) => boolean,
  what: string,
): Promise<WorkflowExecutionInfo[]> {
  return eventually(
    async () => {
      const found: WorkflowExecutionInfo[] = [];
      for await (const info of stack.temporal.workflow.list({ query })) found.push(info);
      return expected([...new Set(found.map((f) => f.workflowId))]) && found;
    },
    what,
    20_000,
  );
}

const sameSet = (want: string[]) => (ids: string[]) =>
  ids.length === want.length && want.every((id) => ids.includes(id));

it('an Unqualified grade makes the contract rectifying everywhere; a passing re-evaluation makes it active again', async () => {
  // A term that has begun, so yesterday (policy time) is a valid visit date.
  const order = await unqualifiedOrder(stack, {}, { termStart: addDays(shanghaiDateOf(Date.now()), -30) });
  const { world } = order;
  const rectificationWf = rectificationWorkflowId(order.rectificationId);
  const evaluationWf = (await stack.temporal.workflow.getHandle(rectificationWf).describe()).parentExecution
    ?.workflowId;
  expect(evaluationWf).toMatch(/^evaluation-/);

  await contractIs(order, 'rectifying');
  const rectifying = (
    await stack.call('GET', '/contracts?status=rectifying', { token: world.regulatorToken })
  ).body.items.map((c: { id: string }) => c.id);
  expect(rectifying).toEqual([order.contractId]);
  expect((await stack.call('GET', '/contracts?status=active', { token: world.regulatorToken })).body.items).toEqual([]);
  expect(await statusActions(order)).toEqual(['contract.active', 'contract.rectifying']);

  // Every process of the contract, by its id; the open order by kind, region and step; the evaluation by grade.
  await listed(
    `CarePactContract="${order.contractId}"`,
    sameSet([contractWorkflowId(order.contractId), evaluationWf!, rectificationWf]),
    'the contract, its evaluation and its order',
  );
  await listed(
    `CarePactKind="rectification" AND CarePactRegion="${world.regionCode}" AND CarePactStatus="awaiting-evidence"`,
    sameSet([rectificationWf]),
    'the open order',
  );
  await listed(
    `CarePactGrade="unqualified" AND CarePactRegion="${world.regionCode}"`,
    sameSet([evaluationWf!, contractWorkflowId(order.contractId)]),
    'the Unqualified evaluation and its contract',
  );
  const evaluationAttributes = await attributesOf(evaluationWf!);
  expect([
    evaluationAttributes.get(kindKey),
    evaluationAttributes.get(statusKey),
    evaluationAttributes.get(regionKey),
    evaluationAttributes.get(contractKey),
  ]).toEqual(['evaluation', 'graded', world.regionCode, order.contractId]);

  // A rectifying contract is still in force: facts are recorded, and it may be renewed.
  const contract = await contractOf(order);
  const visitDate = addDays(
    policyToday({ anchorMs: Date.parse(contract.clockAnchor), timeScale: contract.policyTimeScale }, Date.now()),
    -1,
  );
  const visit = await stack.call('POST', `/contracts/${order.contractId}/visits`, {
    token: world.medical.liaisonToken,
    body: {
      visitDate,
      staff: [{ name: '王医生', title: '主治医师' }],
      services: ['慢病随访'],
      residentsSeen: 8,
      chronicDiseaseReexams: 2,
      hours: 2,
    },
  });
  expect(visit.status).toBe(201);
  // A year past the default term's end, which lies some years from today.
  const renewTo = addMonthsClamped(defaultTerm.termEnd, 12);
  const proposal = await stack.call('POST', `/contracts/${order.contractId}/renewal-proposals`, {
    token: world.medical.partyToken,
    body: { termEnd: renewTo },
  });
  expect(proposal.status).toBe(201);
  const renewed = await stack.call(
    'POST',
    `/contracts/${order.contractId}/renewal-proposals/${proposal.body.id}/countersign`,
    { token: world.care.partyToken },
  );
  expect(renewed.status).toBe(200);
  expect(renewed.body.process).toMatchObject({ status: 'rectifying', termEnd: renewTo });

  const receipt = await submitEvidence(stack, world.care.partyToken, order.rectificationId);
  await stepOf(stack, order, 'evidence-under-review');
  await listed(
    `CarePactKind="rectification" AND CarePactRegion="${world.regionCode}" AND CarePactStatus="evidence-under-review"`,
    sameSet([rectificationWf]),
    'the order under review',
  );
  expect(
    (
      await stack.call('POST', `/rectifications/${order.rectificationId}/reviews`, {
        token: world.regulatorToken,
        body: { submissionId: receipt.body.submissionId, decision: 'accepted', reasons: 'Checked' },
      })
    ).status,
  ).toBe(200);
  await stepOf(stack, order, 're-evaluation');
  const reEvaluationId = await eventually(
    async () =>
      (await stack.call('GET', `/rectifications/${order.rectificationId}`, { token: world.regulatorToken })).body
        .reEvaluationId,
    'the re-evaluation',
  );
  expect(await statusRow(order)).toBe('rectifying');
  expect(
    (await stack.call('POST', `/evaluations/${reEvaluationId}/scores`, { token: order.org.token, body: scores(75) }))
      .body.grade,
  ).toBe('qualified');
  await stepOf(stack, order, 'closed');

  await contractIs(order, 'active');
  expect(await statusActions(order)).toEqual(['contract.active', 'contract.rectifying', 'contract.active']);
  const reEvaluationWf = reEvaluationWorkflowId(reEvaluationId);
  await listed(
    `CarePactContract="${order.contractId}"`,
    sameSet([contractWorkflowId(order.contractId), evaluationWf!, rectificationWf, reEvaluationWf]),
    'every process of the contract, the re-evaluation too',
  );
  await listed(
    `CarePactKind="rectification" AND CarePactRegion="${world.regionCode}" AND CarePactStatus="closed"`,
    sameSet([rectificationWf]),
    'the closed order',
  );
  await listed(
    `CarePactGrade="qualified" AND CarePactRegion="${world.regionCode}"`,
    sameSet([reEvaluationWf, contractWorkflowId(order.contractId)]),
    'the re-evaluation and the contract with its new grade',
  );
  const reEvaluationAttributes = await attributesOf(reEvaluationWf);
  expect([reEvaluationAttributes.get(kindKey), reEvaluationAttributes.get(gradeKey)]).toEqual([
    're-evaluation',
    'qualified',
  ]);

  // The contract continues as new each policy month: the run to keep is the one that went back to active.
  await recordHistory(stack, contractWorkflowId(order.contractId), 'contract-rectifying-then-active', {
    tookSignal: 'rectificationClosed',
  });
  await recordHistory(stack, rectificationWf, 'rectification-closed-contract-told');
  await recordHistory(stack, evaluationWf!, 'evaluation-unqualified-orders-rectification');
});

it('withdrawn revocation makes it active again; a confirmed one revokes it', async () => {
  // Monthly visits due from today, so the contract continues as new at each policy month's end while it rectifies.
  const monthly = { obligations: { visitsPerMonth: 1 } };
  const [withdrawn, confirmed] = await Promise.all([
    unqualifiedOrder(stack, monthly, { termStart: addDays(shanghaiDateOf(Date.now()), -30) }),
    unqualifiedOrder(stack),
  ]);
  await Promise.all([contractIs(withdrawn, 'rectifying'), contractIs(confirmed, 'rectifying')]);
  await Promise.all([
    stepOf(stack, withdrawn, 'notice-of-revocation', 40_000),
    stepOf(stack, confirmed, 'notice-of-revocation', 40_000),
  ]);
  expect(await statusRow(withdrawn)).toBe('rectifying');
  // By now a policy month has closed: the contract continued as new, carrying its open order and its attributes.
  const current = await stack.temporal.workflow.getHandle(contractWorkflowId(withdrawn.contractId)).fetchHistory();
  expect(current.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId).toBeTruthy();
  expect((await attributesOf(contractWorkflowId(withdrawn.contractId))).get(contractKey)).toBe(withdrawn.contractId);
  await listed(
    `CarePactKind="rectification" AND CarePactRegion="${withdrawn.world.regionCode}" ` +
      'AND CarePactStatus="notice-of-revocation"',
    sameSet([rectificationWorkflowId(withdrawn.rectificationId)]),
    'the order under notice',
  );

  const decide = (order: Order, decision: string) =>
    stack.call('POST', `/rectifications/${order.rectificationId}/revocation-decision`, {
      token: order.world.regulatorToken,
      body: { decision, reasons: 'Decided on the representations' },
    });
  expect((await decide(withdrawn, 'withdraw')).body.step).toBe('withdrawn');
  await waiveRepresentations(stack, confirmed);
  expect((await decide(confirmed, 'confirm')).body.step).toBe('revoked');
  await contractIs(withdrawn, 'active');
  await contractIs(confirmed, 'revoked');
  expect(await statusActions(withdrawn)).toEqual(['contract.active', 'contract.rectifying', 'contract.active']);
  expect(await statusActions(confirmed)).toEqual(['contract.active', 'contract.rectifying', 'contract.revoked']);
  // A run that began rectifying (carried by continue-as-new) and returned to active.
  await recordHistory(stack, contractWorkflowId(withdrawn.contractId), 'contract-rectifying-carried-then-active', {
    tookSignal: 'rectificationClosed',
  });
});

it('a rectifying contract still expires at the end of its term, and may be terminated', async () => {
  // Term ends a few policy weeks out: long enough for the order to begin, short enough to expire during it.
  const today = shanghaiDateOf(Date.now());
  const [expiring, terminated] = await Promise.all([
    unqualifiedOrder(stack, {}, { termStart: today, termEnd: addDays(today, 45) }),
    unqualifiedOrder(stack),
  ]);
  await contractIs(expiring, 'rectifying');
  await contractIs(terminated, 'rectifying');

  const terminate = await stack.call('POST', `/contracts/${terminated.contractId}/termination`, {
    token: terminated.world.regulatorToken,
    body: { reason: 'The home closed' },
  });
  expect(terminate.status).toBe(200);
  await contractIs(terminated, 'terminated');

  await contractIs(expiring, 'expired', 30_000);
  expect(await statusActions(expiring)).toEqual(['contract.active', 'contract.rectifying', 'contract.expired']);
  // The order runs on: it still answers, and its contract's end does not break it.
  expect(
    (await stack.call('GET', `/rectifications/${expiring.rectificationId}`, { token: expiring.world.regulatorToken }))
      .status,
  ).toBe(200);
});
