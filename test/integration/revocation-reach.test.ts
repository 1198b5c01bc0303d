import { addDays } from '../../domain/calendar';
import { rectificationWorkflowId } from '../../messages/evaluation-messages';
import { policyToday } from '../../domain/obligations';
import { activeContract, createParty, createWorld, eventually, type World } from '../support/fixtures';
import { policyClockOf } from '../support/policy-time';
import {
  noticePolicy,
  type Order,
  orderUnderNotice,
  RECTIFICATION_TIME_SCALE,
  waiveRepresentations,
} from '../support/rectification-fixtures';
import { recordHistory } from '../support/record-history';
import { startStack, TestStack } from '../support/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

const statusOf = async (contractId: string) => (await stack.db('contracts').where({ id: contractId }).first()).status;
const templateMails = (template: string, about: string) =>
  stack.mail
    .mails()
    .filter((m) => m.headers['x-carepact-template'] === template && m.text!.includes(about))
    .map((m) => m.envelopeTo[0])
    .sort();

/** Another active contract of the order's hospital, with a new home of `world`'s region (signed by both). */
async function otherContractOfHospital(order: Order, world: World, name: string) {
  const care = await createParty(stack, world.regulatorToken, world.regionCode, 'elderly_care', name, 'zh-CN');
  const contract = await activeContract(stack, {
    ...world,
    medical: order.world.medical,
    care,
  });
  return { contractId: contract.id as string, care };
}

it("the window closes with reminders, then confirming ends the hospital's other contract in the region, not elsewhere", async () => {
  // 40 policy days (8 s) with reminders 20 and 1 days before: far enough apart for a loaded machine.
  const { order, clock } = await orderUnderNotice(
    stack,
    noticePolicy(40, { representationsReminderDaysBefore: [20, 1] }),
  );
  const deadline = clock.deadlines[1].date as string;
  const sameRegion = await otherContractOfHospital(order, order.world, `康宁护理院 ${order.world.regionCode}`);
  const elsewhere = await createWorld(stack, { timeScale: RECTIFICATION_TIME_SCALE, signing: { windowDays: 365 } });
  const otherRegion = await otherContractOfHospital(order, elsewhere, `远郊敬老院 ${elsewhere.regionCode}`);

  // Reminders 20 and 1 days before the window closes, then the regulator is told to decide.
  await eventually(
    async () => templateMails('revocation-decision-due', order.rectificationId).length > 0,
    'the window to close',
    30_000,
  );
  const parties = [
    order.world.medical.liaisonEmail,
    order.world.care.liaisonEmail,
    ...(await stack
      .db('users')
      .whereIn('institution_id', [order.world.medical.institutionId, order.world.care.institutionId])
      .where({ role: 'party' })
      .pluck('email')),
  ].sort();
  expect(templateMails('representations-reminder', order.rectificationId)).toEqual([...parties, ...parties].sort());
  const reminder = stack.mail
    .mails()
    .find(
      (m) =>
        m.headers['x-carepact-template'] === 'representations-reminder' &&
        m.envelopeTo[0] === order.world.medical.liaisonEmail,
    )!;
  expect(reminder.text).toContain(`due by ${deadline}`);
  expect(reminder.attachments[0]!.content.toString()).toContain(`DTSTART;VALUE=DATE:${deadline.replace(/-/g, '')}`);
  expect(templateMails('revocation-decision-due', order.rectificationId)).toEqual([order.world.regulatorEmail]);

  // The deadline is the notice's sending date plus the policy's 40 days.
  const contract = (await stack.call('GET', `/contracts/${order.contractId}`, { token: order.world.regulatorToken }))
    .body;
  const sent = await stack
    .db('mail_outbox')
    .whereLike('idempotency_key', `rectification:${order.rectificationId}:notice:%`)
    .max('sent_at as last')
    .first();
  expect(deadline).toBe(
    addDays(policyToday(policyClockOf(contract, RECTIFICATION_TIME_SCALE).clock, new Date(sent!.last).getTime()), 40),
  );

  const confirmed = await stack.call('POST', `/rectifications/${order.rectificationId}/revocation-decision`, {
    token: order.world.regulatorToken,
    body: { decision: 'confirm', reasons: 'No evidence by the deadline' },
  });
  expect(confirmed.status).toBe(200);
  await eventually(async () => (await statusOf(sameRegion.contractId)) === 'revoked', 'the other contract to end');
  expect(await statusOf(order.contractId)).toBe('revoked');
  expect(await statusOf(otherRegion.contractId)).toBe('active');
  expect(
    await stack.db('revocation_decisions').where({ rectification_id: order.rectificationId }).first(),
  ).toMatchObject({
    reach: 'institution-in-region',
    ended_contract_ids: [sameRegion.contractId],
  });

  const reachTo = [order.world.medical.liaisonEmail, sameRegion.care.liaisonEmail, order.world.regulatorEmail].sort();
  await eventually(
    async () => templateMails('revocation-reach', sameRegion.contractId).length === reachTo.length,
    'the reach mails',
  );
  expect(templateMails('revocation-reach', sameRegion.contractId)).toEqual(reachTo);
  expect(templateMails('revocation-reach', otherRegion.contractId)).toEqual([]);
  const zh = stack.mail
    .mails()
    .find(
      (m) =>
        m.headers['x-carepact-template'] === 'revocation-reach' && m.envelopeTo[0] === sameRegion.care.liaisonEmail,
    )!;
  expect(zh.text).toContain('本协议即行终止');
  expect(zh.text).toContain(`Central Hospital ${order.world.regionCode}`);
  const audit = await stack
    .db('audit_log')
    .where({ entity_type: 'contract', entity_id: sameRegion.contractId })
    .orderBy('id')
    .pluck('action');
  expect(audit[audit.length - 1]).toBe('contract.revoked');
  await recordHistory(stack, rectificationWorkflowId(order.rectificationId), 'rectification-reminded-revoked-reach');
});

it("a region whose revocation reaches only this contract leaves the hospital's other contracts running", async () => {
  const { order } = await orderUnderNotice(stack, noticePolicy(100, { reach: 'this-contract' }));
  const sameRegion = await otherContractOfHospital(order, order.world, `康宁护理院 ${order.world.regionCode}`);
  await waiveRepresentations(stack, order);
  const confirmed = await stack.call('POST', `/rectifications/${order.rectificationId}/revocation-decision`, {
    token: order.world.regulatorToken,
    body: { decision: 'confirm', reasons: 'No evidence by the deadline' },
  });
  expect(confirmed.status).toBe(200);
  await eventually(async () => (await statusOf(order.contractId)) === 'revoked', 'the contract to be revoked');
  expect(
    await stack.db('revocation_decisions').where({ rectification_id: order.rectificationId }).first(),
  ).toMatchObject({
    reach: 'this-contract',
    institution_ids: [order.world.medical.institutionId],
    ended_contract_ids: [],
  });
  await new Promise((r) => setTimeout(r, 1000));
  expect(await statusOf(sameRegion.contractId)).toBe('active');
  expect(templateMails('revocation-reach', sameRegion.contractId)).toEqual([]);
});
