import { addDays, addMonthsClamped, parseLocalDate, shanghaiDateOf } from '../../domain/calendar';
import { agreementTerms, activeContract, createWorld, defaultTerm, eventually, World } from '../support/fixtures';
import type { CapturedMail } from '../../platform/mail-catcher';
import { contractWorkflowId } from '../../messages/contract-messages';
import { recordHistory } from '../support/record-history';
import { startStack, TestStack } from '../support/stack';

/** Issue 12 item 7: renewal by both parties — one proposes, the other countersigns by a deadline, or it lapses. */
let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

const template = (name: string) => (m: CapturedMail) => m.headers['x-carepact-template'] === name;
const to = (m: CapturedMail) => m.envelopeTo[0]!;
const partyEmailOf = async (institutionId: string): Promise<string> =>
  (await stack.db('users').where({ institution_id: institutionId, role: 'party' }).first()).email;
const propose = (contractId: string, token: string, body: unknown) =>
  stack.call('POST', `/contracts/${contractId}/renewal-proposals`, { token, body });
const countersign = (contractId: string, proposalId: string, token: string) =>
  stack.call('POST', `/contracts/${contractId}/renewal-proposals/${proposalId}/countersign`, { token });
const contractRow = async (id: string) => stack.db('contracts').where({ id }).first();
const pairOf = (world: World) => `Central Hospital ${world.regionCode} — 幸福养老院 ${world.regionCode}`;
/** A date as the Chinese mails write it: 2027年1月5日. */
const chineseDate = (date: string) => {
  const { year, month, day } = parseLocalDate(date);
  return `${year}年${month}月${day}日`;
};

it('a proposal not countersigned lapses, the proposer is told, and the contract expires at its planned term end', async () => {
  // One policy day is one real second: a term from today (the contract's first policy day) whose
  // last ten days pass in about ten seconds.
  const world = await createWorld(stack, { timeScale: 86_400 });
  const today = shanghaiDateOf(Date.now());
  const termEnd = addDays(today, 9);
  const renewTo = addMonthsClamped(termEnd, 12);
  const contract = await activeContract(stack, world, { termStart: today, termEnd });
  const proposed = await propose(contract.id, world.care.partyToken, { termEnd: renewTo });
  expect(proposed.status).toBe(201);
  // 30 days from the proposal would pass the term's end: the deadline is the term's last day.
  expect(proposed.body).toMatchObject({
    side: 'care',
    previousTermEnd: termEnd,
    termEnd: renewTo,
    countersignDeadline: termEnd,
    status: 'open',
  });
  const proposalId = proposed.body.id;

  const otherSide = [world.medical.liaisonEmail, await partyEmailOf(world.medical.institutionId)];
  const offers = await stack.mail.waitFor((m) => template('renewal-proposed')(m) && otherSide.includes(to(m)), {
    count: 2,
  });
  expect(offers.map(to).sort()).toEqual([...otherSide].sort());
  expect(offers[0]!.subject).toBe(
    `[CarePact] Renewal proposed until ${renewTo}: countersign by ${termEnd} (${pairOf(world)})`,
  );
  expect(offers[0]!.text).toContain('The elderly-care institution proposes to renew the cooperation contract');
  expect(offers[0]!.attachments[0]!.content.toString()).toContain(`DTSTART;VALUE=DATE:${termEnd.replaceAll('-', '')}`);
  expect(stack.mail.mails().filter(template('renewal-proposed')).map(to)).not.toContain(world.care.liaisonEmail);

  const queue = await stack.call('GET', '/me/tasks?kind=renewal-countersign', { token: world.medical.partyToken });
  expect(queue.body.items).toEqual([
    expect.objectContaining({
      id: `renewal-countersign:${proposalId}`,
      dueDate: termEnd,
      consequence: expect.objectContaining({ kind: 'renewal-lapse', on: addDays(termEnd, 1) }),
    }),
  ]);
  const proposerQueue = await stack.call('GET', '/me/tasks?kind=renewal-countersign', { token: world.care.partyToken });
  expect(proposerQueue.body.items).toEqual([]);

  const proposer = [world.care.liaisonEmail, await partyEmailOf(world.care.institutionId)];
  const lapsed = await stack.mail.waitFor((m) => template('renewal-lapsed')(m) && proposer.includes(to(m)), {
    count: 2,
    timeoutMs: 30_000,
  });
  expect(lapsed[0]!.subject).toBe(`【CarePact】续签提议未获会签，已失效（${pairOf(world)}）`);
  expect(lapsed[0]!.text).toContain(
    `贵方提出的续签至${chineseDate(renewTo)}（${renewTo}）的提议，对方未在${chineseDate(termEnd)}（${termEnd}）前会签`,
  );
  const expired = await eventually(async () => (await contractRow(contract.id)).status === 'expired', 'expiry', 15_000);
  expect(expired).toBe(true);
  expect((await contractRow(contract.id)).term_end).toBe(termEnd);
  expect(await stack.db('renewal_proposals').where({ id: proposalId }).first()).toMatchObject({ status: 'lapsed' });
  expect(await stack.db('renewals').where({ contract_id: contract.id })).toEqual([]);
  const everyone = [world.medical.liaisonEmail, world.care.liaisonEmail, world.regulatorEmail];
  const endings = await stack.mail.waitFor((m) => template('contract-expired')(m) && everyone.includes(to(m)), {
    count: 3,
  });
  expect(endings.find((m) => to(m) === world.medical.liaisonEmail)!.text).toContain(`term ended on ${termEnd}`);

  const late = await countersign(contract.id, proposalId, world.medical.partyToken);
  expect(late.status).toBe(409);
  await recordHistory(stack, contractWorkflowId(contract.id), 'contract-renewal-lapsed-expired');
});

it('countersigned by the other side: the term and the terms change, everyone is told; the proposer cannot countersign', async () => {
  const world = await createWorld(stack);
  // The default term ends some years from today: proposals are placed from its end.
  const contract = await activeContract(stack, world);
  const { termEnd } = defaultTerm;
  const renewTo = addMonthsClamped(termEnd, 36);
  expect(
    (await propose(contract.id, world.care.partyToken, { termEnd: addMonthsClamped(termEnd, -6) })).body.type,
  ).toBe('/problems/renewal-not-later');
  expect((await propose(contract.id, world.care.liaisonToken, { termEnd: renewTo })).status).toBe(403);
  const terms = { ...agreementTerms, visitFrequency: { ...agreementTerms.visitFrequency, homeVisitsPerMonth: 3 } };
  const proposed = await propose(contract.id, world.care.partyToken, { termEnd: renewTo, terms });
  expect(proposed.status).toBe(201);
  const proposalId = proposed.body.id;
  const again = await propose(contract.id, world.medical.partyToken, { termEnd: addMonthsClamped(termEnd, 24) });
  expect(again.status).toBe(409);
  expect(again.body.type).toBe('/problems/renewal-proposal-open');

  const own = await countersign(contract.id, proposalId, world.care.partyToken);
  expect(own.status).toBe(409);
  expect(own.body.type).toBe('/problems/own-renewal-proposal');
  expect((await contractRow(contract.id)).term_end).toBe(termEnd);

  const signed = await countersign(contract.id, proposalId, world.medical.partyToken);
  expect(signed.status).toBe(200);
  expect(signed.body.proposal).toMatchObject({ status: 'countersigned', termEnd: renewTo });
  expect(signed.body.process).toMatchObject({ status: 'active', termEnd: renewTo });
  const row = await contractRow(contract.id);
  expect(row.term_end).toBe(renewTo);
  expect(row.terms.visitFrequency.homeVisitsPerMonth).toBe(3);
  expect(await stack.db('renewals').where({ contract_id: contract.id })).toEqual([
    expect.objectContaining({ previous_term_end: termEnd, new_term_end: renewTo }),
  ]);
  const everyone = [world.medical.liaisonEmail, world.care.liaisonEmail, world.regulatorEmail];
  const mails = await stack.mail.waitFor((m) => template('contract-renewed')(m) && everyone.includes(to(m)), {
    count: 3,
  });
  expect(mails.map(to).sort()).toEqual([...everyone].sort());
  expect(mails.find((m) => to(m) === world.medical.liaisonEmail)!.subject).toBe(
    `[CarePact] Contract renewed until ${renewTo} (${pairOf(world)})`,
  );
  const compliance = await stack.call('GET', `/contracts/${contract.id}/compliance`, { token: world.care.partyToken });
  expect(compliance.body.nextDeadlines.find((d: { what: string }) => d.what === 'term ends').dueDate).toBe(renewTo);

  const twice = await countersign(contract.id, proposalId, world.medical.partyToken);
  expect(twice.status).toBe(409);
  expect(twice.body.type).toBe('/problems/renewal-proposal-closed');
  const listed = await stack.call('GET', `/contracts/${contract.id}/renewal-proposals`, {
    token: world.regulatorToken,
  });
  expect(listed.body.items.map((p: { status: string }) => p.status)).toEqual(['countersigned']);
  await recordHistory(stack, contractWorkflowId(contract.id), 'contract-renewal-countersigned');
});

it('a declined proposal is closed and the proposer told the reason; the old unilateral renewal is gone (410)', async () => {
  const world = await createWorld(stack);
  const contract = await activeContract(stack, world);
  const gone = await stack.call('POST', `/contracts/${contract.id}/renewal`, {
    token: world.care.partyToken,
    body: { termEnd: '2032-12-31' },
  });
  expect(gone.status).toBe(410);
  expect(gone.body.type).toBe('/problems/renewal-by-proposal');
  expect(gone.body.detail).toContain(`/contracts/${contract.id}/renewal-proposals`);

  const renewTo = addMonthsClamped(defaultTerm.termEnd, 12);
  const proposed = await propose(contract.id, world.medical.partyToken, { termEnd: renewTo });
  const declined = await stack.call('POST', `/contracts/${contract.id}/renewal-proposals/${proposed.body.id}/decline`, {
    token: world.care.partyToken,
    body: { reason: 'Staffing is uncertain after 2029.' },
  });
  expect(declined.status).toBe(200);
  expect(declined.body.proposal).toMatchObject({ status: 'declined', reason: 'Staffing is uncertain after 2029.' });
  expect((await contractRow(contract.id)).term_end).toBe(defaultTerm.termEnd);
  const [mail] = await stack.mail.waitFor(
    (m) => template('renewal-declined')(m) && to(m) === world.medical.liaisonEmail,
  );
  expect(mail!.text).toContain(
    `The other side declined your proposal to renew until ${renewTo}. Reasons: Staffing is uncertain after 2029.`,
  );
});
