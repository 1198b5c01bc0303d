import { createWorld } from '../support/fixtures';
import { dashboardWorld, daysSince, DashboardWorld, today } from '../support/dashboard-fixtures';
import { startStack, TestStack } from '../support/stack';

// The package ships CommonJS beside its ES module, but its types are the module's.
type ReadSheet = typeof import('read-excel-file/node', { with: { 'resolution-mode': 'import' } }).readSheet;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readSheet } = require('read-excel-file/node') as { readSheet: ReadSheet };

/**
 * Issue 11 item 3: every figure of a region's dashboard over 2026-01..2026-06 from rows whose
 * values are known (test/support/dashboard-fixtures.ts says which came through the API and which
 * straight from SQL), the lights and their filters, both export files read back, and refusals.
 */
let stack: TestStack;
let d: DashboardWorld;
const window = 'from=2026-01&to=2026-06';

beforeAll(async () => {
  stack = await startStack();
  d = await dashboardWorld(stack);
  // Raised today through the API: outside the window, open, not yet overdue.
  const raised = await stack.call('POST', `/contracts/${d.c1}/requests`, {
    token: d.world.care.partyToken,
    body: { subject: 'Schedule', body: 'Please confirm the schedule' },
  });
  if (raised.status !== 201) throw new Error(`request: ${raised.status} ${JSON.stringify(raised.body)}`);
});
afterAll(async () => stack?.stop());

const get = (path: string, token = d.world.regulatorToken) => stack.call('GET', path, { token });
const ratio = (numerator: number, denominator: number) => ({
  value: denominator ? Math.round((numerator / denominator) * 10_000) / 10_000 : null,
  numerator,
  denominator,
  unit: 'ratio',
});
const measure = (value: number | null, unit: string) => ({ value, numerator: value ?? 0, denominator: 1, unit });

it('gives every figure of the window with its numerator and denominator, the seeds as reference', async () => {
  const res = await get(`/regions/${d.world.regionCode}/dashboard?${window}`);
  expect(res.status).toBe(200);
  const { figures } = res.body;
  expect(figures.coverage).toMatchObject(ratio(2, 3));
  expect(figures.coverage.reference).toMatchObject({ value: 0.923, source: expect.stringContaining('§1') });
  expect(figures.regularService).toMatchObject(ratio(2, 3));
  expect(figures.regularService.reference.value).toBe(0.68);
  expect(figures.sparseVisitHomes).toMatchObject(ratio(1, 2));
  expect(figures.sparseVisitHomes.reference.value).toBe(0.42);
  expect(figures.meetingsOnTime).toEqual(ratio(5, 6));
  expect(figures.requestsAnsweredInTime).toEqual(ratio(1, 3));
  expect(figures.longestRequestWaitDays).toMatchObject(measure(daysSince('2026-03-02'), 'days'));
  expect(figures.referralsWithinTarget).toEqual(ratio(2, 3));
  expect(figures.referralMedianMinutes).toEqual(measure(10, 'minutes'));
  expect(figures.rectificationsOpen).toEqual(measure(2, 'count'));
  expect(figures.rectificationsOverdue).toEqual(measure(1, 'count'));
  expect(figures.revocations).toEqual(measure(1, 'count'));
  expect(res.body.window).toEqual({ from: '2026-01', to: '2026-06', months: expect.arrayContaining(['2026-03']) });
  expect(res.body.asOf).toBe(today());
  expect(res.body.gradesByCycle).toEqual([
    expect.objectContaining({ half: '2026-H1', excellent: 1, qualified: 0, unqualified: 2, pending: 1 }),
  ]);
  expect(Object.keys(res.body.definitions['zh-CN'])).toEqual(Object.keys(res.body.definitions.en));
  expect(Object.keys(res.body.definitions.en)).toEqual(expect.arrayContaining(Object.keys(figures)));
  expect(res.body.lightRule['zh-CN']).toContain('红灯');
});

it("totals the year's subsidy of the contracts in force as the per-contract subsidy does, in yuan from fen", async () => {
  const { subsidy } = (await get(`/regions/${d.world.regionCode}/dashboard?${window}`)).body;
  const each = await Promise.all(
    [d.c1, d.c2, d.c3].map(async (id) => (await get(`/contracts/${id}/subsidy?year=2026`)).body.totalFen as number),
  );
  // 96 residents × 120 yuan: ×1.3 Excellent, ×0 Unqualified, ×1 Qualified.
  expect(each).toEqual([1_497_600, 0, 1_152_000]);
  expect(subsidy).toEqual({ year: 2026, contracts: 3, totalFen: 2_649_600, totalYuan: '26496.00' });
});

it('draws the rates month by month', async () => {
  const { trend } = (await get(`/regions/${d.world.regionCode}/dashboard?${window}`)).body;
  expect(trend.map((m: { month: string }) => m.month)).toEqual([
    '2026-01',
    '2026-02',
    '2026-03',
    '2026-04',
    '2026-05',
    '2026-06',
  ]);
  const series = (key: string) => trend.map((m: Record<string, { value: number | null }>) => m[key]!.value);
  expect(series('regularService')).toEqual([0.6667, 0.6667, 1, 1, 1, 1]);
  expect(series('meetingsOnTime')).toEqual([null, null, 0.6667, null, null, 1]);
  expect(series('requestsAnsweredInTime')).toEqual([null, 1, 0, 0, null, null]);
  expect(series('referralsWithinTarget')).toEqual([null, 1, 0, null, 1, null]);
});

it('lights every contract with its reasons, and filters and pages the table', async () => {
  const base = `/regions/${d.world.regionCode}/dashboard/contracts?${window}`;
  const all = (await get(base)).body;
  expect(all.total).toBe(4);
  const byId = Object.fromEntries(all.items.map((row: { contractId: string }) => [row.contractId, row]));
  expect(byId[d.c1]).toMatchObject({
    light: 'yellow',
    reasons: [{ code: 'request-overdue', count: 1 }],
    visits: { actual: 6, required: 6, periodsMet: 6, periods: 6 },
    meetings: { periodsMet: 2, periods: 2 },
    openRequests: 2,
    grade: 'excellent',
  });
  expect(byId[d.c2]).toMatchObject({ light: 'red', reasons: [{ code: 'periods-missed', count: 3 }] });
  expect(byId[d.c2].care.name).toBe(`Sunrise home ${d.world.regionCode}`);
  expect(byId[d.c3]).toMatchObject({
    light: 'red',
    status: 'rectifying',
    reasons: [{ code: 'rectification-overdue', count: 1 }],
  });
  expect(byId[d.c4]).toMatchObject({ light: 'green', reasons: [], status: 'draft' });

  const ids = (body: { items: { contractId: string }[] }) => body.items.map((r) => r.contractId).sort();
  expect(ids((await get(`${base}&light=red`)).body)).toEqual([d.c2, d.c3].sort());
  expect(ids((await get(`${base}&q=sunrise`)).body)).toEqual([d.c2]);
  expect(ids((await get(`${base}&q=Riverside&light=green`)).body)).toEqual([]);
  const page2 = (await get(`${base}&page=2&pageSize=3`)).body;
  expect(page2).toMatchObject({ total: 4, page: 2, pageSize: 3 });
  expect(page2.items).toHaveLength(1);
  expect(page2.items[0]).toEqual(all.items[3]);
});

it('GET /contracts filters by light, institution and text, within the caller’s scope', async () => {
  const ids = async (query: string, token = d.world.regulatorToken) =>
    ((await get(`/contracts?${query}`, token)).body.items as { id: string }[]).map((c) => c.id).sort();
  const mine = [d.c1, d.c2, d.c3, d.c4];
  expect((await ids('light=red')).filter((id) => mine.includes(id))).toEqual([d.c2, d.c3].sort());
  expect(await ids(`institutionId=${d.homeB.institutionId}`)).toEqual([d.c2]);
  expect(await ids(`q=${encodeURIComponent(`Lonely home ${d.world.regionCode}`)}`)).toEqual([d.c4]);
  expect(await ids(`q=${d.world.regionCode}&status=active&light=red`)).toEqual([d.c2]);
  expect(await ids('light=red', d.homeB.partyToken)).toEqual([d.c2]);
  expect(await ids('q=Riverside&limit=1&offset=0')).toHaveLength(1);
});

it('exports the table as CSV with a BOM and as an Excel workbook, both read back', async () => {
  const path = `/regions/${d.world.regionCode}/dashboard/contracts/export?${window}`;
  const csv = await get(`${path}&format=csv&light=red`);
  expect(csv.status).toBe(200);
  expect(csv.contentType).toBe('text/csv; charset=utf-8');
  const raw = await fetch(`${stack.baseUrl}${path}&format=csv&light=red`, {
    headers: { authorization: `Bearer ${d.world.regulatorToken}` },
  });
  expect(raw.headers.get('content-disposition')).toContain(`contracts-${d.world.regionCode}-2026-01-2026-06-red.csv`);
  const bytes = Buffer.from(await raw.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
  const [header, ...rows] = lines.map((line) => line.split(','));
  expect(header!.slice(0, 3)).toEqual(['合同编号', '医疗机构', '养老机构']);
  expect(rows.map((r) => r[0]).sort()).toEqual([d.c2, d.c3].sort());
  expect(rows.every((r) => r[header!.indexOf('信号灯')] === 'red')).toBe(true);

  const xlsx = await fetch(`${stack.baseUrl}${path}&format=xlsx`, {
    headers: { authorization: `Bearer ${d.world.regulatorToken}` },
  });
  expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const sheet = await readSheet(Buffer.from(await xlsx.arrayBuffer()));
  const [titles, ...cells] = sheet as unknown[][];
  expect(titles).toContain('信号灯');
  const light = titles!.indexOf('信号灯');
  const lightOf = Object.fromEntries(cells.map((row) => [row[0], row[light]]));
  expect(lightOf).toEqual({ [d.c1]: 'yellow', [d.c2]: 'red', [d.c3]: 'red', [d.c4]: 'green' });
  const visits = titles!.indexOf('上门次数');
  expect(cells.find((row) => row[0] === d.c2)![visits]).toBe(4);
  // The contract check of the documented content type, through the checked client.
  expect((await get(`${path}&format=xlsx`)).status).toBe(200);
});

it('defaults the window to the 12 months ending with the current one, and refuses a window that ends before it starts', async () => {
  const res = await get(`/regions/${d.world.regionCode}/dashboard`);
  expect(res.status).toBe(200);
  expect(res.body.window.to).toBe(today().slice(0, 7));
  expect(res.body.window.months).toHaveLength(12);
  for (const query of ['from=2026-06&to=2026-01', 'from=2026-13', 'to=2026-1', 'from=2010-01&to=2026-01']) {
    const refused = await get(`/regions/${d.world.regionCode}/dashboard?${query}`);
    expect(refused.status).toBe(400);
    expect(refused.body.type).toBe('/problems/validation-failed');
  }
  expect((await get(`/regions/${d.world.regionCode}/dashboard/contracts?light=blue`)).status).toBe(400);
  expect((await get(`/regions/${d.world.regionCode}/dashboard/contracts/export?format=pdf`)).status).toBe(400);
});

it("refuses another region's regulator (404, as for a region that does not exist) and every other role (403)", async () => {
  const other = await createWorld(stack);
  const code = d.world.regionCode;
  for (const path of [
    `/regions/${code}/dashboard`,
    `/regions/${code}/dashboard/contracts`,
    `/regions/${code}/dashboard/contracts/export?format=xlsx`,
  ]) {
    const refused = await get(path, other.regulatorToken);
    expect(refused.status).toBe(404);
    expect(JSON.stringify(refused.body)).not.toContain('Sunrise');
    expect((await get(path, d.world.care.partyToken)).status).toBe(403);
    expect((await get(path, d.world.care.liaisonToken)).status).toBe(403);
    expect((await get(path, stack.adminToken)).status).toBe(200);
  }
  expect((await get('/regions/NOPE-1/dashboard')).status).toBe(404);
});
