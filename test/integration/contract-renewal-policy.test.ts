import { addDays, addMonthsClamped, shanghaiDateOf } from '../../domain/calendar';
import { policyNow } from '../../domain/clock';
import { contractStateQuery, contractWorkflowId } from '../../messages/contract-messages';
import { countRows } from '../support/db-counts';
import { activeContract, createWorld, defaultTerm, eventually, World } from '../support/fixtures';
import { policyClockOf } from '../support/policy-time';
import { startStack, TestStack } from '../support/stack';

let stack: TestStack;
let world: World;

beforeAll(async () => {
  stack = await startStack();
  world = await createWorld(stack);
});
afterAll(async () => stack?.stop());

describe('renewal', () => {
  // Renewal needs both parties (issue 12 item 7): test/integration/renewal-countersign.test.ts.
  const renew = async (contractId: string, termEnd: string) => {
    const proposal = await stack.call('POST', `/contracts/${contractId}/renewal-proposals`, {
      token: world.care.partyToken,
      body: { termEnd },
    });
    if (proposal.status !== 201) return proposal;
    return stack.call('POST', `/contracts/${contractId}/renewal-proposals/${proposal.body.id}/countersign`, {
      token: world.medical.partyToken,
    });
  };

  it('renews an active contract to a later term end once both parties agree, records it and tells everyone', async () => {
    // The default term ends some years from today: renewals are placed from its end.
    const contract = await activeContract(stack, world);
    const later = addMonthsClamped(defaultTerm.termEnd, 36);
    const earlier = await renew(contract.id, addMonthsClamped(defaultTerm.termEnd, -6));
    expect(earlier.status).toBe(422);
    expect(earlier.body.type).toBe('/problems/renewal-not-later');
    expect(await countRows(stack.db, 'renewals', { contract_id: contract.id })).toBe(0);
    expect(await countRows(stack.db, 'renewal_proposals', { contract_id: contract.id })).toBe(0);

    const res = await renew(contract.id, later);
    expect(res.status).toBe(200);
    expect(res.body.process).toMatchObject({ status: 'active', termEnd: later });
    expect((await stack.db('contracts').where({ id: contract.id }).first()).term_end).toBe(later);
    expect(await stack.db('renewals').where({ contract_id: contract.id })).toEqual([
      expect.objectContaining({ previous_term_end: defaultTerm.termEnd, new_term_end: later }),
    ]);
    const everyone = [world.medical.liaisonEmail, world.care.liaisonEmail, world.regulatorEmail];
    const mails = await stack.mail.waitFor(
      (m) => m.headers['x-carepact-template'] === 'contract-renewed' && everyone.includes(m.envelopeTo[0]!),
      { count: 3 },
    );
    expect(mails.map((m) => m.envelopeTo[0]).sort()).toEqual([...everyone].sort());
    const compliance = await stack.call('GET', `/contracts/${contract.id}/compliance`, {
      token: world.care.partyToken,
    });
    expect(compliance.body.nextDeadlines.map((d: { what: string }) => d.what)).toContain('term ends');
    expect(compliance.body.nextDeadlines.find((d: { what: string }) => d.what === 'term ends').dueDate).toBe(later);
  });

  it('refuses to renew a terminated contract', async () => {
    const contract = await activeContract(stack, world);
    await stack.call('POST', `/contracts/${contract.id}/termination`, {
      token: world.regulatorToken,
      body: { reason: 'merged into another contract' },
    });
    const res = await renew(contract.id, '2035-12-31');
    expect(res.status).toBe(409);
    expect(['/problems/contract-not-active', '/problems/contract-closed']).toContain(res.body.type);
    expect(await countRows(stack.db, 'renewal_proposals', { contract_id: contract.id })).toBe(0);
  });
});

describe('policy rollout', () => {
  it('applies a new region policy to running contracts at their next period boundary', async () => {
    const fast = await createWorld(stack, { timeScale: 1_080_000, signing: { windowDays: 60 } });
    // A term running from today, the contract's first policy day, for two years (~60 s): periods
    // close under the new policy while the test watches.
    const today = shanghaiDateOf(Date.now());
    const contract = await activeContract(stack, fast, { termStart: today, termEnd: addMonthsClamped(today, 24) });
    const changed = await stack.call('PUT', `/regions/${fast.regionCode}/policy`, {
      token: fast.regulatorToken,
      body: {
        timeScale: 1_080_000,
        signing: { windowDays: 60 },
        obligations: { visitsPerMonth: 2, reminderLeadDays: { visit: 20 } },
      },
    });
    expect(changed.body.policyVersion).toBe(2);
    const untouched = await stack.db('contracts').where({ id: contract.id }).first();
    expect(untouched.policy_version).toBe(1);

    const rollout = await stack.call('POST', `/regions/${fast.regionCode}/policy/rollout`, {
      token: fast.regulatorToken,
    });
    expect(rollout.status).toBe(202);
    expect(rollout.body).toMatchObject({ policyVersion: 2, contractsSignalled: 1, failed: [] });

    await eventually(
      async () => (await stack.db('contracts').where({ id: contract.id }).first()).policy_version === 2,
      'the contract to take policy version 2',
      20_000,
    );
    const state = await stack.temporal.workflow.getHandle(contractWorkflowId(contract.id)).query(contractStateQuery);
    expect(state.policyVersion).toBe(2);
    // The new policy's reminder lead: a visit is reminded of 20 days before its month ends.
    const reminder = state.nextDeadlines!.find((d) => d.what.startsWith('reminder: visit'))!;
    const clock = policyClockOf(contract, 1_080_000).clock;
    // firesAt is rounded down to the millisecond: one more lands inside the policy day it stands for.
    expect(shanghaiDateOf(policyNow(clock, Date.parse(reminder.firesAt) + 1))).toBe(addDays(reminder.dueDate, -20));
    // The visits a month are the agreement's (1), not the policy's: the policy's number is no longer what is enforced.
    const takenAt = new Date();
    const next = await eventually(
      async () =>
        (
          await stack
            .db('obligation_periods')
            .where({ contract_id: contract.id, obligation: 'visit' })
            .where('closed_at', '>', takenAt)
        )[0],
      'a period measured under the new policy',
      20_000,
    );
    expect(next.required).toBe(1);
  });
});
