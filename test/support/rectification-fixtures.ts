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

/**
 * Compressed terms for the notice step: evidence due in 20 policy days (4 s), representations for
 * `representationsDays` (default 100: 20 s, time enough to act inside the window).
 */
export const noticePolicy = (representationsDays = 100, revocation: Record<string, unknown> = {}) => ({
  rectification: { deadlineDays: 20, reminderDaysBefore: [1], representationsDays },
  revocation,
});

/** An order whose evidence deadline passed: it stands under notice of intended revocation, its deadline recorded. */
export async function orderUnderNotice(stack: TestStack, policy: Record<string, unknown> = noticePolicy()) {
  const order = await unqualifiedOrder(stack, policy);
  await stepOf(stack, order, 'notice-of-revocation', 40_000);
  const clock = await eventually(async () => {
    const res = await stack.call('GET', `/rectifications/${order.rectificationId}`, {
      token: order.world.regulatorToken,
    });
    return res.body.deadlines?.[1]?.computedFrom?.sentAt && res.body;
  }, 'the representations deadline, once the notice is delivered');
  return { order, clock };
}

export async function fileRepresentations(
  stack: TestStack,
  token: string,
  rectificationId: string,
  opts: { text?: string; files?: { name: string; bytes: Uint8Array }[]; idempotencyKey?: string } = {},
) {
  const form = new FormData();
  if (opts.text !== undefined) form.append('text', opts.text);
  for (const f of opts.files ?? []) form.append('file', new Blob([f.bytes]), f.name);
  const res = await fetch(`${stack.baseUrl}/rectifications/${rectificationId}/representations`, {
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

/**
 * Both parties declare they make no representations: the regulator may decide at once. A window
 * that has already closed (compressed time runs on) needs no waiver.
 */
export async function waiveRepresentations(stack: TestStack, order: Order) {
  for (const token of [order.world.medical.partyToken, order.world.care.partyToken]) {
    const res = await stack.call('POST', `/rectifications/${order.rectificationId}/representations/waiver`, { token });
    if (res.status === 409 && res.body.type === '/problems/representations-window-closed') return;
    if (res.status !== 201) throw new Error(`waiver: ${res.status} ${JSON.stringify(res.body)}`);
  }
}
