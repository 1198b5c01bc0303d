import { countRows } from '../support/db-counts';
import { eventually } from '../support/fixtures';
import { stepOf, submitEvidence, unqualifiedOrder } from '../support/rectification-fixtures';
import { startStack, TestStack } from '../support/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack({ workerProcess: 'child' });
});
afterAll(async () => stack?.stop());

it('a worker SIGKILLed during evidence review loses no evidence, sends no mail twice, and the deadline still fires', async () => {
  const order = await unqualifiedOrder(stack);
  const receipt = await submitEvidence(stack, order.world.care.partyToken, order.rectificationId, {
    idempotencyKey: 'upload-1',
  });
  expect(receipt.status).toBe(201);
  await stepOf(stack, order, 'evidence-under-review');

  await stack.killWorker();
  // While the worker is down, the party's client retries the same upload: one submission only.
  await new Promise((r) => setTimeout(r, 500));
  await stack.startWorker();
  const retry = await submitEvidence(stack, order.world.care.partyToken, order.rectificationId, {
    idempotencyKey: 'upload-1',
  });
  expect([200, 201, 409]).toContain(retry.status);
  if (retry.status < 300) expect(retry.body.submissionId).toBe(receipt.body.submissionId);

  const rejected = await stack.call('POST', `/rectifications/${order.rectificationId}/reviews`, {
    token: order.world.regulatorToken,
    body: { submissionId: receipt.body.submissionId, decision: 'rejected', reasons: 'Unsigned log' },
  });
  expect(rejected.status).toBe(200);

  // Nothing more is submitted: the (compressed) deadline passes and the notice goes out.
  await stepOf(stack, order, 'notice-of-revocation', 40_000);
  expect(await countRows(stack.db, 'evidence_submissions', { rectification_id: order.rectificationId })).toBe(1);
  expect(await countRows(stack.db, 'evidence_files')).toBeGreaterThanOrEqual(1);

  await eventually(
    async () => stack.mail.mails().some((m) => m.headers['x-carepact-template'] === 'revocation-notice'),
    'the notice mails',
  );
  await new Promise((r) => setTimeout(r, 1000));
  const keys = stack.mail.mails().map((m) => `${m.headers['x-carepact-template']} → ${m.envelopeTo[0]} ${m.messageId}`);
  expect(new Set(keys).size).toBe(keys.length);
  const receipts = stack.mail.mails().filter((m) => m.headers['x-carepact-template'] === 'evidence-received');
  expect(receipts.length).toBe(new Set(receipts.map((m) => m.envelopeTo[0])).size);
  expect(receipts[0]!.text).toContain(receipt.body.files[0].sha256);
});
