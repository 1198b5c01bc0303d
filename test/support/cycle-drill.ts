import { randomUUID } from 'node:crypto';
import type { LocalStack } from '../../scripts/local-stack';
import { activeContractRow, apiClient, seedRegion } from '../../scripts/api-client';
import { evaluationCycleWorkflowId, evaluationWorkflowId } from '../../messages/evaluation-messages';
import type { CapturedMail } from '../../platform/mail-catcher';

/**
 * An evaluation cycle's fan-out to break on purpose (test/cluster): a region with two evaluator
 * organizations and N active contracts written straight to the table, as bench/cycle-fanout.ts does
 * (the fan-out is under test, not drafting), launched through the API by the region's regulator.
 */
export async function seedCycleDrill(stack: LocalStack, regionCode: string, contracts: number, pageSize: number) {
  const call = apiClient(stack.apiUrl);
  const seed = await seedRegion(call, stack.adminToken, regionCode, { evaluation: { fanOutPageSize: pageSize } });
  const evaluatorEmails: string[] = [];
  for (const name of ['Org One', 'Org Two']) {
    const org = await call('POST', '/evaluator-organizations', seed.regulator.token, { regionCode, name });
    const email = `${name.replace(' ', '-').toLowerCase()}-${regionCode}@drill.local`.toLowerCase();
    await call('POST', '/users', seed.regulator.token, {
      name: `${name} lead`,
      email,
      role: 'evaluator',
      evaluatorOrganizationId: org.id,
      locale: 'en',
    });
    evaluatorEmails.push(email);
  }
  const row = activeContractRow(seed, regionCode);

  const contractIds = Array.from({ length: contracts }, () => randomUUID());
  for (let i = 0; i < contractIds.length; i += 1000)
    await stack.db('contracts').insert(contractIds.slice(i, i + 1000).map((id) => ({ ...row, id })));
  return {
    regionCode,
    contractIds,
    evaluatorEmails,
    regulatorToken: seed.regulator.token as string,
    launch: async (): Promise<string> =>
      (await call('POST', '/evaluation-cycles', seed.regulator.token, { regionCode, half: '2026-H2' })).id,
    progress: (cycleId: string) => call('GET', `/evaluation-cycles/${cycleId}`, seed.regulator.token),
  };
}

export type CycleDrill = Awaited<ReturnType<typeof seedCycleDrill>>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls until `probe` holds. A probe that throws counts as "not yet": drills read PostgreSQL and
 * Temporal while they are down.
 */
export async function until<T>(probe: () => Promise<T | false | undefined>, what: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      if (/died on its own/.test(String(error))) throw error;
      lastError = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}` + (lastError ? `: ${lastError}` : ''));
    await sleep(250);
  }
}

/** Fails at once when a worker process died on its own (a drill kills only the one it means to). */
export function expectWorkers(stack: LocalStack, count: number): void {
  const live = stack.workers!.pids().length;
  if (live !== count) throw new Error(`${count} worker processes expected, ${live} alive: one died on its own`);
}

/** Evaluation workflows the cycle has started so far, as Temporal's visibility sees them. */
export async function startedEvaluations(stack: LocalStack, regionCode: string): Promise<number> {
  return (await stack.temporal.workflow.count(`CarePactKind="evaluation" AND CarePactRegion="${regionCode}"`)).count;
}

export async function waitForFanOut(stack: LocalStack, cycleId: string, timeoutMs: number): Promise<void> {
  await until(
    async () => (await stack.db('evaluation_cycles').where({ id: cycleId }).first())?.fanout_completed_at,
    'the fan-out to complete',
    timeoutMs,
  );
}

const template = (m: CapturedMail) => m.headers['x-carepact-template'];

/**
 * After a drill: every contract has exactly one evaluation row and one running evaluation
 * workflow (its id names cycle and contract), nothing else was started, the load stayed
 * balanced, and every mail went once — the fan-out's notice to each evaluator and nothing more.
 */
export async function expectEachContractEvaluatedOnce(stack: LocalStack, drill: CycleDrill, cycleId: string) {
  const n = drill.contractIds.length;
  const rows: { contract_id: string }[] = await stack
    .db('evaluations')
    .where({ cycle_id: cycleId })
    .select('contract_id');
  expect(rows).toHaveLength(n);
  expect(rows.map((r) => r.contract_id).sort()).toEqual([...drill.contractIds].sort());

  const progress = await drill.progress(cycleId);
  expect(progress.progress).toMatchObject({ inScope: n, assigned: n, graded: 0 });
  expect(progress.progress.byOrganization.map((o: { assigned: number }) => o.assigned)).toEqual([n / 2, n / 2]);

  // Visibility trails the history a little: wait until it has seen every start.
  await until(async () => (await startedEvaluations(stack, drill.regionCode)) >= n, 'visibility to list them', 60_000);
  const workflows: { id: string; status: string }[] = [];
  for await (const wf of stack.temporal.workflow.list({
    query: `CarePactKind="evaluation" AND CarePactRegion="${drill.regionCode}"`,
  }))
    workflows.push({ id: wf.workflowId, status: wf.status.name });
  expect(workflows.map((w) => w.id).sort()).toEqual(
    drill.contractIds.map((contractId) => evaluationWorkflowId(cycleId, contractId)).sort(),
  );
  expect(new Set(workflows.map((w) => w.status))).toEqual(new Set(['RUNNING']));
  // The cycle itself waits for grades.
  const cycle = await stack.temporal.workflow.getHandle(evaluationCycleWorkflowId(cycleId)).describe();
  expect(cycle.status.name).toBe('RUNNING');

  // The fan-out tells each evaluator once how many evaluations their organization was given.
  const assigned = (m: CapturedMail) => template(m) === 'evaluation-assigned';
  await stack.mail.waitFor(assigned, { count: drill.evaluatorEmails.length, timeoutMs: 30_000 });
  await sleep(2000); // a doubled mail would arrive now
  const mails = stack.mail.mails();
  expect(
    mails
      .filter(assigned)
      .map((m) => m.envelopeTo.join(','))
      .sort(),
  ).toEqual([...drill.evaluatorEmails].sort());
  expect(mails.filter(assigned).map((m) => m.subject)).toEqual(
    drill.evaluatorEmails.map(() => `[CarePact] Evaluation assignment: ${n / 2} contracts`),
  );
  // Besides them, only the invitations the seeding sent, each once.
  const others = mails.filter((m) => !assigned(m));
  expect(new Set(others.map(template))).toEqual(new Set(['user-invitation']));
  const invited = others.map((m) => m.envelopeTo.join(','));
  expect(invited.length).toBe(new Set(invited).size);
  const outbox = await stack.db('mail_outbox').where('idempotency_key', 'like', `cycle:${cycleId}:%`);
  expect(outbox.map((o: { status: string }) => o.status)).toEqual(['sent', 'sent']);
}
