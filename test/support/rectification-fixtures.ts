import { createEvaluatorOrg, scores } from './evaluation-fixtures';
import { activeContract, createWorld, eventually, World } from './fixtures';
import type { TestStack } from './stack';

/** One policy day in 200 ms: the 60-day time limit takes 12 s, the 15-day representations window 3 s. */
export const RECTIFICATION_TIME_SCALE = 432_000;

export interface Order {
  world: World;
  org: Awaited<ReturnType<typeof createEvaluatorOrg>>;
  contractId: string;
  rectificationId: string;
}

/** A region whose only contract was just graded Unqualified: its rectification order is running. */
export async function unqualifiedOrder(
  stack: TestStack,
  policy: Record<string, unknown> = {},
  contractOverrides: Record<string, unknown> = {},
): Promise<Order> {
  const world = await createWorld(stack, {
    timeScale: RECTIFICATION_TIME_SCALE,
    signing: { windowDays: 365 },
    obligations: { visitsPerMonth: 0 },
    ...policy,
  });
  const org = await createEvaluatorOrg(stack, world, 'Third-party evaluator');
  const contract = await activeContract(stack, world, contractOverrides);
  const cycle = await stack.call('POST', '/evaluation-cycles', {
    token: world.regulatorToken,
    body: { regionCode: world.regionCode, half: '2026-H2' },
  });
  // Evaluators act on the assignment mail, which goes out once the fan-out is complete.
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
    body: scores(40),
  });
  if (graded.body.grade !== 'unqualified') throw new Error(`expected Unqualified, got ${JSON.stringify(graded.body)}`);
  await eventually(
    async () =>
      (await stack.call('GET', `/rectifications/${graded.body.rectificationId}`, { token: world.regulatorToken })).body
        .step === 'awaiting-evidence',
    'the order to await evidence',
  );
  return { world, org, contractId: contract.id, rectificationId: graded.body.rectificationId };
}

export const pdfBytes = (label: string) =>
  new TextEncoder().encode(
    `%PDF-1.4\n% ${label}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );

export async function submitEvidence(
  stack: TestStack,
  token: string,
  rectificationId: string,
  opts: {
    text?: string;
    files?: { name: string; bytes: Uint8Array; findingId?: string }[];
    idempotencyKey?: string;
  } = {},
) {
  const form = new FormData();
  form.append('text:F1', opts.text ?? 'Visits now weekly; referral drill held on site.');
  for (const f of opts.files ?? [{ name: 'visit-log.pdf', bytes: pdfBytes('visit log') }])
    form.append(`file${f.findingId ? `:${f.findingId}` : ''}`, new Blob([f.bytes]), f.name);
  const res = await fetch(`${stack.baseUrl}/rectifications/${rectificationId}/evidence`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      ...(opts.idempotencyKey ? { 'idempotency-key': opts.idempotencyKey } : {}),
    },
    body: form,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

export async function stepOf(stack: TestStack, order: Order, step: string, timeoutMs = 30_000) {
  return eventually(
    async () => {
      const res = await stack.call('GET', `/rectifications/${order.rectificationId}`, {
        token: order.world.regulatorToken,
      });
      return res.body.step === step && res.body;
    },
    `step ${step}`,
    timeoutMs,
  );
}
