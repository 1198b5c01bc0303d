import { tableCounts } from '../support/db-counts';
import { createWorld, World } from '../support/fixtures';
import { createFuzzer, FuzzCase, FuzzOperation, operationsOf } from '../support/openapi-fuzz';
import { startStack, TestStack } from '../support/stack';

/**
 * Issue 9: every operation of /openapi.json, walked with bad bodies, path values, query values
 * and headers, as an admin and as scoped roles. No answer may be a 5xx, every 4xx is a problem
 * that the document lists for the operation (stack.call checks), nothing but a GET may succeed,
 * and no table gains or loses a row.
 */
let stack: TestStack;
let world: World;

beforeAll(async () => {
  stack = await startStack();
  world = await createWorld(stack);
});
afterAll(async () => stack?.stop());

const CONCURRENCY = 4;

async function inPool<T>(items: T[], size: number, run: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await run(items[next++]!);
    }),
  );
}

function casesFor(op: FuzzOperation, fuzz: ReturnType<typeof createFuzzer>): FuzzCase[] {
  const pathWith = (override: Record<string, string> = {}) =>
    op.template.replace(
      /\{(\w+)\}/g,
      (_m, name: string) =>
        override[name] ?? encodeURIComponent(String(fuzz.valid(op.pathParams.find((p) => p.name === name)!.schema))),
    );
  const required = op.queryParams.filter((q) => q.required).map((q) => [q.name, String(fuzz.valid(q.schema))] as const);
  const queryWith = (extra: string[] = []) => {
    const parts = [...required.map(([k, v]) => `${k}=${encodeURIComponent(v)}`), ...extra];
    return parts.length ? `?${parts.join('&')}` : '';
  };
  const path = pathWith();
  const base = op.bodyType === 'application/json' ? fuzz.valid(op.bodySchema) : undefined;
  const cases: FuzzCase[] = [];

  // Only a request that changes nothing may go out well-formed: a GET, or one on ids that do not exist.
  if (op.method === 'GET' || op.pathParams.length > 0)
    cases.push({ what: 'well-formed', path: path + queryWith(), body: base });
  for (const param of op.pathParams) {
    for (const bad of fuzz.badPathValues(param.schema))
      cases.push({
        what: `path ${param.name}: ${bad.what}`,
        path: pathWith({ [param.name]: bad.value }) + queryWith(),
        body: base,
      });
  }
  for (const param of op.queryParams) {
    for (const bad of fuzz.badQueryValues)
      cases.push({
        what: `query ${param.name}=${bad.slice(0, 20)}`,
        path: path + queryWith([`${param.name}=${bad.replace('{name}', param.name)}`]),
      });
    cases.push({ what: `query ${param.name} twice`, path: path + queryWith([`${param.name}=a`, `${param.name}=b`]) });
  }
  if (op.queryParams.length > 0)
    cases.push({ what: 'an unknown query parameter with NUL', path: path + queryWith(['fuzz=%00']) });

  if (op.bodyType === 'application/json') {
    for (const bad of fuzz.badBodies(op.bodySchema!))
      cases.push({ what: `body ${bad.what}`, path: path + queryWith(), body: bad.body });
    cases.push({ what: 'body: malformed JSON', path, rawBody: '{"a":' });
    cases.push({ what: 'body: more than 1 MB', path, rawBody: JSON.stringify({ x: 'x'.repeat(1_100_000) }) });
    cases.push({ what: 'body: nested 100,000 deep', path, rawBody: '['.repeat(100_000) + ']'.repeat(100_000) });
    const json = JSON.stringify(base);
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=fuzz',
      'application/json; charset=iso-8859-1',
      'application/xml',
      '',
    ]) {
      cases.push({ what: `content-type "${type}"`, path, rawBody: json, headers: { 'content-type': type } });
    }
    cases.push({
      what: 'content-encoding gzip that is not',
      path,
      rawBody: json,
      headers: { 'content-encoding': 'gzip' },
    });
    cases.push({ what: 'content-encoding unknown', path, rawBody: json, headers: { 'content-encoding': 'compress' } });
  }
  if (op.method !== 'GET' && !op.bodyType) {
    // No body is read here, but the JSON parser in front of every route reads what is sent.
    cases.push({
      what: 'an unasked-for body of more than 1 MB',
      path,
      rawBody: JSON.stringify({ x: 'x'.repeat(1_100_000) }),
    });
    cases.push({
      what: 'an unasked-for body in Latin-1',
      path,
      rawBody: '{}',
      headers: { 'content-type': 'application/json; charset=iso-8859-1' },
    });
    cases.push({ what: 'an unasked-for body with NUL', path, body: { x: 'a\u0000b' } });
  }
  if (op.bodyType === 'multipart/form-data') {
    const form = (name: string, value: string) =>
      `--fuzz\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n--fuzz--\r\n`;
    cases.push({
      what: 'multipart text with NUL',
      path,
      rawBody: form('text:F1', NUL_TEXT),
      headers: { 'content-type': 'multipart/form-data; boundary=fuzz' },
    });
    cases.push({
      what: 'multipart cut short',
      path,
      rawBody: '--fuzz\r\ncontent-disposition: form-data; name="file"',
      headers: { 'content-type': 'multipart/form-data; boundary=fuzz' },
    });
    cases.push({ what: 'JSON for multipart', path, body: { file: 'x' } });
    cases.push({ what: 'text/plain for multipart', path, rawBody: 'x', headers: { 'content-type': 'text/plain' } });
  }
  for (const header of op.headers.filter((h) => h.toLowerCase() === 'idempotency-key')) {
    for (const [what, value] of [
      ['empty', ''],
      ['201 characters', 'k'.repeat(201)],
      ['Latin-1', 'clé-ÿ'],
    ] as const) {
      cases.push({ what: `${header}: ${what}`, path, body: base, headers: { [header]: value } });
    }
  }
  return cases;
}
const NUL_TEXT = 'done\u0000';
/**
 * Signing out reads no body, so an unasked-for one that the parser accepts reaches it: with no
 * session to end it answers 204 and changes nothing (the row counts below still hold it to that).
 */
const SIGN_OUTS = new Set(['DELETE /session', 'DELETE /me/sessions']);

it('answers every bad request to every operation with a documented 4xx problem and changes nothing', async () => {
  const started = Date.now();
  const cpuBefore = process.cpuUsage();
  const document = stack.openApiDocument;
  const fuzz = createFuzzer(document);
  const operations = operationsOf(document);
  const callers = [
    { role: 'admin', token: stack.adminToken },
    { role: 'regulator', token: world.regulatorToken },
    { role: 'party', token: world.care.partyToken },
  ];
  const failures: string[] = [];
  let requests = 0;
  const statuses = new Map<number, number>();
  const slowest: { op: string; ms: number }[] = [];
  let baseline = await tableCounts(stack.db);

  const send = async (op: FuzzOperation, c: FuzzCase, token: string | undefined, who: string) => {
    requests++;
    const label = `${who} ${op.method} ${op.template} [${c.what}]`;
    try {
      const res = await stack.call(op.method, c.path, { token, body: c.body, rawBody: c.rawBody, headers: c.headers });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500) failures.push(`${label}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      else if (res.status >= 400 && !res.contentType.startsWith('application/problem+json'))
        failures.push(`${label}: ${res.status} as ${res.contentType}`);
      else if (res.status < 400 && op.method !== 'GET' && !SIGN_OUTS.has(`${op.method} ${op.template}`))
        failures.push(`${label}: ${res.status}, although nothing here should succeed`);
    } catch (error) {
      failures.push(`${label}: ${(error as Error).message.slice(0, 600)}`);
    }
  };

  for (const op of operations) {
    const opStarted = Date.now();
    const cases = casesFor(op, fuzz);
    // Without a valid token: only the well-formed request, with each kind of bad credential.
    for (const authorization of ['', 'Basic Zm9vOmJhcg==', 'Bearer not-a-token', `Bearer ${'x'.repeat(8000)}`]) {
      await send(
        op,
        { ...cases[0]!, headers: { ...cases[0]!.headers, ...(authorization ? { authorization } : {}) } },
        undefined,
        `anonymous(${authorization.slice(0, 12)})`,
      );
    }
    for (const caller of callers) {
      // A role the operation does not admit hears 403 before anything is read: one case shows it.
      // Bodies are read alike for every admitted role, so scoped roles try only the unstorable ones.
      const admitted = op.roles === 'public' || op.roles.includes(caller.role);
      const mine = !admitted
        ? cases.slice(0, 1)
        : caller.role === 'admin'
          ? cases
          : cases.filter((c) => !c.what.startsWith('body ') || /NUL|surrogate/.test(c.what));
      await inPool(mine, CONCURRENCY, (c) => send(op, c, caller.token, caller.role));
    }
    const counts = await tableCounts(stack.db);
    const changed = Object.keys(counts).filter((table) => counts[table] !== baseline[table]);
    if (changed.length > 0)
      failures.push(
        `${op.method} ${op.template} changed rows: ` +
          changed.map((t) => `${t} ${baseline[t]}→${counts[t]}`).join(', '),
      );
    baseline = counts;
    slowest.push({ op: `${op.method} ${op.template} (${cases.length} cases)`, ms: Date.now() - opStarted });
  }
  console.log(
    slowest
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 8)
      .map((o) => `${o.op}: ${o.ms} ms`)
      .join('\n'),
  );

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = ((cpu.user + cpu.system) / 1e6).toFixed(1);
  console.log(
    `api fuzz: ${requests} requests over ${operations.length} operations as ${callers.length} roles and anonymous, ` +
      `in ${seconds} s (${cpuSeconds} s of CPU in this process, client and API); ` +
      `answers ${[...statuses]
        .sort(([a], [b]) => a - b)
        .map(([st, n]) => `${st}×${n}`)
        .join(' ')}; ${failures.length} failures`,
  );
  expect(failures.slice(0, 40)).toEqual([]);
});
