import { countRows } from '../support/db-counts';
import { contractBody, createWorld, eventually, World } from '../support/fixtures';
import { startStack, TestStack } from '../support/stack';

// Issue 9 finding 7: with PostgreSQL stopped every route and /health said the workflow engine was down.
let stack: TestStack;
let world: World;

beforeAll(async () => {
  stack = await startStack({ proxied: true });
  world = await createWorld(stack);
});
afterAll(async () => {
  await stack?.proxies?.database.restore();
  await stack?.proxies?.temporal.restore();
  await stack?.stop();
});

const healthy = async () => {
  const res = await stack.call('GET', '/health');
  return res.status === 200 && res;
};

describe('/health', () => {
  it('reports each dependency with its state and latency, without a token', async () => {
    const res = await stack.call('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('up');
    for (const name of ['database', 'temporal', 'smtp']) {
      expect(res.body.checks[name]).toEqual({ status: 'up', latencyMs: expect.any(Number) });
    }
  });

  it('documents its 503 answer, with the same report, in OpenAPI', async () => {
    const document = (await stack.call('GET', '/openapi.json')).body;
    const operation = document.paths['/health'].get;
    expect(operation.security).toEqual([]);
    expect(Object.keys(operation.responses).sort()).toEqual(['200', '503']);
    expect(operation.responses['503'].content['application/json'].schema).toEqual(
      operation.responses['200'].content['application/json'].schema,
    );
  });
});

describe('a database outage', () => {
  it('answers 503 database-unavailable on every route and names the database on /health, until it is back', async () => {
    const regions = await countRows(stack.db, 'regions');
    await stack.proxies!.database.cut();

    const read = await stack.call('GET', '/regions', { token: world.regulatorToken });
    expect(read.status).toBe(503);
    expect(read.contentType).toMatch(/application\/problem\+json/);
    expect(read.body.type).toBe('/problems/database-unavailable');

    const write = await stack.call('POST', '/regions', {
      token: stack.adminToken,
      body: { code: 'OUTAGE-1', name: 'During the outage' },
    });
    expect(write.status).toBe(503);
    expect(write.body.type).toBe('/problems/database-unavailable');

    const health = await stack.call('GET', '/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({
      status: 'down',
      checks: { database: { status: 'down', detail: expect.any(String) }, temporal: { status: 'up' } },
    });
    // A token on /health is not looked up: the report needs no database.
    const withToken = await stack.call('GET', '/health', { token: world.regulatorToken });
    expect(withToken.status).toBe(503);
    expect(withToken.body.checks.database.status).toBe('down');

    await stack.proxies!.database.restore();
    await eventually(healthy, '/health back to 200');
    expect((await stack.call('GET', '/regions', { token: world.regulatorToken })).status).toBe(200);
    expect(await countRows(stack.db, 'regions')).toBe(regions);
  });
});

describe('a Temporal outage', () => {
  it('answers 503 workflow-unavailable for a command that needs Temporal, stores nothing, and names Temporal on /health', async () => {
    const contracts = await countRows(stack.db, 'contracts');
    await stack.proxies!.temporal.cut();

    const health = await stack.call('GET', '/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({
      status: 'down',
      checks: { database: { status: 'up' }, temporal: { status: 'down' } },
    });

    const draft = await stack.call('POST', '/contracts', { token: world.regulatorToken, body: contractBody(world) });
    expect(draft.status).toBe(503);
    expect(draft.body.type).toBe('/problems/workflow-unavailable');
    expect(await countRows(stack.db, 'contracts')).toBe(contracts);

    await stack.proxies!.temporal.restore();
    await eventually(healthy, '/health back to 200', 60_000);
    expect(
      (await stack.call('POST', '/contracts', { token: world.regulatorToken, body: contractBody(world) })).status,
    ).toBe(201);
  });
});
