import { countRows } from '../support/db-counts';
import { activeContract, agreementTerms, createWorld, draftContract, World } from '../support/fixtures';
import { startStack, TestStack } from '../support/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

const withVisits = (homeVisitsPerMonth: number) => ({
  terms: { ...agreementTerms, visitFrequency: { ...agreementTerms.visitFrequency, homeVisitsPerMonth } },
});

async function declareStaff(world: World, committedMedicalStaff: number | null) {
  const res = await stack.call('PUT', `/institutions/${world.medical.institutionId}/committed-medical-staff`, {
    token: world.regulatorToken,
    body: { committedMedicalStaff },
  });
  expect(res.status).toBe(200);
  return res.body;
}

/** A second regulator of the region who reads English, so the warning goes out in both languages. */
async function englishRegulator(world: World) {
  const email = `regulator-en-${world.regionCode.toLowerCase()}@example.test`;
  const res = await stack.call('POST', '/users', {
    token: stack.adminToken,
    body: { name: 'English regulator', email, role: 'regulator', regionCodes: [world.regionCode], locale: 'en' },
  });
  expect(res.status).toBe(201);
  return email;
}

const outboxFor = (contractId: string) =>
  stack.db('mail_outbox').where('idempotency_key', 'like', `capacity-warning:${contractId}:%`);

it('warns the regulators with the arithmetic when 14 + 4 = 18 home visits exceed 2 staff × 8 = 16', async () => {
  const world = await createWorld(stack);
  const enEmail = await englishRegulator(world);
  expect((await declareStaff(world, 2)).medical).toMatchObject({ committedMedicalStaff: 2 });
  // 14 already agreed: one contract in force, one drafted.
  await activeContract(stack, world, withVisits(7));
  await draftContract(stack, world, withVisits(7));
  expect(await countRows(stack.db, 'capacity_warnings', { institution_id: world.medical.institutionId })).toBe(0);

  const draft = await draftContract(stack, world, withVisits(4));
  const numbers = {
    visitsPerMonth: 4,
    otherContractsVisitsPerMonth: 14,
    committedStaff: 2,
    maxVisitsPerStaff: 8,
    capacity: 16,
    exceededBy: 2,
  };
  expect(draft.status).toBe('draft');
  expect(draft.capacityWarning).toEqual({ stage: 'draft', at: expect.any(String), ...numbers });
  const fetched = await stack.call('GET', `/contracts/${draft.id}`, { token: world.regulatorToken });
  expect(fetched.body.capacityWarning).toEqual(draft.capacityWarning);

  const rows = await stack.db('capacity_warnings').where({ contract_id: draft.id });
  expect(rows).toEqual([
    expect.objectContaining({
      stage: 'draft',
      institution_id: world.medical.institutionId,
      visits_this_contract: 4,
      visits_other_contracts: 14,
      committed_staff: 2,
      max_visits_per_staff: 8,
      capacity: 16,
      exceeded_by: 2,
    }),
  ]);

  const mails = await stack.mail.waitFor(
    (m) => m.headers['x-carepact-template'] === 'capacity-warning' && (m.text ?? '').includes(draft.id),
    { count: 2 },
  );
  expect(mails.map((m) => m.envelopeTo[0]).sort()).toEqual([world.regulatorEmail, enEmail].sort());
  const zh = mails.find((m) => m.envelopeTo[0] === world.regulatorEmail)!;
  const en = mails.find((m) => m.envelopeTo[0] === enEmail)!;
  const hospital = `Central Hospital ${world.regionCode}`;
  expect(zh.subject).toBe(`【CarePact】履约能力预警：${hospital} 每月上门 18 次，超出承诺能力 16 次`);
  expect(zh.text).toContain('合计：14 + 4 = 18 次/月');
  expect(zh.text).toContain('能力为 2 × 8 = 16 次/月，超出 2 次');
  expect(en.subject).toBe(`[CarePact] Capacity warning: ${hospital} agrees to 18 home visits a month, capacity 16`);
  expect(en.text).toContain('Together: 14 + 4 = 18 home visits a month.');
  expect(en.text).toContain('a capacity of 2 × 8 = 16: exceeded by 2');
  expect(en.text).toContain('(14 + 4 = 18 > 16 = 2 × 8)');
  expect(en.text).toContain(`/contracts/${draft.id}`);

  // Signing on the same numbers raises nothing new: no second row, no second mail.
  for (const token of [world.medical.partyToken, world.care.partyToken])
    expect((await stack.call('POST', `/contracts/${draft.id}/signatures`, { token })).status).toBe(201);
  expect(await countRows(stack.db, 'capacity_warnings', { contract_id: draft.id })).toBe(1);
  expect(await outboxFor(draft.id)).toHaveLength(2);
});

it('warns at signing when the arithmetic changed since drafting (another contract drafted in between)', async () => {
  const world = await createWorld(stack);
  await declareStaff(world, 2);
  await draftContract(stack, world, withVisits(10));
  const first = await draftContract(stack, world, withVisits(4));
  expect(first.capacityWarning).toBeUndefined();
  const second = await draftContract(stack, world, withVisits(4));
  expect(second.capacityWarning).toMatchObject({ stage: 'draft', otherContractsVisitsPerMonth: 14, exceededBy: 2 });

  const signed = await stack.call('POST', `/contracts/${first.id}/signatures`, { token: world.medical.partyToken });
  expect(signed.status).toBe(201);
  const fetched = await stack.call('GET', `/contracts/${first.id}`, { token: world.regulatorToken });
  expect(fetched.body.capacityWarning).toMatchObject({
    stage: 'sign',
    visitsPerMonth: 4,
    otherContractsVisitsPerMonth: 14,
    capacity: 16,
    exceededBy: 2,
  });
  const mail = await stack.mail.waitFor(
    (m) => m.envelopeTo[0] === world.regulatorEmail && (m.text ?? '').includes(first.id),
  );
  expect(mail[0]!.text).toContain('合作协议已签署');
});

it('raises nothing under capacity, nor for a hospital that declared no committed staff', async () => {
  const world = await createWorld(stack);
  await declareStaff(world, 2);
  await draftContract(stack, world, withVisits(10));
  const within = await draftContract(stack, world, withVisits(6));
  expect(within.capacityWarning).toBeUndefined();

  await declareStaff(world, null);
  const undeclared = await draftContract(stack, world, withVisits(20));
  expect(undeclared.capacityWarning).toBeUndefined();
  const institution = await stack.call('GET', `/institutions/${world.medical.institutionId}`, {
    token: world.regulatorToken,
  });
  expect(institution.body.medical.committedMedicalStaff).toBeUndefined();

  expect(await countRows(stack.db, 'capacity_warnings', { institution_id: world.medical.institutionId })).toBe(0);
  expect(await outboxFor(within.id)).toHaveLength(0);
  expect(await outboxFor(undeclared.id)).toHaveLength(0);
});

it('takes committed staff at registration, and refuses it for a care home or from a party', async () => {
  const world = await createWorld(stack);
  const res = await stack.call('POST', '/institutions', {
    token: world.regulatorToken,
    body: {
      kind: 'medical',
      regionCode: world.regionCode,
      name: `Staffed clinic ${world.regionCode}`,
      medical: { level: 'primary', type: 'community_health_centre', committedMedicalStaff: 5 },
    },
  });
  expect(res.status).toBe(201);
  expect(res.body.medical).toEqual({ level: 'primary', type: 'community_health_centre', committedMedicalStaff: 5 });

  const care = await stack.call('PUT', `/institutions/${world.care.institutionId}/committed-medical-staff`, {
    token: world.regulatorToken,
    body: { committedMedicalStaff: 3 },
  });
  expect(care.status).toBe(422);
  expect(care.body.type).toBe('/problems/invalid-reference');
  const byParty = await stack.call('PUT', `/institutions/${world.medical.institutionId}/committed-medical-staff`, {
    token: world.medical.partyToken,
    body: { committedMedicalStaff: 3 },
  });
  expect(byParty.status).toBe(403);
  const audit = await stack.call('GET', `/institutions/${world.medical.institutionId}/audit`, {
    token: world.regulatorToken,
  });
  expect(audit.body.items.map((e: { action: string }) => e.action)).not.toContain(
    'institution.committed-staff-declared',
  );
});
