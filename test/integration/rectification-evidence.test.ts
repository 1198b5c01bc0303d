import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { storeEvidenceFile } from '../../platform/evidence-storage';
import { EVIDENCE_SWEEP_SCHEDULE_ID, ensureEvidenceSweepSchedule } from '../../platform/maintenance-schedules';
import { countRows } from '../support/db-counts';
import { createParty, eventually, Party } from '../support/fixtures';
import { Order, unqualifiedOrder } from '../support/rectification-fixtures';
import { startStack, TestStack } from '../support/stack';

let stack: TestStack;

const MAX_FILE_BYTES = 1024 * 1024;

beforeAll(async () => {
  stack = await startStack({ evidence: { maxFileBytes: MAX_FILE_BYTES, maxFiles: 3 } });
});
afterAll(async () => stack?.stop());

/**
 * Each test's own order awaiting evidence, in a region of its own. Policy time runs at the wall
 * clock's pace, so the order still awaits evidence however long the test takes.
 */
const evidenceOrder = () => unqualifiedOrder(stack, { timeScale: 1 });

/** A hospital of the order's region that is no party to its contract. */
const strangerOf = (order: Order): Promise<Party> =>
  createParty(
    stack,
    order.world.regulatorToken,
    order.world.regionCode,
    'medical',
    `Other Hospital ${order.world.regionCode}`,
    'en',
  );

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const addressOf = (content: Buffer) => path.join(stack.evidence.dir, sha256(content).slice(0, 2), sha256(content));
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1'),
  randomBytes(300_000),
  Buffer.from('\n%%EOF\n'),
]);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
// 1,000,000 characters, ~3 MB of UTF-8: beyond any workflow payload, so texts must travel by reference.
const LONG_TEXT = '已整改：补齐巡诊记录并开展急诊转诊演练。'.repeat(50_000);

type Part = [name: string, value: string | Buffer, filename?: string, type?: string];
function form(parts: Part[]): FormData {
  const f = new FormData();
  for (const [name, value, filename, type] of parts) {
    if (typeof value === 'string' && filename === undefined) f.append(name, value);
    else f.append(name, new Blob([value], { type: type ?? 'application/octet-stream' }), filename);
  }
  return f;
}

async function upload(
  rectificationId: string,
  token: string,
  body: FormData | string,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${stack.baseUrl}/rectifications/${rectificationId}/evidence`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, ...headers },
    body,
  });
  const text = await res.text();
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    body: /json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : text,
  };
}

/** A PDF, a photo for finding F1 and a million-character text for it: what the accepting tests submit. */
const fullEvidence = (): Part[] => [
  ['file', PDF, 'report.pdf', 'application/pdf'],
  ['file:F1', PNG, '整改照片.png', 'image/png'],
  ['text:F1', LONG_TEXT],
];

async function submitFullEvidence(order: Order, idempotencyKey: string) {
  const res = await upload(order.rectificationId, order.world.care.liaisonToken, form(fullEvidence()), {
    'Idempotency-Key': idempotencyKey,
  });
  expect(res.status).toBe(201);
  return res.body;
}

/** What one order's submissions recorded; other tests' orders share the database and are not counted. */
async function rowsOf(order: Order) {
  const [files] = await stack
    .db('evidence_files as f')
    .join('evidence_submissions as s', 's.id', 'f.submission_id')
    .where({ 's.rectification_id': order.rectificationId })
    .count({ count: '*' });
  return {
    submissions: await countRows(stack.db, 'evidence_submissions', { rectification_id: order.rectificationId }),
    files: Number(files?.count ?? 0),
  };
}
// Tests in a file run one at a time, so the temporary folder holds only the running test's uploads.
const tempFiles = () =>
  fs.existsSync(path.join(stack.evidence.dir, '.tmp')) ? fs.readdirSync(path.join(stack.evidence.dir, '.tmp')) : [];

/** A refused upload answers with the problem and leaves no record for the order and no temporary file. */
async function expectRefused(
  order: Order,
  res: Awaited<ReturnType<typeof upload>>,
  status: number,
  type: string,
  detail?: RegExp,
) {
  expect({ status: res.status, type: res.body.type }).toEqual({ status, type: `/problems/${type}` });
  expect(res.contentType).toContain('application/problem+json');
  if (detail) expect(res.body.detail).toMatch(detail);
  expect(await rowsOf(order)).toEqual({ submissions: 0, files: 0 });
  expect(tempFiles()).toEqual([]);
}

it('refuses uploads from anyone but a party of the contract before reading them', async () => {
  const order = await evidenceOrder();
  const stranger = await strangerOf(order);
  const files = () => form([['file', PDF, 'report.pdf', 'application/pdf']]);
  await expectRefused(
    order,
    await upload(order.rectificationId, order.world.regulatorToken, files()),
    403,
    'forbidden',
  );
  await expectRefused(order, await upload(order.rectificationId, stranger.partyToken, files()), 404, 'not-found');
  await expectRefused(
    order,
    await upload('00000000-0000-4000-8000-000000000000', order.world.care.liaisonToken, files()),
    404,
    'not-found',
  );
  const anonymous = await fetch(`${stack.baseUrl}/rectifications/${order.rectificationId}/evidence`, {
    method: 'POST',
    body: files(),
  });
  expect(anonymous.status).toBe(401);
  expect(await rowsOf(order)).toEqual({ submissions: 0, files: 0 });
});

it('refuses an oversized file, naming the part, while streaming it', async () => {
  const order = await evidenceOrder();
  const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(MAX_FILE_BYTES)]);
  const res = await upload(
    order.rectificationId,
    order.world.care.partyToken,
    form([
      ['file', PDF, 'fine.pdf'],
      ['file:F1', big, 'scan.pdf', 'application/pdf'],
    ]),
  );
  await expectRefused(order, res, 413, 'evidence-too-large', /part "file:F1" \(scan\.pdf\).*larger than 1048576 bytes/);
  expect(res.body).toMatchObject({ part: 'file:F1', filename: 'scan.pdf' });
  // The earlier good part may stay in content-addressed storage; it is no record.
  expect(fs.existsSync(addressOf(PDF))).toBe(true);
});

it('refuses disguised types whatever their name and declared type says', async () => {
  const order = await evidenceOrder();
  const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), randomBytes(50_000)]);
  const asExe = await upload(
    order.rectificationId,
    order.world.care.partyToken,
    form([['file', exe, 'report.pdf', 'application/pdf']]),
  );
  await expectRefused(order, asExe, 415, 'evidence-type-not-allowed', /report\.pdf/);
  expect(asExe.body.detectedType).toBe('application/vnd.microsoft.portable-executable');
  const html = Buffer.from('<!DOCTYPE html><html><body><script>document.cookie</script></body></html>');
  const asHtml = await upload(
    order.rectificationId,
    order.world.medical.liaisonToken,
    form([['file:F1', html, 'report.pdf', 'application/pdf']]),
  );
  await expectRefused(order, asHtml, 415, 'evidence-type-not-allowed');
  expect(asHtml.body.detectedType).toBe('text/html');
});

it('refuses too many files, unknown findings and malformed bodies', async () => {
  const order = await evidenceOrder();
  const send = (body: FormData | string, headers: Record<string, string> = {}) =>
    upload(order.rectificationId, order.world.care.partyToken, body, headers);
  const four = form([1, 2, 3, 4].map((i) => ['file', PNG, `photo-${i}.png`, 'image/png'] as Part));
  await expectRefused(order, await send(four), 413, 'evidence-too-large', /more than 3 files/);
  await expectRefused(order, await send(form([['text:F9', 'done']])), 400, 'evidence-malformed', /no finding F9/);
  await expectRefused(order, await send(form([['comment', 'done']])), 400, 'evidence-malformed', /part "comment"/);
  // PostgreSQL cannot store NUL: the worker would retry writing such a text for ever.
  const nul = await send(
    form([
      ['text:F1', 'done\u0000'],
      ['file', PNG, 'photo.png', 'image/png'],
    ]),
  );
  await expectRefused(order, nul, 400, 'validation-failed', /parts\.text:F1: contains U\+0000/);
  expect(nul.body.errors).toEqual([{ path: 'parts.text:F1', message: expect.stringContaining('NUL') }]);
  await expectRefused(order, await send(form([])), 400, 'evidence-malformed');
  await expectRefused(
    order,
    await send(JSON.stringify({ text: 'done' }), { 'content-type': 'application/json' }),
    400,
    'evidence-malformed',
    /multipart\/form-data/,
  );
  const cut =
    '--b\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n' +
    'Content-Type: application/pdf\r\n\r\n%PDF-1.7 and then nothing';
  await expectRefused(
    order,
    await send(cut, { 'content-type': 'multipart/form-data; boundary=b' }),
    400,
    'evidence-malformed',
  );
});

it('forgets an upload the client abandons midway', async () => {
  const order = await evidenceOrder();
  const controller = new AbortController();
  const body = new ReadableStream({
    start(stream) {
      stream.enqueue(
        Buffer.from(
          '--cut\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n' +
            'Content-Type: application/pdf\r\n\r\n%PDF-1.7\n',
        ),
      );
      stream.enqueue(randomBytes(200_000)); // and never the rest
    },
  });
  const init = {
    method: 'POST',
    headers: {
      authorization: `Bearer ${order.world.care.partyToken}`,
      'content-type': 'multipart/form-data; boundary=cut',
    },
    body,
    duplex: 'half',
    signal: controller.signal,
  };
  const sending = fetch(`${stack.baseUrl}/rectifications/${order.rectificationId}/evidence`, init as RequestInit).catch(
    (error: Error) => error,
  );
  await eventually(async () => tempFiles().length === 1, 'the upload to reach storage');
  controller.abort();
  expect(await sending).toMatchObject({ name: 'AbortError' });
  await eventually(async () => tempFiles().length === 0, 'the temporary file to be removed');
  expect(await rowsOf(order)).toEqual({ submissions: 0, files: 0 });
});

it('accepts files and per-finding texts of any length, stores each at its content address and records the submission once', async () => {
  const order = await evidenceOrder();
  const { rectificationId } = order;
  const res = await upload(rectificationId, order.world.care.liaisonToken, form(fullEvidence()), {
    'Idempotency-Key': 'evidence-1',
  });
  expect(res.status).toBe(201);
  const receipt = res.body;
  expect(receipt).toEqual({
    submissionId: expect.any(String),
    rectificationId,
    receivedAt: expect.any(String),
    texts: 1,
    files: [
      { filename: 'report.pdf', contentType: 'application/pdf', size: PDF.length, sha256: sha256(PDF) },
      { findingId: 'F1', filename: '整改照片.png', contentType: 'image/png', size: PNG.length, sha256: sha256(PNG) },
    ],
  });
  expect(await rowsOf(order)).toEqual({ submissions: 1, files: 2 });
  const stored = await stack.db('evidence_submissions').where({ id: receipt.submissionId }).first();
  expect(stored).toMatchObject({ rectification_id: rectificationId, submitted_by: order.world.care.liaisonId });
  expect(stored.texts).toEqual([{ findingId: 'F1', text: LONG_TEXT }]);
  for (const content of [PDF, PNG]) expect(fs.readFileSync(addressOf(content)).equals(content)).toBe(true);
  expect(tempFiles()).toEqual([]);

  const retry = await upload(rectificationId, order.world.care.liaisonToken, form(fullEvidence()), {
    'Idempotency-Key': 'evidence-1',
  });
  expect(retry.status).toBe(200);
  expect(retry.body).toEqual(receipt);
  expect(await rowsOf(order)).toEqual({ submissions: 1, files: 2 });
  const reused = await upload(rectificationId, order.world.care.liaisonToken, form([['file', PNG, 'other.png']]), {
    'Idempotency-Key': 'evidence-1',
  });
  expect(reused.status).toBe(422);
  expect(reused.body.type).toBe('/problems/idempotency-key-reused');

  const again = await upload(rectificationId, order.world.medical.partyToken, form([['file', PNG, 'late.png']]));
  expect(again.status).toBe(409);
  expect(again.body.type).toBe('/problems/rectification-wrong-step');
  expect(await rowsOf(order)).toEqual({ submissions: 1, files: 2 });
});

it('lists the evidence to the parties and the regulator, and serves the stored bytes', async () => {
  const order = await evidenceOrder();
  const { rectificationId, world } = order;
  const stranger = await strangerOf(order);
  const receipt = await submitFullEvidence(order, 'evidence-listed');

  const list = await stack.call('GET', `/rectifications/${rectificationId}/evidence`, { token: world.regulatorToken });
  expect(list.status).toBe(200);
  expect(list.body.items).toEqual([
    {
      id: receipt.submissionId,
      rectificationId,
      submittedBy: world.care.liaisonId,
      receivedAt: receipt.receivedAt,
      texts: [{ findingId: 'F1', text: LONG_TEXT }],
      files: receipt.files,
    },
  ]);
  expect(
    (await stack.call('GET', `/rectifications/${rectificationId}/evidence`, { token: world.medical.partyToken }))
      .status,
  ).toBe(200);
  expect(
    (await stack.call('GET', `/rectifications/${rectificationId}/evidence`, { token: stranger.partyToken })).status,
  ).toBe(404);

  for (const [content, type, name] of [
    [PDF, 'application/pdf', 'report.pdf'],
    [PNG, 'image/png', '%E6%95%B4%E6%94%B9%E7%85%A7%E7%89%87.png'],
  ] as const) {
    const res = await fetch(`${stack.baseUrl}/rectifications/${rectificationId}/evidence/files/${sha256(content)}`, {
      headers: { authorization: `Bearer ${world.medical.liaisonToken}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('content-disposition')).toMatch(
      new RegExp(`^attachment; filename.*${name.replace('.', '\\.')}`),
    );
    expect(Buffer.from(await res.arrayBuffer()).equals(content)).toBe(true);
  }
  const foreign = await stack.call(
    'GET',
    `/rectifications/${rectificationId}/evidence/files/${sha256(Buffer.from('never uploaded'))}`,
    { token: world.regulatorToken },
  );
  expect(foreign.status).toBe(404);
  const hidden = await stack.call('GET', `/rectifications/${rectificationId}/evidence/files/${sha256(PDF)}`, {
    token: stranger.partyToken,
  });
  expect(hidden.status).toBe(404);
});

/** Every content address in storage, and which of them some evidence file record refers to. */
async function storage() {
  const stored = fs
    .readdirSync(stack.evidence.dir)
    .filter((prefix) => /^[0-9a-f]{2}$/.test(prefix))
    .flatMap((prefix) => fs.readdirSync(path.join(stack.evidence.dir, prefix)))
    .sort();
  const recorded = new Set((await stack.db('evidence_files').distinct('sha256')).map((r) => r.sha256 as string));
  return {
    stored,
    recorded: stored.filter((address) => recorded.has(address)),
    unrecorded: stored.filter((address) => !recorded.has(address)),
  };
}

it('sweeps stored content nothing refers to (a refused upload, a recorded text), never recorded files', async () => {
  const order = await evidenceOrder();
  const { rectificationId, world } = order;
  await submitFullEvidence(order, 'evidence-swept');
  const ORPHAN = Buffer.concat([PDF, Buffer.from('a different file')]);
  // The order is under review: the API asks it first and refuses without storing anything.
  const refused = await upload(rectificationId, world.care.liaisonToken, form([['file', ORPHAN, 'late.pdf']]));
  expect({ status: refused.status, type: refused.body.type }).toEqual({
    status: 409,
    type: '/problems/rectification-wrong-step',
  });
  expect(fs.existsSync(addressOf(ORPHAN))).toBe(false);
  // Only a refusal by the workflow itself (its step changed after the API asked) leaves a stored file.
  await storeEvidenceFile(stack.evidence.dir, Readable.from([ORPHAN]), {
    maxBytes: MAX_FILE_BYTES,
    allowedTypes: ['application/pdf'],
  });
  const textFile = addressOf(Buffer.from(LONG_TEXT));
  expect([fs.existsSync(addressOf(ORPHAN)), fs.existsSync(textFile)]).toEqual([true, true]);

  // Other tests' uploads share the storage: the sweep must remove exactly
  // what no record refers to, this test's orphan and text among it.
  const before = await storage();
  expect(before.unrecorded).toEqual(expect.arrayContaining([sha256(ORPHAN), sha256(Buffer.from(LONG_TEXT))]));
  expect(before.recorded).toEqual(expect.arrayContaining([sha256(PDF), sha256(PNG)]));
  // Grace 0 days: everything stored before now is old enough. The daily schedule runs the same workflow.
  const sweep = () =>
    stack.temporal.workflow.execute('evidenceSweepWorkflow', {
      taskQueue: stack.taskQueue,
      workflowId: `evidence-sweep-${randomBytes(4).toString('hex')}`,
      args: [{ graceDays: 0 }],
    });
  expect(await sweep()).toEqual({
    removed: before.unrecorded.length,
    kept: before.recorded.length,
    removedPartials: 0,
  });
  expect([fs.existsSync(addressOf(ORPHAN)), fs.existsSync(textFile)]).toEqual([false, false]);
  expect((await storage()).stored).toEqual(before.recorded);
  expect(await sweep()).toEqual({ removed: 0, kept: before.recorded.length, removedPartials: 0 });

  // What was recorded is untouched: the files still download, the text is served from its row.
  for (const content of [PDF, PNG]) {
    const res = await fetch(`${stack.baseUrl}/rectifications/${rectificationId}/evidence/files/${sha256(content)}`, {
      headers: { authorization: `Bearer ${world.regulatorToken}` },
    });
    expect(Buffer.from(await res.arrayBuffer()).equals(content)).toBe(true);
  }
  const list = await stack.call('GET', `/rectifications/${rectificationId}/evidence`, { token: world.regulatorToken });
  expect(list.body.items[0].texts).toEqual([{ findingId: 'F1', text: LONG_TEXT }]);
});

it('keeps one daily sweep schedule, updated rather than duplicated when the grace period changes', async () => {
  const schedule = stack.temporal.schedule.getHandle(EVIDENCE_SWEEP_SCHEDULE_ID);
  try {
    await ensureEvidenceSweepSchedule(stack.temporal, stack.taskQueue, 30);
    await ensureEvidenceSweepSchedule(stack.temporal, stack.taskQueue, 45);
    const described = await schedule.describe();
    expect(described.spec.calendars).toEqual([
      expect.objectContaining({ hour: [{ start: 3, end: 3, step: 1 }], minute: [{ start: 0, end: 0, step: 1 }] }),
    ]);
    expect(described.spec.timezone).toBe('Asia/Shanghai');
    expect(described.action).toMatchObject({
      workflowType: 'evidenceSweepWorkflow',
      args: [{ graceDays: 45 }],
      taskQueue: stack.taskQueue,
    });
  } finally {
    await schedule.delete().catch(() => undefined);
  }
});

it('describes the upload in the OpenAPI document', async () => {
  const doc = (await stack.call('GET', '/openapi.json')).body;
  const post = doc.paths['/rectifications/{id}/evidence'].post;
  expect(Object.keys(post.requestBody.content)).toEqual(['multipart/form-data']);
  expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['201', '413', '415']));
  expect(doc.paths['/rectifications/{id}/evidence/files/{sha256}'].get).toBeDefined();
});
