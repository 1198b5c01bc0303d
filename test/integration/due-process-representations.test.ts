import { createHash } from 'node:crypto';
import { addDays } from '../../domain/calendar';
import { policyToday } from '../../domain/obligations';
import { rectificationWorkflowId } from '../../messages/evaluation-messages';
import { countRows } from '../support/db-counts';
import { eventually } from '../support/fixtures';
import { policyClockOf } from '../support/policy-time';
import {
  fileRepresentations,
  type Order,
  orderUnderNotice,
  pdfBytes,
  RECTIFICATION_TIME_SCALE,
  stepOf,
  waiveRepresentations,
} from '../support/rectification-fixtures';
import { recordHistory } from '../support/record-history';
import { startStack, TestStack } from '../support/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

const noticeTemplates = new Set([
  'revocation-notice',
  'representations-received',
  'representations-waived',
  'representations-reminder',
  'revocation-decision-due',
  'revocation-withdrawn',
  'qualification-revoked',
  'revocation-reach',
]);
/** The notice step's mails about this order, as "template → recipient". */
const noticeMails = (order: Order) =>
  stack.mail
    .mails()
    .filter((m) => noticeTemplates.has(m.headers['x-carepact-template'] as string))
    .filter((m) => m.text!.includes(order.rectificationId))
    .map((m) => `${m.headers['x-carepact-template']} → ${m.envelopeTo[0]}`)
    .sort();

async function audience(order: Order) {
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
  return { parties, everyone: [...parties, w.regulatorEmail] };
}

const decide = (order: Order, body: Record<string, unknown>) =>
  stack.call('POST', `/rectifications/${order.rectificationId}/revocation-decision`, {
    token: order.world.regulatorToken,
    body,
  });
const contractStatus = async (order: Order) =>
  (await stack.call('GET', `/contracts/${order.contractId}`, { token: order.world.regulatorToken })).body.status;

it('confirming inside the representations window is refused with the date it opens, and changes nothing', async () => {
  const { order, clock } = await orderUnderNotice(stack);
  const deadline = clock.deadlines[1].date as string;

  // The deadline runs from the notice's sending: its policy date plus the policy's 100 days.
  const contract = (await stack.call('GET', `/contracts/${order.contractId}`, { token: order.world.regulatorToken }))
    .body;
  const sentAt = await stack
    .db('mail_outbox')
    .whereLike('idempotency_key', `rectification:${order.rectificationId}:notice:%`)
    .max('sent_at as last')
    .first();
  const sentOn = policyToday(policyClockOf(contract, RECTIFICATION_TIME_SCALE).clock, new Date(sentAt!.last).getTime());
  expect(deadline).toBe(addDays(sentOn, 100));
  expect(clock.deadlines[1].computedFrom).toEqual({
    sentAt: new Date(sentAt!.last).toISOString(),
    policyDays: 100,
  });
  expect(
    (await stack.db('rectification_orders').where({ id: order.rectificationId }).first()).representations_deadline,
  ).toBe(deadline);

  const refused = await decide(order, { decision: 'confirm', reasons: 'No evidence by the deadline' });
  expect(refused.status).toBe(409);
  expect(refused.body.type).toBe('/problems/representations-window-open');
  expect(refused.body.detail).toContain(`from ${addDays(deadline, 1)}`);

  // One party declaring none is not enough: the other may still be heard.
  const waiver = await stack.call('POST', `/rectifications/${order.rectificationId}/representations/waiver`, {
    token: order.world.medical.partyToken,
  });
  expect(waiver.status).toBe(201);
  expect((await decide(order, { decision: 'confirm', reasons: 'again' })).body.type).toBe(
    '/problems/representations-window-open',
  );

  expect(await contractStatus(order)).toBe('rectifying');
  expect(await countRows(stack.db, 'qualification_revocations', { rectification_id: order.rectificationId })).toBe(0);
  expect(await countRows(stack.db, 'revocation_decisions', { rectification_id: order.rectificationId })).toBe(0);
  expect((await stepOf(stack, order, 'notice-of-revocation')).step).toBe('notice-of-revocation');

  // The regulator's decision waits in the work queue until the window opens; the care home still owes its word.
  const regulatorTasks = (
    await stack.call('GET', `/me/tasks?kind=revocation-decision&contractId=${order.contractId}`, {
      token: order.world.regulatorToken,
    })
  ).body.items;
  expect(regulatorTasks).toEqual([
    expect.objectContaining({ state: 'upcoming', actionableFrom: addDays(deadline, 1), dueDate: deadline }),
  ]);
  const careTasks = (
    await stack.call('GET', `/me/tasks?kind=representations`, { token: order.world.care.liaisonToken })
  ).body.items;
  expect(careTasks).toEqual([
    expect.objectContaining({
      kind: 'representations',
      rectificationId: order.rectificationId,
      dueDate: deadline,
      consequence: expect.objectContaining({ kind: 'revocation-may-be-confirmed', on: addDays(deadline, 1) }),
    }),
  ]);
  const medicalTasks = (
    await stack.call('GET', `/me/tasks?kind=representations`, { token: order.world.medical.liaisonToken })
  ).body.items;
  expect(medicalTasks).toEqual([]);

  // The notice carries the deadline as a calendar entry.
  const notice = stack.mail
    .mails()
    .find(
      (m) =>
        m.headers['x-carepact-template'] === 'revocation-notice' &&
        m.text!.includes(order.rectificationId) &&
        m.envelopeTo[0] === order.world.medical.liaisonEmail,
    )!;
  expect(notice.text).toContain('within 100 days of this notice being sent');
  // Printed as the mail is written, an instant before it leaves: never later than the recorded deadline
  // (compressed time moves a policy day in 200 ms). The reminders' entries carry the recorded one, same UID.
  const printed = /that is by (\d{4}-\d{2}-\d{2})/.exec(notice.text!)![1]!;
  expect(printed <= deadline && printed >= addDays(deadline, -5)).toBe(true);
  const ics = notice.attachments[0]!.content.toString().replace(/\r\n /g, ''); // unfolded (RFC 5545 §3.1)
  expect(ics).toContain(`DTSTART;VALUE=DATE:${printed.replace(/-/g, '')}`);
  expect(ics).toContain(`UID:rectification:${order.rectificationId}:representations@carepact`);
});

it('representations filed (text and a file, SHA-256 receipts), then the revocation withdrawn considering them', async () => {
  const { order } = await orderUnderNotice(stack);
  const text = '我院已于整改期内增加巡诊人员。'.repeat(2000) + ' The visit log was lost in the flood.';
  const bytes = pdfBytes('flood report');
  const filed = await fileRepresentations(stack, order.world.care.partyToken, order.rectificationId, {
    text,
    files: [{ name: 'flood-report.pdf', bytes }],
    idempotencyKey: 'reps-1',
  });
  expect(filed.status).toBe(201);
  expect(filed.body).toMatchObject({
    kind: 'filed',
    institutionId: order.world.care.institutionId,
    text: { sha256: createHash('sha256').update(text, 'utf8').digest('hex'), length: text.length },
    files: [
      {
        filename: 'flood-report.pdf',
        contentType: 'application/pdf',
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      },
    ],
  });
  const retry = await fileRepresentations(stack, order.world.care.partyToken, order.rectificationId, {
    text,
    files: [{ name: 'flood-report.pdf', bytes }],
    idempotencyKey: 'reps-1',
  });
  expect(retry.status).toBe(200);
  expect(retry.body.representationId).toBe(filed.body.representationId);
  const representationId = filed.body.representationId as string;

  const listed = await stack.call('GET', `/rectifications/${order.rectificationId}/representations`, {
    token: order.world.regulatorToken,
  });
  expect(listed.body.items).toHaveLength(1);
  expect(listed.body.items[0]).toMatchObject({ id: representationId, text, kind: 'filed' });
  const download = await fetch(
    `${stack.baseUrl}/rectifications/${order.rectificationId}/evidence/files/${filed.body.files[0].sha256}`,
    { headers: { authorization: `Bearer ${order.world.regulatorToken}` } },
  );
  expect(Buffer.from(await download.arrayBuffer())).toEqual(Buffer.from(bytes));

  const unconsidered = await decide(order, { decision: 'withdraw', reasons: 'The flood explains the gap' });
  expect(unconsidered.status).toBe(422);
  expect(unconsidered.body.type).toBe('/problems/representation-not-considered');
  const withdrawn = await decide(order, {
    decision: 'withdraw',
    reasons: 'The flood explains the gap',
    considerations: [{ representationId, consideration: 'Accepted: the flood report is credible' }],
  });
  expect(withdrawn.status).toBe(200);
  expect(withdrawn.body.step).toBe('withdrawn');
  await eventually(async () => (await contractStatus(order)) === 'active', 'the contract to be active again');

  expect(await countRows(stack.db, 'representations', { rectification_id: order.rectificationId })).toBe(1);
  expect(await countRows(stack.db, 'representation_files', { representation_id: representationId })).toBe(1);
  expect(
    await stack.db('revocation_decisions').where({ rectification_id: order.rectificationId }).first(),
  ).toMatchObject({
    decision: 'withdraw',
    reasons: 'The flood explains the gap',
  });
  expect(await stack.db('representation_considerations').where({ rectification_id: order.rectificationId })).toEqual([
    expect.objectContaining({
      representation_id: representationId,
      consideration: 'Accepted: the flood report is credible',
    }),
  ]);
  expect(await countRows(stack.db, 'qualification_revocations', { rectification_id: order.rectificationId })).toBe(0);

  const { everyone } = await audience(order);
  await eventually(
    async () => noticeMails(order).filter((m) => m.startsWith('revocation-withdrawn')).length === everyone.length,
    'the withdrawal mails',
  );
  expect(noticeMails(order)).toEqual(
    [
      ...everyone.map((to) => `revocation-notice → ${to}`),
      ...everyone.map((to) => `representations-received → ${to}`),
      ...everyone.map((to) => `revocation-withdrawn → ${to}`),
    ].sort(),
  );
  const receipt = stack.mail
    .mails()
    .find(
      (m) =>
        m.headers['x-carepact-template'] === 'representations-received' &&
        m.envelopeTo[0] === order.world.regulatorEmail &&
        m.text!.includes(order.rectificationId),
    )!;
  expect(receipt.text).toContain(filed.body.text.sha256);
  expect(receipt.text).toContain(filed.body.files[0].sha256);
  await recordHistory(stack, rectificationWorkflowId(order.rectificationId), 'rectification-representations-withdrawn');
});

it('both parties declare none: the regulator confirms at once and the contract is revoked', async () => {
  const { order } = await orderUnderNotice(stack);
  await waiveRepresentations(stack, order);
  const again = await stack.call('POST', `/rectifications/${order.rectificationId}/representations/waiver`, {
    token: order.world.care.partyToken,
  });
  expect(again.status).toBe(409);
  expect(again.body.type).toBe('/problems/representations-waived');

  const confirmed = await decide(order, { decision: 'confirm', reasons: 'No evidence and no representations' });
  expect(confirmed.status).toBe(200);
  expect(confirmed.body.step).toBe('revoked');
  await eventually(async () => (await contractStatus(order)) === 'revoked', 'the contract to be revoked');
  expect(
    await stack
      .db('qualification_revocations')
      .where({ rectification_id: order.rectificationId })
      .pluck('institution_id'),
  ).toEqual([order.world.medical.institutionId]);
  expect(
    await countRows(stack.db, 'representations', { rectification_id: order.rectificationId, kind: 'waived' }),
  ).toBe(2);
  expect(
    await stack.db('revocation_decisions').where({ rectification_id: order.rectificationId }).first(),
  ).toMatchObject({
    decision: 'confirm',
    reach: 'institution-in-region',
    institution_ids: [order.world.medical.institutionId],
    ended_contract_ids: [],
  });

  const { everyone } = await audience(order);
  await eventually(
    async () => noticeMails(order).filter((m) => m.startsWith('qualification-revoked')).length === everyone.length,
    'the revocation mails',
  );
  expect(noticeMails(order)).toEqual(
    [
      ...everyone.map((to) => `revocation-notice → ${to}`),
      ...everyone.flatMap((to) => [`representations-waived → ${to}`, `representations-waived → ${to}`]),
      ...everyone.map((to) => `qualification-revoked → ${to}`),
    ].sort(),
  );
  const revokedMail = stack.mail
    .mails()
    .find(
      (m) =>
        m.headers['x-carepact-template'] === 'qualification-revoked' &&
        m.envelopeTo[0] === order.world.medical.liaisonEmail &&
        m.text!.includes(order.rectificationId),
    )!;
  expect(revokedMail.text).toContain(`in this region of Central Hospital ${order.world.regionCode}`);
});
