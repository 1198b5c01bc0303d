import { createEvaluatorOrg, scores } from './evaluation-fixtures';
import { activeContract, createWorld, eventually } from './fixtures';
import { type Order, pdfBytes } from './rectification-fixtures';
import type { TestStack } from './stack';

/** One policy day in 500 ms: the 10-day plan window takes 5 s, the 60-day evidence deadline 30 s. */
export const FINDINGS_TIME_SCALE = 172_800;

export const threeFindings = [
  {
    indicator: 'home visits per month',
    problem: 'Only one home visit in three months',
    requiredCorrection: 'A monthly visit rota signed by both liaison officers',
    responsibleSide: 'medical',
  },
  {
    indicator: 'health records',
    problem: 'Residents’ health records not shared with the visiting doctor',
    requiredCorrection: 'Records handed over before every visit',
    responsibleSide: 'care',
  },
  {
    indicator: 'emergency referral',
    problem: 'No emergency referral drill held this year',
    requiredCorrection: 'A joint referral drill with minutes',
    responsibleSide: 'both',
  },
] as const;

/** A region whose only contract was graded Unqualified with itemized findings: its order is running. */
export async function itemizedOrder(
  stack: TestStack,
  findings: readonly Record<string, string>[] = threeFindings,
  policy: Record<string, unknown> = {},
): Promise<Order & { evaluationId: string }> {
  const world = await createWorld(stack, {
    timeScale: FINDINGS_TIME_SCALE,
    signing: { windowDays: 365 },
    obligations: { visitsPerMonth: 0 },
    ...policy,
  });
  const org = await createEvaluatorOrg(stack, world, 'Third-party evaluator', 'en');
  const contract = await activeContract(stack, world);
  const cycle = await stack.call('POST', '/evaluation-cycles', {
    token: world.regulatorToken,
    body: { regionCode: world.regionCode, half: '2026-H2' },
  });
  await eventually(
    async () =>
      (await stack.call('GET', `/evaluation-cycles/${cycle.body.id}`, { token: world.regulatorToken })).body
        .fanOutCompletedAt,
    'the fan-out',
  );
  const evaluation = (await stack.call('GET', `/evaluations?cycleId=${cycle.body.id}`, { token: world.regulatorToken }))
    .body.items[0];
  const graded = await stack.call('POST', `/evaluations/${evaluation.id}/scores`, {
    token: org.token,
    body: { ...scores(40), findings },
  });
  if (graded.body.grade !== 'unqualified') throw new Error(`expected Unqualified, got ${JSON.stringify(graded.body)}`);
  return {
    world,
    org,
    contractId: contract.id,
    rectificationId: graded.body.rectificationId,
    evaluationId: evaluation.id,
  };
}

export const planBody = (completionDate: string, who = 'the liaison officer') => ({
  affected: 'All 96 residents of the home',
  changes: 'A fixed monthly rota and a shared record sheet',
  responsible: who,
  monitoring: 'Monthly check of the rota by the liaison officers',
  completionDate,
});

/** Evidence for the named findings: one text and one PDF each. */
export async function findingEvidence(stack: TestStack, token: string, rectificationId: string, findingIds: string[]) {
  const form = new FormData();
  for (const id of findingIds) {
    form.append(`text:${id}`, `Correction of ${id} done; see the attached record.`);
    form.append(`file:${id}`, new Blob([pdfBytes(`record ${id}`)]), `${id}-record.pdf`);
  }
  const res = await fetch(`${stack.baseUrl}/rectifications/${rectificationId}/evidence`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
