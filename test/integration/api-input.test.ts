import { tableCounts } from '../support/db-counts';
import { createWorld, World } from '../support/fixtures';
import { startStack, TestStack } from '../support/stack';

/**
 * Issue 9, finding 1: input no schema can express (NUL, lone UTF-16 surrogates) is refused as a
 * 400 naming the field, wherever it comes from; every 4xx is a problem, whatever broke.
 */
let stack: TestStack;
let world: World;

beforeAll(async () => {
  stack = await startStack();
  world = await createWorld(stack);
});
afterAll(async () => stack?.stop());

const PROBLEM = expect.stringContaining('application/problem+json');

async function expectRefused(
  res: Promise<{ status: number; contentType: string; body: any }>,
  status: number,
  type: string,
  path?: string,
) {
  const { status: got, contentType, body } = await res;
  expect({ status: got, contentType, type: body?.type }).toEqual({
    status,
    contentType: PROBLEM,
    type: `/problems/${type}`,
  });
  if (path) expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  return body;
}

describe('text PostgreSQL cannot store', () => {
  it('is refused as 400 naming the field, in body strings and object keys, and nothing is written', async () => {
    const before = await tableCounts(stack.db);
    const admin = stack.adminToken;
    await expectRefused(
      stack.call('POST', '/regions', { token: admin, body: { code: 'NUL-1', name: 'a\u0000b' } }),
      400,
      'validation-failed',
      'body.name',
    );
    await expectRefused(
      stack.call('POST', '/evaluator-organizations', { token: admin, body: { name: 'x', regionCode: '\u0000' } }),
      400,
      'validation-failed',
      'body.regionCode',
    );
    // A lone surrogate survives JSON.parse and would reach PostgreSQL as a replacement character.
    await expectRefused(
      stack.call('POST', '/regions', { token: admin, rawBody: '{"code":"SUR-1","name":"a\\ud800b"}' }),
      400,
      'validation-failed',
      'body.name',
    );
    await expectRefused(
      stack.call('POST', '/regions', { token: admin, rawBody: '{"code":"SUR-2","name":"ok","policy":{"\\udc00":1}}' }),
      400,
      'validation-failed',
      'body.policy',
    );
    const nested = { code: 'NUL-2', name: 'ok', policy: { obligations: { reminderLeadDays: { ['vi\u0000sit']: 3 } } } };
    await expectRefused(
      stack.call('POST', '/regions', { token: admin, body: nested }),
      400,
      'validation-failed',
      'body.policy.obligations.reminderLeadDays',
    );
    await expectRefused(
      stack.call('POST', '/users', {
        token: world.regulatorToken,
        body: {
          name: 'n',
          email: 'a@b.test',
          role: 'party',
          institutionId: world.care.institutionId,
          regionCodes: ['x\u0000'],
        },
      }),
      400,
      'validation-failed',
      'body.regionCodes.0',
    );
    expect(await tableCounts(stack.db)).toEqual(before);
  });

  it('is refused in path parameters, query strings and headers', async () => {
    const token = world.regulatorToken;
    await expectRefused(
      stack.call('GET', '/regions/a%00b/evaluation-cycles', { token }),
      400,
      'validation-failed',
      'params.code',
    );
    await expectRefused(
      stack.call('GET', `/evaluator-organizations?regionCode=${encodeURIComponent('R\u0000')}`, { token }),
      400,
      'validation-failed',
      'query.regionCode',
    );
    await expectRefused(
      stack.call('GET', '/institutions?regionCode=%00', { token }),
      400,
      'validation-failed',
      'query.regionCode',
    );
    // A path segment that is not UTF-8 once decoded.
    await expectRefused(stack.call('GET', '/regions/%ED%A0%80', { token }), 400, 'validation-failed');
    await expectRefused(stack.call('GET', '/contracts/%E0%A4%A', { token }), 400, 'validation-failed');
  });
});

describe('every refusal is a problem', () => {
  it('answers 415 to a body that is not JSON instead of reading it as {}', async () => {
    const before = await tableCounts(stack.db);
    const body = JSON.stringify({ code: 'TXT-1', name: 'plain' });
    await expectRefused(
      stack.call('POST', '/regions', {
        token: stack.adminToken,
        rawBody: body,
        headers: { 'content-type': 'text/plain' },
      }),
      415,
      'unsupported-media-type',
    );
    await expectRefused(
      stack.call('POST', '/regions/TXT-1/evaluation-schedule/pause', {
        token: stack.adminToken,
        rawBody: 'note=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      415,
      'unsupported-media-type',
    );
    await expectRefused(
      stack.call('POST', '/regions', {
        token: stack.adminToken,
        rawBody: body,
        headers: { 'content-type': 'application/json; charset=iso-8859-1' },
      }),
      415,
      'unsupported-media-type',
    );
    expect(await tableCounts(stack.db)).toEqual(before);
  });

  it('answers malformed JSON, a body too large and an unknown route with a problem', async () => {
    await expectRefused(
      stack.call('POST', '/regions', { token: stack.adminToken, rawBody: '{"code":' }),
      400,
      'malformed-json',
    );
    await expectRefused(
      stack.call('POST', '/regions', { token: stack.adminToken, rawBody: 'null' }),
      400,
      'malformed-json',
    );
    const huge = JSON.stringify({ code: 'BIG-1', name: 'x'.repeat(2 * 1024 * 1024) });
    await expectRefused(
      stack.call('POST', '/regions', { token: stack.adminToken, rawBody: huge }),
      413,
      'request-too-large',
    );
    await expectRefused(stack.call('GET', '/no-such-thing', { token: stack.adminToken }), 404, 'not-found');
    await expectRefused(
      stack.call('POST', '/regions', {
        token: stack.adminToken,
        rawBody: '{}',
        headers: { 'content-encoding': 'compress' },
      }),
      415,
      'unsupported-media-type',
    );
  });
});

describe('the OpenAPI document (finding 6)', () => {
  it('lists every status an operation answers with, and cites rules by title, not by file', async () => {
    const { status, body: doc } = await stack.call('GET', '/openapi.json');
    expect(status).toBe(200);
    const op = (path: string, method: string) => doc.paths[path][method];
    const statuses = (path: string, method: string) => Object.keys(op(path, method).responses);
    // Replays answer 200, a relaunched cycle 200, a relation declared again 200.
    expect(statuses('/contracts/{id}/visits', 'post')).toEqual(expect.arrayContaining(['200', '201', '422']));
    expect(op('/contracts/{id}/visits', 'post').parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'Idempotency-Key' })]),
    );
    expect(statuses('/evaluation-cycles', 'post')).toEqual(expect.arrayContaining(['200', '201']));
    expect(statuses('/evaluator-organizations/{id}/relations', 'post')).toEqual(expect.arrayContaining(['200', '201']));
    expect(
      op('/evaluations', 'get').parameters.find((p: { name: string }) => p.name === 'cycleId').description,
    ).toMatch(/required for admin and regulator/);
    expect(op('/evaluations/{id}/scores', 'post').responses['409'].headers).toHaveProperty('Retry-After');
    for (const [path, methods] of Object.entries<Record<string, any>>(doc.paths)) {
      for (const [method, operation] of Object.entries<any>(methods)) {
        const documented = Object.keys(operation.responses);
        // A public operation without any input (GET /health) can answer neither 400 nor 401.
        const takesInput = Boolean(operation.parameters?.length || operation.requestBody);
        const isPublic = Array.isArray(operation.security) && operation.security.length === 0;
        const expected = [
          ...(takesInput ? ['400'] : []),
          ...(isPublic ? [] : ['401']),
          '503',
          ...(path.includes('{') ? ['404'] : []),
          ...(operation.requestBody?.content['application/json'] ? ['413', '415'] : []),
        ];
        expect([method, path, documented]).toEqual([method, path, expect.arrayContaining(expected)]);
      }
    }
    expect(JSON.stringify(doc)).not.toMatch(/\d{3}_[0-9a-f]{16}\.txt|\d{3}_…/);
  });
});
