import { shanghaiDateOf } from '../../domain/calendar';
import { policyNow } from '../../domain/clock';
import { contractWorkflowId } from '../../messages/contract-messages';
import { createWorld, draftContract, eventually, World } from '../support/fixtures';
import { recordHistory } from '../support/record-history';
import { startStack, TestStack } from '../support/stack';

let stack: TestStack;
let world: World;

// Policy time runs 1,296,000× faster: the 30-day signing window takes 30 × 86,400 s ÷ 1,296,000 = 2 s.
const TIME_SCALE = 1_296_000;

beforeAll(async () => {
  stack = await startStack();
  world = await createWorld(stack, { timeScale: TIME_SCALE });
});
afterAll(async () => stack?.stop());

it('reminds the side that has not signed, then lapses the contract past its signing deadline and mails both liaison officers', async () => {
  const contract = await draftContract(stack, world);
  const windowMs = Date.parse(contract.signingDeadline) - Date.parse(contract.createdAt);
  expect(windowMs).toBeGreaterThan(1500);
  expect(windowMs).toBeLessThan(2500);

  expect(
    (await stack.call('POST', `/contracts/${contract.id}/signatures`, { token: world.medical.partyToken })).status,
  ).toBe(201);

  const lapsed = await eventually(async () => {
    const res = await stack.call('GET', `/contracts/${contract.id}`, { token: world.regulatorToken });
    return res.body.status === 'lapsed' && res.body;
  }, 'the contract to lapse');
  expect(lapsed.closeReason).toMatch(/signing deadline/);
  expect(await stack.temporal.workflow.getHandle(contractWorkflowId(contract.id)).result()).toBe('lapsed');

  const mails = await stack.mail.waitFor((m) => m.headers['x-carepact-template'] === 'contract-lapsed', { count: 2 });
  expect(mails).toHaveLength(2);
  const byRecipient = Object.fromEntries(mails.map((m) => [m.envelopeTo[0], m]));
  expect(byRecipient[world.care.liaisonEmail]!.subject).toContain('已失效');
  expect(byRecipient[world.care.liaisonEmail]!.headers['content-language']).toBe('zh-CN');
  expect(byRecipient[world.medical.liaisonEmail]!.subject).toContain('Contract lapsed unsigned');
  expect(byRecipient[world.medical.liaisonEmail]!.text).toContain(contract.signingDeadline);

  // signing.reminderLeadDays (7) before the deadline, the side that had not signed was reminded, with the date in an .ics.
  const clock = { anchorMs: Date.parse(contract.clockAnchor), timeScale: TIME_SCALE };
  const lastDay = shanghaiDateOf(policyNow(clock, Date.parse(contract.signingDeadline)) - 1);
  const careParty = (await stack.db('users').where({ institution_id: world.care.institutionId, role: 'party' }).first())
    .email;
  const reminders = stack.mail.mails().filter((m) => m.headers['x-carepact-template'] === 'signing-reminder');
  expect(reminders.map((m) => m.envelopeTo[0]).sort()).toEqual([world.care.liaisonEmail, careParty].sort());
  const [y, mo, d] = lastDay.split('-').map(Number);
  expect(reminders[0]!.subject).toBe(
    `【CarePact】请在${y}年${mo}月${d}日前签署合作协议（Central Hospital ${world.regionCode} — 幸福养老院 ${world.regionCode}）`,
  );
  expect(reminders[0]!.text).toContain('需完成事项：在 CarePact 中签署合作协议。');
  expect(reminders[0]!.attachments[0]!.content.toString()).toContain(
    `DTSTART;VALUE=DATE:${lastDay.replaceAll('-', '')}`,
  );

  const late = await stack.call('POST', `/contracts/${contract.id}/signatures`, { token: world.care.partyToken });
  expect(late.status).toBe(409);
  expect(late.body.type).toBe('/problems/contract-closed');
  expect(await stack.db('contract_signatures').where({ contract_id: contract.id }).count({ n: '*' })).toEqual([
    { n: '1' },
  ]);
  await recordHistory(stack, contractWorkflowId(contract.id), 'contract-lapsed');
  const outbox = await stack.db('mail_outbox').where('idempotency_key', 'like', `contract:${contract.id}:lapsed:%`);
  expect(outbox.map((row) => row.status)).toEqual(['sent', 'sent']);
});
