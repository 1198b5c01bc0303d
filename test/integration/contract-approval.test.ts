import { addDays, shanghaiDateOf } from '../../domain/calendar';
import { policyNow } from '../../domain/clock';
import { contractStateQuery, contractWorkflowId } from '../../messages/contract-messages';
import type { CapturedMail } from '../../platform/mail-catcher';
import { countRows } from '../support/db-counts';
import { recordHistory } from '../support/record-history';
import { activeContract, createWorld, draftContract, eventually, World } from '../support/fixtures';
import { startStack, TestStack } from '../support/stack';

/** Issue 12 item 6: approval (备案) as regional policy — pending-approval, approve or return with reasons, or silence. */
let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

const requiresApproval = { approval: { required: true } };
const template = (name: string) => (m: CapturedMail) => m.headers['x-carepact-template'] === name;
const to = (m: CapturedMail) => m.envelopeTo[0]!;
const partyEmailOf = async (institutionId: string): Promise<string> =>
  (await stack.db('users').where({ institution_id: institutionId, role: 'party' }).first()).email;
const sign = (contractId: string, token: string) =>
  stack.call('POST', `/contracts/${contractId}/signatures`, { token });
const decide = (contractId: string, token: string, body: unknown) =>
  stack.call('POST', `/contracts/${contractId}/approval`, { token, body });
const statusOf = async (contractId: string) => (await stack.db('contracts').where({ id: contractId }).first()).status;

/** Drafted and signed by both parties in a region that requires approval. */
async function signedContract(world: World, overrides: Record<string, unknown> = {}) {
  const contract = await draftContract(stack, world, overrides);
  expect((await sign(contract.id, world.medical.partyToken)).status).toBe(201);
  const second = await sign(contract.id, world.care.liaisonToken);
  expect(second.status).toBe(201);
  return { contract, second };
}

/** The round's row once the regulators' notice left the outbox (its deadline runs from then). */
const toldRound = (contractId: string, round = 1) =>
  eventually(
    async () =>
      (
        await stack.db('contract_approvals').where({ contract_id: contractId, round }).whereNotNull('decision_deadline')
      )[0],
    `approval round ${round} to be requested`,
  );

it('two signatures make the contract pending approval; the regulators are mailed the deadline with an .ics and see a task', async () => {
  const world = await createWorld(stack, requiresApproval);
  const { contract, second } = await signedContract(world);
  expect(second.body).toMatchObject({ status: 'pending-approval', approval: { round: 1 } });
  expect(await statusOf(contract.id)).toBe('pending-approval');

  const round = await toldRound(contract.id);
  const toldOn = shanghaiDateOf(new Date(round.requested_at).getTime());
  expect(round.decision_deadline).toBe(addDays(toldOn, 15));
  const [mail] = await stack.mail.waitFor((m) => template('approval-requested')(m) && to(m) === world.regulatorEmail);
  expect(mail!.subject).toBe(
    `【CarePact】合作协议待备案审核，请于${round.decision_deadline.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')}前决定` +
      `（Central Hospital ${world.regionCode} — 幸福养老院 ${world.regionCode}）`,
  );
  expect(mail!.text).toContain(`${round.decision_deadline}）当日24:00前（北京时间）`);
  expect(mail!.text).toContain(`/contracts/${contract.id}`);
  const ics = mail!.attachments.find((a) => a.contentType.startsWith('text/calendar'))!;
  expect(ics.content.toString()).toContain(`DTSTART;VALUE=DATE:${round.decision_deadline.replaceAll('-', '')}`);
  // Nobody else hears of it yet: the parties are told when the regulator decides.
  expect(
    stack.mail
      .mails()
      .filter((m) => template('approval-requested')(m))
      .map(to),
  ).not.toContain(world.care.liaisonEmail);

  const tasks = await stack.call('GET', '/me/tasks?kind=approval-decision', { token: world.regulatorToken });
  expect(tasks.body.items).toEqual([
    expect.objectContaining({
      id: `approval-decision:${contract.id}:1`,
      kind: 'approval-decision',
      contractId: contract.id,
      dueDate: round.decision_deadline,
      state: 'upcoming',
      consequence: expect.objectContaining({ kind: 'deemed-approval', on: addDays(round.decision_deadline, 1) }),
    }),
  ]);
});

it('a party cannot approve (403) and changes nothing', async () => {
  const world = await createWorld(stack, requiresApproval);
  const { contract } = await signedContract(world);
  for (const token of [world.care.partyToken, world.medical.liaisonToken]) {
    const res = await decide(contract.id, token, { decision: 'approve' });
    expect(res.status).toBe(403);
    expect(res.body.type).toBe('/problems/forbidden');
  }
  const outsider = await createWorld(stack);
  expect((await decide(contract.id, outsider.regulatorToken, { decision: 'approve' })).status).toBe(404);
  expect(await statusOf(contract.id)).toBe('pending-approval');
});

it('a return with reasons makes it a draft again: signatures void, a new signing window, the parties mailed the reasons', async () => {
  const world = await createWorld(stack, requiresApproval);
  const { contract } = await signedContract(world);
  const noReasons = await decide(contract.id, world.regulatorToken, { decision: 'return', reasons: '  ' });
  expect(noReasons.status).toBe(422);
  expect(noReasons.body.type).toBe('/problems/reason-required');
  expect(await statusOf(contract.id)).toBe('pending-approval');

  const reasons = 'Referral response must be 15 minutes; add the liability for transport.';
  const returned = await decide(contract.id, world.regulatorToken, { decision: 'return', reasons });
  expect(returned.status).toBe(200);
  expect(returned.body).toMatchObject({ status: 'draft', signatures: [] });
  expect(Date.parse(returned.body.signingDeadline)).toBeGreaterThan(Date.parse(contract.signingDeadline));
  const row = await stack.db('contracts').where({ id: contract.id }).first();
  expect(row.status).toBe('draft');
  expect(row.signing_deadline.toISOString()).toBe(returned.body.signingDeadline);
  expect(await countRows(stack.db, 'contract_signatures', { contract_id: contract.id })).toBe(0);
  const [decision] = await stack.db('contract_approvals').where({ contract_id: contract.id, round: 1 });
  expect(decision).toMatchObject({ outcome: 'returned', reasons });
  expect(decision.voided_signatures.map((s: { side: string }) => s.side)).toEqual(['medical', 'care']);

  const parties = [
    world.medical.liaisonEmail,
    world.care.liaisonEmail,
    await partyEmailOf(world.medical.institutionId),
    await partyEmailOf(world.care.institutionId),
  ];
  const mails = await stack.mail.waitFor((m) => template('approval-returned')(m) && parties.includes(to(m)), {
    count: 4,
  });
  expect(mails.map(to).sort()).toEqual([...parties].sort());
  const pair = `Central Hospital ${world.regionCode} — 幸福养老院 ${world.regionCode}`;
  const english = mails.find((m) => to(m) === world.medical.liaisonEmail)!;
  expect(english.subject).toBe(`[CarePact] Contract returned by the regulator (${pair})`);
  expect(english.text).toContain(`The regulator returned the cooperation contract. Reasons: ${reasons}`);
  expect(english.text).toContain('Both earlier signatures are void.');
  const chinese = mails.find((m) => to(m) === world.care.liaisonEmail)!;
  expect(chinese.subject).toBe(`【CarePact】合作协议备案未通过，已退回修改（${pair}）`);
  expect(chinese.text).toContain(`监管部门退回了医养结合合作协议，退回理由：${reasons}`);
  expect(chinese.attachments.some((a) => a.contentType.startsWith('text/calendar'))).toBe(true);

  // Signed again: round 2 goes to the regulators, and an approval activates it.
  expect((await sign(contract.id, world.care.partyToken)).body.status).toBe('draft');
  expect((await sign(contract.id, world.medical.partyToken)).body).toMatchObject({
    status: 'pending-approval',
    approval: { round: 2 },
  });
  await toldRound(contract.id, 2);
  const approved = await decide(contract.id, world.regulatorToken, { decision: 'approve' });
  expect(approved.body.status).toBe('active');
  const actions = (
    await stack.call('GET', `/contracts/${contract.id}/audit`, { token: world.regulatorToken })
  ).body.items.map((e: { action: string }) => e.action);
  expect(actions).toEqual([
    'contract.drafted',
    'contract.signed',
    'contract.signed',
    'contract.pending-approval',
    'contract.approval-returned',
    'contract.draft',
    'contract.signed',
    'contract.signed',
    'contract.pending-approval',
    'contract.approval-approved',
    'contract.active',
  ]);
  await recordHistory(stack, contractWorkflowId(contract.id), 'contract-approval-returned-then-active');
});

it('an approval activates the contract: obligations begin as without approval', async () => {
  const world = await createWorld(stack, requiresApproval);
  const { contract } = await signedContract(world);
  const approved = await decide(contract.id, world.regulatorToken, { decision: 'approve', reasons: 'Filed.' });
  expect(approved.status).toBe(200);
  expect(approved.body.status).toBe('active');
  expect(approved.body.nextDeadlines.map((d: { what: string }) => d.what)).toContain('term ends');
  const row = await stack.db('contracts').where({ id: contract.id }).first();
  expect(row.status).toBe('active');
  expect(row.activated_at).not.toBeNull();
  expect(await stack.db('contract_approvals').where({ contract_id: contract.id })).toEqual([
    expect.objectContaining({ round: 1, outcome: 'approved', reasons: 'Filed.' }),
  ]);
  const liaisons = [world.medical.liaisonEmail, world.care.liaisonEmail];
  const mails = await stack.mail.waitFor((m) => template('contract-activated')(m) && liaisons.includes(to(m)), {
    count: 2,
  });
  expect(mails.map(to).sort()).toEqual([...liaisons].sort());
  const again = await decide(contract.id, world.regulatorToken, { decision: 'approve' });
  expect(again.status).toBe(409);
  expect(again.body.type).toBe('/problems/not-pending-approval');
});

it('a region that does not require approval activates on the second signature, as before', async () => {
  const world = await createWorld(stack);
  const contract = await activeContract(stack, world);
  expect(await statusOf(contract.id)).toBe('active');
  expect(await countRows(stack.db, 'contract_approvals', { contract_id: contract.id })).toBe(0);
});

it('undecided by the deadline: deemed approved under the default policy, everyone told', async () => {
  // One policy day is 2 s: the 2-day decision window passes in about 4 s, its reminder a day before.
  const timeScale = 43_200;
  const world = await createWorld(stack, {
    timeScale,
    approval: { required: true, decisionDays: 2, reminderDaysBefore: [1] },
  });
  // A short term from today, the contract's first policy day, so the compressed calendar ends the
  // contract soon after the test (~20 s), well after the deemed approval (~6 s).
  const today = shanghaiDateOf(Date.now());
  const { contract } = await signedContract(world, { termStart: today, termEnd: addDays(today, 9) });
  const active = await eventually(async () => (await statusOf(contract.id)) === 'active', 'deemed approval', 20_000);
  expect(active).toBe(true);
  const [round] = await stack.db('contract_approvals').where({ contract_id: contract.id });
  expect(round.outcome).toBe('deemed-approved');
  const clock = { anchorMs: Date.parse(contract.clockAnchor), timeScale };
  expect(round.decision_deadline).toBe(
    addDays(shanghaiDateOf(policyNow(clock, new Date(round.requested_at).getTime())), 2),
  );
  const reminder = await stack.mail.waitFor((m) => template('approval-reminder')(m) && to(m) === world.regulatorEmail);
  expect(reminder[0]!.subject).toContain('备案审核还剩1天');
  const everyone = [world.regulatorEmail, world.medical.liaisonEmail, world.care.liaisonEmail];
  const deemed = await stack.mail.waitFor((m) => template('approval-deemed')(m) && everyone.includes(to(m)), {
    count: 3,
  });
  expect(deemed.find((m) => to(m) === world.medical.liaisonEmail)!.subject).toContain(
    'No approval decision by the deadline: contract deemed approved',
  );
  const state = await stack.temporal.workflow.getHandle(contractWorkflowId(contract.id)).query(contractStateQuery);
  expect(state.status).toBe('active');
});

it('undecided under a region that escalates: an overdue notice, and it stays pending until a regulator decides', async () => {
  const world = await createWorld(stack, {
    timeScale: 43_200,
    approval: { required: true, decisionDays: 2, reminderDaysBefore: [1], onNoDecision: 'escalate' },
  });
  // The term must outlast the overdue notice (~6 s) and the late approval: 17 policy days, ~34 s.
  const today = shanghaiDateOf(Date.now());
  const { contract } = await signedContract(world, { termStart: today, termEnd: addDays(today, 17) });
  const everyone = [world.regulatorEmail, world.medical.liaisonEmail, world.care.liaisonEmail];
  const overdue = await stack.mail.waitFor((m) => template('approval-overdue')(m) && everyone.includes(to(m)), {
    count: 3,
    timeoutMs: 20_000,
  });
  const round = await toldRound(contract.id);
  expect(overdue.find((m) => to(m) === world.medical.liaisonEmail)!.text).toContain(
    `The approval deadline (${round.decision_deadline}) passed without a decision.`,
  );
  expect(await statusOf(contract.id)).toBe('pending-approval');
  const tasks = await stack.call('GET', '/me/tasks?kind=approval-decision', { token: world.regulatorToken });
  expect(tasks.body.items).toEqual([
    expect.objectContaining({
      state: 'overdue',
      consequence: expect.objectContaining({ kind: 'approval-overdue' }),
    }),
  ]);
  const approved = await decide(contract.id, world.regulatorToken, { decision: 'approve' });
  expect(approved.body.status).toBe('active');
  expect(await stack.db('contract_approvals').where({ contract_id: contract.id })).toEqual([
    expect.objectContaining({ round: 1, outcome: 'approved' }),
  ]);
});
