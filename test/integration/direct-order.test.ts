import { rectificationWorkflowId } from '../../messages/evaluation-messages';
import { countRows } from '../support/db-counts';
import { activeContract, createWorld, eventually } from '../support/fixtures';
import { FINDINGS_TIME_SCALE } from '../support/finding-fixtures';
import { startStack, TestStack } from '../support/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

const findings = [
  {
    indicator: 'home visits per month',
    problem: 'No home visit in three consecutive months',
    requiredCorrection: 'Resume monthly visits with a signed rota',
    responsibleSide: 'medical',
  },
  {
    indicator: 'complaint handling',
    problem: 'A resident’s complaint went unanswered for 40 days',
    requiredCorrection: 'A complaint procedure with a 10-working-day answer',
    responsibleSide: 'both',
  },
];
const body = {
  findings,
  legalBasis: 'Cooperation agreement, clause 9 (supervision); district measures art. 12',
  reason: 'Repeated missed home visits and a complaint from a resident’s family',
};

async function world() {
  const w = await createWorld(stack, {
    timeScale: FINDINGS_TIME_SCALE,
    signing: { windowDays: 365 },
    obligations: { visitsPerMonth: 0 },
  });
  const contract = await activeContract(stack, w);
  return { w, contract };
}

it("a regulator's direct order: rows with its legal basis, the workflow running, the mails with the findings", async () => {
  const { w, contract } = await world();
  const res = await stack.call('POST', `/contracts/${contract.id}/rectification-orders`, {
    token: w.regulatorToken,
    body,
  });
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({
    contractId: contract.id,
    origin: 'regulator',
    legalBasis: body.legalBasis,
    findings: [
      { id: 'F1', responsibleSide: 'medical', indicator: 'home visits per month' },
      { id: 'F2', responsibleSide: 'both' },
    ],
  });
  const id = res.body.id as string;
  const row = await stack.db('rectification_orders').where({ id }).first();
  expect(row).toMatchObject({
    evaluation_id: null,
    origin: 'regulator',
    legal_basis: body.legalBasis,
    reason: body.reason,
  });
  expect(row.issued_by).toBeTruthy();

  const description = await stack.temporal.workflow.getHandle(rectificationWorkflowId(id)).describe();
  expect(description.status.name).toBe('RUNNING');
  const view = await eventually(async () => {
    const v = (await stack.call('GET', `/rectifications/${id}`, { token: w.care.partyToken })).body;
    return v.deliveredAt && v;
  }, 'the deadlines from delivery');
  expect(view).toMatchObject({ origin: 'regulator', legalBasis: body.legalBasis, step: 'awaiting-evidence' });
  expect(view.findings.map((f: any) => f.state)).toEqual(['awaiting-plan', 'awaiting-plan']);
  await eventually(
    async () =>
      (await stack.call('GET', `/contracts/${contract.id}`, { token: w.regulatorToken })).body.status === 'rectifying',
    'the contract rectifying',
  );

  const parties = [
    ...(await stack
      .db('users')
      .whereIn('institution_id', [w.medical.institutionId, w.care.institutionId])
      .where({ role: 'party' })
      .pluck('email')),
    w.medical.liaisonEmail,
    w.care.liaisonEmail,
  ];
  const expected = [
    ...[...parties, w.regulatorEmail].map((to) => `rectification-ordered → ${to}`),
    ...parties.map((to) => `finding-deadlines → ${to}`),
  ].sort();
  const mails = await eventually(async () => {
    const about = stack.mail.mails().filter((m) => m.text!.includes(id));
    return about.length >= expected.length && about;
  }, 'the order mails');
  expect(mails.map((m) => `${m.headers['x-carepact-template']} → ${m.envelopeTo[0]}`).sort()).toEqual(expected);
  const en = mails.find(
    (m) => m.envelopeTo[0] === w.medical.liaisonEmail && m.headers['x-carepact-template'] === 'rectification-ordered',
  )!;
  expect(en.text).toContain(`The regulator orders rectification under ${body.legalBasis}. Reason: ${body.reason}`);
  expect(en.text).toContain('F2 [complaint handling] A resident’s complaint went unanswered for 40 days');
  const zh = mails.find(
    (m) => m.envelopeTo[0] === w.care.liaisonEmail && m.headers['x-carepact-template'] === 'rectification-ordered',
  )!;
  expect(zh.text).toContain(`监管部门依据 ${body.legalBasis} 责令整改`);
  expect(zh.text).toContain('责任方：医疗机构');

  const audit = await stack
    .db('audit_log')
    .where({ entity_type: 'contract', entity_id: contract.id, action: 'rectification.ordered' });
  expect(audit).toHaveLength(1);

  // One open order at a time.
  const second = await stack.call('POST', `/contracts/${contract.id}/rectification-orders`, {
    token: w.regulatorToken,
    body,
  });
  expect(second.status).toBe(409);
  expect(await countRows(stack.db, 'rectification_orders', { contract_id: contract.id })).toBe(1);
});

it('a non-regulator is refused, bad input is refused, and nothing changes', async () => {
  const { w, contract } = await world();
  const other = await createWorld(stack);
  const path = `/contracts/${contract.id}/rectification-orders`;
  const party = await stack.call('POST', path, { token: w.medical.partyToken, body });
  expect(party.status).toBe(403);
  const foreign = await stack.call('POST', path, { token: other.regulatorToken, body });
  expect(foreign.status).toBe(404);
  const cases = [
    { ...body, findings: [] },
    { ...body, legalBasis: ' ' },
    { ...body, findings: [{ ...findings[0], responsibleSide: 'regulator' }] },
    { ...body, findings: [{ ...findings[0], problem: undefined }] },
    { findings, legalBasis: body.legalBasis },
    { ...body, extra: true },
  ];
  for (const bad of cases) {
    const res = await stack.call('POST', path, { token: w.regulatorToken, body: bad });
    expect([res.status, res.body.type]).toEqual([400, '/problems/validation-failed']);
  }
  const unknown = await stack.call('POST', `/contracts/00000000-0000-4000-8000-000000000000/rectification-orders`, {
    token: w.regulatorToken,
    body,
  });
  expect(unknown.status).toBe(404);
  expect(await countRows(stack.db, 'rectification_orders', { contract_id: contract.id })).toBe(0);
  expect(await countRows(stack.db, 'audit_log', { entity_id: contract.id, action: 'rectification.ordered' })).toBe(0);
});
