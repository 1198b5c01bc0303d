import { createParty } from '../support/fixtures';
import { unqualifiedOrder } from '../support/rectification-fixtures';
import { startStack, TestStack } from '../support/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack({ evidence: { maxFileBytes: 1024 * 1024, maxFiles: 3 } });
});
afterAll(async () => stack?.stop());

it("answers the limits the upload check enforces, to the order's readers only", async () => {
  const order = await unqualifiedOrder(stack, { timeScale: 1 });
  const path = `/rectifications/${order.rectificationId}/evidence/limits`;
  const limits = await stack.call('GET', path, { token: order.world.care.partyToken });
  expect(limits.status).toBe(200);
  expect(limits.body).toEqual({
    allowedTypes: stack.evidence.allowedTypes,
    maxFileBytes: 1024 * 1024,
    maxFiles: 3,
    maxBodyBytes: expect.any(Number),
  });
  const regulator = await stack.call('GET', path, { token: order.world.regulatorToken });
  expect(regulator.body).toEqual(limits.body);

  // A file one byte over the limit the endpoint names is refused by the upload itself.
  const over = new FormData();
  const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(limits.body.maxFileBytes)]);
  over.append('file', new Blob([big], { type: 'application/pdf' }), 'big.pdf');
  const refused = await fetch(`${stack.baseUrl}/rectifications/${order.rectificationId}/evidence`, {
    method: 'POST',
    headers: { authorization: `Bearer ${order.world.care.partyToken}` },
    body: over,
  });
  expect(refused.status).toBe(413);

  const stranger = await createParty(
    stack,
    order.world.regulatorToken,
    order.world.regionCode,
    'medical',
    `Stranger Hospital ${order.world.regionCode}`,
    'en',
  );
  expect((await stack.call('GET', path, { token: stranger.partyToken })).status).toBe(404);
  expect((await stack.call('GET', path, {})).status).toBe(401);
});
